"""Scheduling's wall-clock times (the coop's zone itself, "today" and ``to_local`` are in
:mod:`core.coop_time`).

Stored times are UTC; people think in wall-clock time. Converting per date (never by adding a
fixed offset) keeps availability and recurring events right across daylight-saving changes.
"""

from __future__ import annotations

from datetime import date, datetime, time, timezone

from core.coop_time import coop_zone
from core.i18n import _
from core.scheduling.errors import SchedulingError


def to_utc(value: datetime) -> datetime:
    """An aware datetime in UTC (naive values are refused: their meaning would be a guess)."""
    if value.tzinfo is None:
        raise ValueError("naive datetime refused: pass a timezone-aware value")
    return value.astimezone(timezone.utc)


def local_datetime(day: date, at: time, field: str | None = None) -> datetime:
    """Wall-clock ``day`` ``at`` in the coop's zone, as aware UTC.

    A time skipped by the spring change (02:30 on the March Sunday) does not exist and is
    refused; an ambiguous autumn time (01:30 twice) means the first one, as people expect.
    """
    zone = coop_zone()
    naive = datetime.combine(day, at)
    aware = naive.replace(tzinfo=zone, fold=0)
    if aware.astimezone(timezone.utc).astimezone(zone).replace(tzinfo=None) != naive:
        raise SchedulingError(_("This time does not exist on that day (daylight-saving change)."),
                              field=field)
    return aware.astimezone(timezone.utc)
