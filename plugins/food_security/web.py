"""What every page of the plugin shares: loading rows, one transaction per action, CSV.

A view loads what it needs (404 when absent), checks object-level access, calls a service
through :func:`attempt` (which commits once, or rolls back and returns the errors to show next
to the fields) and renders or redirects. Views never write rows themselves.
"""

from __future__ import annotations

import csv
import io

from flask import Response, abort, request
from marshmallow import ValidationError

from core.api import Person, current_session, search_people
from plugins.food_security.fields import ActionRefused, form_errors, row_id


def load(model, ident):
    """The row ``ident`` of ``model``, or 404 (also for an id too large to be one)."""
    obj = current_session().get(model, ident) if row_id(ident) is not None else None
    if obj is None:
        abort(404)
    return obj


def attempt(action) -> dict:
    """Run ``action()``; commit and return ``{}``, or roll back and return errors by field."""
    db = current_session()
    try:
        action()
    except (ValidationError, ActionRefused) as exc:
        db.rollback()
        return form_errors(exc)
    db.commit()
    return {}


def picked_person(param: str = "person") -> Person | None:
    """The person chosen in the person picker (``?person=<id>`` or a posted field)."""
    ident = row_id(request.values.get(param))
    return None if ident is None else current_session().get(Person, ident)


def person_search(param: str = "q") -> tuple[str, list[Person]]:
    """The picker's query and its results (name, date of birth or RAMQ number)."""
    query = request.args.get(param, "").strip()
    return query, (search_people(current_session(), query) if query else [])


def csv_response(filename: str, header, rows) -> Response:
    """A UTF-8 CSV download (with a BOM so spreadsheet programs read the accents)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([str(h) for h in header])
    for row in rows:
        writer.writerow(["" if v is None else str(v) for v in row])
    return Response("\ufeff" + buffer.getvalue(), mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})
