"""Social-needs screening on the chart, any trained role may administer it.

**AHC HRSN core** (CMS Accountable Health Communities, 2017): housing instability, housing
quality, food, transportation, utilities and interpersonal safety, with the published positive
rules (``score_hrsn``). Food is the Hunger Vital Sign (Hager 2010), which food security already
records: this form does not ask it again. The protocol reads the person's latest HVS on the
shared record (any active form coded LOINC 88121-9) and says plainly when there is none in the
last 12 months, so nobody believes food was screened when it was not.

**Interpersonal safety** (adapted HITS, items 7–10, never 1 to frequently 5) is positive when the
sum is above 10. Under that rule more than 80 % of people reporting physical violence scored
under 11 (De Marchis 2020), so the coop adds one rule, a documented design choice: **any
"physically hurt" answer of "rarely" or more raises a safety follow-up the same day, whatever
the sum** (``physically_hurt_rule``).

**UCLA 3-item loneliness scale** (Hughes et al. 2004): hardly ever 1, some of the time 2,
often 3; total 3–9. There is no official cut-off: the raw total is kept and the threshold is a
coop setting (default 6, ``settings.py``).

Each positive domain proposes a referral to social work, with the person's agreement (a
``ProposedAction`` with its ``need``; core routes it and ``referrals.py`` opens it), and the
finding names the matching services of the directory.
"""

from __future__ import annotations

from datetime import timedelta

from marshmallow import Schema, ValidationError, fields, post_load, validate, validates_schema

from core.api import FormSpec, PhoneNumber, PrivatePart, with_phones

from plugins.social_work import NAME, _
from plugins.social_work.fields import PICK_ONE, REQUIRED, pick, several

HRSN, UCLA3 = f"{NAME}.hrsn", f"{NAME}.ucla3"
#: the HRSN's interpersonal-safety answers, kept apart at social work's discipline level
HRSN_SAFETY = f"{NAME}.hrsn_safety"
PROTOCOL, LONELINESS = f"{NAME}.social_needs", f"{NAME}.loneliness"
SAFETY = f"{NAME}.safety"
HRSN_RULE, UCLA_RULE = "ahc-hrsn-2017+coop-hurt-rule", "ucla3-hughes-2004"
HVS_LOINC = "88121-9"
HVS_FRESH = timedelta(days=365)

HOUSING = [("steady", _("I have a steady place to live")),
           ("worried", _("I have a place to live today, but I am worried about losing it in the "
                         "future")),
           ("none", _("I do not have a steady place to live (I am temporarily staying with "
                      "others, in a hotel, in a shelter, living outside...)"))]
PROBLEMS = [("pests", _("Pests such as bugs, ants or mice")), ("mold", _("Mould")),
            ("lead", _("Lead paint or pipes")), ("heat", _("Lack of heat")),
            ("oven", _("Oven or stove not working")),
            ("smoke_detectors", _("Smoke detectors missing or not working")),
            ("water_leaks", _("Water leaks")), ("none", _("None of the above"))]
YES_NO = [("yes", _("Yes")), ("no", _("No"))]
UTILITIES = [("yes", _("Yes")), ("no", _("No")), ("already_shut_off", _("Already shut off"))]
HOW_OFTEN = [("1", _("Never")), ("2", _("Rarely")), ("3", _("Sometimes")),
             ("4", _("Fairly often")), ("5", _("Frequently"))]
LONELY = [("1", _("Hardly ever")), ("2", _("Some of the time")), ("3", _("Often"))]
SAFETY_ITEMS = ("hurt", "insult", "threaten", "scream")
#: the numbers the safety advice writes: on the page each is a tel: link kept on one line
SAFETY_PHONES = (PhoneNumber(_("Emergency services"), "9-1-1", "tel:911"),
                 PhoneNumber(_("SOS violence conjugale"), "1 800 363-9010", "tel:+18003639010"))
UCLA_ITEMS = ("companionship", "left_out", "isolated")

