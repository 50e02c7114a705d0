"""Reports for funders and the general assembly: aggregated, small cells suppressed.

Each report is a :class:`core.api.ReportSpec` whose ``run(session, params)`` only reads and
returns a :class:`core.api.ReportTable` with a chart hint; the program's report page renders it
as HTML (table and SVG chart) and CSV, and core can list it with the others.

Small cells: a count of people, households or orders from 1 to 4 is shown as "< 5" (zero is
shown: it reveals nobody). When a column adds up to a total, one hidden cell could be worked
out by subtraction, so the next smallest cell of that column is hidden too, shown as "x" (it is
5 or more: "< 5" would be false). A share or a median computed from fewer than 5 people is
shown as "x" as well.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from marshmallow import ValidationError, validates_schema

from core.api import (HIDDEN, SMALL_CELL, ReportSpec, ReportTable, errors_of, hide_column,
                      hide_small, is_small, today as coop_today)

from plugins.food_security import NAME, _, reports_data as data
from plugins.food_security.cafe import figures as cafe_figures
from plugins.food_security.fields import FormSchema, day
from plugins.food_security.permissions import REPORTS_VIEW

THRESHOLD = SMALL_CELL
#: a cell hidden for a reason other than being a count from 1 to 4 (Statistics Canada's mark)
WITHHELD = "x"
SUPPRESSION_NOTE = _('"< 5": a count from 1 to 4, hidden so that nobody can be recognised. '
                     '"x": hidden because it would give such a count away, or a share or a '
                     'median of fewer than 5 people.')


class Period(FormSchema):
    start = day(_("From"))
    end = day(_("To"))

    @validates_schema
    def _order(self, values, **kwargs):
        if values.get("start") and values.get("end") and values["end"] < values["start"]:
            raise ValidationError(_("The end comes after the start."), "end")


def read_params(args) -> tuple[dict, dict]:
    """The period asked for (this calendar year so far by default), or the errors."""
    try:
        loaded = Period().load(args)
    except ValidationError as exc:
        return default_period(), errors_of(exc)
    return {**default_period(), **{k: v for k, v in loaded.items() if v}}, {}


def default_period() -> dict:
    today = coop_today()
    return {"start": date(today.year, 1, 1), "end": today}


# --- small-cell suppression -----------------------------------------------------------------


def suppress_column(values: list) -> list:
    """Counts of a column that adds up to a total: primary and complementary suppression
    (core's rule; the complementary cell is marked "x", as Statistics Canada does)."""
    return hide_column(values, complement=WITHHELD)


def with_suppressed(rows: list[tuple], columns: list[int]) -> list[tuple]:
    """``rows`` with each listed count column suppressed as a column (the last row a total)."""
    rows = [list(r) for r in rows]
    for col in columns:
        body = suppress_column([r[col] for r in rows[:-1]])
        for row, value in zip(rows, body, strict=False):
            row[col] = value
        rows[-1][col] = hide_small(rows[-1][col])
    return [tuple(r) for r in rows]


def share(part: int, whole: int):
    """A percentage with one decimal, hidden when either count is small."""
    if not whole or is_small(part) or is_small(whole):
        return None if not whole else WITHHELD
    return round(100 * part / whole, 1)


# --- the reports ----------------------------------------------------------------------------


def _reach(session, params) -> ReportTable:
    ages, types, total = data.reach(session, params["start"], params["end"])
    age_labels = {"0-17": _("0 to 17 years"), "18-64": _("18 to 64 years"),
                  "65+": _("65 years and over"), "unknown": _("Age unknown")}
    type_labels = {"single": _("Single person"), "single_parent": _("Single-parent family"),
                   "two_parents": _("Two-parent family"), "couple": _("Two adults without children"),
                   "other": _("Other household")}
    age_rows = with_suppressed([(str(_("Age group")), str(age_labels[k]), None, ages[k])
                                for k in age_labels] + [("", "", None, total[1])], [3])
    type_rows = with_suppressed([(str(_("Household type")), str(type_labels[k]), *types[k])
                                 for k in type_labels] + [("", "", *total)], [2, 3])
    rows = [*age_rows[:-1], *type_rows[:-1],
            (str(_("Total")), str(_("Everyone served")), hide_small(total[0]), hide_small(total[1]))]
    return ReportTable((_("Breakdown"), _("Group"), _("Households"), _("Individuals")), rows,
                       chart={"type": "bar", "x": 1, "y": [3], "exclude_last": True},
                       notes=(_("Served: ordered at the market, cooked in a collective kitchen or "
                                "gardened a plot during the period. Individuals count everyone "
                                "in those households; household types are derived from the ages "
                                "on file (adults are 18 and over)."),))


def _market(session, params) -> ReportTable:
    rows = data.market_cycles(session, params["start"], params["end"])
    # members are counted once in the total, however many cycles they ordered in
    totals = ("Total", "", sum(r[2] for r in rows), sum(r[3] for r in rows),
              data.market_members(session, params["start"], params["end"]),
              sum(r[5] for r in rows), sum(r[6] for r in rows))
    rows = with_suppressed([*rows, totals], [2, 3, 4])
    rows[-1] = (str(_("Total")), *rows[-1][1:])
    return ReportTable((_("Order cycle"), _("Orders close"), _("Orders"),
                        _("Solidarity-tier orders"), _("Members"),
                        _("Kilograms from local producers"), _("Paid to local producers ($)")),
                       rows,
                       chart={"type": "bar", "x": 0, "y": [6], "exclude_last": True},
                       notes=(_("Cycles that closed during the period; cancelled orders are left "
                                "out. Kilograms count products whose weight per unit is known."),))


def _producers(session, params) -> ReportTable:
    rows = data.producers(session, params["start"], params["end"])
    local = [r for r in rows if r[1]]
    yes, no = str(_("Yes")), str(_("No"))
    body = [(r[0], yes if r[1] else no, r[2], r[3]) for r in rows]
    body.append((str(_("Total to local producers")), yes, sum(r[2] for r in local),
                 sum(r[3] for r in local)))
    return ReportTable((_("Producer"), _("Local producer"), _("Kilograms"), _("Amount paid ($)")),
                       body, chart={"type": "bar", "x": 0, "y": [3], "exclude_last": True})


def _kitchen(session, params) -> ReportTable:
    rows = data.kitchens(session, params["start"], params["end"])
    total_cost = sum(r[4] for r in rows)
    total_portions = sum(r[3] for r in rows)
    totals = ("Total", sum(r[1] for r in rows), data.kitchen_participants(
        session, params["start"], params["end"]), total_portions, total_cost,
        data.per_portion(total_cost, total_portions))
    rows = with_suppressed([*rows, totals], [2])
    rows[-1] = (str(_("Total")), *rows[-1][1:])
    return ReportTable((_("Group"), _("Sessions"), _("Participants"), _("Portions"),
                        _("Cost of ingredients ($)"), _("Mean cost per portion ($)")), rows,
                       chart={"type": "bar", "x": 0, "y": [3], "exclude_last": True},
                       notes=(_("Sessions held during the period. The mean cost per portion is the "
                                "cost of ingredients divided by the portions cooked."),))


def _gardens(session, params) -> ReportTable:
    rows = data.gardens(session, params["start"], params["end"])
    waits = data.waits(session, params["start"], params["end"])
    totals = ("Total", sum(r[1] for r in rows), sum(r[2] for r in rows),
              data.waiting_total(session), *(sum(r[i] for r in rows) for i in range(4, 7)))
    rows = with_suppressed([*rows, totals], [2, 3])
    median = data.median(waits) if len(waits) >= THRESHOLD else (WITHHELD if waits else None)
    body = [(*r[:4], None, *r[4:]) for r in rows[:-1]]
    body.append((str(_("Total")), *rows[-1][1:4], median, *rows[-1][4:]))
    return ReportTable((_("Garden"), _("Plots"), _("Plots allocated"), _("Households waiting"),
                        _("Median wait (days)"), _("Kilograms harvested"), _("Kilograms given"),
                        _("Volunteer hours")), body,
                       chart={"type": "bar", "x": 0, "y": [2], "exclude_last": True},
                       notes=(_("Median wait: from registration on the waiting list to allocation, "
                                "for plots allocated during the period. Households waiting for "
                                "any garden count in the total only."),))


def _screening_row(label, screened: int, insecure: int) -> tuple:
    """One quarter; the food-secure count is ``screened - insecure``, so when it is small the
    insecure count and the share are hidden too (they would give it away)."""
    if is_small(screened - insecure):
        return label, hide_small(screened), HIDDEN if is_small(insecure) else WITHHELD, WITHHELD
    return label, hide_small(screened), hide_small(insecure), share(insecure, screened)


def _screening(session, params) -> ReportTable:
    rows = [_screening_row(*row) for row in data.screenings(session, params["start"],
                                                           params["end"])]
    return ReportTable((_("Quarter"), _("Members screened"), _("Food insecure"),
                        _("Share food insecure (%)")), rows,
                       chart={"type": "line", "x": 0, "y": [3]},
                       notes=(_("Each member counts once per quarter, with their latest screen: "
                                "Hunger Vital Sign at risk, or low or very low food security on "
                                "the USDA six-item form."),))


def _cafe(session, params) -> ReportTable:
    rows = cafe_figures.months(session, params["start"], params["end"])
    whole = cafe_figures.total(session, rows, str(_("Total")), params["start"], params["end"])
    body = [(m.label, m.days, m.meals, m.solidarity, m.solidarity_share, m.pay_what_you_can,
             m.kg_garden, m.kg_local, m.volunteer_hours) for m in (*rows, whole)]
    return ReportTable((_("Month"), _("Days open"), _("Meals served"),
                        _("Meals at the solidarity price"), _("Share at the solidarity price (%)"),
                        _("Pay-what-you-can meals"), _("Kilograms from the coop's gardens"),
                        _("Kilograms from local producers"), _("Volunteer hours")), body,
                       chart={"type": "bar", "x": 0, "y": [2], "exclude_last": True},
                       notes=(_("Meals are counted per day and price, without names: no cell is "
                                "hidden. Local producers are the market's producers marked "
                                "local."),
                              _("Volunteer hours: hours the coordination confirmed in the coop's "
                                "volunteer ledger for the café (the total also counts days "
                                "without a menu)."),))


def reports() -> list[ReportSpec]:
    """Every report of the program, readable by holders of the reports permission."""
    def spec(key, title, run, description):
        def run_for_period(session, params):
            # a missing or empty bound means this calendar year so far
            table = run(session, {**default_period(), **{k: v for k, v in (params or {}).items()
                                                        if v}})
            return replace(table, notes=(*table.notes, SUPPRESSION_NOTE))
        return ReportSpec(f"{NAME}.{key}", title, run_for_period, REPORTS_VIEW, description,
                          Period)

    return [
        spec("reach", _("People served"), _reach,
             _("Households and individuals served, by age group and household type.")),
        spec("market", _("Market cycles"), _market,
             _("Orders, solidarity-tier orders, kilograms and dollars to local producers.")),
        spec("producers", _("Purchases from producers"), _producers,
             _("Kilograms and dollars paid to each producer.")),
        spec("kitchen", _("Collective kitchens"), _kitchen,
             _("Sessions, participants, portions and mean cost per portion.")),
        spec("gardens", _("Community gardens"), _gardens,
             _("Plots allocated, waiting list, median wait, harvests and volunteer hours.")),
        spec("screening", _("Food insecurity screening"), _screening,
             _("Share of screened members who are food insecure, quarter by quarter.")),
        spec("cafe", _("Social café"), _cafe,
             _("Meals served, share at the solidarity price, garden and local produce.")),
    ]


# --- charts ---------------------------------------------------------------------------------

WIDTH, HEIGHT, PAD = 640, 240, 30


def chart_geometry(table: ReportTable | None) -> dict | None:
    """Bars or a line for an SVG, from the table's chart hint (hidden cells are left out)."""
    if table is None or not table.chart or not table.rows:
        return None
    hint = table.chart
    rows = table.rows[:-1] if hint.get("exclude_last") else table.rows
    col = hint["y"][0]
    points = [(str(r[hint["x"]]), float(r[col]) if isinstance(r[col], (int, float)) or (
        hasattr(r[col], "is_finite")) else None) for r in rows]
    top = max([v for _label, v in points if v is not None] or [0]) or 1
    step = (WIDTH - 2 * PAD) / max(len(points), 1)
    marks = []
    for i, (label, value) in enumerate(points):
        height = 0 if value is None else (HEIGHT - 2 * PAD) * value / top
        marks.append({"label": label, "value": value, "x": PAD + i * step, "width": step * 0.7,
                      "y": HEIGHT - PAD - height, "height": height,
                      "cx": PAD + i * step + step * 0.35})
    line = " ".join(f"{m['cx']:.1f},{m['y']:.1f}" for m in marks if m["value"] is not None)
    return {"type": hint["type"], "marks": marks, "line": line, "width": WIDTH, "height": HEIGHT,
            "base": HEIGHT - PAD, "title": str(table.columns[col]), "top": top}
