"""The federation statistics page: what the coop would send, shown in full before anything
leaves, with the same figures as JSON (validated against its schema) and CSV to download."""

from __future__ import annotations

import json

from flask import Response, render_template, request

from core.coop_time import today
from core.db import session as current_session
from core.i18n import _
from core.identity.register import category_titles
from core.reports import federation
from core.reports.views import _csv, bp
from core.scheduling.apptypes import declared_types
from core.security.access import require
from core.specs import ReportTable
from core.volunteering.programs import programs

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


def _names(section_titles: dict) -> dict:
    """What the page calls each code the file carries: a service (appointment or group
    type), a programme's section, a volunteer programme (those of inactive services too: a
    past year's figures may name them); a code no installed service declares is shown as it
    is."""
    names = {spec.code: str(spec.title) for spec in declared_types(active_only=False)}
    names.update((code, str(spec.title)) for code, spec in programs(active_only=False).items())
    return {**names, **section_titles}


@bp.route("/federation")
@require(VIEW)
def federation_page():
    """Every figure of the export for a year; ``?format=json`` or ``csv`` downloads it."""
    year, errors = _year()
    session, titles = current_session(), {}
    try:
        doc = federation.statistics(session, year, titles)
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
    return render_template("reports/federation.html", doc=doc, year=year, errors=errors,
                           names=_names(titles), category_titles=category_titles(),
                           years=list(range(today().year, today().year - 6, -1))), \
        (422 if errors else 200)
