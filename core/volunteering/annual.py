"""Volunteering's part of the annual report to the general assembly (issue #17).

It lives in core, beside the ledger it reads, and comes through core's own
``annual_report_sections`` (``core.reports.annual.core_sections``): the hours ledger is the
coop's, not a program's nor governance's, so every program's hours (core's reception and
accompaniment, the café, the market...) are counted once, in one place, whether or not the
governance plugin that shows the report is active, and a plugin never re-adds its own hours.
Only hours the coordination confirmed count; people from 1 to 4 are shown as "< 5".
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal

from sqlalchemy import select

from core.i18n import _
from core.reports.small_cells import hide_small
from core.specs import AnnualSection, ReportTable
from core.volunteering.labels import recognition_titles
from core.volunteering.models import HoursEntry, Recognition
from core.volunteering.programs import program_title

ZERO = Decimal("0.00")


def sections(session, year: int) -> list[AnnualSection]:
    """Confirmed hours by program with the volunteers who gave them; hours the coop
    recognised (credited against dues, the solidarity tier...)."""
    return [_hours(session, year), _recognised(session, year)]


def _hours(session, year: int) -> AnnualSection:
    rows = session.execute(select(HoursEntry.program, HoursEntry.hours, HoursEntry.person_id)
                           .where(HoursEntry.worked_on >= date(year, 1, 1),
                                  HoursEntry.worked_on <= date(year, 12, 31)))
    hours: dict[str, Decimal] = defaultdict(lambda: ZERO)
    people: dict[str, set] = defaultdict(set)
    for program, amount, person_id in rows:
        hours[program] += Decimal(amount)
        people[program].add(person_id)
    body = sorted(((program_title(code), hours[code], hide_small(len(people[code])))
                   for code in hours), key=lambda row: row[0])
    everyone = set().union(*people.values()) if people else set()
    # a volunteer who helped two programs is one person in the total
    body.append((str(_("Total")), sum(hours.values(), ZERO), hide_small(len(everyone))))
    return AnnualSection("core.volunteer_hours", _("Volunteer hours"), ReportTable(
        (_("Program"), _("Hours"), _("Volunteers")), body,
        chart={"type": "bar", "x": 0, "y": [1], "exclude_last": True},
        notes=(_("Hours confirmed by the coordination in the volunteer ledger."),)), order=55)


def _recognised(session, year: int) -> AnnualSection:
    rows = session.execute(select(Recognition.kind, Recognition.hours, Recognition.person_id)
                           .where(Recognition.year == year))
    hours: dict[str, Decimal] = defaultdict(lambda: ZERO)
    people: dict[str, set] = defaultdict(set)
    for kind, amount, person_id in rows:
        hours[kind] += Decimal(amount)
        people[kind].add(person_id)
    titles = recognition_titles()
    body = [(str(titles[kind]), hours[kind], hide_small(len(people[kind]))) for kind in titles]
    return AnnualSection("core.volunteer_recognition", _("Volunteer hours recognised"),
                         ReportTable((_("Recognised as"), _("Hours"), _("Members")), body),
                         order=56)
