"""What the day and week views show for one practitioner or room."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import cache

from sqlalchemy import bindparam, or_, select
from sqlalchemy.orm import Session, joinedload

from core.coop_time import local_day_bounds
from core.scheduling.apptypes import longest, type_title
from core.scheduling.availability import closures, is_closed, windows_on
from core.scheduling.models import CANCELLED, Appointment, GroupSession, Resource

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
    params = {"resource": resource.id, "start": start, "end": end, "earliest": start - longest()}
    for visit in db.scalars(_visits_of_day(), params):
        result.items.append(Item("appointment", visit.starts_at, visit.ends_at,
                                 type_title(visit.type_code), visit, visit.status))
    for group in db.scalars(_groups_of_day(), params):
        result.items.append(Item("group", group.starts_at, group.ends_at, group.title, group))
    result.items.sort(key=lambda i: i.starts_at)
    if not result.closed:
        result.free = [s for s in _half_hours(result.windows)
                       if not any(i.starts_at < s + SLOT and s < i.ends_at for i in result.items)]
    return result


def _owned_between(model):
    """Rows of ``model`` held by the resource and overlapping [start, end).

    ``starts_at > earliest`` (start minus the longest booking) gives the same rows, but lets
    the (resource, starts_at) index read one day, not the resource's whole history.
    """
    return (select(model).where(
        or_(model.practitioner_id == bindparam("resource"), model.room_id == bindparam("resource")),
        model.starts_at < bindparam("end"), model.ends_at > bindparam("start"),
        model.starts_at > bindparam("earliest")).order_by(model.starts_at))


@cache
def _visits_of_day():
    """Built once (every agenda asks): the day's bookings, with the person each one names."""
    return (_owned_between(Appointment).where(Appointment.status != CANCELLED)
            .options(joinedload(Appointment.person)))


@cache
def _groups_of_day():
    return _owned_between(GroupSession).where(GroupSession.cancelled.is_(False))


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
