"""Food insecurity screening on the chart: the Hunger Vital Sign and the USDA six-item form.

*Hunger Vital Sign* (Hager et al., Pediatrics 2010; free, cite the source): two statements about
the last 12 months, each "often", "sometimes" or "never true". At risk when either is often or
sometimes true. It is a screen, not a measure.

*USDA U.S. Household Food Security Survey Module, six-item short form* (Blumberg et al. 1999;
USDA ERS, revised September 2012): HH3, HH4 (often/sometimes = affirmative), AD1 (yes), AD1a
(asked only after AD1 = yes; almost every month or some months = affirmative), AD2, AD3 (yes).
Raw score = number of affirmatives, 0 to 6: 0–1 high or marginal food security, 2–4 low, 5–6
very low; low and very low are food insecure. "Don't know" is never affirmative. The optional
screener may skip AD2 and AD3 when HH3, HH4 and AD1 are all negative.

Each entry stores the raw answers *and* the score, category and scoring-rule version. A positive
result raises a finding that proposes — with the person's agreement — the market's solidarity
price tier and a referral to social work. The entry stays on the chart; the market only ever
learns that a tier exists (``market/``), never why. For the funders' share of members screened
food insecure, the plugin keeps one fact per screening (:class:`ScreeningResult`: who, when,
positive or not), written when the entry is saved and reported only in aggregate.
"""

from __future__ import annotations

from marshmallow import Schema, ValidationError, fields, post_load, validate, validates_schema

from core.api import (Finding, FormSpec, ProposedAction, ProtocolSpec, RendererSpec, local_day,
                      today as coop_today)

from plugins.food_security import NAME, _
from plugins.food_security.models import ScreeningResult
from plugins.food_security.permissions import MARKET_COORDINATOR

HVS_FORM, USDA_FORM = f"{NAME}.hunger_vital_sign", f"{NAME}.usda_six_item"
PROTOCOL = f"{NAME}.food_insecurity_screen"
HVS_RULE, USDA_RULE = "hvs-hager-2010", "usda-6item-ers-2012"

OFTEN_SOMETIMES = (("often", _("Often true")), ("sometimes", _("Sometimes true")),
                   ("never", _("Never true")), ("dont_know", _("Don't know or refused")))
YES_NO = (("yes", _("Yes")), ("no", _("No")), ("dont_know", _("Don't know")))
HOW_OFTEN = (("almost_every_month", _("Almost every month")),
             ("some_months", _("Some months but not every month")),
             ("one_or_two_months", _("Only 1 or 2 months")), ("dont_know", _("Don't know")))
CATEGORIES = {"secure": _("High or marginal food security"), "low": _("Low food security"),
              "very_low": _("Very low food security")}


def _answer(label, options, *, required=True, help=""):
    meta = {"label": label, "choices": list(options), "widget": "radio"}
    if help:
        meta["help"] = help
    optional = {} if required else {"load_default": None, "allow_none": True}
    return fields.String(required=required, **optional,
                         validate=validate.OneOf([v for v, _l in options],
                                                 error=_("Choose one of the options.")),
                         error_messages={"required": _("This field is required."),
                                         "null": _("This field is required.")},
                         metadata=meta)


class _Screen(Schema):
    class Meta:
        unknown = "exclude"


# --- Hunger Vital Sign --------------------------------------------------------------------


def score_hvs(answers: dict) -> dict:
    """``positive`` when either statement is often or sometimes true."""
    positive = any(answers.get(k) in ("often", "sometimes") for k in ("hvs1", "hvs2"))
    return {"positive": positive, "scoring_rule": HVS_RULE}


class HungerVitalSign(_Screen):
    hvs1 = _answer(_("Within the past 12 months we worried whether our food would run out "
                     "before we got money to buy more."), OFTEN_SOMETIMES)
    hvs2 = _answer(_("Within the past 12 months the food we bought just didn't last and we "
                     "didn't have money to get more."), OFTEN_SOMETIMES)

    @post_load
    def _score(self, data, **kwargs):
        return {**data, **score_hvs(data)}


# --- USDA six-item short form --------------------------------------------------------------


def score_usda(answers: dict) -> dict:
    """Raw score (0–6), category and ``positive`` (low or very low food security)."""
    affirmative = [answers.get("hh3") in ("often", "sometimes"),
                   answers.get("hh4") in ("often", "sometimes"),
                   answers.get("ad1") == "yes",
                   answers.get("ad1") == "yes"
                   and answers.get("ad1a") in ("almost_every_month", "some_months"),
                   answers.get("ad2") == "yes", answers.get("ad3") == "yes"]
    score = sum(affirmative)
    category = "secure" if score <= 1 else ("low" if score <= 4 else "very_low")
    return {"score": score, "category": category, "positive": score >= 2,
            "scoring_rule": USDA_RULE}


