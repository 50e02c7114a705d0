"""Holding resources for a time: the one place where double booking is prevented.

Two layers, both inside the booking's transaction:

* a check for an overlapping row, which gives the user a clear "slot taken" answer. On SQLite
  every transaction starts with BEGIN IMMEDIATE (see :mod:`core.db`), so writers are serialised
  and nobody can insert between our check and our insert;
* on PostgreSQL, where transactions run concurrently, the exclusion constraint
  ``ex_sched_occupancy_no_overlap`` (btree_gist, ``tstzrange(starts_at, ends_at, '[)')``) makes
  the database itself refuse the second of two overlapping rows; we turn that refusal into
  :class:`SlotTaken`.

Intervals are half-open: a visit ending at 10:00 and one starting at 10:00 do not overlap.
"""

from __future__ import annotations

from datetime import datetime
from functools import cache

from sqlalchemy import Integer, bindparam, delete, exists, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from core.scheduling.apptypes import longest
from core.scheduling.errors import SlotTaken
from core.scheduling.models import Occupancy, Resource


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
    try:
        held = connection.execute(_hold_statement(), {
            "ids": ids, "start": start, "end": end, "earliest": start - longest(),
            "appointment": appointment, "group_session": group_session}).all()
    except IntegrityError as exc:
        # PostgreSQL's exclusion constraint refused an overlap committed after our check.
        if "no_overlap" in str(exc.orig) or getattr(exc.orig, "sqlstate", "") == "23P01":
            raise SlotTaken() from exc
        raise
    if len(held) != len(ids):
        raise SlotTaken()


@cache
def _hold_statement():
    """Built once (every booking sends it): one hold per resource named, none if any of them
    is already held at an overlapping time."""
    table = Occupancy.__table__
    taken = select(Occupancy.id).where(*_overlaps(
        bindparam("ids", expanding=True), bindparam("start"), bindparam("end"),
        bindparam("earliest")))
    rows = select(Resource.id, bindparam("start", type_=table.c.starts_at.type),
                  bindparam("end", type_=table.c.ends_at.type),
                  bindparam("appointment", type_=Integer),
                  bindparam("group_session", type_=Integer)).where(
        Resource.id.in_(bindparam("ids", expanding=True)), ~exists(taken))
    return insert(table).from_select(
        ["resource_id", "starts_at", "ends_at", "appointment_id", "group_session_id"], rows
    ).returning(table.c.id)  # the holds made, counted (a driver's rowcount may say -1)


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
