"""The annual report to the general assembly: a page with charts (printable for the
assembly's documents) and the same figures as CSV."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from flask import Blueprint, Response, render_template, request

from core.api import annual_report, current_session, format_cell, format_number, require, today

from plugins.governance.annual import as_csv
from plugins.governance.permissions import REPORTS

bp = Blueprint("annual", __name__, url_prefix="/annual-report")


@bp.route("/")
@require(REPORTS)
def report():
    """``?year=2026`` (last year by default); ``&format=csv`` for the figures as CSV."""
    default = today().year - 1
    year = request.args.get("year", type=int) or default
    if not 2000 <= year <= today().year:
        year = default
    found, missing = annual_report(current_session(), year)
    if request.args.get("format") == "csv":
        return Response(as_csv(year, found, missing), mimetype="text/csv", headers={
            "Content-Disposition": f'attachment; filename="annual-report-{year}.csv"'})
    return render_template("governance/annual.html", year=year, sections=found,
                           missing=missing, bars=[_bars(s.table) for s in found],
                           years=range(today().year, 1999, -1)[:10], cell=_cell)


def _cell(value) -> Any:
    """A cell as the reader writes it: amounts and hours (decimals) with two places
    ("1 234,50"), counts as they are ("1 234"), an assembly's day in words ("12 juin 2026"), a
    label unchanged; the CSV keeps them plain (days in ISO 8601)."""
    if value is None:
        return "—"
    return format_number(value, 2) if isinstance(value, Decimal) else format_cell(value, True)


def _bars(table) -> list[tuple[str, Any, int]] | None:
    """For a table with a chart: (label, value, width in % of the largest) per row; hidden
    small cells count as 0 in the drawing (their text still says "< 5"). Hours and kilograms
    are decimals; a total row the chart leaves out (``exclude_last``) is not drawn."""
    if not table.chart or not table.rows:
        return None
    x, y = table.chart["x"], table.chart["y"][0]
    rows = table.rows[:-1] if table.chart.get("exclude_last") else table.rows
    values = [(str(format_cell(row[x])), row[y] if _number(row[y]) else 0) for row in rows]
    top = max((v for _l, v in values), default=0) or 1
    return [(label, value, round(100 * value / top)) for label, value in values]


def _number(value) -> bool:
    return isinstance(value, (int, float, Decimal)) and not isinstance(value, bool)
