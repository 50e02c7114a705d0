"""What the day and week views show for one practitioner or room."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, joinedload

from core.scheduling.apptypes import longest, type_title
from core.scheduling.availability import closures, is_closed, windows_on
from core.scheduling.models import CANCELLED, Appointment, GroupSession, Resource
from core.scheduling.timeutil import local_day_bounds

SLOT = timedelta(minutes=30)


@dataclass
class Item:
    """One line of an agenda: an appointment or a group session."""

    kind: str  # "appointment" | "group"
    starts_at: datetime
    ends_at: datetime
    title: str
    obj: object
    status: str = ""


@dataclass
class Day:
    """A resource's day: open windows, whether it is closed, bookings and free half-hours."""

    day: date
    closed: bool = False
    windows: list = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    free: list[datetime] = field(default_factory=list)

    def rows(self):
        """Items and free half-hours mixed in time order, for the day table."""
        rows = [(i.starts_at, i) for i in self.items] + [(f, None) for f in self.free]
        return sorted(rows, key=lambda r: (r[0], r[1] is None))


def day_view(db: Session, resource: Resource, day: date, closed_days=None) -> Day:
    """Bookings of ``resource`` on a local ``day`` and its free half-hours."""
    start, end = local_day_bounds(day)
    if closed_days is None:
        closed_days = closures(db, [resource.id], day, day)
    result = Day(day, closed=is_closed(closed_days, resource, day), windows=windows_on(resource, day))
    owns = lambda model: or_(model.practitioner_id == resource.id, model.room_id == resource.id)
    earliest = start - longest()  # lets the (practitioner, start) index read one day only
    for visit in db.scalars(select(Appointment).where(
            owns(Appointment), Appointment.status != CANCELLED, Appointment.starts_at < end,
            Appointment.ends_at > start, Appointment.starts_at > earliest)
            .options(joinedload(Appointment.person))):  # each line names the person
        result.items.append(Item("appointment", visit.starts_at, visit.ends_at,
                                 type_title(visit.type_code), visit, visit.status))
    for group in db.scalars(select(GroupSession).where(
            owns(GroupSession), GroupSession.cancelled.is_(False),
            GroupSession.starts_at < end, GroupSession.ends_at > start,
            GroupSession.starts_at > earliest)):
        result.items.append(Item("group", group.starts_at, group.ends_at, group.title, group))
    result.items.sort(key=lambda i: i.starts_at)
    if not result.closed:
        result.free = [s for s in _half_hours(result.windows)
                       if not any(i.starts_at < s + SLOT and s < i.ends_at for i in result.items)]
    return result


def week_view(db: Session, resource: Resource, any_day: date) -> list[Day]:
    """Monday to Sunday of the week containing ``any_day``."""
    monday = any_day - timedelta(days=any_day.weekday())
    closed_days = closures(db, [resource.id], monday, monday + timedelta(days=6))
    return [day_view(db, resource, monday + timedelta(days=n), closed_days) for n in range(7)]


def _half_hours(windows):
    for open_at, close_at in windows:
        start = open_at
        while start + SLOT <= close_at:
            yield start
            start += SLOT
