"""What a monograph is: the shape every version must have, shipped or edited in the UI.

The fields follow the three public formats the coop aligns with (Health Canada NNHPD, WHO,
EMA/HMPC; ``shared/reference/disciplines.md`` §3.2). Every text a person reads is given in
French and English (``{"fr": ..., "en": ...}``), so a printed recommendation or an alert reads
in the reader's language, whoever wrote it. Every interaction rule names its sources, and every
source is listed, so each alert can say where it comes from.
"""

from __future__ import annotations

import re
from functools import cache

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from plugins.herbalism import _
from plugins.herbalism.knowledge import DATA, KnowledgeError, allergy_groups, atc_classes, read

SEVERITIES = ("contraindicated", "major", "moderate", "low")
EVIDENCE = ("clinical", "traditional")
PREGNANCY_ADVICE = ("avoid", "caution", "compatible")
CONDITIONS = ("liver_disease", "kidney_disease", "hypertension", "planned_surgery", "alcohol")
POPULATIONS = ("adults", "adolescents", "children_6_11", "children_2_5")
FORMS = ("infusion", "decoction", "tincture", "fluid_extract", "dry_extract", "soft_extract",
         "powder", "fresh", "fresh_juice", "syrup", "enteric_capsule", "gargle")
SOURCE_KINDS = ("nnhpd", "who", "ema", "literature")
CODE = re.compile(r"^[a-z][a-z_]{2,59}$")


class Text(fields.Dict):
    """A text in both languages: ``{"fr": "...", "en": "..."}``, neither empty."""

    def _deserialize(self, value, attr, data, **kwargs):
        value = super()._deserialize(value, attr, data, **kwargs)
        if set(value) != {"fr", "en"} or not all(isinstance(v, str) and v.strip()
                                                   for v in value.values()):
            raise ValidationError(str(_("Write this text in French and in English.")))
        return {"fr": value["fr"].strip(), "en": value["en"].strip()}


class Names(fields.Dict):
    """Common names in both languages: ``{"fr": [...], "en": [...]}``, at least one each."""

    def _deserialize(self, value, attr, data, **kwargs):
        value = super()._deserialize(value, attr, data, **kwargs)
        ok = set(value) == {"fr", "en"} and all(
            isinstance(v, list) and v and all(isinstance(n, str) and n.strip() for n in v)
            for v in value.values())
        if not ok:
            raise ValidationError(str(_("Give at least one common name in French and one in "
                                        "English.")))
        return {lang: [n.strip() for n in names] for lang, names in value.items()}


def _one_of(choices):
    """The message stays lazy: it is rendered in the reader's language when refused."""
    return validate.OneOf(choices, error=_("Choose one of the options."))


class PreparationSchema(Schema):
    """A preparation: its form, its herb-to-extract ratio, its solvent."""

    form = fields.String(required=True, validate=_one_of(FORMS))
    ratio = fields.String(load_default="")
    solvent = fields.String(load_default="")


class UseSchema(Schema):
    """A use, with its evidence (clinical data, or traditional use)."""

    claim = Text(required=True)
    evidence = fields.String(required=True, validate=_one_of(EVIDENCE))


class DoseSchema(Schema):
    """The dose for one population."""

    population = fields.String(required=True, validate=_one_of(POPULATIONS))
    dose = Text(required=True)


class PregnancySchema(Schema):
    """Pregnancy or breastfeeding: avoid (blocks), caution (informs), compatible."""

    advice = fields.String(required=True, validate=_one_of(PREGNANCY_ADVICE))
    note = Text(required=True)


class RuleSchema(Schema):
    """An interaction: the drug classes (``atc.json``) or the other herbs (their monograph
    codes) it concerns, its severity, its sources. A herb–herb rule is written in both herbs'
    monographs, so the check finds it whichever herb is recommended second."""

    id = fields.String(required=True, validate=validate.Regexp(
        CODE, error=_("Use lower-case letters and underscores.")))
    classes = fields.List(fields.String(), load_default=list)
    herbs = fields.List(fields.String(validate=validate.Regexp(
        CODE, error=_("Use lower-case letters and underscores (genus_species)."))),
        load_default=list)
    severity = fields.String(required=True, validate=_one_of(SEVERITIES))
    effect = Text(required=True)
    advice = Text(required=True)
    sources = fields.List(fields.String(), required=True, validate=validate.Length(min=1))

    @validates_schema
    def _names_something(self, data, **kwargs):
        if not data.get("classes") and not data.get("herbs"):
            raise ValidationError(str(_("Name the drug classes or the herbs this interaction "
                                        "concerns.")), "classes")


class ConditionSchema(Schema):
    """A caution tied to the person's health (from the intake): liver disease, surgery..."""

    condition = fields.String(required=True, validate=_one_of(CONDITIONS))
    severity = fields.String(required=True, validate=_one_of(SEVERITIES))
    effect = Text(required=True)
    sources = fields.List(fields.String(), required=True, validate=validate.Length(min=1))


