"""The annual report to the assembly: governance's own section, and the report's figures as
CSV (the page and its printable version are in ``views_annual``).

Governance contributes what the year's democratic life was: assemblies held with their
attendance and quorum, resolutions adopted, everyday decisions by group.
"""

from __future__ import annotations

from datetime import date, datetime, time, timezone

from sqlalchemy import func, select

from core.api import AnnualSection, ReportTable, local_day, spreadsheet_csv

from plugins.governance import _
from plugins.governance.models import Assembly, Attendance, Group, Motion, Proposal


def _bounds(year: int) -> tuple[datetime, datetime]:
    return (datetime.combine(date(year, 1, 1), time(), tzinfo=timezone.utc),
            datetime.combine(date(year + 1, 1, 1), time(), tzinfo=timezone.utc))


def attendance_rows(session, start=None, end=None) -> list[tuple]:
    """Per assembly: date, title, members present who voted, attending, quorum, resolutions."""
    stmt = select(Assembly).order_by(Assembly.starts_at)
    if start is not None:
        stmt = stmt.where(Assembly.starts_at >= start, Assembly.starts_at < end)
    rows = []
    for assembly in session.scalars(stmt):
        counts = dict(session.execute(select(Attendance.votes, func.count()).where(
            Attendance.assembly_id == assembly.id).group_by(Attendance.votes)).all())
        voting = counts.get(True, 0)
        adopted = session.scalar(select(func.count()).select_from(Motion).where(
            Motion.assembly_id == assembly.id, Motion.number.is_not(None)))
        # the coop's day: an assembly at 19:00 in Montréal is already tomorrow in UTC
        rows.append((local_day(assembly.starts_at).isoformat(), assembly.title, voting,
                     voting + counts.get(False, 0), assembly.quorum,
                     str(_("yes")) if voting >= assembly.quorum else str(_("no")), adopted))
    return rows


def attendance_columns() -> tuple:
    return (_("Date"), _("Assembly"), _("Present who may vote"), _("Attending"), _("Quorum"),
            _("Quorum reached"), _("Resolutions"))


def decisions_rows(session, start=None, end=None) -> list[tuple]:
    """Per group: proposals closed with an outcome, proposals still open."""
    rows = []
    for group in session.scalars(select(Group).order_by(Group.name)):
        stmt = select(Proposal).where(Proposal.group_id == group.id)
        if start is not None:
            stmt = stmt.where(Proposal.created_at >= start, Proposal.created_at < end)
        proposals = session.scalars(stmt).all()
        rows.append((group.name, sum(1 for p in proposals if p.outcome),
                     sum(1 for p in proposals if not p.outcome)))
    return rows


def sections(session, year: int) -> list[AnnualSection]:
    """Governance's part of the annual report (names of assemblies and groups are public)."""
    start, end = _bounds(year)
    resolutions = session.scalars(select(Motion).join(
        Assembly, Motion.assembly_id == Assembly.id).where(
        Assembly.starts_at >= start, Assembly.starts_at < end, Motion.number.is_not(None))
        .order_by(Motion.number)).all()
    return [
        AnnualSection("governance.assemblies", _("General assemblies"),
                      ReportTable(attendance_columns(), attendance_rows(session, start, end)),
                      order=60),
        AnnualSection("governance.resolutions", _("Resolutions adopted"), ReportTable(
            (_("Number"), _("Resolution"), _("Result")),
            [(m.number, m.title, str(_("Adopted")) if m.result == "adopted"
              else m.result.replace("; ", ", ")) for m in resolutions]), order=61),
        AnnualSection("governance.decisions", _("Decisions of teams and committees"),
                      ReportTable((_("Group"), _("Decided"), _("Open")),
                                  decisions_rows(session, start, end)),
                      order=62),
    ]


def as_csv(year: int, found: list[AnnualSection], missing: list[str]) -> str:
    """Every section, one after the other, as CSV for a spreadsheet (core.api.spreadsheet_csv:
    accents read right, no cell runs as a formula)."""
    rows: list[list] = [[str(_("Annual report %(year)s", year=year))]]
    for section in found:
        rows += [[], [str(section.title)], [str(c) for c in section.table.columns],
                 *section.table.rows]
    rows += [[str(_("Section not drawn (error): %(name)s", name=name))] for name in missing]
    return spreadsheet_csv(rows)
