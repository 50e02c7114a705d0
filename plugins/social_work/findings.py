"""What a saved screening raises on the chart: the protocols of ``screening.py``.

* Each positive HRSN domain: a warning proposing a referral to social work for that need,
  with the person's agreement, and naming the matching services of the directory.
* "Physically hurt" rarely or more: an **urgent** finding and a same-day safety follow-up task
  to social work, whatever the sum (the coop rule, ``screening.physically_hurt_rule``).
* Food: the Hunger Vital Sign on the record. Positive: said, and its own protocol (food
  security's) has already proposed the referral, so none is proposed twice. Missing or older
  than 12 months: an info finding says food was **not** screened and how to screen it; when no
  active form records the HVS, it says so too. A check that could not run is never silent.
* UCLA-3: the total against the coop's threshold; at or above it, a referral for isolation.
"""

from __future__ import annotations

from datetime import timedelta

from core.api import (Finding, PerLanguage, ProposedAction, ProtocolSpec, each_language,
                      entries_for, format_day, forms_coded, local_day)

from plugins.social_work import NAME, _
from plugins.social_work.directory import matching
from plugins.social_work.needs import need_text
from plugins.social_work.screening import (HOW_OFTEN, HRSN, HRSN_SAFETY, HVS_FRESH, HVS_LOINC,
                                           LONELINESS, PROTOCOL, SAFETY, SAFETY_PHONES, UCLA3)
from plugins.social_work.settings import loneliness_threshold

AGREEMENT = _("Ask the person whether they want a referral. Nothing is sent without their "
              "consent to share.")


def _referral(need: str) -> ProposedAction:
    return ProposedAction("referral", _("Social work: %(need)s", need=need_text(need)),
                          to_discipline=NAME, need=need,
                          detail=_("Proposed after a positive social-needs screen, if the "
                                   "person agrees."))


def _advice(session, need: str) -> PerLanguage:
    """Ask for the person's agreement, then name the directory's matching services: in each
    language, since the finding is kept in each (the services' names are the directory's own)."""
    names = ", ".join(s.name for s in matching(session, need)[:5])
    services = (_("Matching services: %(names)s.", names=names) if names
                else _("No active service of the directory answers this need yet."))
    return PerLanguage(each_language(lambda _locale: f"{AGREEMENT} {services}"))


def latest_hvs(context):
    """The person's most recent Hunger Vital Sign the viewer may read, and the form ids that
    record one (empty when no active plugin does)."""
    form_ids = forms_coded("loinc", HVS_LOINC)
    if not form_ids:
        return None, form_ids
    found = entries_for(context.session, context.person.id, form_ids=form_ids,
                        viewer=context.viewer)
    return (found[0] if found else None), form_ids


def _hvs_text(entry, positive: bool) -> PerLanguage:
    """The food finding's sentence with the HVS's local day written out in each language ("7
    décembre 2026", "December 7, 2026"; it read "2026-12-07"): the finding is kept in each."""
    day = local_day(entry.occurred_at)

    def written(_locale) -> str:
        when = format_day(day, "long")
        return str(_("Food: at risk on the Hunger Vital Sign of %(date)s.", date=when) if positive
                   else _("Food: no risk on the Hunger Vital Sign of %(date)s.", date=when))
    return PerLanguage(each_language(written))


def food_finding(context) -> Finding:
    """What the shared record says about food (the HVS), never silent when it cannot say."""
    entry, form_ids = latest_hvs(context)
    if not form_ids:
        return Finding(PROTOCOL, "info", _("Food was not screened: no service of the coop "
                                           "records the Hunger Vital Sign."),
                       data={"need": "food", "hvs": "unavailable"})
    now = context.now
    if entry is None or (now and entry.occurred_at and now - entry.occurred_at > HVS_FRESH):
        return Finding(PROTOCOL, "info", _("Food was not screened: no Hunger Vital Sign in the "
                                           "last 12 months."),
                       advice=_("Record the Hunger Vital Sign on the chart (two questions)."),
                       data={"need": "food", "hvs": "missing"})
    if (entry.payload or {}).get("positive"):
        return Finding(PROTOCOL, "warning",
                       _hvs_text(entry, True),
                       advice=_("Its follow-up was proposed when it was recorded."),
                       data={"need": "food", "hvs": "positive", "hvs_entry_id": entry.id})
    return Finding(PROTOCOL, "info",
                   _hvs_text(entry, False),
                   data={"need": "food", "hvs": "negative", "hvs_entry_id": entry.id})


