"""What an herbalist writes in the chart: intake, consultation, recommendation, follow-up.

Herbalists stay out of reserved acts: the forms speak of reasons for consulting, observations
and advice, never of diagnosis or drug prescribing. The recommendation and the re-check are
written by the plugin's workflow (the check must have run), never by hand: they declare it
(``FormSpec.written_by``: core neither offers nor accepts them as generic forms).
"""

from __future__ import annotations

from marshmallow import fields

from core.api import FormSpec, language_name

from plugins.herbalism import NAME, _
from plugins.herbalism.fields import HerbalSchema, choice, day, flag, note, text
from plugins.herbalism.words import WORDS

INTAKE, CONSULTATION = "herbalism.intake", "herbalism.consultation"
RECOMMENDATION, FOLLOW_UP = "herbalism.recommendation", "herbalism.follow_up"
RECHECK = "herbalism.recheck"
#: the workflows that alone write the recommendation and the re-check (their checks run first)
RECOMMEND_WORKFLOW, RECHECK_WORKFLOW = "herbalism.recommend_page", "herbalism.summary_changed"

#: intake flags the monographs' condition rules read (``monograph_schema.CONDITIONS``)
CONDITION_FIELDS = ("liver_disease", "kidney_disease", "hypertension", "planned_surgery",
                    "alcohol")
PREGNANCY = [("pregnant", _("Pregnant")), ("not_pregnant", _("Not pregnant")),
             ("unknown", _("Unknown"))]
YES_NO_UNKNOWN = [("yes", _("Yes")), ("no", _("No")), ("unknown", _("Unknown"))]


class IntakeSchema(HerbalSchema):
    """Ouverture du dossier: what the herbalist must know before advising any plant."""

    reason = text(_("Reason for consulting"), required=True,
                  help=_("In the person's words. Herbalists do not diagnose."))
    current_drugs = note(_("Current drugs (as the person tells them)"),
                         help=_("Add each one to the shared summary with its ATC code so the "
                                "interaction check can read it."))
    natural_products = note(_("Natural health products and supplements (with NPN if known)"))
    allergies = text(_("Allergies (plants such as the daisy family, foods, drugs)"))
    pregnancy = choice(_("Pregnancy"), PREGNANCY, default="unknown", widget="radio")
    breastfeeding = choice(_("Breastfeeding"), YES_NO_UNKNOWN, default="unknown", widget="radio")
    liver_disease = flag(_("Liver disease"))
    kidney_disease = flag(_("Kidney disease"))
    hypertension = flag(_("High blood pressure"))
    planned_surgery = flag(_("Surgery planned"))
    surgery_on = day(_("Date of the planned surgery"))
    alcohol = flag(_("Drinks alcohol regularly"))
    other = note(_("Other health information the person shares"))


class ConsultationSchema(HerbalSchema):
    """A consultation note: what was said, observed and discussed."""

    reason = text(_("Reason for the visit"), required=True)
    observations = note(_("What the person reports and what you observed"))
    discussion = note(_("Advice and discussion"), required=True)
    referred = note(_("Referred to a health professional (who, why)"),
                    help=_("Any sign that needs a diagnosis goes to a nurse or physician."))


OUTCOMES = [("clear", _("No interaction found")), ("informed", _("Recommended with information")),
            ("warned", _("Recommended with a warning")),
            ("overridden", _("Recommended despite a contraindication"))]


#: the interaction check's keys (``engine.CheckResult.as_dict``) as a reader reads them, a key
#: inside an alert or a source by its path: the FHIR export names each of the check's items by
#: them (``key_labels``), so the member and the coop that imports the entry read words
CHECK_KEYS = {
    "herb": _("Herb"), "monograph_version": _("Monograph version"), "ran": _("The check ran"),
    "error": _("Why the check did not run"), "alerts": _("Alerts"), "alerts.kind": _("Kind"),
    "alerts.rule": _("Rule"), "alerts.severity": _("Severity"), "alerts.about": _("About"),
    "alerts.atc": _("ATC code"), "alerts.effect": _("Effect"), "alerts.advice": _("Advice"),
    "alerts.sources": _("Sources"), "alerts.sources.title": _("Title"),
    "alerts.sources.url": _("Web address"), "checked": _("Checked"),
    "not_checked": _("Not checked (no ATC code)"), "unknown": _("Status unknown"),
    "no_dose_for": _("No dose for this age"), "absolute": _("Nothing overrides it"),
    "blocked": _("Recommendation blocked"), "highest": _("Highest severity")}
