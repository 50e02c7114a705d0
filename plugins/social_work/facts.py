"""The one fact kept per social-needs screening for the reports (never shown per person).

Written from ``entry_saved`` when a screening entry is saved, amended or marked in error: the
positive needs at that moment (the loneliness threshold of the day applied to the raw total).
"""

from __future__ import annotations

from core.api import Entry, local_day, today

from plugins.social_work.models import ScreenFact
from plugins.social_work.screening import HRSN, HRSN_SAFETY, UCLA3
from plugins.social_work.settings import loneliness_threshold


def positives_of(session, entry) -> list[str]:
    """The needs the entry's payload shows positive."""
    payload = entry.payload or {}
    if entry.form_id == HRSN:
        return list(payload.get("positives") or [])
    return ["isolation"] if (payload.get("total") or 0) >= loneliness_threshold(session) else []


def record_fact(session, entry) -> None:
    """Keep (or update) the screening's fact; other forms are ignored. The safety part of an
    HRSN (stored right after it, kept to social work) adds "safety" to its screening's fact."""
    if entry.form_id == HRSN_SAFETY:
        _add_safety(session, entry)
        return
    if entry.form_id not in (HRSN, UCLA3):
        return
    lineage = entry.root_id or entry.id
    row = session.query(ScreenFact).filter_by(lineage_id=lineage).one_or_none()
    if row is None:
        row = ScreenFact(lineage_id=lineage, person_id=entry.person_id)
        session.add(row)
    when = getattr(entry, "occurred_at", None) or entry.created_at
    row.entry_id = entry.id
    # the coop's day of the screening: at 20:00 in Montréal the UTC date is already tomorrow
    row.screened_on = local_day(when) if when else today()
    row.positives = positives_of(session, entry)
    row.in_error = entry.status == "entered_in_error"
    session.flush()


def _add_safety(session, part) -> None:
    screening = session.get(Entry, (part.payload or {}).get("of_entry"))
    if screening is None:
        return
    row = session.query(ScreenFact).filter_by(
        lineage_id=screening.root_id or screening.id).one_or_none()
    if row is None:
        return
    others = [n for n in row.positives or [] if n != "safety"]
    row.positives = others + (["safety"] if (part.payload or {}).get("safety_positive") else [])
    session.flush()
