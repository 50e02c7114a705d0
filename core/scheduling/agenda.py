"""What the day and week views show for one practitioner or room."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import cache
from operator import attrgetter

from sqlalchemy import (Date, Integer, String, Time, bindparam, cast, func, literal_column, null,
                        or_, select, type_coerce)
from sqlalchemy.orm import Session, aliased

from core.coop_time import local_day_bounds
from core.db import read_rows, utcnow
from core.identity.models import Person, addressed
from core.scheduling.apptypes import longest, type_title
from core.scheduling.availability import is_closed, opening, windows_on
from core.scheduling.models import (CANCELLED, Appointment, Availability, AvailabilityException,
                                    GroupSession, Resource)

SLOT = timedelta(minutes=30)


@dataclass
class Item:
    """One line of an agenda: an appointment or a group session."""

    kind: str  # "appointment" | "group"
    id: int
    starts_at: datetime
    ends_at: datetime
    title: str
    status: str = ""
    #: an appointment: the person as they are addressed
    who: str = ""
    #: a group session: places taken and offered
    taken: int = 0
    capacity: int = 0


@dataclass
class Day:
    """A resource's day: open windows, whether it is closed, bookings and free half-hours."""

    day: date
    closed: bool = False
    windows: list = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    #: the half-hours still to come that nothing booked overlaps (one begun is no longer
    #: offered: a booking must start in the future, so its link only led to a refusal)
    free: list[datetime] = field(default_factory=list)

    def rows(self):
        """Items and free half-hours mixed in time order, for the day table."""
        rows = [(i.starts_at, i) for i in self.items] + [(f, None) for f in self.free]
        return sorted(rows, key=lambda r: (r[0], r[1] is None))


def day_view(db: Session, resource: Resource, day: date, known=None) -> Day:
    """Bookings of ``resource`` on a local ``day`` and its free half-hours (``known``: the
    resource's :func:`~core.scheduling.availability.opening` read for a longer span, the
    week's). Without ``known``, the day's windows and closures are read in the same statement
    as its bookings: the day page's round trip less."""
    params = _day_params(resource.id, day)
    if known is None:
        return _day_of(resource, day, read_rows(db, _day_statement(), params).all())
    return _day_of(resource, day, read_rows(db, _bookings_of_day(), params).all(), known)


@dataclass(frozen=True)
class Listed:
    """A resource as the day page shows it (its title, the picker's options)."""

    id: int
    name: str
    kind: str


def day_page(db: Session, resource_id: int, day: date) -> tuple[list[Listed], Listed | None,
                                                                  Day | None]:
    """The day page of the resource ``resource_id`` in one statement: the active resources in
    the picker's order (kind, name), the resource itself (None: there is none, active or not)
    and its :func:`day_view`. The page's resources were a statement of their own, each read
    as an ORM object for its name. Plain rows, read without the ORM's layer around them."""
    rows = read_rows(db, _day_statement(), _day_params(resource_id, day)).all()
    listed = sorted([r for r in rows if r.kind == "resource"], key=_POSITION)
    everyone = [Listed(r.id, r.name, r.resource_kind) for r in listed]
    shown = None
    for r in rows:  # a loop, not next() over a generator: one frame resumed per row less
        if r.kind == "shown":
            shown = Listed(r.id, r.name, r.resource_kind)
            break
    return everyone, shown, (_day_of(shown, day, rows) if shown is not None else None)


_POSITION = attrgetter("position")


def _day_params(resource_id: int, day: date) -> dict:
    start, end = local_day_bounds(day)
    return {"resource": resource_id, "start": start, "end": end, "earliest": start - longest(),
            "cancelled": CANCELLED, "first": day, "last": day}


def _day_of(resource, day: date, rows, known=None) -> Day:
    """The :class:`Day` of ``resource`` from its bookings' ``rows`` (and, without ``known``,
    the windows and closures among them)."""
    if known is None:
        windows = [r for r in rows if r.kind == "window"]
        closed_days = [r for r in rows if r.kind == "closed"]
    else:
        windows, closed_days = known
    result = Day(day, closed=is_closed(closed_days, resource, day),
                 windows=windows_on(resource, day, windows))
    titles: dict[str, str] = {}  # each type's title translated once a page, not once a visit
    for row in rows:
        if row.kind == "appointment":
            title = titles.get(row.type_code)
            if title is None:
                title = titles[row.type_code] = type_title(row.type_code)
            result.items.append(Item("appointment", row.id, row.starts_at, row.ends_at,
                                     title, row.status,
                                     addressed(row.first_name, row.last_name,
                                               row.preferred_name, row.pronouns)))
        elif row.kind == "group":
            result.items.append(Item("group", row.id, row.starts_at, row.ends_at, row.title,
                                     taken=row.seats_taken, capacity=row.capacity))
    result.items.sort(key=_STARTS)
    if not result.closed:
        result.free = _free(_half_hours(result.windows, utcnow()), result.items)
    return result


_STARTS = attrgetter("starts_at")


def _free(half_hours, items) -> list[datetime]:
    """The half-hours no item overlaps (a loop, not any() over a generator for each: two
    calls and a frame less per half-hour)."""
    free = []
    for start in half_hours:
        end = start + SLOT
        for item in items:
            if item.starts_at < end and start < item.ends_at:
                break
        else:
            free.append(start)
    return free


def _owned_between(model):
    """Rows of ``model`` held by the resource and overlapping [start, end).

    ``starts_at > earliest`` (start minus the longest booking) gives the same rows, but lets
    the (resource, starts_at) index read one day, not the resource's whole history.
    """
    return (or_(model.practitioner_id == bindparam("resource"),
                model.room_id == bindparam("resource")),
            model.starts_at < bindparam("end"), model.ends_at > bindparam("start"),
            model.starts_at > bindparam("earliest"))


