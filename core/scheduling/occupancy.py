"""Holding resources for a time: the one place where double booking is prevented.

Two layers, both inside the booking's transaction:

* a check for an overlapping row, which gives the user a clear "slot taken" answer. On SQLite
  every transaction starts with BEGIN IMMEDIATE (see :mod:`core.db`), so writers are serialised
  and nobody can insert between our check and our insert;
* on PostgreSQL, where transactions run concurrently, the exclusion constraint
  ``ex_sched_occupancy_no_overlap`` (btree_gist, ``tstzrange(starts_at, ends_at, '[)')``) makes
  the database itself refuse the second of two overlapping rows; we turn that refusal into
  :class:`SlotTaken` (a booking's holds ask it to skip the row rather than fail: see
  :func:`book_held`).

Intervals are half-open: a visit ending at 10:00 and one starting at 10:00 do not overlap.
"""

from __future__ import annotations

from datetime import datetime
from functools import cache

from sqlalchemy import (Integer, bindparam, delete, exists, func, insert, null, select, true,
                        type_coerce)
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from core import rows
from core.scheduling.apptypes import longest
from core.scheduling.errors import SlotTaken
from core.scheduling.models import Appointment, Occupancy, Resource

#: the visits' table, written with Core when booking (:func:`book_held`)
APPOINTMENTS = Appointment.__table__
#: PostgreSQL's exclusion constraint: no two holds of one resource overlap
NO_OVERLAP = "ex_sched_occupancy_no_overlap"


def overlapping(db: Session, resource_ids, start: datetime, end: datetime,
                ignore: dict | None = None) -> list[Occupancy]:
    """Live holds on ``resource_ids`` overlapping [start, end), minus the ``ignore``d owner."""
    rows = list(db.scalars(select(Occupancy).where(
        *_overlaps(list(resource_ids), start, end, start - longest()))))
    if ignore:
        rows = [r for r in rows if not all(getattr(r, k) == v for k, v in ignore.items())]
    return rows


def _overlaps(resource_ids, start, end, earliest) -> tuple:
    """Holds on ``resource_ids`` overlapping [start, end). ``earliest`` (start minus the
    longest booking) changes nothing but lets the (resource, starts_at) index read one day."""
    return (Occupancy.resource_id.in_(resource_ids), Occupancy.starts_at < end,
            Occupancy.ends_at > start, Occupancy.starts_at > earliest)


def hold(db: Session, resources, start: datetime, end: datetime, *,
         appointment: int | None = None, group_session: int | None = None) -> None:
    """Hold every resource in ``resources`` for [start, end) for the appointment or group
    session of that id (a visit written with Core has no object yet), or raise
    :class:`SlotTaken`.

    One statement: the holds are inserted only where no live hold of these resources overlaps
    [start, end) (``INSERT ... SELECT ... WHERE NOT EXISTS``, the check and the write in one
    round trip, the check read as :func:`overlapping` reads it); fewer rows than resources
    means one was taken. PostgreSQL's exclusion constraint still refuses an overlap committed
    by someone else meanwhile.

    Call it inside the caller's savepoint (``with db.begin_nested():``, as moving and group
    sessions do; booking, which writes its visit with Core, opens it on the session's
    connection): on refusal that savepoint takes back the holds and what the caller wrote
    with them. It used to open a second savepoint of its own, two more round trips on
    every booking for nothing the caller's did not already undo.
    """
    resources = [r for r in resources if r is not None]
    if not resources:
        return
    connection = db.connection()  # the statement sent as is: no ORM object is written
    if not connection.in_nested_transaction():
        raise RuntimeError("hold() runs inside the caller's savepoint (db.begin_nested())")
    ids = sorted({r.id for r in resources})
    _held(connection, _hold_statement(), ids, {
        "ids": ids, "start": start, "end": end, "earliest": start - longest(),
        "appointment": appointment, "group_session": group_session})


def book_held(db: Session, values: dict, resources, start: datetime, end: datetime) -> int:
    """Write the visit ``values`` (:func:`core.rows.row_values` of its table) and hold
    ``resources`` for it as :func:`hold` does (same check, same refusal); its id. Nothing of
    it is left on a refusal, and the transaction goes on.

    PostgreSQL: one statement and no savepoint (a savepoint's two round trips cost a booking
    more than its insert). The visit is inserted in a ``WITH``; its holds skip a row the
    exclusion constraint refuses (``ON CONFLICT ... DO NOTHING``: the constraint still
    decides, waiting for a booking under way elsewhere, but refuses without aborting the
    transaction) and are counted. Fewer holds than resources: the visit is deleted (its holds
    with it, by their foreign key's cascade) and :class:`SlotTaken` raised. Elsewhere: two
    statements under a savepoint, which a refusal takes back (SQLite's cost nothing)."""
    resources = [r for r in resources if r is not None]
    connection = db.connection()
    if connection.dialect.name != "postgresql" or not resources:
        with connection.begin_nested():
            ident = rows.insert_row(db, APPOINTMENTS, values)
            hold(db, resources, start, end, appointment=ident)
        return ident
    ids = sorted({r.id for r in resources})
    params = rows.prefixed(values, "a_")
    params.update(ids=ids, start=start, end=end, earliest=start - longest())
    ident, held = connection.execute(_book_statement(), params).one()
    try:
        all_held(held, len(ids))
    except SlotTaken:
        unbook(db, ident)
        raise
    return ident


