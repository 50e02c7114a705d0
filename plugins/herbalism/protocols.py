"""What the chart says back: the alerts of a check, where and when people must see them.

* on a recommendation entry: its check's alerts, and when a contraindication was overridden,
  the task informing the nurse (who tells the person's physician when needed);
* on a re-check entry (the medication list changed): the alerts, and a task for the herbalist;
* live on every chart: the check of every herb in the summary against today's summary, so the
  alert stays in sight for as long as both lines are there — and says so when it cannot run.
"""

from __future__ import annotations

from core.api import ProtocolSpec

from plugins.herbalism import NAME, _, monographs
from plugins.herbalism.alerts import findings, in_each_language, task
from plugins.herbalism.engine import run_check
from plugins.herbalism.facts import age_of, from_summary, herb_lines, latest_intake, register_names
from plugins.herbalism.followup import STOP_CHECK, evaluate_stop
from plugins.herbalism.forms import FOLLOW_UP, RECHECK, RECOMMENDATION
from plugins.herbalism.knowledge import herb_name

RECOMMENDATION_CHECK, RECHECK_ID, LIVE = (f"{NAME}.recommendation_check", f"{NAME}.recheck",
                                          f"{NAME}.live_check")
SOURCE = "shared/reference/disciplines.md §3.3–3.4"


def namer(session, code: str, fallback: str = ""):
    """``name(locale)``: the herb's common and Latin names in that language (the register's
    current version, :func:`monographs.for_names`), or ``fallback`` when the register has no
    such herb."""
    doc = monographs.for_names(session)["docs"].get(code) if code else None
    return (lambda loc: herb_name(doc, loc)) if doc else (lambda loc: fallback or code)


def _no_final_period(text: str) -> str:
    """The herbalist's words without their closing period, which the sentence they go into
    writes itself ("terminé.. Informer" otherwise)."""
    text = text.strip()
    return text[:-1] if text.endswith(".") and not text.endswith("..") else text


def evaluate_recommendation(context) -> list:
    """The recommendation's alerts; an override proposes the task for the nurse."""
    payload = context.payload or {}
    name = namer(context.session, payload.get("herb", ""), payload.get("herb_name", ""))
    actions = ()
    if payload.get("outcome") == "overridden":
        actions = (task(in_each_language(lambda loc: str(_(
                            "Herb recommended despite a contraindication: %(herb)s",
                            herb=name(loc)))),
                        _("Reason given by the herbalist: %(reason)s. Inform the person's "
                          "physician if needed.", reason=_no_final_period(
                            payload.get("override_reason", ""))),
                        to="nursing"),)
    return findings(RECOMMENDATION_CHECK, payload.get("check") or {}, name, actions)


def evaluate_recheck(context) -> list:
    """The re-check's alerts, with the herbalist's task."""
    payload = context.payload or {}
    name = namer(context.session, payload.get("herb", ""), payload.get("herb_name", ""))
    actions = (task(in_each_language(lambda loc: str(_(
        "Review %(herb)s: the person's summary changed (%(changed)s)", herb=name(loc),
        changed=payload.get("changed", ""))))),)
    return findings(RECHECK_ID, payload.get("check") or {}, name, actions)


def evaluate_live(context) -> list:
    """Every herb of the summary checked against the summary as it is now (nothing stored).

    Whatever fails here is said on the chart: core would otherwise only log a raising protocol.
    """
    try:
        return _live(context)
    except Exception as exc:  # noqa: BLE001 — the chart must show that the check did not run
        return findings(LIVE, {"ran": False, "error": f"{type(exc).__name__}: {exc}"},
                        lambda loc: str(_("the herbs in the summary")))


def _live(context) -> list:
    herbs = herb_lines(context.summary)
    if not herbs:
        return []
    # the age too, as the recommendation page and the re-check read it: without it the chart
    # never says that the monograph gives no dose for this person's age
    facts = from_summary(context.summary, latest_intake(context.session, context.person.id),
                         age_of(context.session, context.person.id),
                         names=register_names(context.session))
    out = []
    for herb in herbs:
        row = monographs.current(context.session, herb)
        result = run_check(row.document if row else None, facts, row.version if row else None)
        out += findings(LIVE, result.as_dict(), namer(context.session, herb))
    return out


def protocol_specs() -> list[ProtocolSpec]:
    """The three places the check speaks, and what a stop at follow-up ends."""
    return [
        ProtocolSpec(RECOMMENDATION_CHECK, "1", _("Herb–drug interaction check"),
                     evaluate_recommendation, form_ids=(RECOMMENDATION,), source=SOURCE),
        ProtocolSpec(RECHECK_ID, "1", _("Herb–drug interaction re-check"), evaluate_recheck,
                     form_ids=(RECHECK,), source=SOURCE),
        ProtocolSpec(LIVE, "1", _("Herbs in the summary against its medications"),
                     evaluate_live, source=SOURCE),
        ProtocolSpec(STOP_CHECK, "1", _("Herb stopped at follow-up"), evaluate_stop,
                     form_ids=(FOLLOW_UP,), source=SOURCE),
    ]