@cache
def _bookings_of_day():
    """Built once (every agenda asks): the day's visits (not cancelled) with the name of the
    person each one is for, and its group sessions (not cancelled), as plain rows in one
    statement; the visits come first, their columns give the union its types."""
    union = _visits().union_all(_groups()).subquery()
    return select(union).order_by(union.c.starts_at, union.c.kind, union.c.id)


def _visits(*extra):
    """The day's visits (not cancelled) with the name of the person each one is for; ``extra``:
    more columns (typed NULLs) after the shared ones. Tables under short names (as
    :func:`_nulls` says: the day page's statement)."""
    visit, person = aliased(Appointment, name="a"), aliased(Person, name="p")
    return (select(literal_column("'appointment'").label("kind"), visit.id,
                   visit.starts_at, visit.ends_at, visit.type_code,
                   visit.status, person.first_name, person.last_name,
                   person.preferred_name, person.pronouns,
                   type_coerce(null(), String).label("title"),
                   type_coerce(null(), Integer).label("seats_taken"),
                   type_coerce(null(), Integer).label("capacity"), *extra)
            .join(person, person.id == visit.person_id)
            .where(*_owned_between(visit), visit.status != bindparam("cancelled")))


def _nulls(count: int) -> tuple:
    """``count`` NULL columns for a union's later branch, written bare: the same ``null()``
    repeated is labelled ``AS anon__<n>`` each time, and those labels took the day page's
    statement past the 4,096 characters psycopg keeps parsed (parsed again on every page)."""
    return tuple(literal_column("NULL") for _ in range(count))


def _groups(*extra):
    """The day's group sessions (not cancelled), in the columns of :func:`_visits`."""
    group = aliased(GroupSession, name="g")
    return (select(literal_column("'group'"), group.id, group.starts_at,
                   group.ends_at, group.type_code, literal_column("''"),
                   *_nulls(4), group.title, group.seats_taken,
                   group.capacity, *extra)
            .where(*_owned_between(group), group.cancelled.is_(False)))


@cache
def _day_statement():
    """Built once: the day page's rows in one statement, each with its ``kind``: the visits
    and group sessions of :func:`_bookings_of_day`; the resource's weekly windows (``weekday``,
    ``starts``, ``ends``) and the closures touching the day (``resource_id``, ``first_day``,
    ``last_day``) that :func:`~core.scheduling.availability.opening` reads; the active
    resources (``name``, ``resource_kind``, ``position`` in the picker's order) and the
    resource shown (``shown``, active or not). Each row leaves the others' columns NULL; the
    visits come first, their typed NULLs give the union its types (SQLite keeps times and days
    as text, read back through them)."""
    nothing = _nulls(12)  # a booking's columns
    opening_nothing = _nulls(6)
    # cast, not only typed: PostgreSQL settles a union's column types branch by branch, and
    # two NULLs first would make a text column the windows' integers cannot join
    extra = (cast(null(), Integer).label("resource_id"), cast(null(), Integer).label("weekday"),
             cast(null(), Time).label("starts"), cast(null(), Time).label("ends"),
             cast(null(), Date).label("first_day"), cast(null(), Date).label("last_day"),
             cast(null(), String).label("name"), cast(null(), String).label("resource_kind"),
             cast(null(), Integer).label("position"))
    window = aliased(Availability, name="w")
    closure = aliased(AvailabilityException, name="x")
    resource = aliased(Resource, name="r")
    windows = select(literal_column("'window'"), *nothing,
                     window.resource_id, window.weekday, window.starts,
                     window.ends, *_nulls(5)).where(
        window.resource_id == bindparam("resource"))
    closed = select(literal_column("'closed'"), *nothing,
                    closure.resource_id, *_nulls(3),
                    closure.first_day, closure.last_day,
                    *_nulls(3)).where(
        or_(closure.resource_id == bindparam("resource"),
            closure.resource_id.is_(None)),
        closure.first_day <= bindparam("last"),
        closure.last_day >= bindparam("first"))
    listed = select(literal_column("'resource'"), resource.id, *nothing[1:], *opening_nothing,
                    resource.name, resource.kind,
                    func.row_number().over(order_by=(resource.kind, resource.name, resource.id))
                    ).where(resource.active.is_(True))
    shown = select(literal_column("'shown'"), resource.id, *nothing[1:], *opening_nothing,
                   resource.name, resource.kind, *_nulls(1)).where(
        resource.id == bindparam("resource"))
    union = _visits(*extra).union_all(
        _groups(*_nulls(9)), windows, closed, listed, shown).subquery()
    # the windows in weekday and time order (windows_on keeps it); bookings as before
    return select(union).order_by(union.c.weekday, union.c.starts, union.c.starts_at,
                                  union.c.kind, union.c.id)


def week_view(db: Session, resource: Resource, any_day: date) -> list[Day]:
    """Monday to Sunday of the week containing ``any_day``."""
    monday = any_day - timedelta(days=any_day.weekday())
    known = opening(db, resource, monday, monday + timedelta(days=6))
    return [day_view(db, resource, monday + timedelta(days=n), known) for n in range(7)]


def _half_hours(windows, now: datetime):
    """The windows' half-hours that have not begun at ``now``."""
    for open_at, close_at in windows:
        start = open_at
        while start + SLOT <= close_at:
            if start >= now:
                yield start
            start += SLOT
