"""Small helpers shared by the scheduling views (views stay thin: load, check, call, commit
once through :mod:`core.web.lifecycle`)."""

from __future__ import annotations

from datetime import date

from flask import request

from core import db
from core.coop_time import today
from core.identity.models import Person
from core.identity.service import search_people
from core.ids import id_arg, parse_id
from core.web.lifecycle import act, get_or_404 as load

__all__ = ["load", "act", "day_arg", "int_arg", "person_choice", "FORM_FIELDS"]

#: the services' names for what they refuse, as the booking, moving and group session forms
#: name their fields (``form_page(..., rename=FORM_FIELDS)``)
FORM_FIELDS = {"practitioner": "practitioner_id", "room": "room_id", "person": "person_id",
               "start": "time"}


def day_arg(name: str = "date") -> date:
    """A ``YYYY-MM-DD`` query argument, today when absent or unreadable."""
    try:
        return date.fromisoformat(request.args.get(name, ""))
    except ValueError:
        return today()


def int_arg(name: str) -> int | None:
    """An id in the query string, or None; 422 naming it when it cannot be an id."""
    return id_arg(name)


def person_choice(values=None) -> tuple:
    """The person chosen (``person_id`` in the query or ``values``), the search text ``q`` and
    its matches (only while nobody is chosen)."""
    person_id = int_arg("person_id") or (values or {}).get("person_id")
    ident = parse_id(person_id)
    person = db.session().get(Person, ident) if ident else None
    query = request.args.get("q", "")
    matches = search_people(db.session(), query) if query and person is None else []
    return person, query, matches