def all_held(made: int, wanted: int) -> None:
    """Raise :class:`SlotTaken` unless each of the ``wanted`` resources got its hold (``made``
    of them did): one was already held at an overlapping time."""
    if made != wanted:
        raise SlotTaken()


def _held(connection, statement, ids: list, params: dict) -> list:
    """The holds ``statement`` made, one per id, or :class:`SlotTaken`."""
    try:
        held = connection.execute(statement, params).all()
    except IntegrityError as exc:
        # PostgreSQL's exclusion constraint refused an overlap committed after our check.
        if "no_overlap" in str(exc.orig) or getattr(exc.orig, "sqlstate", "") == "23P01":
            raise SlotTaken() from exc
        raise
    all_held(len(held), len(ids))
    return held


def _free(ids, owner, group_session):
    """One row per resource of ``ids`` to hold for [start, end) for ``owner`` and
    ``group_session``, none if any of them is already held at an overlapping time."""
    table = Occupancy.__table__
    taken = select(Occupancy.id).where(*_overlaps(
        ids, bindparam("start"), bindparam("end"), bindparam("earliest")))
    return select(Resource.id, bindparam("start", type_=table.c.starts_at.type),
                  bindparam("end", type_=table.c.ends_at.type), owner, group_session).where(
        Resource.id.in_(ids), ~exists(taken))


#: the holds' columns, in the order :func:`_free` selects them
_HOLD_COLUMNS = ["resource_id", "starts_at", "ends_at", "appointment_id", "group_session_id"]


@cache
def _book_statement():
    """Built once (PostgreSQL): the visit, then its holds naming it, in one statement;
    returns the visit's id and how many holds were made (fewer than the resources: one was
    taken, by a hold seen when the statement began or by one the exclusion constraint found)."""
    visit = rows.insert_cte(APPOINTMENTS, "a_", "visit")
    return select(visit.c.id, holds_made(visit, bindparam("ids", expanding=True)))


def holds_made(visit, ids):
    """PostgreSQL: how many holds were made (a scalar subquery) for the visit a statement
    inserts in the ``WITH`` ``visit`` (none when it inserted none), one per resource of
    ``ids`` (a parameter, or a list of them) for [``start``, ``end``) (parameters;
    ``earliest``: ``start`` minus the longest booking), none if any of them is already held
    then. A hold the exclusion constraint refuses is skipped, not an error (``ON CONFLICT ...
    DO NOTHING``), so the transaction goes on: fewer holds than resources means one was
    taken."""
    table = Occupancy.__table__
    chosen = (_free(ids, visit.c.id, type_coerce(null(), Integer))
              .join(visit, true()))  # no visit written: no hold
    held = (pg_insert(table).from_select(_HOLD_COLUMNS, chosen)
            .on_conflict_do_nothing(constraint=NO_OVERLAP)
            .returning(table.c.appointment_id).cte("held"))
    return select(func.count()).select_from(held).scalar_subquery()


def unbook(db: Session, visit_id: int | None) -> None:
    """Delete a visit just written whose booking was then refused (its holds go with it, by
    their foreign key's cascade): nothing of it is left and the transaction goes on."""
    if visit_id is not None:
        db.connection().execute(_unbook_statement(), {"visit": visit_id})


@cache
def _unbook_statement():
    """Built once: a visit deleted by its id."""
    return delete(APPOINTMENTS).where(APPOINTMENTS.c.id == bindparam("visit"))


@cache
def _hold_statement():
    """Built once (every booking sends it): one hold per resource named, none if any of them
    is already held at an overlapping time."""
    table = Occupancy.__table__
    chosen = _free(bindparam("ids", expanding=True), bindparam("appointment", type_=Integer),
                   bindparam("group_session", type_=Integer))
    return insert(table).from_select(_HOLD_COLUMNS, chosen).returning(
        table.c.id)  # the holds made, counted (a driver's rowcount may say -1)


def release(db: Session, *, appointment=None, group_session=None) -> None:
    """Free the resources held by an appointment or a group session."""
    if appointment is not None:
        db.execute(delete(Occupancy).where(Occupancy.appointment_id == appointment.id))
    if group_session is not None:
        db.execute(delete(Occupancy).where(Occupancy.group_session_id == group_session.id))
    db.flush()


def busy_between(db: Session, resource_id: int, start: datetime, end: datetime) -> list[tuple]:
    """(start, end) of the holds of one resource overlapping [start, end), in time order."""
    rows = db.execute(select(Occupancy.starts_at, Occupancy.ends_at).where(
        Occupancy.resource_id == resource_id, Occupancy.starts_at < end,
        Occupancy.ends_at > start, Occupancy.starts_at > start - longest())
        .order_by(Occupancy.starts_at))
    return [tuple(r) for r in rows]
