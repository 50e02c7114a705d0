"""The register's permissions, menu entries, renewal job and reports (through core/builtin.py).

The register is not health data but it is personal information: reading it is its own
permission, and changing a member's status (an exclusion, a withdrawal) another.
"""

from __future__ import annotations

from core.i18n import _
from core.specs import JobSpec, NavItem, PermissionSpec, ReportSpec

VIEW, MANAGE = "core.register.view", "core.register.manage"


def permissions() -> list[PermissionSpec]:
    """Reception reads the register; the coordination records statuses and withdrawals."""
    return [
        PermissionSpec(VIEW, _("Read and export the register of members"),
                       default_roles=("admin", "coordinator", "reception")),
        PermissionSpec(MANAGE, _("Change members' status and category; record withdrawals"),
                       default_roles=("admin", "coordinator")),
    ]


def nav_items() -> list[NavItem]:
    """The register for staff; the member's own membership in the portal."""
    return [
        NavItem("core.register", _("Members"), "register.members", permission=VIEW, order=12),
        NavItem("core.my_membership", _("My membership"), "register.my_membership",
                section="portal", order=5),
    ]


def jobs() -> list[JobSpec]:
    """Renewal reminders, once a day (idempotent: one per membership and period)."""
    from core.identity.renewals import RENEWAL_JOB, run_renewal_reminders

    return [JobSpec(RENEWAL_JOB, run_renewal_reminders, trigger="interval",
                    trigger_args={"hours": 24}, title=_("Membership renewal reminders"))]


def reports() -> list[ReportSpec]:
    """Members by category and status at the end of each year."""
    from core.identity.register_reports import members_over_time

    return [ReportSpec("core.members_over_time", _("Members by category and status"),
                       members_over_time, permission=VIEW,
                       description=_("At the end of each year since the first admission, from "
                                     "the register's history."))]
