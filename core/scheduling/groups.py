"""Group sessions: capacity that is never exceeded, a waiting list that moves up, attendance.

Capacity is enforced by the database: a seat is confirmed only by the conditional update
``seats_taken = seats_taken + 1 WHERE seats_taken < capacity`` (atomic on both databases) and a
CHECK constraint refuses ``seats_taken > capacity``. The session's row is locked first
(``SELECT ... FOR UPDATE`` on PostgreSQL; SQLite's BEGIN IMMEDIATE already serialises writers)
so a cancellation and the promotion from the waiting list happen as one step.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from core.db import utcnow
from core.i18n import _
from core.scheduling import apptypes
from core.scheduling.availability import check_open, resolve
from core.scheduling.errors import InvalidTransition, SchedulingError, SessionFull
from core.scheduling.models import (CANCELLED, CONFIRMED, PRACTITIONER, ROOM, WAITING, GroupSeat,
                                    GroupSession)
from core.scheduling.occupancy import hold, release
from core.scheduling.on_the_day import attendance_refusal
from core.scheduling.reminders import withdraw
from core.scheduling.timeutil import to_utc


def create_group_session(session: Session, *, type_code: str, start: datetime,
                         capacity: int | None = None, practitioner=None, room=None,
                         title: str | None = None) -> GroupSession:
    """Schedule a group session of ``type_code`` (a type declared with capacity > 1).

    ``capacity`` defaults to the type's; ``practitioner`` (Account, Resource or resource id)
    and ``room`` (Resource or id) are held for the session's time like any booking, so
    :class:`SlotTaken` is raised when either is taken. ``title`` defaults to the type's title.
    """
    spec = apptypes.get_type(type_code)
    capacity = spec.capacity if capacity is None else capacity
    if capacity < 2:
        raise SchedulingError(_("A group session needs room for at least two people."),
                              field="capacity")
    start = to_utc(start)
    if start < utcnow():
        raise SchedulingError(_("This time has already passed."), field="start")
    end = start + spec.duration
    practitioner = resolve(session, practitioner, PRACTITIONER)
    room = resolve(session, room, ROOM)
    for resource in (practitioner, room):
        if resource is not None:
            check_open(session, resource, start, end)
    with session.begin_nested():
        group = GroupSession(type_code=spec.code, title=(title or str(spec.title)).strip(),
                             starts_at=start, ends_at=end, capacity=capacity, seats_taken=0,
                             practitioner=practitioner, room=room)
        session.add(group)
        session.flush()
        hold(session, [practitioner, room], start, end, group_session=group.id)
    return group


def sign_up(session: Session, group_session: GroupSession, person, *,
            waitlist: bool = True) -> GroupSeat:
    """Give ``person`` (a Person or id) a seat, or a place on the waiting list when full.

    Returns the seat; ``seat.status`` is ``"confirmed"`` or ``"waiting"``. With
    ``waitlist=False`` a full session raises :class:`SessionFull` instead.
    """
    person_id = person if isinstance(person, int) else person.id
    _lock(session, group_session)
    if group_session.cancelled or group_session.starts_at < utcnow():
        raise SchedulingError(_("Sign-up for this session is closed."))
    seat = session.scalar(select(GroupSeat).where(GroupSeat.group_session_id == group_session.id,
                                                  GroupSeat.person_id == person_id))
    if seat is not None and seat.status != CANCELLED:
        raise SchedulingError(_("This person is already signed up for this session."),
                              field="person")
    confirmed = _take_seat(session, group_session)
    if not confirmed and not waitlist:
        raise SessionFull()
    try:
        with session.begin_nested():
            if seat is None:
                seat = GroupSeat(group_session_id=group_session.id, person_id=person_id)
                session.add(seat)
            seat.status = CONFIRMED if confirmed else WAITING
            seat.created_at = utcnow()  # back of the line when signing up again
            seat.confirmed_at = utcnow() if confirmed else None
            seat.attended = None
            session.flush()
    except IntegrityError as exc:  # the same person signing up twice at the same moment
        if confirmed:
            _give_back_seat(session, group_session)
        raise SchedulingError(_("This person is already signed up for this session."),
                              field="person") from exc
    return seat


def cancel_seat(session: Session, seat: GroupSeat) -> GroupSeat | None:
    """Cancel a seat; a freed confirmed seat goes to the first person waiting (returned)."""
    group = seat.group_session
    _lock(session, group)
    session.refresh(seat)
    if seat.status == CANCELLED:
        raise InvalidTransition()
    was_confirmed = seat.status == CONFIRMED
    seat.status = CANCELLED
    withdraw(session, f"seat:{seat.id}")
    session.flush()
    if not was_confirmed:
        return None
    promoted = session.scalar(select(GroupSeat).where(
        GroupSeat.group_session_id == group.id, GroupSeat.status == WAITING
    ).order_by(GroupSeat.created_at, GroupSeat.id).limit(1))
    if promoted is None:
        _give_back_seat(session, group)
        return None
    promoted.status = CONFIRMED
    promoted.confirmed_at = utcnow()
    session.flush()
    return promoted


def cancel_group_session(session: Session, group: GroupSession) -> None:
    """Cancel a whole session: its practitioner and room are free again."""
    if group.cancelled:
        raise InvalidTransition()
    group.cancelled = True
    release(session, group_session=group)
    withdraw(session, *(f"seat:{seat.id}" for seat in group.seats))


def mark_attendance(session: Session, seat: GroupSeat, attended: bool) -> None:
    """Record whether a confirmed participant came (refused before the session's day, and an
    absence before it has begun: :func:`~core.scheduling.on_the_day.attendance_refusal`)."""
    if seat.status != CONFIRMED:
        raise InvalidTransition()
    too_soon = attendance_refusal(attended, seat.group_session.starts_at)
    if too_soon is not None:
        raise InvalidTransition(too_soon)
    seat.attended = bool(attended)
    session.flush()


def seats_for_person(session: Session, person_id: int) -> list[GroupSeat]:
    """A person's group sign-ups (any status), by session time."""
    return list(session.scalars(select(GroupSeat).join(GroupSession).where(
        GroupSeat.person_id == person_id).order_by(GroupSession.starts_at)))


def waiting_list(group: GroupSession) -> list[GroupSeat]:
    """People waiting, in the order they will move up."""
    return sorted((s for s in group.seats if s.status == WAITING),
                  key=lambda s: (s.created_at, s.id))


def _lock(session: Session, group: GroupSession) -> None:
    session.execute(select(GroupSession.id).where(GroupSession.id == group.id).with_for_update())
    session.refresh(group)


def _take_seat(session: Session, group: GroupSession) -> bool:
    result = session.execute(update(GroupSession).where(
        GroupSession.id == group.id, GroupSession.seats_taken < GroupSession.capacity
    ).values(seats_taken=GroupSession.seats_taken + 1).execution_options(
        synchronize_session=False))
    session.expire(group, ["seats_taken"])
    return result.rowcount == 1


def _give_back_seat(session: Session, group: GroupSession) -> None:
    session.execute(update(GroupSession).where(GroupSession.id == group.id).values(
        seats_taken=GroupSession.seats_taken - 1).execution_options(synchronize_session=False))
    session.expire(group, ["seats_taken"])
