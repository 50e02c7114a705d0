"""Small helpers shared by the scheduling views (views stay thin: load, check, call, commit)."""

from __future__ import annotations

from datetime import date

from flask import abort, flash, redirect, request
from marshmallow import ValidationError

from core import db
from core.identity.models import Person
from core.ids import id_arg, parse_id
from core.identity.service import search_people
from core.identity.views import form_errors
from core.scheduling.errors import SchedulingError
from core.scheduling.timeutil import today


def load(model, ident):
    """A row by primary key, or 404."""
    obj = db.session().get(model, ident)
    if obj is None:
        abort(404)
    return obj


def failure(exc: Exception) -> tuple[dict, int]:
    """Form errors keyed by field (``_form``: about the whole form) and the HTTP status.

    A slot taken by someone else answers 409; other bad input 422.
    """
    if isinstance(exc, ValidationError):
        return form_errors(exc), 422
    if isinstance(exc, SchedulingError):
        return {exc.field or "_form": [str(exc)]}, exc.status
    raise exc


def day_arg(name: str = "date") -> date:
    """A ``YYYY-MM-DD`` query argument, today when absent or unreadable."""
    try:
        return date.fromisoformat(request.args.get(name, ""))
    except ValueError:
        return today()


def int_arg(name: str) -> int | None:
    """An id in the query string, or None; 422 naming it when it cannot be an id."""
    return id_arg(name)


def act(action, message, target: str):
    """Run one change and redirect: commit and say ``message``, or roll back and say why."""
    sess = db.session()
    try:
        action(sess)
    except SchedulingError as exc:
        sess.rollback()
        flash(str(exc), "error")
    else:
        sess.commit()
        flash(message, "success")
    return redirect(target)


def person_choice(values=None) -> tuple:
    """The person chosen (``person_id`` in the query or ``values``), the search text ``q`` and
    its matches (only while nobody is chosen)."""
    person_id = int_arg("person_id") or (values or {}).get("person_id")
    ident = parse_id(person_id)
    person = db.session().get(Person, ident) if ident else None
    query = request.args.get("q", "")
    matches = search_people(db.session(), query) if query and person is None else []
    return person, query, matches
