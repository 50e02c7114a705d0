"""The annual report to the general assembly, drawn from core and every active plugin.

Each contributor hands its sections through the ``annual_report_sections`` hook (core's own
too, below); no one writes SQL for the report. A contributor that raises, or hands something
that is not a section, is named in the report as missing: the assembly sees that a part could
not be drawn rather than a shorter report that looks complete.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, time, timezone
from decimal import Decimal

from sqlalchemy import func, select

from core.db import utcnow
from core.i18n import _
from core.identity.models import CATEGORIES, DUES, REFUND, SHARE, Membership, SharePayment
from core.identity.register import category_titles, status_titles
from core.identity.register_reports import state_counts
from core.registry import plugin_host
from core.reports.small_cells import SMALL_CELL, hide_small
from core.specs import AnnualSection, ReportTable

#: counts from 1 to SMALL - 1 are hidden (one person could be recognised)
SMALL = SMALL_CELL


def year_bounds(year: int) -> tuple[datetime, datetime]:
    """The calendar year as UTC instants (local midnight to midnight would move a few
    hours of New Year's Eve; a yearly report does not need that precision)."""
    return (datetime.combine(date(year, 1, 1), time(), tzinfo=timezone.utc),
            datetime.combine(date(year + 1, 1, 1), time(), tzinfo=timezone.utc))


def annual_report(session, year: int, only: set[str] | None = None
                  ) -> tuple[list[AnnualSection], list[str]]:
    """(sections in order, names of the contributors whose sections could not be drawn);
    ``only``: asked of these contributors alone (the federation's statistics take the
    programmes' sections, and core's would count every member for nothing)."""
    host = plugin_host()
    sections, missing = [], []
    for name, call in host.implementations("annual_report_sections", active_only=True):
        if only is not None and name not in only:
            continue
        try:
            found = list(call(session=session, year=year) or [])
            for section in found:
                if not isinstance(section, AnnualSection):
                    raise TypeError(f"{section!r} is not an AnnualSection")
                section.validate(name)
        except Exception as exc:  # a faulty plugin must not take the report down
            host.record_fault(name, "annual_report_sections", exc)
            missing.append(name)
            continue
        sections.extend(found)
    return sorted(sections, key=lambda s: (s.order, s.id)), missing


def core_sections(session, year: int) -> list[AnnualSection]:
    """Core's part: members, membership finances, visits, walk-in waits, group activities
    (what took place: this year's sessions still to come are not counted), volunteer hours."""
    from core.volunteering.annual import sections as volunteering  # volunteering imports reports

    start, end = year_bounds(year)
    end = min(end, utcnow())
    return [_members(session, year), _finances(session, year), _visits(session, start, end),
            _walkins(session, start, end), _groups(session, start, end),
            *volunteering(session, year)]


def _members(session, year: int) -> AnnualSection:
    day = date(year, 12, 31)
    counts = state_counts(session, [day])[day]
    cats, states = category_titles(), status_titles()
    rows = [(str(cats[c]), *(hide_small(counts[(c, s)]) for s in
                             ("active", "withdrawn", "excluded", "deceased"))) for c in CATEGORIES]
    return AnnualSection("core.members", _("Members at the end of the year"), ReportTable(
        (_("Category"), *(states[s] for s in ("active", "withdrawn", "excluded", "deceased"))),
        rows), order=10)


def _finances(session, year: int) -> AnnualSection:
    sums = dict(session.execute(select(SharePayment.kind, func.sum(SharePayment.amount)).where(
        SharePayment.paid_on >= date(year, 1, 1), SharePayment.paid_on <= date(year, 12, 31))
        .group_by(SharePayment.kind)).all())
    admitted = session.scalar(select(func.count()).select_from(Membership).where(
        Membership.started_on >= date(year, 1, 1), Membership.started_on <= date(year, 12, 31)))
    rows = [(_("Shares paid"), sums.get(SHARE) or Decimal("0")),
            (_("Annual dues collected"), sums.get(DUES) or Decimal("0")),
            (_("Shares refunded"), sums.get(REFUND) or Decimal("0")),
            (_("New members"), admitted)]
    return AnnualSection("core.finances", _("Finances of memberships"),
                         ReportTable((_("Item"), _("Amount")), [(str(a), b) for a, b in rows]),
                         order=20)


def _visits(session, start, end) -> AnnualSection:
    from core.scheduling.apptypes import declared_types
    from core.scheduling.models import DONE, NO_SHOW, Appointment

    discipline = {t.code: (t.discipline or "") for t in declared_types(active_only=False)}
    rows = session.execute(select(Appointment.type_code, Appointment.status, func.count()).where(
        Appointment.starts_at >= start, Appointment.starts_at < end,
        Appointment.status.in_((DONE, NO_SHOW))).group_by(Appointment.type_code,
                                                          Appointment.status)).all()
    counts: Counter = Counter()
    for code, status, n in rows:
        counts[(discipline.get(code) or str(_("other")), status)] += n
    names = sorted({d for d, _s in counts})
    table = ReportTable((_("Discipline"), _("Visits"), _("No-shows")),
                        [(d, hide_small(counts[(d, DONE)]), hide_small(counts[(d, NO_SHOW)]))
                         for d in names], chart={"type": "bar", "x": 0, "y": [1]})
    return AnnualSection("core.visits", _("Visits by discipline"), table, order=30)


def _walkins(session, start, end) -> AnnualSection:
    from core.scheduling.extra_models import WalkInTicket

    waits = [(called - arrived).total_seconds() / 60 for arrived, called in session.execute(
        select(WalkInTicket.arrived_at, WalkInTicket.called_at).where(
            WalkInTicket.arrived_at >= start, WalkInTicket.arrived_at < end,
            WalkInTicket.called_at.is_not(None))).all()]
    total = session.scalar(select(func.count()).select_from(WalkInTicket).where(
        WalkInTicket.arrived_at >= start, WalkInTicket.arrived_at < end))
    from statistics import median  # the reports alone need statistics: not loaded by every start

    shown = round(median(waits)) if len(waits) >= SMALL else "—"
    return AnnualSection("core.walkin", _("Walk-in clinic"), ReportTable(
        (_("Arrivals"), _("Median wait (minutes)")), [(hide_small(total), shown)]), order=40)


def _groups(session, start, end) -> AnnualSection:
    from core.scheduling.models import GroupSeat, GroupSession

    rows = session.execute(select(GroupSession.title, func.count(func.distinct(GroupSession.id)),
                                  func.count(GroupSeat.id)).outerjoin(
        GroupSeat, (GroupSeat.group_session_id == GroupSession.id)
        & (GroupSeat.status == "confirmed")).where(
        GroupSession.starts_at >= start, GroupSession.starts_at < end,
        GroupSession.cancelled.is_(False)).group_by(GroupSession.title)).all()
    return AnnualSection("core.groups", _("Group activities"), ReportTable(
        (_("Activity"), _("Sessions"), _("Places taken")),
        [(title or "—", sessions, hide_small(seats)) for title, sessions, seats in rows]),
        order=50)
