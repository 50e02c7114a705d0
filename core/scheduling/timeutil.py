"""Coop-local time: America/Montreal by default, read from ``SOIN_TIMEZONE``.

Stored times are UTC; people think in wall-clock time. Converting per date (never by adding a
fixed offset) keeps availability and recurring events right across daylight-saving changes.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

from flask import current_app, has_app_context

from core.i18n import _
from core.scheduling.errors import SchedulingError

DEFAULT_ZONE = "America/Montreal"


def local_zone() -> ZoneInfo:
    """The coop's time zone."""
    name = current_app.config.get("SOIN_TIMEZONE") if has_app_context() else None
    return ZoneInfo(name or DEFAULT_ZONE)


def to_local(value: datetime) -> datetime:
    """An aware datetime in the coop's zone."""
    return value.astimezone(local_zone())


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
    zone = local_zone()
    naive = datetime.combine(day, at)
    aware = naive.replace(tzinfo=zone, fold=0)
    if aware.astimezone(timezone.utc).astimezone(zone).replace(tzinfo=None) != naive:
        raise SchedulingError(_("This time does not exist on that day (daylight-saving change)."),
                              field=field)
    return aware.astimezone(timezone.utc)


def local_day_bounds(day: date) -> tuple[datetime, datetime]:
    """UTC start and end of a local day (23 or 25 hours long on DST days)."""
    zone = local_zone()
    start = datetime.combine(day, time(0), tzinfo=zone)
    end = datetime.combine(day + timedelta(days=1), time(0), tzinfo=zone)
    return start.astimezone(timezone.utc), end.astimezone(timezone.utc)


def today() -> date:
    """Today in the coop's zone."""
    return datetime.now(local_zone()).date()