class BlockedSchema(Schema):
    """An herb never recommended (kava), with why and the sources."""

    reason = Text(required=True)
    sources = fields.List(fields.String(), required=True, validate=validate.Length(min=1))


class SourceSchema(Schema):
    """A source: Health Canada NNHPD, WHO volume, EMA/HMPC monograph, or literature."""

    kind = fields.String(required=True, validate=_one_of(SOURCE_KINDS))
    title = fields.String(required=True, validate=validate.Length(min=3, max=400))
    url = fields.Url(required=True)
    published = fields.String(load_default=None, allow_none=True)
    #: kept as written (ISO date) so the document stays plain JSON
    consulted = fields.String(required=True, validate=validate.Regexp(
        r"^\d{4}-\d{2}-\d{2}$", error=_("Write the date as 2026-12-05.")))


class MonographSchema(Schema):
    """One monograph version, as stored (``document``) and as shipped (``data/monographs``)."""

    code = fields.String(required=True, validate=validate.Regexp(
        CODE, error=_("Use lower-case letters and underscores (genus_species).")))
    latin_binomial = fields.String(required=True, validate=validate.Length(min=3, max=200))
    family = fields.String(required=True, validate=validate.Length(min=3, max=80))
    common_names = Names(required=True)
    part_used = Text(required=True)
    preparations = fields.List(fields.Nested(PreparationSchema), load_default=list)
    uses = fields.List(fields.Nested(UseSchema), required=True, validate=validate.Length(min=1))
    doses = fields.List(fields.Nested(DoseSchema), required=True)
    max_duration = Text(load_default=None, allow_none=True)
    contraindications = fields.List(Text(), load_default=list)
    warnings = fields.List(Text(), load_default=list)
    pregnancy = fields.Nested(PregnancySchema, required=True)
    lactation = fields.Nested(PregnancySchema, required=True)
    paediatric = Text(required=True)
    adverse_effects = fields.List(Text(), load_default=list)
    allergy_group = fields.String(load_default=None, allow_none=True)
    interactions = fields.List(fields.Nested(RuleSchema), load_default=list)
    conditions = fields.List(fields.Nested(ConditionSchema), load_default=list)
    always_blocked = fields.Nested(BlockedSchema, load_default=None, allow_none=True)
    sources = fields.Dict(keys=fields.String(), values=fields.Nested(SourceSchema),
                          required=True, validate=validate.Length(min=1))
    #: when the coop last reviewed the monograph against its sources (ISO date)
    reviewed_on = fields.String(load_default=None, allow_none=True, validate=validate.Regexp(
        r"^\d{4}-\d{2}-\d{2}$", error=_("Write the date as 2026-12-05.")))

    @validates_schema
    def _references_hold(self, data, **kwargs):
        """Every rule names known drug classes and listed sources; rule ids are unique."""
        sources, classes = set(data.get("sources") or {}), atc_classes()
        cited = [s for r in data.get("interactions", []) + data.get("conditions", [])
                 for s in r["sources"]] + list((data.get("always_blocked") or {}).get("sources", []))
        errors = {}
        if unknown := sorted({s for s in cited if s not in sources}):
            errors["sources"] = [str(_("These sources are cited but not listed: %(ids)s",
                                       ids=", ".join(unknown)))]
        named = [c for r in data.get("interactions", []) for c in r["classes"]]
        if unknown := sorted({c for c in named if c not in classes}):
            errors["interactions"] = [str(_("Unknown drug classes: %(ids)s", ids=", ".join(unknown)))]
        herbs = {h for r in data.get("interactions", []) for h in r["herbs"]}
        if unknown := sorted(herbs - known_herbs() | (herbs & {data.get("code")})):
            errors.setdefault("interactions", []).append(str(_(
                "Unknown herbs (or the herb itself): %(ids)s", ids=", ".join(unknown))))
        ids = [r["id"] for r in data.get("interactions", [])]
        if len(ids) != len(set(ids)):
            errors.setdefault("interactions", []).append(str(_("Two rules have the same id.")))
        group = data.get("allergy_group")
        if group and group not in allergy_groups():
            errors["allergy_group"] = [str(_("Unknown plant family: %(id)s", id=group))]
        if errors:
            raise ValidationError(errors)


@cache
def known_herbs() -> frozenset[str]:
    """Codes a herb–herb rule may name: the shipped monographs (one file per herb)."""
    return frozenset(path.stem for path in (DATA / "monographs").glob("*.json"))


@cache
def shipped_monographs() -> dict[str, dict]:
    """Herb code -> validated monograph document, as shipped in ``data/monographs``."""
    out = {}
    for path in sorted((DATA / "monographs").glob("*.json")):
        try:
            doc = MonographSchema().load(read(path))
        except ValidationError as exc:
            raise KnowledgeError(f"{path.name}: {exc.messages}") from exc
        out[doc["code"]] = doc
    return out
