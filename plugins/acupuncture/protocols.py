"""Chapter 5a: what core does after an acupuncture entry is saved.

* A **serious adverse event** (pneumothorax, infection, nerve or organ injury, burn, retained
  needle) is urgent: the coordinator gets a task the same day, and the event enters the
  incident list (``incidents.py``, called from ``entry_saved``).
* A session closed with a **needle not found** gets a warning and a task for the coordinator,
  who follows the incident until it is closed.

Mild and transient reactions are recorded without an alert: they are expected (about one
person in ten reports one) and belong in the figures, not in someone's task list.
"""

from __future__ import annotations

from datetime import date, timedelta

from core.api import Finding, ProposedAction, ProtocolSpec

from plugins.acupuncture import _, ngettext
from plugins.acupuncture.forms import ADVERSE_EVENT, EVENT_TYPES, SERIOUS, SESSION

SERIOUS_ID = "acupuncture.serious_adverse_event"
NEEDLE_ID = "acupuncture.needle_not_found"
SOURCES = ("https://pmc.ncbi.nlm.nih.gov/articles/PMC2586322 ; "
           "https://www.researchgate.net/publication/230768826")


def serious_event_findings(payload: dict) -> list[Finding]:
    """An urgent finding and a coordinator task for a serious adverse event; nothing otherwise."""
    kind = payload.get("event_type")
    if kind not in SERIOUS:
        return []
    label = dict(EVENT_TYPES)[kind]
    task = ProposedAction(kind="task", to_role="coordinator", due_in=timedelta(days=1),
                          title=_("Serious acupuncture adverse event: %(type)s", type=label),
                          detail=_("Follow the incident with the acupuncturist: the person's "
                                   "care, the report, what changes."))
    return [Finding(SERIOUS_ID, "urgent",
                    _("Serious adverse event recorded: %(type)s.", type=label),
                    advice=_("Make sure the person is being cared for; the coordinator is "
                             "informed and the event is in the incident list."),
                    actions=(task,), data={"event_type": kind})]


def needle_findings(payload: dict) -> list[Finding]:
    """A warning and a coordinator task when a session closed with a needle not found."""
    if not (payload.get("needle_incident") or "").strip():
        return []
    missing = (payload.get("needles_inserted") or 0) - (payload.get("needles_removed") or 0)
    task = ProposedAction(kind="task", to_role="coordinator", due_in=timedelta(days=1),
                          title=_("Acupuncture needle not accounted for"),
                          detail=_("Follow the incident: search, tell the person, record the "
                                   "outcome."))
    return [Finding(NEEDLE_ID, "warning",
                    ngettext("Needle count: %(num)s needle not accounted for; an incident is "
                             "recorded.", "Needle count: %(num)s needles not accounted for; an "
                             "incident is recorded.", missing),
                    actions=(task,), data={"missing": missing})]


def _evaluate_event(context) -> list[Finding]:
    """After an adverse event is saved (the chart itself shows the entry)."""
    if context.entry is None or context.entry.supersedes_id is not None:
        return []  # an amendment does not alert twice
    return serious_event_findings(context.payload or {})


def _evaluate_session(context) -> list[Finding]:
    """After a session is recorded."""
    if context.entry is None or context.entry.supersedes_id is not None:
        return []
    return needle_findings(context.payload or {})


PROTOCOLS = [
    ProtocolSpec(SERIOUS_ID, "1", _("Serious adverse event after acupuncture"),
                 _evaluate_event, form_ids=(ADVERSE_EVENT,),
                 authority=_("Acupuncture safety literature (White 2004; NPSA reports)"),
                 valid_from=date(2026, 1, 1), source=SOURCES),
    ProtocolSpec(NEEDLE_ID, "1", _("Needle not accounted for at the end of a session"),
                 _evaluate_session, form_ids=(SESSION,),
                 authority=_("NPSA review of acupuncture safety incidents, 2009-2011"),
                 valid_from=date(2026, 1, 1), source=SOURCES),
]
