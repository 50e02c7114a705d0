"""A booking in one round trip (PostgreSQL): the practitioner's opening read and the visit
written in one statement.

The desk books by ids: a practitioner, a person. The booking read the practitioner, their
opening hours and closures on the day and whether the person exists, then wrote the visit and
its hold: two statements, two round trips. Here one statement does both. The visit is inserted
only when the person exists and the practitioner may take the type (a practitioner, active, of
the type's discipline), so no foreign key can fail. Its hold is made as
:func:`core.scheduling.occupancy.book_held` makes it, only when the visit was. The statement
returns what the read returned, with the visit's id and the holds made.
:func:`core.scheduling.service.book` then checks those rows as it checks the read's, in the
same order, with the same messages. A refusal of a visit already written (outside the opening
hours, a closed day, a time taken) deletes it, its hold with it (the foreign key's cascade), so
nothing of a refused booking is left and the transaction goes on.
"""

from __future__ import annotations

from datetime import datetime
from functools import cache

from sqlalchemy import (Integer, String, bindparam, exists, func, null, or_, select, true,
                        type_coerce)
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.orm import Session
from sqlalchemy.orm.util import identity_key

from core import rows
from core.db import read_rows
from core.identity.models import Person
from core.scheduling.apptypes import longest
from core.scheduling.availability import _days, _opening_union, _usable
from core.scheduling.models import PRACTITIONER, Occupancy, Resource
from core.scheduling.occupancy import (_HOLD_COLUMNS, APPOINTMENTS, NO_OVERLAP, _overlaps,
                                       _unbook_statement)

RESOURCES = Resource.__table__


def applies(session: Session, practitioner, room, person) -> bool:
    """Whether a booking of these goes in one statement: a practitioner's id and a person's,
    no room, on PostgreSQL."""
    return (_an_id(practitioner) and _an_id(person) and room is None
            and session.get_bind().dialect.name == "postgresql")


def _an_id(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def book_and_read(session: Session, values: dict, spec, resource_id: int, person_id: int,
                  start: datetime, end: datetime) -> list:
    """Send the statement: the visit ``values`` (:func:`core.rows.row_values`) and its hold,
    written when the person exists and the practitioner may take ``spec``; the rows of
    :func:`core.scheduling.availability.resolve_open`'s read, each with ``visit_id`` (None:
    not written) and ``held`` (the holds made)."""
    first, last = _days(start, end)
    params = rows.prefixed(values, "a_")
    params.update(resource=resource_id, person=person_id, first=first, last=last,
                  discipline=spec.discipline or None, start=start, end=end,
                  earliest=start - longest())
    return read_rows(session, _statement(), params).all()


def unbook(session: Session, visit_id: int | None) -> None:
    """Take back a visit the statement wrote and a check then refused (its hold with it)."""
    if visit_id is not None:
        session.connection().execute(_unbook_statement(), {"visit": visit_id})


def practitioner(session: Session, found: list) -> Resource:
    """The practitioner the statement read, or the refusal
    :func:`core.scheduling.availability.resolve` gives (none, not a practitioner, inactive)."""
    return _usable(_resource_of(session, found[0]) if found else None, PRACTITIONER)


def opening(found: list) -> tuple[list, list]:
    """The practitioner's opening on the days booked, as :func:`check_open` takes it."""
    return [r for r in found if r.kind == "window"], [r for r in found if r.kind == "closed"]


def _resource_of(session: Session, row) -> Resource:
    """The practitioner of a row of the statement: the session's own when it holds it (as the
    ORM's read gives), else made from the row's columns, as loaded."""
    columns = row._mapping
    held = session.identity_map.get(identity_key(Resource, columns["r_id"]))
    if held is not None:
        return held
    values = {column.key: columns[f"r_{column.key}"] for column in RESOURCES.c}
    return rows.attach(session, Resource, values.pop("id"), values)


@cache
def _statement():
    """Built once: the visit (when allowed), its hold (when the visit was written and the time
    is free), and the practitioner's row beside each of their opening rows."""
    person = exists().where(Person.id == bindparam("person"))
    discipline = bindparam("discipline", type_=String)
    allowed = select(RESOURCES.c.id).where(
        RESOURCES.c.id == bindparam("resource"), RESOURCES.c.kind == PRACTITIONER,
        RESOURCES.c.active.is_(True),
        or_(discipline.is_(None), RESOURCES.c.discipline == discipline)).exists()
    visit = rows.insert_cte(APPOINTMENTS, "a_", "visit", where=person & allowed)
    table = Occupancy.__table__
    taken = select(Occupancy.id).where(*_overlaps(
        [bindparam("resource", type_=Integer)], bindparam("start"), bindparam("end"),
        bindparam("earliest")))
    chosen = (select(RESOURCES.c.id, bindparam("start", type_=table.c.starts_at.type),
                     bindparam("end", type_=table.c.ends_at.type), visit.c.id,
                     type_coerce(null(), Integer))
              .select_from(RESOURCES).join(visit, true())  # no visit written: no hold
              .where(RESOURCES.c.id == bindparam("resource"), ~exists(taken)))
    held = (pg_insert(table).from_select(_HOLD_COLUMNS, chosen)
            .on_conflict_do_nothing(constraint=NO_OVERLAP)
            .returning(table.c.appointment_id).cte("held"))
    union = _opening_union().subquery()
    return (select(*(column.label(f"r_{column.key}") for column in RESOURCES.c), *union.c,
                   person.label("person_found"),
                   select(visit.c.id).scalar_subquery().label("visit_id"),
                   select(func.count()).select_from(held).scalar_subquery().label("held"))
            .outerjoin(union, true()).where(RESOURCES.c.id == bindparam("resource"))
            .order_by(union.c.kind, union.c.weekday, union.c.starts))
