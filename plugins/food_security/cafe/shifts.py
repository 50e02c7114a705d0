"""The café's volunteer shifts, published through core's volunteering (``core.api``).

Core keeps the shifts, the sign-ups (first come, first served, never over-filled), the
reminders and the hours ledger; the café publishes the shifts of a day's service and reads back
the hours core's coordination confirmed. A shift names its day's menu in ``source`` so the
day's page finds its shifts again.
"""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal

from sqlalchemy.orm import Session

from core.api import (VolunteerShift, cancel_volunteer_shift, coop_zone, publish_shift, shifts_for,
                      utcnow, volunteer_hours_by_program)

from plugins.food_security import _
from plugins.food_security.cafe.models import CafeMenu
from plugins.food_security.fields import ActionRefused

#: declared with the program's others in ``plugins.food_security.volunteering``
PROGRAM = "food_security.cafe"


def source_of(menu: CafeMenu) -> str:
    return f"{PROGRAM}.day:{menu.id}"


def _moment(day: date, clock: time) -> datetime:
    return datetime.combine(day, clock, coop_zone())


def publish(db: Session, menu: CafeMenu, data: dict, by=None) -> VolunteerShift:
    """A shift of the day's service (``starts_at``/``ends_at``: the coop's local times)."""
    starts = _moment(menu.served_on, data["starts_at"])
    ends = _moment(menu.served_on, data["ends_at"])
    if starts <= utcnow():
        raise ActionRefused(_("A shift is published before it starts."), "starts_at")
    return publish_shift(db, program=PROGRAM, title=data["title"], starts_at=starts,
                         ends_at=ends, needed=data["needed"], place=data.get("place", ""),
                         source=source_of(menu), by=by)


def of_day(db: Session, menu: CafeMenu) -> list[VolunteerShift]:
    """The day's shifts, called-off ones too (they say so)."""
    return shifts_for(db, source=source_of(menu), include_cancelled=True)


def call_off(db: Session, menu: CafeMenu, shift_id: int | None) -> None:
    """Call off one of the day's shifts (core frees its volunteers)."""
    shift = next((s for s in of_day(db, menu) if s.id == shift_id), None)
    if shift is None:
        raise ActionRefused(_("Choose from the list."))
    cancel_volunteer_shift(db, shift)


def hours(db: Session, start: date, end: date) -> Decimal:
    """The café's volunteer hours confirmed in core's ledger, ``start`` to ``end`` included."""
    return volunteer_hours_by_program(db, start, end).get(PROGRAM, Decimal("0.00"))
