"""What every page of the plugin shares: the person picker and CSV downloads.

A view follows core's request lifecycle (``core.api``): ``get_or_404`` what it needs, checks
object-level access, calls a service through ``attempt`` (which commits once, or rolls back
and returns the errors to show next to the fields) and renders or redirects. Views never write
rows themselves.
"""

from __future__ import annotations

from flask import Response, request

from core.api import Person, current_session, row_id, search_people, spreadsheet_csv


def picked_person(param: str = "person") -> Person | None:
    """The person chosen in the person picker (``?person=<id>`` or a posted field)."""
    ident = row_id(request.values.get(param))
    return None if ident is None else current_session().get(Person, ident)


def person_search(param: str = "q") -> tuple[str, list[Person]]:
    """The picker's query and its results (name, date of birth or RAMQ number)."""
    query = request.args.get(param, "").strip()
    return query, (search_people(current_session(), query) if query else [])


def csv_response(filename: str, header, rows) -> Response:
    """A CSV download for a spreadsheet (core.api.spreadsheet_csv: accents read right, no
    cell runs as a formula: a member's name typed "=..." stays text)."""
    body = spreadsheet_csv([[str(h) for h in header], *rows])
    return Response(body, mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})
