"""The federation statistics page: what the coop would send, shown in full before anything
leaves, with the same figures as JSON (validated against its schema) and CSV to download."""

from __future__ import annotations

import json

from flask import Response, render_template, request

from core.coop_time import today
from core.db import session as current_session
from core.i18n import _
from core.reports import federation
from core.reports.views import _csv, bp
from core.security.access import require
from core.specs import ReportTable

VIEW = "core.reports.view"


def _year() -> tuple[int, dict]:
    """The year asked for (last year by default), or the reason it cannot be."""
    last = today().year - 1
    raw = request.args.get("year", "").strip()
    if not raw:
        return last, {}
    if not raw.isdigit() or not 2000 <= int(raw) <= today().year:
        return last, {"year": [str(_("Enter a year from 2000 to %(y)s.", y=today().year))]}
    return int(raw), {}


@bp.route("/federation")
@require(VIEW)
def federation_page():
    """Every figure of the export for a year; ``?format=json`` or ``csv`` downloads it."""
    year, errors = _year()
    session = current_session()
    try:
        doc = federation.statistics(session, year)
    finally:
        session.rollback()  # an export only reads
    fmt = request.args.get("format")
    if not errors and fmt == "json":
        body = json.dumps(doc, ensure_ascii=False, indent=2)
        return Response(body, mimetype="application/json", headers={
            "Content-Disposition": f'attachment; filename="federation-{year}.json"'})
    if not errors and fmt == "csv":
        return _csv(f"federation-{year}", ReportTable(
            ("year", "table", "group", "item", "measure", "value"), federation.csv_rows(doc)))
    from core.identity.register import category_titles

    return render_template("reports/federation.html", doc=doc, year=year, errors=errors,
                           category_titles=category_titles(),
                           years=list(range(today().year, today().year - 6, -1))), \
        (422 if errors else 200)
