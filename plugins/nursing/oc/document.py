"""An ordonnance collective as a data document, checked against M-9, r. 25.1, art. 24.

Every OC is a JSON document (shipped ones live in ``plugins/nursing/data/oc/``; the coop adds
its own from the registry page). :class:`OcDocumentSchema` checks that the 17 elements the
regulation requires are there, plus the effective and expiry dates, the questions the nurse
answers, and that every rule follows :mod:`plugins.nursing.oc.rules`. Texts meant for people
are given in French (required, Charter of the French language) and English: ``{"fr": ..., "en": ...}``.

The 17 elements and their keys: 1 ``effective_date``; 2 ``name``, ``purpose``; 3 ``authorized``
(disciplines, required trainings, requirements); 4 ``target_population``; 5 ``activity``;
6 ``indications``; 7 ``therapeutic_target``; 8 ``protocol``; 9 ``contraindications``;
10 ``referral_criteria``; 11 ``responding_physician``; 12 ``tools``; 13 ``sources``;
14 ``last_revised``; 15 ``prescribers``; 16 ``communication``; 17 ``signatures``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from core.api import MAX_ID, french_typography, load_json

from plugins.nursing.oc.rules import DERIVED_FACTS, RuleError, check_condition

ACTIVITIES = ("initiate_treatment", "adjust_treatment", "initiate_diagnostics",
              "initiate_and_adjust", "administer")
QUESTION_TYPES = ("boolean", "number", "choice")
_ID = validate.Regexp(r"^[a-z][a-z0-9_]{0,59}$", error="use lower-case letters, digits and _")


def _has_french(value: dict) -> None:
    if not isinstance(value, dict) or not str(value.get("fr", "")).strip():
        raise ValidationError("a French text is required: {\"fr\": ..., \"en\": ...}")


def Localized(**kw):
    """``{"fr": ..., "en": ...}`` with French required."""
    return fields.Dict(keys=fields.String(validate=validate.OneOf(["fr", "en"])),
                       values=fields.String(), validate=_has_french, **kw)


class _Strict(Schema):
    class Meta:
        unknown = "raise"


class ChoiceSchema(_Strict):
    value = fields.String(required=True)
    label = Localized(required=True)


class QuestionSchema(_Strict):
    id = fields.String(required=True, validate=_ID)
    type = fields.String(required=True, validate=validate.OneOf(QUESTION_TYPES))
    label = Localized(required=True)
    help = Localized()
    unit = fields.String()
    min = fields.Float()
    max = fields.Float()
    optional = fields.Boolean()
    choices = fields.List(fields.Nested(ChoiceSchema))

    @validates_schema
    def _choices(self, data, **kwargs):
        if data["type"] == "choice" and not data.get("choices"):
            raise ValidationError("a choice question needs 'choices'", "choices")


class RuleItemSchema(_Strict):
    id = fields.String(required=True, validate=_ID)
    label = Localized(required=True)
    when = fields.Dict(required=True)
    #: contraindications: who takes over instead of the nurse (an IPS or a physician)
    route_to = Localized()
    #: referral criteria: does the referral stop the nurse (True) or come on top of the act?
    blocks = fields.Boolean()


class PlanItemSchema(_Strict):
    when = fields.Dict()
    text = Localized(required=True)


class PersonSchema(_Strict):
    name = fields.String(required=True, validate=validate.Length(min=1))
    licence = fields.String(required=True, validate=validate.Length(min=1))
    phone = fields.String()
    responsibilities = Localized()


class OcDocumentSchema(_Strict):
    """The whole document; loading it raises ValidationError with every problem found."""

    code = fields.String(required=True, validate=validate.Regexp(r"^[A-Z0-9][A-Z0-9-]{1,59}$"))
    version = fields.Integer(required=True, validate=validate.Range(min=1, max=MAX_ID))
    effective_date = fields.Date(required=True)                                        # 1
    expires_on = fields.Date(required=True)
    name = Localized(required=True)                                                    # 2
    purpose = Localized(required=True)
    authorized = fields.Nested(type("AuthorizedSchema", (_Strict,), {                  # 3
        "disciplines": fields.List(fields.String(), required=True,
                                   validate=validate.Length(min=1)),
        "required_trainings": fields.List(fields.String(), load_default=list),
        "requirements": Localized()}), required=True)
    target_population = fields.Nested(type("PopulationSchema", (_Strict,), {          # 4
        "label": Localized(required=True), "when": fields.Dict(required=True)}), required=True)
    activity = fields.Nested(type("ActivitySchema", (_Strict,), {                       # 5
        "code": fields.String(required=True, validate=validate.OneOf(ACTIVITIES)),
        "label": Localized(required=True)}), required=True)
    indications = fields.List(fields.Nested(RuleItemSchema), required=True,            # 6
                              validate=validate.Length(min=1))
    therapeutic_target = Localized(allow_none=True, load_default=None)                 # 7
    protocol = fields.Nested(type("ProtocolRefSchema", (_Strict,), {                    # 8
        "reference": fields.String(required=True), "version": fields.String(),
        "url": fields.String()}), required=True)
    contraindications = fields.List(fields.Nested(RuleItemSchema), required=True)      # 9
    referral_criteria = fields.List(fields.Nested(RuleItemSchema), required=True)      # 10
    responding_physician = fields.Nested(PersonSchema, required=True)                  # 11
    tools = fields.List(Localized(), required=True)                                     # 12
    sources = fields.List(fields.Nested(type("SourceSchema", (_Strict,), {             # 13
        "title": fields.String(required=True), "url": fields.String()})),
        required=True, validate=validate.Length(min=1))
    last_revised = fields.Date(required=True)                                          # 14
    prescribers = fields.List(fields.Nested(PersonSchema), required=True,               # 15
                              validate=validate.Length(min=1))
    communication = fields.Nested(type("CommunicationSchema", (_Strict,), {            # 16
        "mode": Localized(required=True), "information": Localized(required=True)}),
        required=True)
    signatures = fields.List(fields.Nested(type("SignatureSchema", (_Strict,), {       # 17
        "name": fields.String(required=True), "role": fields.String(required=True),
        "signed_on": fields.Date(required=True)})), required=True,
        validate=validate.Length(min=1))
    questions = fields.List(fields.Nested(QuestionSchema), load_default=list)
    plan = fields.List(fields.Nested(PlanItemSchema), load_default=list)
    notes = Localized()

    @validates_schema
    def _dates_and_rules(self, data, **kwargs):
        if data["expires_on"] <= data["effective_date"]:
            raise ValidationError("must be after effective_date", "expires_on")
        ids = [q["id"] for q in data.get("questions", [])]
        if len(ids) != len(set(ids)):
            raise ValidationError("question ids must be unique", "questions")
        known = set(ids) | set(DERIVED_FACTS)
        rules = [("target_population", data["target_population"]["when"])]
        for key in ("indications", "contraindications", "referral_criteria"):
            rules += [(f"{key}.{item['id']}", item["when"]) for item in data[key]]
        rules += [(f"plan[{i}]", item["when"]) for i, item in enumerate(data["plan"])
                  if "when" in item]
        try:
            for where, condition in rules:
                check_condition(condition, known, where)
        except RuleError as exc:
            raise ValidationError(str(exc), "rules") from exc


def parse_document(raw: str | bytes | dict) -> dict:
    """Parse and check a document (JSON text or dict); return it as plain JSON data.

    Raises :class:`marshmallow.ValidationError` listing every problem.
    """
    if not isinstance(raw, dict):
        try:
            raw = load_json(raw)
        except (ValueError, UnicodeDecodeError) as exc:
            raise ValidationError({"file": [f"not valid JSON: {exc}"]}) from exc
        if not isinstance(raw, dict):
            raise ValidationError({"file": ["the document must be a JSON object"]})
    OcDocumentSchema().load(raw)
    return raw


def text(value: dict | None, locale: str) -> str:
    """The text of a ``{"fr", "en"}`` value in ``locale`` (French when missing).

    A French text is set as the catalogs' French is (typographic apostrophes, a narrow
    no-break space before « : ; ! ? »): a document is typed by a nurse or a physician
    with a straight apostrophe, and must read as the page around it reads."""
    if not value:
        return ""
    if str(locale).startswith("en") and value.get("en"):
        return value["en"]
    return french_typography(value.get("fr", ""))


@dataclass(frozen=True)
class OcVersionView:
    """A loaded OC version: its dates typed, its document as data."""

    id: int | None
    code: str
    version: int
    effective_date: date
    expires_on: date
    doc: dict

    @classmethod
    def from_doc(cls, doc: dict, ident: int | None = None) -> OcVersionView:
        return cls(ident, doc["code"], int(doc["version"]), date.fromisoformat(doc["effective_date"]),
                   date.fromisoformat(doc["expires_on"]), doc)

    def in_force(self, today: date) -> bool:
        """Effective on or before today, and not yet expired (expired ON ``expires_on``)."""
        return self.effective_date <= today < self.expires_on
