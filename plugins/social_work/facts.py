"""The one fact kept per social-needs screening for the reports (never shown per person).

Written from ``entry_saved`` when a screening entry is saved, amended or marked in error: the
positive needs at that moment (the loneliness threshold of the day applied to the raw total).
"""

from __future__ import annotations

from datetime import date

from plugins.social_work.models import ScreenFact
from plugins.social_work.screening import HRSN, UCLA3
from plugins.social_work.settings import loneliness_threshold


def positives_of(session, entry) -> list[str]:
    """The needs the entry's payload shows positive."""
    payload = entry.payload or {}
    if entry.form_id == HRSN:
        return list(payload.get("positives") or [])
    return ["isolation"] if (payload.get("total") or 0) >= loneliness_threshold(session) else []


def record_fact(session, entry) -> None:
    """Keep (or update) the screening's fact; other forms are ignored."""
    if entry.form_id not in (HRSN, UCLA3):
        return
    lineage = entry.root_id or entry.id
    row = session.query(ScreenFact).filter_by(lineage_id=lineage).one_or_none()
    if row is None:
        row = ScreenFact(lineage_id=lineage, person_id=entry.person_id)
        session.add(row)
    when = getattr(entry, "occurred_at", None) or entry.created_at
    row.entry_id = entry.id
    row.screened_on = when.date() if when else date.today()
    row.positives = positives_of(session, entry)
    row.in_error = entry.status == "entered_in_error"
    session.flush()