#: the check's coded values in words (``value_labels``), by the path of the key that holds them:
#: the export says "Contraindicated", "Pregnancy" where the check stores codes
CHECK_VALUES = {"alerts.severity": WORDS["severity"], "highest": WORDS["severity"],
                "alerts.kind": WORDS["alert_kind"], "unknown": WORDS["alert_kind"],
                "no_dose_for": WORDS["population"]}
#: what an alert says in French and English (``{"fr": ..., "en": ...}``)
BILINGUAL = ("alerts.about", "alerts.effect", "alerts.advice")


def check_labels(_payload: dict) -> dict:
    """The check's keys for a reader, and the languages of an alert's texts by their names."""
    return {**CHECK_KEYS, **{f"{path}.{code}": language_name(code)
                             for path in BILINGUAL for code in ("fr", "en")}}


class RecommendationSchema(HerbalSchema):
    """An herb recommended: what, how much, how long, and the check it passed or overrode."""

    herb = text(_("Herb"), required=True, max_length=60)
    herb_name = text(_("Name"), required=True)
    monograph_version = fields.Integer(required=True, metadata={"label": _("Monograph version")})
    preparation = text(_("Preparation"), required=True, max_length=120)
    dose = text(_("Dose"), required=True, max_length=200)
    duration = text(_("Duration"), required=True, max_length=120)
    instructions = note(_("Instructions for the person"))
    outcome = choice(_("Interaction check"), OUTCOMES, required=True)
    override_reason = note(_("Reason for overriding the contraindication"))
    check = fields.Dict(required=True, metadata={"label": _("Interaction check result"),
                                                 "key_labels": check_labels,
                                                 "value_labels": CHECK_VALUES})


class FollowUpSchema(HerbalSchema):
    """How the herb worked: effects, adverse reactions, what comes next."""

    herb = text(_("Herb"), required=True,
                help=_("Its name as the shared summary shows it: \"Stop\" ends that line."))
    taken_as_advised = choice(_("Taken as advised"), YES_NO_UNKNOWN, default="unknown",
                              widget="radio")
    effects = note(_("Effects the person noticed"))
    adverse_reaction = flag(_("Adverse reaction"))
    adverse_details = note(_("Adverse reaction: what, when, how severe"),
                           help=_("A serious reaction is reported to Health Canada (MedEffect)."))
    decision = choice(_("Next step"), [("continue", _("Continue")), ("stop", _("Stop")),
                                       ("change", _("Change the recommendation"))],
                      default="continue")


class RecheckSchema(HerbalSchema):
    """The check re-run after the person's medication list changed (written automatically)."""

    herb = text(_("Herb"), required=True, max_length=60)
    herb_name = text(_("Name"), required=True)
    monograph_version = fields.Integer(allow_none=True, load_default=None,
                                       metadata={"label": _("Monograph version")})
    changed = text(_("What changed in the summary"), required=True)
    check = fields.Dict(required=True, metadata={"label": _("Interaction check result"),
                                                 "key_labels": check_labels,
                                                 "value_labels": CHECK_VALUES})


def form_specs() -> list[FormSpec]:
    """Every herbalism chart form; the re-check belongs to no discipline, so whoever changed
    the medication list (a nurse) records it, and its task goes to the herbalist."""
    example_check = {"herb": "matricaria_chamomilla", "ran": True, "alerts": [],
                     "not_checked": [], "checked": [], "blocked": False, "highest": ""}
    return [
        FormSpec(INTAKE, 1, _("Herbal intake"), IntakeSchema, NAME),
        FormSpec(CONSULTATION, 1, _("Herbal consultation"), ConsultationSchema, NAME),
        FormSpec(RECOMMENDATION, 1, _("Herbal recommendation"), RecommendationSchema, NAME,
                 written_by=RECOMMEND_WORKFLOW, extra={"example": {
                     "herb": "matricaria_chamomilla", "herb_name": "Camomille allemande",
                     "monograph_version": 1, "preparation": "Infusion", "dose": "2 g, 3 fois par jour",
                     "duration": "1 semaine", "outcome": "clear", "check": example_check}}),
        FormSpec(FOLLOW_UP, 1, _("Herbal follow-up"), FollowUpSchema, NAME),
        FormSpec(RECHECK, 1, _("Interaction re-check"), RecheckSchema, None,
                 written_by=RECHECK_WORKFLOW, extra={"example": {
                     "herb": "matricaria_chamomilla", "herb_name": "Camomille allemande",
                     "monograph_version": 1, "changed": "warfarine", "check": example_check}}),
    ]
