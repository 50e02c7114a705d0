"""The record's permissions and menu entries, declared through core's own hooks (core/builtin.py)."""

from __future__ import annotations

from core.i18n import _
from core.specs import NavItem, PermissionSpec

PRACTITIONER, ADMIN = "practitioner", "admin"


def permissions() -> list[PermissionSpec]:
    """Chart permissions: practitioners work in charts; the privacy officer (admin) reviews."""
    return [
        PermissionSpec("record.chart.view", _("Open charts of the people they care for"),
                       default_roles=(PRACTITIONER,)),
        PermissionSpec("record.chart.write", _("Write, amend and correct chart entries"),
                       default_roles=(PRACTITIONER,)),
        PermissionSpec("record.chart.export", _("Export or print a chart at the person's request"),
                       default_roles=(PRACTITIONER,)),
        PermissionSpec("record.breakglass", _("Use emergency access to a chart (break the glass)"),
                       default_roles=(PRACTITIONER,)),
        PermissionSpec("record.privacy.review", _("Review emergency accesses and the audit trail"),
                       default_roles=(ADMIN,)),
    ]


def nav_items() -> list[NavItem]:
    """Work lists: tasks and referrals routed to me; the privacy officer's review queue."""
    return [
        NavItem("record.tasks", _("Tasks and referrals"), "record.tasks",
                permission="record.chart.view", order=30),
        NavItem("record.reviews", _("Emergency access review"), "record.reviews", section="admin",
                permission="record.privacy.review", order=40),
    ]