#: which question(s) each domain comes from (kept on the referral it proposes)
SOURCE_ITEMS = {"housing": "hrsn.housing_situation", "housing_quality": "hrsn.housing_problems",
                "transport": "hrsn.transport", "utilities": "hrsn.utilities",
                "safety": "hrsn.hurt-scream", "isolation": "ucla3.total"}


class _ScaleAnswer(fields.String):
    """A frequency answer drawn as radio buttons (core draws a String with choices so) and
    stored as the integer the published scoring adds up."""

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(str(value) if isinstance(value, int) else value, attr, data,
                                    **kwargs)
        try:
            return int(text)
        except ValueError:
            raise ValidationError(str(PICK_ONE)) from None


def _scale(label, options):
    """A 1-to-n frequency answer (``options`` are ``("1", label)`` pairs)."""
    return _ScaleAnswer(required=True,
                        validate=validate.OneOf([int(v) for v, _l in options], error=PICK_ONE),
                        error_messages={"required": REQUIRED, "null": REQUIRED},
                        metadata={"label": label, "widget": "radio", "choices": list(options)})


def physically_hurt_rule(answers: dict) -> bool:
    """The coop rule: "physically hurt" answered rarely (2) or more asks for a safety follow-up,
    whatever the sum of the four safety items."""
    return int(answers.get("hurt") or 1) >= 2


def score_hrsn(answers: dict) -> dict:
    """Positive domains of the HRSN core (food excepted: it is the HVS on the record), the
    safety sum, and whether the coop's physically-hurt rule asks for a follow-up."""
    safety_total = sum(int(answers.get(k) or 0) for k in SAFETY_ITEMS)
    problems = [p for p in answers.get("housing_problems") or [] if p != "none"]
    domains = {
        "housing": answers.get("housing_situation") in ("worried", "none"),
        "housing_quality": bool(problems),
        "transport": answers.get("transport") == "yes",
        "utilities": answers.get("utilities") in ("yes", "already_shut_off"),
    }
    # safety is scored apart: its answers and results are kept at discipline level (PRIVATE)
    return {"positives": [d for d, positive in domains.items() if positive],
            "safety_total": safety_total, "safety_followup": physically_hurt_rule(answers),
            "safety_positive": safety_total > 10 or physically_hurt_rule(answers),
            "scoring_rule": HRSN_RULE}


class HrsnSchema(Schema):
    """AHC HRSN core, food excepted (the Hunger Vital Sign on the record counts)."""

    class Meta:
        unknown = "exclude"

    housing_situation = pick(_("What is your housing situation today?"), HOUSING)
    housing_problems = several(_("Think about the place you live. Do you have problems with any "
                                 "of the following?"), PROBLEMS, _("Choose all that apply."))
    transport = pick(_("In the past 12 months, has lack of reliable transportation kept you "
                       "from medical appointments, meetings, work or from getting things needed "
                       "for daily living?"), YES_NO)
    utilities = pick(_("In the past 12 months has the electric, gas, oil or water company "
                       "threatened to shut off services in your home?"), UTILITIES)
    hurt = _scale(_("How often does anyone, including family and friends, physically hurt "
                    "you?"), HOW_OFTEN)
    insult = _scale(_("How often does anyone, including family and friends, insult or talk "
                      "down to you?"), HOW_OFTEN)
    threaten = _scale(_("How often does anyone, including family and friends, threaten you "
                        "with harm?"), HOW_OFTEN)
    scream = _scale(_("How often does anyone, including family and friends, scream or curse "
                      "at you?"), HOW_OFTEN)

    @validates_schema
    def _none_alone(self, data, **kwargs):
        """"None of the above" cannot be ticked with a problem."""
        problems = data.get("housing_problems") or []
        if "none" in problems and len(problems) > 1:
            raise ValidationError(_("\"None of the above\" cannot be chosen with a problem."),
                                  "housing_problems")

    @post_load
    def _score(self, data, **kwargs):
        return {**data, **score_hrsn(data)}

    def handle_error(self, error, data, *, many, **kwargs):
        """A screening refused (a question left blank) that says the person is physically hurt
        says so at the top: nothing is saved, so the same-day safety rule cannot run, and the
        one who asked is not left with only "this field is required"."""
        hurt = data.get("hurt") if isinstance(data, dict) else None
        if str(hurt) in {v for v, _l in HOW_OFTEN[1:]} and isinstance(error.messages, dict):
            warning = _("Physically hurt: \"%(answer)s\". The screening is not saved until every "
                        "question is answered, but a safety follow-up is needed today.",
                        answer=dict(HOW_OFTEN)[str(hurt)])
            advice = _("Talk with the person in private today about their safety. In danger: "
                       "9-1-1. SOS violence conjugale: 1 800 363-9010 (24/7, free, "
                       "confidential).")
            error.messages.setdefault("_schema", []).insert(
                0, with_phones(f"{warning} {advice}", SAFETY_PHONES))


