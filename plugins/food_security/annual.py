"""Food security's part of the annual report to the general assembly (``annual_report_sections``).

One section per activity for the calendar year: the market, the collective kitchens, the
community gardens and the social café. The figures are the funders' reports' own queries
(``reports_data``, ``cafe.figures``) over the year, so the assembly and the funders read the
same numbers. Counts of people and orders from 1 to 4 are hidden (``core.api.hide_small``);
kilograms, dollars, sessions and meals reveal nobody and are shown.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from core.api import AnnualSection, ReportTable, hide_small, today

from plugins.food_security import _, reports_data as data
from plugins.food_security.cafe import figures as cafe_figures

#: after core's sections (10-50) and governance's (60s)
ORDER = 70


def _period(year: int) -> tuple[date, date]:
    """The year, up to today when it is the current one (what took place)."""
    return date(year, 1, 1), min(date(year, 12, 31), today())


def _table(rows: list[tuple]) -> ReportTable:
    return ReportTable((_("Figure"), _("Year")), [(str(label), value) for label, value in rows])


def sections(session, year: int) -> list[AnnualSection]:
    """The four activities' figures for ``year`` (read only)."""
    start, end = _period(year)
    if end < start:  # a year still to come: nothing took place
        end = start
    return [_market(session, start, end), _kitchen(session, start, end),
            _gardens(session, start, end), _cafe(session, start, end)]


def _market(session, start: date, end: date) -> AnnualSection:
    cycles = data.market_cycles(session, start, end)
    return AnnualSection("food_security.market", _("Solidarity market"), _table([
        (_("Order cycles"), len(cycles)),
        (_("Orders"), hide_small(sum(c[2] for c in cycles))),
        (_("Solidarity-tier orders"), hide_small(sum(c[3] for c in cycles))),
        (_("Members who ordered"), hide_small(data.market_members(session, start, end))),
        (_("Kilograms from local producers"), sum((c[5] for c in cycles), Decimal("0"))),
        (_("Paid to local producers ($)"), sum((c[6] for c in cycles), Decimal("0"))),
    ]), order=ORDER)


def _kitchen(session, start: date, end: date) -> AnnualSection:
    groups = data.kitchens(session, start, end)
    cost, portions = sum((g[4] for g in groups), Decimal("0")), sum(g[3] for g in groups)
    per = data.per_portion(cost, portions)
    return AnnualSection("food_security.kitchen", _("Collective kitchens"), _table([
        (_("Groups that cooked"), len(groups)),
        (_("Sessions held"), sum(g[1] for g in groups)),
        (_("Participants"), hide_small(data.kitchen_participants(session, start, end))),
        (_("Portions cooked"), portions),
        (_("Mean cost per portion ($)"), per if per is not None else "—"),
    ]), order=ORDER + 1)


def _gardens(session, start: date, end: date) -> AnnualSection:
    gardens = data.gardens(session, start, end)
    return AnnualSection("food_security.gardens", _("Community gardens"), _table([
        (_("Plots"), sum(g[1] for g in gardens)),
        (_("Plots allocated"), hide_small(sum(g[2] for g in gardens))),
        (_("Households waiting at the end of the year"), hide_small(data.waiting_total(session))),
        (_("Kilograms harvested"), sum((g[4] for g in gardens), Decimal("0"))),
        (_("Kilograms given"), sum((g[5] for g in gardens), Decimal("0"))),
        (_("Hours of collective chores"), sum((g[6] for g in gardens), Decimal("0"))),
    ]), order=ORDER + 2)


def _cafe(session, start: date, end: date) -> AnnualSection:
    whole = cafe_figures.total(session, cafe_figures.months(session, start, end), "", start, end)
    share = whole.solidarity_share
    return AnnualSection("food_security.cafe", _("Social café"), _table([
        (_("Days open"), whole.days),
        (_("Meals served"), whole.meals),
        (_("Share at the solidarity price (%)"), share if share is not None else "—"),
        (_("Pay-what-you-can meals"), whole.pay_what_you_can),
        (_("Kilograms from the coop's gardens"), whole.kg_garden),
        (_("Kilograms from local producers"), whole.kg_local),
        (_("Volunteer hours"), whole.volunteer_hours),
    ]), order=ORDER + 3)
