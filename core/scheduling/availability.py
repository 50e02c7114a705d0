"""Resources, weekly availability, closures, and the search for the next free slot.

A resource with no weekly window is open at all times (rooms usually are); once it has windows,
bookings must fit one. Closures (holidays, leave, a closed day) always apply, and a closure
without a resource closes the whole coop.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from functools import cache

from sqlalchemy import (Date, Integer, Time, bindparam, exists, literal_column, null, or_, select,
                        true, type_coerce)
from sqlalchemy.orm import Session
from sqlalchemy.orm.util import identity_key

from core import rows
from core.coop_time import to_local
from core.db import read_rows
from core.i18n import _
from core.identity.models import Person
from core.scheduling.errors import SchedulingError, Unavailable
from core.scheduling.models import PRACTITIONER, ROOM, Availability, AvailabilityException, Resource
from core.scheduling.occupancy import busy_between
from core.scheduling.timeutil import local_datetime

EXCEPTION_KINDS = ("holiday", "leave", "closed")
#: how far ahead the next free slot is searched
HORIZON = timedelta(days=90)
STEP = timedelta(minutes=15)
RESOURCES = Resource.__table__


def resource_for_account(db: Session, account) -> Resource:
    """The practitioner resource of ``account`` (created the first time it is needed)."""
    resource = db.scalar(select(Resource).where(Resource.account_id == account.id))
    if resource is None:
        if account.practitioner is None:
            raise SchedulingError(_("This account is not a practitioner."), field="practitioner")
        resource = Resource(kind=PRACTITIONER, name=account.display_name, account=account,
                            discipline=account.practitioner.discipline)
        db.add(resource)
        db.flush()
    return resource


def create_room(db: Session, name: str) -> Resource:
    """A bookable room."""
    room = Resource(kind=ROOM, name=name.strip())
    db.add(room)
    db.flush()
    return room


def resolve(db: Session, value, kind: str) -> Resource | None:
    """A Resource from a Resource, an Account (practitioners) or a resource id."""
    if value is None:
        return None
    if isinstance(value, Resource):
        resource = value
    elif isinstance(value, int):
        resource = db.get(Resource, value)
    else:  # an Account
        resource = resource_for_account(db, value)
    return _usable(resource, kind)


def _usable(resource: Resource | None, kind: str) -> Resource:
    if resource is None or resource.kind != kind or not resource.active:
        raise SchedulingError(_("Choose a practitioner.") if kind == PRACTITIONER
                              else _("Choose a room."), field=kind)
    return resource


def resolve_open(db: Session, value, kind: str, start: datetime, end: datetime,
                 person: int | None = None) -> tuple[Resource | None, tuple | None, bool | None]:
    """:func:`resolve`, and for a resource id its :func:`opening` on the days of [start, end)
    and whether the person with id ``person`` exists, all in one statement (a booking sent
    three). Returns ``(resource, opening or None, person found or None)``: None when not read
    (``value`` not an id, or no ``person`` asked); :func:`check_open` takes the opening."""
    if not isinstance(value, int) or isinstance(value, bool):
        return resolve(db, value, kind), None, None
    found = read_rows(db, opening_read(), opening_params(value, start, end, person)).all()
    return opened(db, found, kind, person is not None)


@cache
def opening_read():
    """Built once: the resource's columns (each named ``r_<column>``; one row when it has no
    windows and no closures: the union's columns null), each of its opening rows beside it,
    and whether ``person`` exists (``person_found``). Its parameters: :func:`opening_params`;
    its rows, read by :func:`opened` (a statement adding columns to it is read the same)."""
    union = _opening_union().subquery()
    found = exists().where(Person.id == bindparam("person")).label("person_found")
    return (select(*(column.label(f"r_{column.key}") for column in RESOURCES.c), *union.c, found)
            .outerjoin(union, true()).where(RESOURCES.c.id == bindparam("resource"))
            .order_by(union.c.kind, union.c.weekday, union.c.starts))


def opening_params(resource_id: int, start: datetime, end: datetime, person: int | None) -> dict:
    """The parameters of :func:`opening_read` for a booking of [start, end)."""
    first, last = _days(start, end)
    return {"resource": resource_id, "first": first, "last": last, "person": person}


def opened(db: Session, found: list, kind: str, person_asked: bool
           ) -> tuple[Resource, tuple, bool | None]:
    """:func:`resolve_open`'s answer from the rows of :func:`opening_read`: the resource
    (refused as :func:`resolve` refuses it), its opening and whether the person exists (None
    when not asked)."""
    resource = _usable(_resource_of(db, found[0]) if found else None, kind)
    return resource, _split(found), (bool(found[0].person_found) if person_asked else None)


def _resource_of(db: Session, row) -> Resource:
    """The resource of a row of :func:`opening_read`: the session's own when it holds it (as
    the ORM's read gives), else made from the row's columns, as loaded (the ORM's read of an
    entity costs more Python than the statement)."""
    columns = row._mapping
    held = db.identity_map.get(identity_key(Resource, columns["r_id"]))
    if held is not None:
        return held
    values = {column.key: columns[f"r_{column.key}"] for column in RESOURCES.c}
    return rows.attach(db, Resource, values.pop("id"), values)


def resources(db: Session, kind: str | None = None, discipline: str | None = None) -> list[Resource]:
    """Active resources, practitioners first, by name."""
    query = select(Resource).where(Resource.active.is_(True))
    if kind:
        query = query.where(Resource.kind == kind)
    if discipline:
        query = query.where(Resource.discipline == discipline)
    return list(db.scalars(query.order_by(Resource.kind, Resource.name)))


def add_window(db: Session, resource: Resource, weekday: int, starts: time, ends: time) -> Availability:
    """Add a weekly window; it must not overlap another window of the same day."""
    if ends <= starts:
        raise SchedulingError(_("The end must be after the start."), field="ends")
    for other in resource.availability:
        if other.weekday == weekday and other.starts < ends and starts < other.ends:
            raise SchedulingError(_("This overlaps another opening window of the same day."),
                                  field="starts")
    window = Availability(resource=resource, weekday=weekday, starts=starts, ends=ends)
    db.add(window)
    db.flush()
    return window


def add_exception(db: Session, resource: Resource | None, kind: str, first_day: date,
                  last_day: date | None = None, note: str = "") -> AvailabilityException:
    """Close a resource (or the whole coop when ``resource`` is None) for whole days."""
    last_day = last_day or first_day
    if kind not in EXCEPTION_KINDS:
        raise SchedulingError(_("Choose a kind of closure."), field="kind")
    if last_day < first_day:
        raise SchedulingError(_("The last day must not be before the first day."), field="last_day")
    row = AvailabilityException(resource=resource, kind=kind, first_day=first_day,
                                last_day=last_day, note=note.strip())
    db.add(row)
    db.flush()
    return row


def closures(db: Session, resource_ids, first_day: date, last_day: date) -> list[AvailabilityException]:
    """Closures touching [first_day, last_day] for these resources or the whole coop."""
    return list(db.scalars(select(AvailabilityException).where(
        or_(AvailabilityException.resource_id.in_(list(resource_ids)),
            AvailabilityException.resource_id.is_(None)),
        AvailabilityException.first_day <= last_day,
        AvailabilityException.last_day >= first_day)))


def windows_on(resource: Resource, day: date, windows=None) -> list[tuple[datetime, datetime]]:
    """The resource's open windows on a local day, as UTC (``windows``: the weekly windows
    :func:`opening` read, else the resource's own)."""
    weekday = day.weekday()
    return [(local_datetime(day, w.starts), local_datetime(day, w.ends))
            for w in (resource.availability if windows is None else windows)
            if w.weekday == weekday]


