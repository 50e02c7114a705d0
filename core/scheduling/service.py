"""Booking rules: the functions views, the API, jobs and plugins call (plugins via core.api).

Public API (re-exported by :mod:`core.api`):

* :func:`book` an individual appointment; :func:`move`, :func:`cancel`, :func:`set_status`;
* :func:`record_visit`: a visit whose day has come, written with what happened (``soin demo``
  and imports of a history; no page, API endpoint or ``core.api`` name offers it);
* :func:`create_group_session`, :func:`sign_up` (waiting list when full), attendance;
* :func:`appointments_for_person` (the record's FHIR export reads it);
* :class:`SlotTaken` (a subclass of :class:`SchedulingError`): the practitioner or room is
  already booked. Every error carries a translated message (``str(exc)``) and ``status``
  (409 for conflicts, 422 for bad input).

Functions act on the caller's session and never commit: one request = one transaction. On
error the session is left as it was before the call (the work happens in a savepoint, or, for
a booking on PostgreSQL, its refused visit is deleted), so the caller may show the message and
roll back or carry on.

Times are timezone-aware datetimes (naive ones are refused); they are stored in UTC.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from core import rows
from core.db import utcnow
from core.i18n import _
from core.identity.models import Person
from core.registry import plugin_host
from core.scheduling import apptypes, on_the_day, one_trip
from core.scheduling.availability import (check_open, free_slots, opened, resolve, resolve_open,
                                          resources)
from core.scheduling.errors import (InvalidTransition, SchedulingError, SessionFull, SlotTaken,
                                    Unavailable, UnknownType)
from core.scheduling.groups import (cancel_seat, create_group_session, mark_attendance,
                                    seats_for_person, sign_up)
from core.scheduling.models import (ARRIVED, BOOKED, CANCELLED, DONE, FHIR_STATUS, NO_SHOW,
                                    PRACTITIONER, ROOM, Appointment, GroupSeat)
from core.scheduling.occupancy import (APPOINTMENTS, all_held, book_held, hold, overlapping,
                                       release, unbook)
from core.scheduling.reminders import withdraw
from core.scheduling.timeutil import to_utc

__all__ = ["book", "record_visit", "move", "cancel", "set_status", "appointments_for_person",
           "create_group_session", "sign_up", "mark_attendance", "seats_for_person",
           "SchedulingError", "SlotTaken", "SessionFull", "Unavailable", "InvalidTransition",
           "UnknownType", "FHIR_STATUS", "STATUS_FLOW"]

#: allowed status changes (cancel is separate: only a booked visit can be cancelled)
STATUS_FLOW = {BOOKED: {ARRIVED, DONE, NO_SHOW}, ARRIVED: {DONE, NO_SHOW}, DONE: set(),
               NO_SHOW: {ARRIVED}, CANCELLED: set()}


def book(session: Session, *, type_code: str, start: datetime, person, practitioner=None,
         room=None, booked_by=None, online: bool = False) -> Appointment:
    """Book an individual appointment of ``type_code`` at ``start`` for ``person``.

    ``person``: a Person or its id (an id that names nobody is refused). ``practitioner``: a practitioner Account, a scheduling
    Resource or a resource id; when omitted (and no room is given), the first practitioner of
    the type's discipline who is free at that time is chosen. ``room``: a Resource or its id.
    The end is ``start + duration`` in absolute time (an hour is an hour across a DST change).

    Raises :class:`SlotTaken` when the practitioner or room is already booked for an
    overlapping time (whatever the concurrency: the database enforces it), :class:`Unavailable`
    outside opening hours or on a closed day, :class:`UnknownType` for a type that is not
    offered, :class:`SchedulingError` for other bad input.
    """
    spec = apptypes.get_type(type_code)
    if spec.capacity > 1:
        raise SchedulingError(_("This is a group activity: sign up for one of its sessions."),
                              field="type_code")
    start = _future(start)
    end = start + spec.duration
    if one_trip.applies(session, practitioner, room, person):
        return _book_by_ids(session, spec, start, end, person, practitioner, booked_by, online)
    # a person's id: whether it names someone is asked with the practitioner's opening hours
    asked = person if isinstance(person, int) and not isinstance(person, bool) else None
    read = resolve_open(session, practitioner, PRACTITIONER, start, end, asked)
    practitioner, room, person_id = _checked(session, spec, start, end, person, read,
                                             resolve_open(session, room, ROOM, start, end))
    values = _visit(spec, person_id, practitioner.id if practitioner is not None else None,
                    room.id if room is not None else None, start, end, booked_by, online)
    # the visit and its holds written with Core, not the unit of work's flush (about 700
    # Python calls less; one statement on PostgreSQL): a refusal, even the exclusion
    # constraint's, leaves nothing of it and the transaction usable (book_held says how)
    ident = book_held(session, values, [practitioner, room], start, end)
    return _booked(session, ident, values)


def _book_by_ids(session, spec, start, end, person_id: int, resource_id: int, booked_by,
                 online) -> Appointment:
    """:func:`book` of a practitioner's id and a person's on PostgreSQL: read and written in
    one statement (:mod:`core.scheduling.one_trip`), then checked as :func:`book` checks the
    read (:func:`_checked`); a refusal takes back the visit written."""
    values = _visit(spec, person_id, resource_id, None, start, end, booked_by, online)
    written = one_trip.book_and_read(session, values, start, end)
    try:
        _checked(session, spec, start, end, person_id,
                 opened(session, written.found, PRACTITIONER, True), (None, None, None))
        if written.visit_id is None:  # written unless the person or practitioner is missing
            raise RuntimeError("a booking its checks allowed was not written")
        all_held(written.held, 1)
    except SchedulingError:  # a refusal: the transaction goes on without the visit
        unbook(session, written.visit_id)
        raise
    return _booked(session, written.visit_id, values)


def _checked(session, spec, start, end, person, read: tuple, room_read: tuple) -> tuple:
    """Whether a booking is refused, and why, from what :func:`resolve_open` read of its
    practitioner and its room: (the practitioner, chosen when neither was given, the room, the
    person's id), or the refusal. A practitioner or room that cannot be booked was refused by
    the read (:func:`~core.scheduling.availability.opened`); the time being free is the holds'
    to decide (:mod:`core.scheduling.occupancy`)."""
    practitioner, hours, found = read
    room, room_hours, _found = room_read
    person_id = _person_id(session, person, found)
    _check_discipline(spec, practitioner)
    if practitioner is None and room is None:
        practitioner = _free_practitioner(session, spec, start, end)
    for resource, known in ((practitioner, hours), (room, room_hours)):
        if resource is not None:
            check_open(session, resource, start, end, known)
    return practitioner, room, person_id


def _visit(spec, person_id, practitioner_id, room_id, start, end, booked_by, online) -> dict:
    """The visit's row (:func:`core.rows.row_values`)."""
    return rows.row_values(APPOINTMENTS, {
        "type_code": spec.code, "person_id": person_id, "practitioner_id": practitioner_id,
        "room_id": room_id, "starts_at": start, "ends_at": end, "status": BOOKED,
        "online": online, "booked_by_id": booked_by.id if booked_by is not None else None})


def _booked(session, ident: int, values: dict) -> Appointment:
    """The visit written, as an object (made once its holds are kept: a refusal leaves no
    object behind), announced to the plugins."""
    appointment = rows.attach(session, Appointment, ident, values)
    _announce(session, appointment, None, BOOKED)
    return appointment


def record_visit(session: Session, *, type_code: str, start: datetime, person, practitioner,
                 status: str, room=None, now: datetime | None = None) -> Appointment:
    """Write an individual visit whose day has come, as the desk would have left it:
    ``status`` arrived, done or no_show. The path of ``soin demo`` (a clinic day already under
    way) and of a coop importing its history; no page or API endpoint offers it.

    :func:`book` refuses a time that has passed (people book ahead) and stays so: this does
    not book, it records. ``status`` must be one :func:`set_status` would accept for that time
    at ``now`` (the current time when omitted; :mod:`core.scheduling.on_the_day`: arrived on
    its day, did not come once begun, seen from its day on), else :class:`InvalidTransition`
    says why. The practitioner (required: a past visit had one) and the room are held as a
    booking holds them, so neither is ever in two visits at once (:class:`SlotTaken`). Opening
    hours are not checked: a past day's may not be this week's.
    """
    spec = apptypes.get_type(type_code)
    if spec.capacity > 1:
        raise SchedulingError(_("This is a group activity: sign up for one of its sessions."),
                              field="type_code")
    if status not in on_the_day.TIMED:
        raise InvalidTransition()
    start, now = to_utc(start), to_utc(now or utcnow())
    refused = on_the_day.refusal(status, start, now)
    if refused is not None:
        raise InvalidTransition(refused)
    resource = resolve(session, practitioner, PRACTITIONER)
    if resource is None:
        raise SchedulingError(_("Choose a practitioner."), field="practitioner")
    _check_discipline(spec, resource)
    room = resolve(session, room, ROOM)
    end = start + spec.duration
    values = _visit(spec, _person_id(session, person, None), resource.id,
                    room.id if room is not None else None, start, end, None, False)
    came = status in (ARRIVED, DONE)
    values.update(status=status, status_changed_at=now,
                  arrived_at=min(start, now) if came else None)
    ident = book_held(session, values, [resource, room], start, end)
    appointment = rows.attach(session, Appointment, ident, values)
    _announce(session, appointment, None, status)
    return appointment


def move(session: Session, appointment: Appointment, start: datetime, *, practitioner=None,
         room=None) -> Appointment:
    """Move a booked appointment to ``start`` (and optionally another practitioner or room).

    Same checks as :func:`book`; on :class:`SlotTaken` the appointment keeps its old time.
    """
    _lock(session, appointment)
    if appointment.status != BOOKED:
        raise InvalidTransition()
    spec = apptypes.get_type(appointment.type_code, active_only=False)
    start = _future(start)
    end = start + spec.duration
    new_practitioner = resolve(session, practitioner, PRACTITIONER) or appointment.practitioner
    new_room = resolve(session, room, ROOM) or appointment.room
    _check_discipline(spec, new_practitioner)
    for resource in (new_practitioner, new_room):
        if resource is not None:
            check_open(session, resource, start, end)
    with session.begin_nested():
        release(session, appointment=appointment)
        appointment.starts_at, appointment.ends_at = start, end
        appointment.practitioner, appointment.room = new_practitioner, new_room
        session.flush()
        hold(session, [new_practitioner, new_room], start, end, appointment=appointment.id)
    withdraw(session, f"appointment:{appointment.id}")
    return appointment


def cancel(session: Session, target, *, by=None) -> None:
    """Cancel an appointment (freeing its practitioner and room) or a group seat.

    For a confirmed group seat, the first person on the waiting list moves up automatically.
    ``by``: the account acting (kept for the record of who changed what).
    """
    if isinstance(target, GroupSeat):
        cancel_seat(session, target)
        return
    _lock(session, target)
    if target.status != BOOKED:
        raise InvalidTransition()
    release(session, appointment=target)
    withdraw(session, f"appointment:{target.id}")
    _change(session, target, CANCELLED)


def set_status(session: Session, appointment: Appointment, status: str) -> Appointment:
    """Mark an appointment arrived, done or no-show (the life cycle is :data:`STATUS_FLOW`),
    when the time allows it (:mod:`core.scheduling.on_the_day`: arrived on its day, no-show
    once it has begun, done from its day on); else :class:`InvalidTransition` says why."""
    _lock(session, appointment)
    if status not in STATUS_FLOW.get(appointment.status, set()):
        raise InvalidTransition()
    too_soon = on_the_day.refusal(status, appointment.starts_at)
    if too_soon is not None:
        raise InvalidTransition(too_soon)
    if status == ARRIVED:
        appointment.arrived_at = utcnow()
    _change(session, appointment, status)
    return appointment


def statuses_offered(appointment: Appointment) -> list[str]:
    """The statuses :func:`set_status` would accept now for ``appointment`` (the buttons its
    page offers), in the order a visit goes through them."""
    return [status for status in on_the_day.TIMED
            if status in STATUS_FLOW.get(appointment.status, set())
            and on_the_day.refusal(status, appointment.starts_at) is None]


def appointments_for_person(session: Session, person_id: int,
                            include_cancelled: bool = True) -> list[Appointment]:
    """A person's individual appointments, oldest first.

    Each has ``id, type_code, starts_at, ends_at`` (aware UTC), ``status`` (see
    :data:`FHIR_STATUS` for FHIR codes), ``practitioner`` and ``room`` (Resource or None; a
    practitioner resource has ``account_id`` and ``name``), ``created_at``. Group sign-ups are
    given by :func:`seats_for_person`.
    """
    query = select(Appointment).where(Appointment.person_id == person_id)
    if not include_cancelled:
        query = query.where(Appointment.status != CANCELLED)
    return list(session.scalars(query.order_by(Appointment.starts_at, Appointment.id)))


def next_free(session: Session, type_code: str, after: datetime | None = None, *,
              practitioner=None, room=None, limit: int = 5):
    """The next free ``(start, practitioner resource)`` pairs for a type, earliest first."""
    spec = apptypes.get_type(type_code)
    practitioner = resolve(session, practitioner, PRACTITIONER)
    room = resolve(session, room, ROOM)
    candidates = [practitioner] if practitioner else resources(session, PRACTITIONER,
                                                               spec.discipline)
    return free_slots(session, candidates, spec.duration, to_utc(after or utcnow()), limit, room)


# --- helpers ---------------------------------------------------------------------------------


def _person_id(session, person, found: bool | None) -> int:
    """The id of ``person`` (a Person or an id; ``found``: whether the id names someone, when
    already asked), refused when it names nobody."""
    person_id = person if isinstance(person, int) else getattr(person, "id", None)
    if person_id is not None and isinstance(person, int) and found is None:
        found = session.scalar(select(Person.id).where(Person.id == person_id)) is not None
    if person_id is None or found is False:
        raise SchedulingError(_("Choose a person."), field="person")
    return person_id


def _future(start: datetime) -> datetime:
    start = to_utc(start)
    if start < utcnow():
        raise SchedulingError(_("This time has already passed."), field="start")
    return start


def _check_discipline(spec, practitioner) -> None:
    if practitioner is not None and spec.discipline and practitioner.discipline != spec.discipline:
        raise SchedulingError(_("This practitioner does not offer this type of appointment."),
                              field="practitioner")


def _free_practitioner(session, spec, start, end):
    """The first practitioner of the type's discipline open and free for [start, end)."""
    candidates = resources(session, PRACTITIONER, spec.discipline)
    if not candidates:
        raise Unavailable(_("No practitioner offers this type of appointment."))
    for resource in candidates:
        try:
            check_open(session, resource, start, end)
        except Unavailable:
            continue
        if not overlapping(session, [resource.id], start, end):
            return resource
    raise SlotTaken()


def _lock(session, appointment) -> None:
    """Lock the visit's row and read it afresh, so two changes at once act one after the other.

    Without it, on PostgreSQL a move and a cancellation (or two moves) at the same moment could
    each free the old time and leave the visit holding a time it no longer has. SQLite's
    BEGIN IMMEDIATE already serialises writers.
    """
    session.execute(select(Appointment.id).where(Appointment.id == appointment.id)
                    .with_for_update())
    session.refresh(appointment)


def _change(session, appointment, new_status) -> None:
    old = appointment.status
    appointment.status = new_status
    appointment.status_changed_at = utcnow()
    session.flush()
    _announce(session, appointment, old, new_status)


def _announce(session, appointment, old, new) -> None:
    """Tell active plugins (each called separately: a failing plugin cannot stop the change)."""
    host = plugin_host()
    host.call_each("appointment_status_changed", appointment=appointment, old_status=old,
                   new_status=new, session=session)
