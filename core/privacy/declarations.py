"""The privacy area's role, permissions and menu entries, declared through core's own hooks."""

from __future__ import annotations

from core.i18n import _
from core.privacy.officer import PERMISSION, ROLE
from core.specs import JobSpec, NavItem, PermissionSpec, ReportSpec, RoleSpec


def roles() -> list[RoleSpec]:
    """The privacy officer: given and taken only by a designation (Admin > Privacy officer)."""
    return [RoleSpec(ROLE, _("Privacy officer"),
                     _("Responsible for the protection of personal information: incidents, "
                       "retention and destruction, access reviews."))]


def permissions() -> list[PermissionSpec]:
    """What only the privacy officer does."""
    return [PermissionSpec(PERMISSION, _("Act as the privacy officer (incidents, retention "
                                         "and destruction)"), default_roles=(ROLE,))]


def nav_items() -> list[NavItem]:
    """The designation page, for administrators."""
    return [NavItem("core.privacy_officer", _("Privacy officer"), "privacy.designation",
                    section="admin", permission="core.admin.accounts", order=35),
            NavItem("core.retention", _("Retention and destruction"), "privacy.retention_page",
                    section="admin", permission=PERMISSION, order=45),
            NavItem("core.incidents", _("Confidentiality incidents"), "privacy.incidents_page",
                    section="admin", permission=PERMISSION, order=44)]


def reports() -> list[ReportSpec]:
    """The register of confidentiality incidents, as the law lists its content."""
    from core.privacy.incidents import register_table

    return [ReportSpec("core.privacy_incidents", _("Register of confidentiality incidents"),
                       register_table, permission=PERMISSION,
                       description=_("Every incident with the elements the regulation "
                                     "requires; for the Commission d'accès à l'information."))]


def jobs() -> list[JobSpec]:
    """The daily list of charts past retention, for the privacy officer (idempotent)."""
    from core.privacy.retention import RETENTION_JOB, run_retention_job

    return [JobSpec(RETENTION_JOB, run_retention_job, trigger="cron",
                    trigger_args={"hour": 3, "minute": 30},
                    title=_("Charts past their retention period"))]