def opening(db: Session, resource: Resource, first_day: date, last_day: date) -> tuple[list, list]:
    """The resource's weekly windows (in order) and the closures touching [first_day, last_day]
    (its own and the whole coop's), in one statement: an agenda and every booking need both.

    Rows with ``weekday``, ``starts``, ``ends`` (for :func:`windows_on`) and rows with
    ``resource_id``, ``first_day``, ``last_day`` (for :func:`is_closed`)."""
    return _split(db.execute(_opening_statement(),
                             {"resource": resource.id, "first": first_day, "last": last_day}).all())


def _split(found: list) -> tuple[list, list]:
    """Rows of :func:`_opening_union`: (the windows, the closures)."""
    return [r for r in found if r.kind == "window"], [r for r in found if r.kind == "closed"]


@cache
def _opening_statement():
    """Built once."""
    union = _opening_union().subquery()
    return select(union).order_by(union.c.kind, union.c.weekday, union.c.starts)


def _opening_union():
    """The windows come first: their columns give the union its types (SQLite
    keeps times and days as text, read back through those types)."""
    windows = select(literal_column("'window'").label("kind"), Availability.resource_id,
                     Availability.weekday, Availability.starts, Availability.ends,
                     type_coerce(null(), Date).label("first_day"),
                     type_coerce(null(), Date).label("last_day")).where(
        Availability.resource_id == bindparam("resource"))
    closed = select(literal_column("'closed'"), AvailabilityException.resource_id,
                    type_coerce(null(), Integer), type_coerce(null(), Time),
                    type_coerce(null(), Time), AvailabilityException.first_day,
                    AvailabilityException.last_day).where(
        or_(AvailabilityException.resource_id == bindparam("resource"),
            AvailabilityException.resource_id.is_(None)),
        AvailabilityException.first_day <= bindparam("last"),
        AvailabilityException.last_day >= bindparam("first"))
    return windows.union_all(closed)


