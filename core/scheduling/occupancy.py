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

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from core.scheduling.apptypes import longest
from core.scheduling.errors import SlotTaken
from core.scheduling.models import Occupancy


def overlapping(db: Session, resource_ids, start: datetime, end: datetime,
                ignore: dict | None = None) -> list[Occupancy]:
    """Live holds on ``resource_ids`` overlapping [start, end), minus the ``ignore``d owner."""
    query = select(Occupancy).where(Occupancy.resource_id.in_(list(resource_ids)),
                                    Occupancy.starts_at < end, Occupancy.ends_at > start,
                                    Occupancy.starts_at > start - longest())
    rows = list(db.scalars(query))
    if ignore:
        rows = [r for r in rows if not all(getattr(r, k) == v for k, v in ignore.items())]
    return rows


def hold(db: Session, resources, start: datetime, end: datetime, *, appointment=None,
         group_session=None) -> None:
    """Hold every resource in ``resources`` for [start, end), or raise :class:`SlotTaken`.

    Call it inside the caller's savepoint (``with db.begin_nested():``, as booking, moving and
    group sessions do): on refusal that savepoint takes back the holds and what the caller
    wrote with them. It used to open a second savepoint of its own, two more round trips on
    every booking for nothing the caller's did not already undo.
    """
    resources = [r for r in resources if r is not None]
    if not resources:
        return
    if db.get_nested_transaction() is None:
        raise RuntimeError("hold() runs inside the caller's savepoint (db.begin_nested())")
    if overlapping(db, [r.id for r in resources], start, end):
        raise SlotTaken()
    try:
        for resource in resources:
            db.add(Occupancy(resource_id=resource.id, starts_at=start, ends_at=end,
                             appointment_id=appointment.id if appointment else None,
                             group_session_id=group_session.id if group_session else None))
        db.flush()
    except IntegrityError as exc:
        # PostgreSQL's exclusion constraint refused an overlap committed after our check.
        if "no_overlap" in str(exc.orig) or getattr(exc.orig, "sqlstate", "") == "23P01":
            raise SlotTaken() from exc
        raise


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