class UsdaSixItem(_Screen):
    hh3 = _answer(_("The food that we bought just didn't last, and we didn't have money to get "
                    "more. Was that often, sometimes or never true in the last 12 months?"),
                  OFTEN_SOMETIMES)
    hh4 = _answer(_("We couldn't afford to eat balanced meals. Was that often, sometimes or "
                    "never true in the last 12 months?"), OFTEN_SOMETIMES)
    ad1 = _answer(_("In the last 12 months, did you or other adults in your household ever cut "
                    "the size of your meals or skip meals because there wasn't enough money for "
                    "food?"), YES_NO)
    ad1a = _answer(_("How often did this happen?"), HOW_OFTEN, required=False,
                   help=_("Only if the previous answer is yes."))
    ad2 = _answer(_("In the last 12 months, did you ever eat less than you felt you should "
                    "because there wasn't enough money for food?"), YES_NO, required=False,
                  help=_("May be skipped when the first three answers are all negative."))
    ad3 = _answer(_("In the last 12 months, were you ever hungry but didn't eat because there "
                    "wasn't enough money for food?"), YES_NO, required=False,
                  help=_("May be skipped when the first three answers are all negative."))

    @validates_schema
    def _follow_up(self, data, **kwargs):
        if data.get("ad1") == "yes" and not data.get("ad1a"):
            raise ValidationError(_("Say how often, since the answer above is yes."), "ad1a")
        if data.get("ad1") != "yes" and data.get("ad1a"):
            raise ValidationError(_("Leave this empty unless the answer above is yes."), "ad1a")
        screened_out = (data.get("hh3") not in ("often", "sometimes")
                        and data.get("hh4") not in ("often", "sometimes")
                        and data.get("ad1") != "yes")
        for key in ("ad2", "ad3"):
            if not screened_out and not data.get(key):
                raise ValidationError(_("This field is required."), key)

    @post_load
    def _score(self, data, **kwargs):
        return {**data, **score_usda(data)}


# --- declarations ---------------------------------------------------------------------------


def forms() -> list[FormSpec]:
    """Both screens; any practitioner may record them (a program has no discipline)."""
    source = "https://childrenshealthwatch.org/public-policy/hunger-vital-sign/"
    return [
        FormSpec(HVS_FORM, 1, _("Hunger Vital Sign (food insecurity screen)"), HungerVitalSign,
                 discipline=None, description=_("Two questions about the last 12 months."),
                 extra={"loinc": "88121-9", "scoring_rule": HVS_RULE, "source": source,
                        "example": {"hvs1": "sometimes", "hvs2": "never"}}),
        FormSpec(USDA_FORM, 1, _("Food security: USDA six-item short form"), UsdaSixItem,
                 discipline=None, description=_("Six questions about the last 12 months."),
                 extra={"scoring_rule": USDA_RULE,
                        "source": "https://www.ers.usda.gov/media/8282/short2012.pdf",
                        "example": {"hh3": "often", "hh4": "sometimes", "ad1": "yes",
                                    "ad1a": "some_months", "ad2": "no", "ad3": "no"}}),
    ]


def _hvs_summary(payload: dict) -> str:
    return str(_("Hunger Vital Sign: at risk of food insecurity") if payload.get("positive")
               else _("Hunger Vital Sign: no risk found"))


def _usda_summary(payload: dict) -> str:
    return str(_("USDA six items: %(score)s of 6, %(category)s", score=payload.get("score", "?"),
                 category=str(CATEGORIES.get(payload.get("category"), "")).lower()))


def _plain(payload: dict) -> str:
    if payload.get("positive"):
        return str(_("Your answers show that paying for food has been hard this year. The coop "
                     "can help: a lower price at the food market and a meeting with a social "
                     "worker, if you wish."))
    return str(_("Your answers do not show difficulty paying for food this year."))


def renderers() -> list[RendererSpec]:
    return [RendererSpec(HVS_FORM, _hvs_summary, _plain),
            RendererSpec(USDA_FORM, _usda_summary, _plain)]


def evaluate(context) -> list[Finding]:
    """A positive screen proposes the solidarity tier and social work, with agreement."""
    payload = context.payload or {}
    if not payload.get("positive"):
        return []
    data = {"instrument": context.entry.form_id if context.entry else ""}
    if "score" in payload:
        data.update(score=payload["score"], category=payload["category"])
    return [Finding(
        PROTOCOL, "warning", _("Positive food insecurity screen."),
        advice=_("Ask the person whether they want the market's solidarity price tier and a "
                 "meeting with social work. Nothing is done without their agreement."),
        actions=(
            ProposedAction("referral", _("Social work: food insecurity follow-up"),
                           to_discipline="social_work", need="food",
                           detail=_("Proposed after a positive food insecurity screen, if the "
                                    "person agrees.")),
            ProposedAction("task", _("Offer the market's solidarity price tier"),
                           to_role=MARKET_COORDINATOR,
                           detail=_("Attach the tier only once the person has agreed.")),
        ),
        data=data)]


def protocols() -> list[ProtocolSpec]:
    return [ProtocolSpec(PROTOCOL, "1", _("Food insecurity screen follow-up"), evaluate,
                         form_ids=(HVS_FORM, USDA_FORM),
                         authority=_("Food security program of the coop"),
                         source="Hager et al., Pediatrics 2010;126(1):e26-32; "
                                "USDA ERS six-item short form, 2012")]


def record_result(entry, session) -> None:
    """Keep the one fact reports need from a screening entry (or its amendment or error mark)."""
    if entry.form_id not in (HVS_FORM, USDA_FORM):
        return
    lineage = entry.root_id or entry.id
    row = session.query(ScreeningResult).filter_by(lineage_id=lineage).one_or_none()
    if row is None:
        row = ScreeningResult(lineage_id=lineage, person_id=entry.person_id,
                              instrument="hvs" if entry.form_id == HVS_FORM else "usda6")
        session.add(row)
    payload = entry.payload or {}
    row.entry_id = entry.id
    when = getattr(entry, "occurred_at", None) or entry.created_at
    # the coop's day of the screening: at 20:00 in Montréal the UTC date is already tomorrow
    row.screened_on = local_day(when) if when else coop_today()
    row.positive = bool(payload.get("positive"))
    row.category = payload.get("category") or ("at_risk" if row.positive else "no_risk")
    row.in_error = entry.status == "entered_in_error"
    session.flush()