def _days(start: datetime, end: datetime) -> tuple[date, date]:
    """The first and last local days [start, end) touches."""
    return to_local(start).date(), to_local(end - timedelta(microseconds=1)).date()


def check_open(db: Session, resource: Resource, start: datetime, end: datetime,
               known: tuple | None = None) -> None:
    """Raise :class:`Unavailable` unless ``resource`` is open for all of [start, end)
    (``known``: its opening on those days, as :func:`resolve_open` read it)."""
    first, last = _days(start, end)
    windows, closed = known if known is not None else opening(db, resource, first, last)
    if closed:
        raise Unavailable(_("%(name)s is closed on that day.", name=resource.name))
    if not windows:
        return
    if first != last or not any(a <= start and end <= b
                                for a, b in windows_on(resource, first, windows)):
        raise Unavailable()


def free_slots(db: Session, candidates: list[Resource], duration: timedelta, after: datetime,
               limit: int = 5, room: Resource | None = None) -> list[tuple[datetime, Resource]]:
    """The earliest free starts (and who is free) within the candidates' weekly windows."""
    found: list[tuple[datetime, Resource]] = []
    day = to_local(after).date()
    last_day = day + timedelta(days=HORIZON.days)
    closed = closures(db, [c.id for c in candidates] + ([room.id] if room else []), day, last_day)
    while day <= last_day and len(found) < limit:
        for resource in candidates:
            if is_closed(closed, resource, day) or (room and is_closed(closed, room, day)):
                continue
            found.extend((s, resource) for s in _free_in_day(db, resource, day, duration, after, room))
        day += timedelta(days=1)
    found.sort(key=lambda pair: (pair[0], pair[1].name))
    return found[:limit]


def is_closed(closed, resource: Resource, day: date) -> bool:
    """Does one of the ``closed`` rows (from :func:`closures`) close ``resource`` on ``day``?"""
    return any(c.first_day <= day <= c.last_day and c.resource_id in (None, resource.id)
               for c in closed)


def _free_in_day(db, resource, day, duration, after, room):
    windows = windows_on(resource, day)
    if not windows:
        return []
    busy = busy_between(db, resource.id, windows[0][0], windows[-1][1])
    if room is not None:
        busy += busy_between(db, room.id, windows[0][0], windows[-1][1])
    starts = []
    for open_at, close_at in windows:
        start = open_at
        while start + duration <= close_at:
            end = start + duration
            if start >= after and not any(b0 < end and start < b1 for b0, b1 in busy):
                starts.append(start)
            start += STEP
    return starts
