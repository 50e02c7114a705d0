"""The annual report to the assembly: governance's own section, and the report's figures as
CSV (the page and its printable version are in ``views_annual``).

Governance contributes what the year's democratic life was: assemblies held with their
attendance and quorum, resolutions adopted, everyday decisions by group.
"""

from __future__ import annotations

from datetime import date, datetime, time, timezone

from sqlalchemy import case, func, select

from core.api import AnnualSection, ReportTable, local_day, spreadsheet_csv

from plugins.governance import _
from plugins.governance.models import Assembly, Attendance, Group, Motion, Proposal


def _bounds(year: int) -> tuple[datetime, datetime]:
    return (datetime.combine(date(year, 1, 1), time(), tzinfo=timezone.utc),
            datetime.combine(date(year + 1, 1, 1), time(), tzinfo=timezone.utc))


def attendance_rows(session, start=None, end=None) -> list[tuple]:
    """Per assembly: date, title, members present who voted, attending, quorum, resolutions
    (the sign-ins and resolutions of every assembly counted by the database, one statement
    each, not two more for each assembly)."""
    stmt = select(Assembly).order_by(Assembly.starts_at)
    if start is not None:
        stmt = stmt.where(Assembly.starts_at >= start, Assembly.starts_at < end)
    held = session.scalars(stmt).all()
    ids = [assembly.id for assembly in held]
    signed = {(assembly_id, votes): n for assembly_id, votes, n in session.execute(
        select(Attendance.assembly_id, Attendance.votes, func.count())
        .where(Attendance.assembly_id.in_(ids))
        .group_by(Attendance.assembly_id, Attendance.votes))} if ids else {}
    adopted = dict(session.execute(
        select(Motion.assembly_id, func.count()).where(
            Motion.assembly_id.in_(ids), Motion.number.is_not(None))
        .group_by(Motion.assembly_id)).all()) if ids else {}
    rows = []
    for assembly in held:
        voting = signed.get((assembly.id, True), 0)
        # the coop's day: an assembly at 19:00 in Montréal is already tomorrow in UTC
        rows.append((local_day(assembly.starts_at).isoformat(), assembly.title, voting,
                     voting + signed.get((assembly.id, False), 0), assembly.quorum,
                     str(_("yes")) if voting >= assembly.quorum else str(_("no")),
                     adopted.get(assembly.id, 0)))
    return rows


def attendance_columns() -> tuple:
    return (_("Date"), _("Assembly"), _("Present who may vote"), _("Attending"), _("Quorum"),
            _("Quorum reached"), _("Resolutions"))


def decisions_rows(session, start=None, end=None) -> list[tuple]:
    """Per group: proposals closed with an outcome, proposals still open (counted by the
    database for every group at once)."""
    decided = Proposal.outcome != ""
    counts = (select(Proposal.group_id, func.count(case((decided, 1))).label("decided"),
                     func.count(case((~decided, 1))).label("open"))
              .group_by(Proposal.group_id))
    if start is not None:
        counts = counts.where(Proposal.created_at >= start, Proposal.created_at < end)
    counts = counts.subquery("counts")
    return [(name, closed or 0, still or 0) for name, closed, still in session.execute(
        select(Group.name, counts.c.decided, counts.c.open)
        .outerjoin(counts, counts.c.group_id == Group.id).order_by(Group.name))]


def sections(session, year: int) -> list[AnnualSection]:
    """Governance's part of the annual report (names of assemblies and groups are public to
    the members). None of it goes in the federation's anonymous export: the titles are text
    the secretary typed, and an election's result names the people elected."""
    start, end = _bounds(year)
    resolutions = session.scalars(select(Motion).join(
        Assembly, Motion.assembly_id == Assembly.id).where(
        Assembly.starts_at >= start, Assembly.starts_at < end, Motion.number.is_not(None))
        .order_by(Motion.number)).all()
    return [
        AnnualSection("governance.assemblies", _("General assemblies"),
                      ReportTable(attendance_columns(), attendance_rows(session, start, end)),
                      order=60, federation=False),
        AnnualSection("governance.resolutions", _("Resolutions adopted"), ReportTable(
            (_("Number"), _("Resolution"), _("Result")),
            [(m.number, m.title, str(_("Adopted")) if m.result == "adopted"
              else m.result.replace("; ", ", ")) for m in resolutions]), order=61,
                      federation=False),
        AnnualSection("governance.decisions", _("Decisions of teams and committees"),
                      ReportTable((_("Group"), _("Decided"), _("Open")),
                                  decisions_rows(session, start, end)),
                      order=62, federation=False),
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