def evaluate_safety(context) -> list[Finding]:
    """The safety part of an HRSN (kept to social work): the physically-hurt rule first (urgent,
    a same-day follow-up), then a positive sum proposes a referral like any domain."""
    payload = context.payload or {}
    found = []
    if payload.get("safety_followup"):
        answer = dict(HOW_OFTEN).get(str(payload.get("hurt")), payload.get("hurt"))
        found.append(Finding(
            SAFETY, "urgent",
            _("Physically hurt: \"%(answer)s\". A safety follow-up is needed today, whatever the "
              "total (%(total)s).", answer=answer, total=payload.get("safety_total")),
            advice=_("Talk with the person in private today about their safety. In danger: 9-1-1. "
                     "SOS violence conjugale: 1 800 363-9010 (24/7, free, confidential)."),
            actions=(ProposedAction("task", _("Safety follow-up with the person today"),
                                    to_discipline=NAME, due_in=timedelta(hours=8),
                                    need="safety"),),
            data={"need": "safety", "rule": "physically_hurt"}, phones=SAFETY_PHONES))
    if payload.get("safety_positive"):
        found.append(Finding(SAFETY, "warning",
                             _("Positive social-needs screen: %(need)s.", need=need_text("safety")),
                             advice=_advice(context.session, "safety"),
                             actions=(_referral("safety"),), data={"need": "safety"}))
    return found


def evaluate_hrsn(context) -> list[Finding]:
    """The HRSN protocol on the shared screening: each positive domain, then food (safety is
    evaluated on its own part, :func:`evaluate_safety`; older screens still carry it)."""
    payload = context.payload or {}
    found = evaluate_safety(context) if "safety_total" in payload else []
    for need in payload.get("positives") or []:
        found.append(Finding(PROTOCOL, "warning",
                             _("Positive social-needs screen: %(need)s.", need=need_text(need)),
                             advice=_advice(context.session, need),
                             actions=(_referral(need),), data={"need": need}))
    found.append(food_finding(context))
    return found


def evaluate_ucla3(context) -> list[Finding]:
    """Lonely when the raw total reaches the coop's threshold (kept with the finding)."""
    total = (context.payload or {}).get("total") or 0
    threshold = loneliness_threshold(context.session)
    if total < threshold:
        return []
    return [Finding(LONELINESS, "warning",
                    _("Loneliness: %(total)s of 9 (the coop's threshold is %(threshold)s).",
                      total=total, threshold=threshold),
                    advice=_advice(context.session, "isolation"),
                    actions=(_referral("isolation"),),
                    data={"need": "isolation", "total": total, "threshold": threshold})]


PROTOCOLS = [
    ProtocolSpec(SAFETY, "1", _("Interpersonal safety follow-up"), evaluate_safety,
                 form_ids=(HRSN_SAFETY,), authority=_("Social work service of the coop"),
                 source="CMS AHC HRSN screening tool (2017), items 7-10; De Marchis et al., HSR "
                        "2020 (physically-hurt rule)"),
    ProtocolSpec(PROTOCOL, "1", _("Social needs screen follow-up"), evaluate_hrsn,
                 form_ids=(HRSN,), authority=_("Social work service of the coop"),
                 source="CMS AHC HRSN screening tool (2017); De Marchis et al., HSR 2020 "
                        "(physically-hurt rule)"),
    ProtocolSpec(LONELINESS, "1", _("Loneliness follow-up"), evaluate_ucla3, form_ids=(UCLA3,),
                 authority=_("Social work service of the coop"),
                 source="Hughes, Waite, Hawkley, Cacioppo, Research on Aging 2004"),
]
