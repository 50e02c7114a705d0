"""Volunteering's reports: hours by program and month, volunteers by age group, shifts that
lack people; the coordinator's home section on the week's unfilled shifts, and each
volunteer's own next shifts on their home (and their portal's).

Counts of people from 1 to 4 are shown as "< 5" (``core.reports.annual.hide_small``), like the
coop's other reports. Hours are sums, not people, and show as they are.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal

from marshmallow import Schema, ValidationError, fields, validates_schema
from sqlalchemy import select

from core.coop_time import age_on, local_day_bounds, today
from core.db import utcnow
from core.i18n import _, ngettext
from core.identity.models import Person
from core.reports.annual import hide_small
from core.specs import PanelSpec, ReportSpec, ReportTable
from core.volunteering.declarations import MANAGE
from core.volunteering.models import HoursEntry, VolunteerShift
from core.volunteering.programs import program_title

AGE_GROUPS = ("0-17", "18-34", "35-54", "55-64", "65+", "unknown")


def _year_ago() -> date:
    return today() - timedelta(days=365)


class Period(Schema):
    start = fields.Date(load_default=_year_ago, metadata={"label": _("From"), "widget": "date"})
    end = fields.Date(load_default=today, metadata={"label": _("To"), "widget": "date"})

    @validates_schema
    def _ordered(self, data, **kwargs):
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            raise ValidationError({"end": [_("The end of the period comes before its start.")]})


class Ahead(Schema):
    start = fields.Date(load_default=today, metadata={"label": _("From"), "widget": "date"})
    end = fields.Date(load_default=lambda: today() + timedelta(days=30),
                      metadata={"label": _("To"), "widget": "date"})

    _ordered = Period._ordered


def hours_by_month(session, params) -> ReportTable:
    """Confirmed hours and volunteers by month and program."""
    rows = session.execute(select(HoursEntry.worked_on, HoursEntry.program, HoursEntry.hours,
                                  HoursEntry.person_id).where(
        HoursEntry.worked_on >= params["start"], HoursEntry.worked_on <= params["end"]))
    hours: dict = defaultdict(Decimal)
    people: dict = defaultdict(set)
    for worked_on, program, amount, person_id in rows:
        key = (f"{worked_on:%Y-%m}", program)
        hours[key] += Decimal(amount)
        people[key].add(person_id)
    table = [(month, program_title(program), hours[(month, program)],
              hide_small(len(people[(month, program)]))) for month, program in sorted(hours)]
    everyone = set().union(*people.values()) if people else set()
    table.append((str(_("Total")), "", sum(hours.values(), Decimal("0")),
                  hide_small(len(everyone))))
    return ReportTable((_("Month"), _("Program"), _("Hours"), _("Volunteers")), table,
                       chart={"type": "bar", "x": 0, "y": [2], "exclude_last": True},
                       notes=(_("Hours confirmed by the coordination. A volunteer is counted "
                                "once in the total however many programs they helped."),))


def age_group(born: date | None, on: date) -> str:
    age = age_on(born, on)
    if age is None:
        return "unknown"
    for limit, label in ((18, "0-17"), (35, "18-34"), (55, "35-54"), (65, "55-64")):
        if age < limit:
            return label
    return "65+"


def by_age(session, params) -> ReportTable:
    """People who gave confirmed hours in the period, by age group at its end."""
    rows = session.execute(select(Person.id, Person.date_of_birth, HoursEntry.hours).join(
        HoursEntry, HoursEntry.person_id == Person.id).where(
        HoursEntry.worked_on >= params["start"], HoursEntry.worked_on <= params["end"]))
    people: dict = defaultdict(set)
    hours: dict = defaultdict(Decimal)
    for person_id, born, amount in rows:
        group = age_group(born, params["end"])
        people[group].add(person_id)
        hours[group] += Decimal(amount)
    labels = {"0-17": _("Under 18"), "18-34": _("18 to 34"), "35-54": _("35 to 54"),
              "55-64": _("55 to 64"), "65+": _("65 and over"), "unknown": _("Age unknown")}
    table = [(str(labels[g]), hide_small(len(people[g])), hours[g]) for g in AGE_GROUPS]
    table.append((str(_("Total")), hide_small(sum(len(p) for p in people.values())),
                  sum(hours.values(), Decimal("0"))))
    return ReportTable((_("Age group"), _("Volunteers"), _("Hours")), table,
                       chart={"type": "bar", "x": 0, "y": [2], "exclude_last": True},
                       notes=(_('"< 5": from 1 to 4 people, hidden so nobody can be '
                                'recognised.'),))


def unfilled(session, params) -> ReportTable:
    """Shifts of the period still missing people (called-off shifts left out)."""
    start, end = local_day_bounds(params["start"])[0], local_day_bounds(params["end"])[1]
    shifts = session.scalars(select(VolunteerShift).where(
        VolunteerShift.cancelled.is_(False), VolunteerShift.starts_at >= start,
        VolunteerShift.starts_at < end, VolunteerShift.taken < VolunteerShift.needed)
        .order_by(VolunteerShift.starts_at))
    from core.scheduling.labels import local_day, local_time

    table = [(f"{local_day(s.starts_at, 'medium')} {local_time(s.starts_at)}",
              _shown(s), program_title(s.program), s.needed, s.taken, s.needed - s.taken)
             for s in shifts]
    return ReportTable((_("When"), _("Shift"), _("Program"), _("People needed"),
                        _("People signed up"), _("Missing")), table,
                       chart={"type": "bar", "x": 1, "y": [5]})


def _shown(shift: VolunteerShift) -> str:
    from core.volunteering.reminders import shown_title

    return shown_title(shift)


def reports() -> list[ReportSpec]:
    return [
        ReportSpec("core.volunteer_hours", _("Volunteer hours by program and month"),
                   hours_by_month, MANAGE, _("Confirmed hours, per month and program."),
                   Period),
        ReportSpec("core.volunteers_by_age", _("Volunteers by age group"), by_age, MANAGE,
                   _("Members who gave confirmed hours in the period."), Period),
        ReportSpec("core.unfilled_shifts", _("Shifts missing volunteers"), unfilled, MANAGE,
                   _("Coming shifts that still need people."), Ahead),
    ]


def home_section(viewer) -> list[PanelSpec]:
    """The coordinator's home: the next 7 days' shifts that still need people."""
    from flask import url_for

    from core import db
    from core.scheduling.labels import local_day, local_time
    from core.security.access import has_permission

    if not has_permission(MANAGE, account=viewer):
        return []
    now = utcnow()
    shifts = list(db.session().scalars(select(VolunteerShift).where(
        VolunteerShift.cancelled.is_(False), VolunteerShift.starts_at > now,
        VolunteerShift.starts_at < now + timedelta(days=7),
        VolunteerShift.taken < VolunteerShift.needed).order_by(VolunteerShift.starts_at)))
    items = [{"text": f"{local_day(s.starts_at, 'medium')} {local_time(s.starts_at)} — "
                      f"{_shown(s)}",
              "url": url_for("volunteering.shift", shift_id=s.id),
              "note": ngettext("%(missing)s of %(needed)s missing",
                              "%(missing)s of %(needed)s missing", s.needed - s.taken,
                              missing=s.needed - s.taken, needed=s.needed),
              "urgent": s.starts_at < now + timedelta(hours=48)} for s in shifts[:8]]
    return [PanelSpec("core.unfilled_shifts", _("Shifts missing volunteers this week (%(n)s)",
                                                n=len(shifts)),
                      data={"items": items, "empty": _("Every shift of the week has its people."),
                            "more": (_("Volunteer shifts"), url_for("volunteering.shifts"))},
                      severity="warning" if items else "info")]


#: a volunteer's coming shifts listed on their home (the portal's page has them all)
MY_SHIFTS_SHOWN = 5


def my_shifts_section(viewer) -> list[PanelSpec]:
    """The viewer's own coming shifts, when they have any: a volunteer who signs in sees
    where to be and when without looking for the portal's volunteering page (their home
    showed only links). Nothing for an account without a person or without a coming shift."""
    from flask import url_for

    from core import db
    from core.scheduling.labels import local_day, local_time
    from core.volunteering.service import coming_signups

    if viewer is None or viewer.person_id is None:
        return []
    coming = [s.shift for s in coming_signups(db.session(), viewer.person_id)]
    if not coming:
        return []
    items = [{"text": f"{local_day(s.starts_at, 'medium')} {local_time(s.starts_at)} — "
                      f"{_shown(s)}",
              "url": url_for("volunteering_portal.home"), "note": s.place,
              "urgent": False} for s in coming[:MY_SHIFTS_SHOWN]]
    return [PanelSpec("core.my_shifts", ngettext("My next volunteer shift",
                                                 "My next volunteer shifts (%(num)s)",
                                                 len(coming)),
                      data={"items": items,
                            "more": (_("My volunteering"), url_for("volunteering_portal.home"))})]
