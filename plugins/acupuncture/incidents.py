"""Chapter 5b: the plugin's incident list.

Two kinds of rows: a needle not accounted for at the end of a session (``sessions.py``), and a
serious adverse event recorded in the chart (added here when the entry is saved). Both are
clinical safety events, not confidentiality incidents: no personal information was accessed,
used, communicated or lost, so they stay here (reported to the OAQ and the coop's risk
management) and never in core's register of confidentiality incidents, which the Commission
d'accès à l'information may ask for. A confidentiality incident this plugin learns of goes to
that register through ``core.api.record_incident``. The list is part of the chart: it goes when
the privacy officer destroys a chart past retention (``retention.py``).
"""

from __future__ import annotations

from sqlalchemy import select

from core.api import EntryInvalid, utcnow

from plugins.acupuncture import _
from plugins.acupuncture.forms import ADVERSE_EVENT, SERIOUS
from plugins.acupuncture.models import Incident


def from_adverse_event(db, entry) -> Incident | None:
    """Enter a serious adverse event in the list (once per entry, amendments included)."""
    if entry.form_id != ADVERSE_EVENT or entry.payload.get("event_type") not in SERIOUS:
        return None
    root = entry.root_id or entry.id
    existing = db.scalar(select(Incident).where(Incident.entry_id == root))
    if existing is not None:
        existing.event_type = entry.payload["event_type"]
        return existing
    incident = Incident(person_id=entry.person_id, entry_id=root, kind="adverse_event",
                        event_type=entry.payload["event_type"], serious=True,
                        description=entry.payload.get("description", ""),
                        reported_by_id=entry.author_id, reported_at=utcnow())
    db.add(incident)
    db.flush()
    return incident


def listing(db, status: str | None = "open") -> list[Incident]:
    """Incidents, newest first (``status`` None: all)."""
    query = select(Incident).order_by(Incident.reported_at.desc(), Incident.id.desc())
    if status:
        query = query.where(Incident.status == status)
    return list(db.scalars(query))


def close_incident(incident: Incident, note: str, *, author) -> None:
    """Close an incident with what was done (the row stays)."""
    if incident.status != "open":
        raise EntryInvalid({"note": [str(_("This incident is already closed."))]})
    if not (note or "").strip():
        raise EntryInvalid({"note": [str(_("Say how the incident was resolved."))]})
    incident.status, incident.closing_note = "closed", note.strip()
    incident.closed_at, incident.closed_by_id = utcnow(), author.id
