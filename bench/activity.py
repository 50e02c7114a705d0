"""The monthly activity report over all entries, as the statements such a report needs.

It is not one of the report pages (core's /reports pages draw the plugins' ReportSpecs), so
this operation is measured in-process (SQLAlchemy, as a report's ``run`` would execute it) and
as raw SQL, not over HTTP. It counts a month's current entries by discipline and form (with
the people concerned), visits by kind and appointments by status.
"""

from __future__ import annotations

from datetime import date, datetime, timezone

from sqlalchemy import exists, func, select
from sqlalchemy.orm import aliased

from core.record.models import Encounter, Entry
from core.scheduling.models import Appointment


def month_bounds(day: date) -> tuple[datetime, datetime]:
    start = datetime(day.year, day.month, 1, tzinfo=timezone.utc)
    end = datetime(day.year + (day.month == 12), day.month % 12 + 1, 1, tzinfo=timezone.utc)
    return start, end


def monthly_activity(session, day: date) -> dict:
    """Rows of the report for the month containing ``day``."""
    start, end = month_bounds(day)
    newer = aliased(Entry)
    entries = session.execute(
        select(Entry.discipline, Entry.form_id, func.count(), func.count(Entry.person_id.distinct()))
        .where(Entry.occurred_at >= start, Entry.occurred_at < end,
               Entry.status != "entered_in_error", ~exists().where(newer.supersedes_id == Entry.id))
        .group_by(Entry.discipline, Entry.form_id).order_by(Entry.discipline, Entry.form_id)).all()
    visits = session.execute(
        select(Encounter.kind, func.count()).where(Encounter.started_at >= start,
                                                   Encounter.started_at < end)
        .group_by(Encounter.kind)).all()
    appointments = session.execute(
        select(Appointment.status, func.count()).where(Appointment.starts_at >= start,
                                                       Appointment.starts_at < end)
        .group_by(Appointment.status)).all()
    return {"entries": entries, "visits": visits, "appointments": appointments}
