"""The program's pages under ``/p/food_security/``: home, the three activities, reports.

One blueprint named after the plugin carries the templates and the home page; each activity
adds its own nested blueprint (``food_security.market``, ``.kitchen``, ``.gardens``).
"""

from __future__ import annotations

from flask import Blueprint, abort, render_template, request

from core.api import authenticated, current_session, require

from plugins.food_security import reports as reporting
from plugins.food_security.cafe.views import bp as cafe_bp
from plugins.food_security.gardens.views import bp as gardens_bp
from plugins.food_security.kitchen.views import bp as kitchen_bp
from plugins.food_security.market.views import bp as market_bp
from plugins.food_security.permissions import REPORTS_VIEW
from plugins.food_security.web import csv_response

bp = Blueprint("food_security", __name__, template_folder="templates")
bp.register_blueprint(market_bp, url_prefix="/market")
bp.register_blueprint(kitchen_bp, url_prefix="/kitchen")
bp.register_blueprint(gardens_bp, url_prefix="/gardens")
bp.register_blueprint(cafe_bp, url_prefix="/cafe")


@bp.route("/")
@authenticated
def home():
    """Links to the activities the reader may use (nothing else on this page)."""
    return render_template("food_security/home.html")


@bp.route("/reports")
@require(REPORTS_VIEW)
def reports():
    return render_template("food_security/reports/index.html", specs=reporting.reports())


@bp.route("/reports/<report_id>")
@require(REPORTS_VIEW)
def report(report_id: str):
    """One report as HTML with its chart, or as CSV with ``?format=csv``."""
    spec = next((s for s in reporting.reports() if s.id == f"food_security.{report_id}"), None)
    if spec is None:
        abort(404)
    params, errors = reporting.read_params(request.args)
    table = None if errors else spec.run(current_session(), params)
    if table is not None and request.args.get("format") == "csv":
        return csv_response(f"{report_id}-{params['start']}-{params['end']}.csv", table.columns,
                            table.rows)
    return render_template("food_security/reports/report.html", spec=spec, table=table,
                           params=params, errors=errors, values=request.args,
                           chart=reporting.chart_geometry(table)), (422 if errors else 200)
