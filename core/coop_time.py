"""The coop's time: its time zone (``SOIN_TIMEZONE``, America/Montreal by default) and "today".

Stored times are UTC and aware; people think in the coop's wall-clock time. Everything that
turns one into the other goes through here, so one setting governs every page, report, job and
plugin (plugins reach these through ``core.api``).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

from core.memo import APP_CONTEXT

#: the zone when ``SOIN_TIMEZONE`` is not set (and outside an application)
DEFAULT_ZONE = "America/Montreal"


def coop_zone() -> ZoneInfo:
    """The coop's time zone."""
    context = APP_CONTEXT.get(None)  # asked several times a page: Flask's proxy costs more
    name = context.app.config.get("SOIN_TIMEZONE") if context is not None else None
    return ZoneInfo(name or DEFAULT_ZONE)


def to_local(value: datetime) -> datetime:
    """An aware datetime in the coop's zone."""
    return value.astimezone(coop_zone())


def local_day(value: datetime) -> date:
    """The coop's calendar day of an aware moment (21:00 in Montreal is tomorrow in UTC)."""
    return to_local(value).date()


def today() -> date:
    """Today in the coop's zone."""
    return datetime.now(coop_zone()).date()


def age_on(born: date | None, on: date) -> int | None:
    """Full years from ``born`` to ``on`` (a birthday counts from its day); None when the
    birth date is not known."""
    if born is None:
        return None
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def local_day_bounds(day: date) -> tuple[datetime, datetime]:
    """UTC start and end of a local day (23 or 25 hours long on daylight-saving days)."""
    zone = coop_zone()
    start = datetime.combine(day, time(0), tzinfo=zone)
    end = datetime.combine(day + timedelta(days=1), time(0), tzinfo=zone)
    return start.astimezone(timezone.utc), end.astimezone(timezone.utc)