class SafetySchema(Schema):
    """The HRSN's interpersonal-safety part (items 7–10 and their scoring), stored by core as an
    entry of its own at social work's discipline level (``FormSpec.private_part``)."""

    class Meta:
        unknown = "exclude"

    hurt = HrsnSchema._declared_fields["hurt"]
    insult = HrsnSchema._declared_fields["insult"]
    threaten = HrsnSchema._declared_fields["threaten"]
    scream = HrsnSchema._declared_fields["scream"]
    safety_total = fields.Integer(required=True, metadata={"label": _("Safety total (4–20)")})
    safety_followup = fields.Boolean(required=True,
                                     metadata={"label": _("Physically hurt: follow-up today")})
    safety_positive = fields.Boolean(required=True, metadata={"label": _("Positive for safety")})
    of_entry = fields.Integer(required=True, metadata={"label": _("Screening entry")})


#: what leaves the shared screening for the safety part: the answers and what they give
PRIVATE = PrivatePart(HRSN_SAFETY, (*SAFETY_ITEMS, "safety_total", "safety_followup",
                                    "safety_positive"), NAME)


def score_ucla3(answers: dict) -> dict:
    """The raw total (3–9); whether it is positive depends on the coop's threshold."""
    return {"total": sum(int(answers.get(k) or 0) for k in UCLA_ITEMS), "scoring_rule": UCLA_RULE}


class Ucla3Schema(Schema):
    """UCLA 3-item loneliness scale."""

    class Meta:
        unknown = "exclude"

    companionship = _scale(_("How often do you feel that you lack companionship?"), LONELY)
    left_out = _scale(_("How often do you feel left out?"), LONELY)
    isolated = _scale(_("How often do you feel isolated from others?"), LONELY)

    @post_load
    def _score(self, data, **kwargs):
        return {**data, **score_ucla3(data)}


FORMS = [
    FormSpec(HRSN, 1, _("Social needs screening (AHC HRSN)"), HrsnSchema, discipline=None,
             description=_("Housing, housing quality, transportation, utilities and personal "
                           "safety. Food comes from the Hunger Vital Sign on the chart."),
             extra={"source": "https://innovation.cms.gov/files/worksheets/ahcm-screeningtool.pdf",
                    "scoring_rule": HRSN_RULE,
                    "example": {"housing_situation": "worried", "housing_problems": ["mold"],
                                "transport": "no", "utilities": "no", "hurt": 1, "insult": 2,
                                "threaten": 1, "scream": 2}},
             private_part=PRIVATE),
    FormSpec(HRSN_SAFETY, 1, _("Interpersonal safety (AHC HRSN items 7–10)"), SafetySchema,
             discipline=NAME, confidentiality="discipline", member_visible=False,
             written_by="core.private_part",
             description=_("The screening's safety answers, kept to social work."),
             extra={"scoring_rule": HRSN_RULE,
                    "example": {"hurt": 2, "insult": 1, "threaten": 1, "scream": 1,
                                "safety_total": 5, "safety_followup": True,
                                "safety_positive": True, "of_entry": 1}}),
    FormSpec(UCLA3, 1, _("Loneliness (UCLA 3 items)"), Ucla3Schema, discipline=None,
             description=_("Three questions about feeling alone."),
             extra={"scoring_rule": UCLA_RULE, "source": "Hughes et al., Res Aging 2004;26:655"}),
]
