"""Chapter 5b: the plugin's incident list.

Two kinds of rows: a needle not accounted for at the end of a session (``sessions.py``), and a
serious adverse event recorded in the chart (added here when the entry is saved). Core has no
coop-wide incident register yet; this list is shaped so one can take it over (person, kind,
description, who reported it and when, status, closing note).
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
