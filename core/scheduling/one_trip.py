"""A booking in one round trip (PostgreSQL): the practitioner's opening read and the visit
written in one statement.

The desk books by ids: a practitioner, a person. The booking read the practitioner, their
opening hours and closures on the day and whether the person exists
(:func:`core.scheduling.availability.opening_read`), then wrote the visit and its hold: two
statements, two round trips. Here one statement does both: that read, with the visit inserted
(only when the person and the resource exist, so no foreign key can fail) and its hold made as
:func:`core.scheduling.occupancy.book_held` makes it (:func:`~core.scheduling.occupancy.holds_made`),
only when the visit was. :func:`core.scheduling.service.book` then checks the read's rows as it
checks them on the other path, with the same function; a refusal of a visit already written
(outside the opening hours, a closed day, a time taken) deletes it
(:func:`core.scheduling.occupancy.unbook`), so nothing of a refused booking is left and the
transaction goes on.
"""

from __future__ import annotations

from datetime import datetime
from functools import cache
from typing import NamedTuple

from sqlalchemy import Integer, bindparam, exists, select
from sqlalchemy.orm import Session

from core import rows
from core.db import read_rows
from core.identity.models import Person
from core.scheduling.apptypes import longest
from core.scheduling.availability import RESOURCES, opening_params, opening_read
from core.scheduling.occupancy import APPOINTMENTS, holds_made


class Written(NamedTuple):
    """What the statement answered: the rows of
    :func:`~core.scheduling.availability.opening_read`, the visit's id (None: not written) and
    how many holds were made."""

    found: list
    visit_id: int | None
    held: int


def applies(session: Session, practitioner, room, person) -> bool:
    """Whether a booking of these goes in one statement: a practitioner's id and a person's,
    no room, on PostgreSQL."""
    return (_an_id(practitioner) and _an_id(person) and room is None
            and session.get_bind().dialect.name == "postgresql")


def _an_id(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def book_and_read(session: Session, values: dict, start: datetime, end: datetime) -> Written:
    """Send the statement: the visit ``values`` (:func:`core.rows.row_values`, naming the
    practitioner's resource and the person) and its hold, beside the read of the
    practitioner; the caller checks the read and takes the visit back if it refuses it."""
    resource_id = values["practitioner_id"]
    params = opening_params(resource_id, start, end, values["person_id"])
    params.update(rows.prefixed(values, "a_"), start=start, end=end, earliest=start - longest())
    found = read_rows(session, _statement(), params).all()
    return Written(found, found[0].visit_id if found else None, found[0].held if found else 0)


@cache
def _statement():
    """Built once: :func:`~core.scheduling.availability.opening_read` with the visit written
    and its hold, their answers as two more columns. The visit is written only when the
    person and the resource exist: a foreign key refused would abort the transaction. Whether
    the booking is allowed is not asked here but by the service's checks of the read."""
    exist = (exists().where(Person.id == bindparam("person"))
             & exists().where(RESOURCES.c.id == bindparam("resource")))
    visit = rows.insert_cte(APPOINTMENTS, "a_", "visit", where=exist)
    # one resource, the read's own parameter: a list of one, not an expanding parameter
    # (rendered again on every execution: about 25 Python calls)
    held = holds_made(visit, [bindparam("resource", type_=Integer)])
    return opening_read().add_columns(select(visit.c.id).scalar_subquery().label("visit_id"),
                                      held.label("held"))
