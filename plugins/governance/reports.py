"""Governance reports (core draws them as HTML, CSV and charts): attendance and quorum per
assembly, decisions per group. Members by category and status over time are core's report."""

from __future__ import annotations

from core.api import ReportSpec, ReportTable

from plugins.governance import _
from plugins.governance.annual import attendance_columns, attendance_rows, decisions_rows
from plugins.governance.permissions import REPORTS


def _attendance(session, params) -> ReportTable:
    return ReportTable(attendance_columns(), attendance_rows(session),
                       chart={"type": "bar", "x": 0, "y": [2, 4]})


def _decisions(session, params) -> ReportTable:
    return ReportTable((_("Group"), _("Decided"), _("Open")), decisions_rows(session),
                       chart={"type": "bar", "x": 0, "y": [1]})


def reports() -> list[ReportSpec]:
    """The two reports."""
    return [
        ReportSpec("governance.attendance", _("Attendance and quorum per assembly"),
                   _attendance, permission=REPORTS,
                   description=_("At each assembly: members present who may vote, attendance, "
                                 "the quorum and whether it was reached, resolutions.")),
        ReportSpec("governance.decisions", _("Decisions per group"), _decisions,
                   permission=REPORTS,
                   description=_("In each group: proposals closed with an outcome, and those still "
                                 "open.")),
    ]
