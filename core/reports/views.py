"""The reports list, one report as HTML with its chart, and the same table as CSV.

A report only reads: whatever its function did to the session is rolled back. Bad parameters
re-render the form with the translated errors (422) and run nothing.
"""

from __future__ import annotations

from flask import Blueprint, Response, abort, render_template, request
from marshmallow import ValidationError

from core.db import session as current_session
from core.i18n import _
from core.plugins import CORE
from core.registry import plugin_host
from core.reports.chart import geometry
from core.security.access import authenticated, has_permission
from core.spreadsheet import spreadsheet_csv
from core.typography import sort_key
from core.web.formatting import cell

bp = Blueprint("reports", __name__, url_prefix="/reports", template_folder="templates")


def _reports() -> list:
    """The reports of active plugins the current account may run, by title."""
    specs = plugin_host().declarations("register_reports")
    return sorted((s for s in specs if has_permission(s.permission)), key=lambda s: sort_key(s.title))


def _by_service(reports: list) -> list[tuple[str, list]]:
    """The reports under the service that gives them (a report's id starts with its plugin's
    name): the coop's own first, then each service by its name. Thirty-odd reports in one
    list made a coordinator read them all to find the kitchen's."""
    host = plugin_host()
    groups: dict[str, list] = {}
    for spec in reports:
        groups.setdefault(spec.id.split(".", 1)[0], []).append(spec)

    def heading(name: str) -> str:
        plugin = host.plugins.get(name)
        if name == CORE or plugin is None or plugin.info is None:
            return str(_("The coop"))
        return str(plugin.info.title)
    return sorted(((heading(name), specs) for name, specs in groups.items()),
                  key=lambda group: (group[1][0].id.split(".", 1)[0] != CORE, sort_key(group[0])))


@bp.route("/")
@authenticated
def index():
    """Every report the account may run, under the service that gives it."""
    return render_template("reports/index.html", services=_by_service(_reports()))


def _fields(schema) -> list[dict]:
    """What the parameters form draws for each field of the report's schema."""
    return [{"name": name, "label": str(f.metadata.get("label", name)),
             "type": f.metadata.get("widget", "text")}
            for name, f in schema.load_fields.items()]


def _params(spec, args) -> tuple[dict, dict, dict]:
    """(parameters loaded, values to show, errors) from the query string."""
    if spec.params_schema is None:
        return {}, {}, {}
    schema = spec.params_schema()
    raw = {k: v for k, v in args.items() if k in schema.load_fields and v.strip()}
    try:
        params = schema.load(raw)
    except ValidationError as exc:
        errors = {k: [str(m) for m in (v if isinstance(v, list) else [v])]
                  for k, v in exc.messages.items()}
        return {}, raw, errors
    shown = {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in params.items()
             if v is not None}
    return params, shown, {}


def _csv(name: str, table) -> Response:
    body = spreadsheet_csv([[str(c) for c in table.columns], *table.rows])
    return Response(body, mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="{name}.csv"'})


@bp.route("/<report_id>")
@authenticated
def show(report_id: str):
    """One report: ``?format=csv`` for the table as CSV, otherwise HTML with its chart."""
    specs = plugin_host().declarations("register_reports")
    spec = next((s for s in specs if s.id == report_id), None)
    if spec is None:
        abort(404)
    if not has_permission(spec.permission):
        abort(403)
    params, values, errors = _params(spec, request.args)
    table = None
    if not errors:
        session = current_session()
        try:
            table = spec.run(session, params)
        finally:
            session.rollback()  # a report never writes
        if request.args.get("format") == "csv":
            return _csv(report_id, table)
    fields = _fields(spec.params_schema()) if spec.params_schema else []
    return render_template("reports/report.html", spec=spec, table=table, values=values,
                           errors=errors, fields=fields, chart=geometry(table, cell) if table else None,
                           csv_args={**values, "format": "csv"}), (422 if errors else 200)
