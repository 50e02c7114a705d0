"""The record's permissions and menu entries, declared through core's own hooks (core/builtin.py)."""

from __future__ import annotations

from core.i18n import _
from core.record.officer import OFFICER_PERMISSION
from core.specs import JobSpec, NavItem, PermissionSpec, PersonLink

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
        PermissionSpec("record.tasks.view", _("See the tasks and referrals routed to them"),
                       default_roles=(PRACTITIONER, ADMIN, "coordinator", "reception")),
        PermissionSpec("record.privacy.review", _("Review emergency accesses and the audit trail"),
                       default_roles=(ADMIN, "privacy_officer")),
    ]


def nav_items() -> list[NavItem]:
    """Work lists: tasks and referrals routed to me; the privacy officer's review queue."""
    return [
        NavItem("record.tasks", _("Tasks and referrals"), "record.tasks",
                permission="record.tasks.view", order=30),
        NavItem("record.reviews", _("Emergency access review"), "record.reviews", section="admin",
                permission="record.privacy.review", order=40),
        NavItem("record.imports", _("Records from other coops"), "record.imports",
                section="admin", permission=OFFICER_PERMISSION, order=45),
    ]


def jobs() -> list[JobSpec]:
    """Access notices to the members who asked for them (idempotent, every 15 minutes); the
    audit chain's anchor, mailed to the privacy officer (daily)."""
    from core.audit.anchors import ANCHOR_JOB, run_anchor_job
    from core.record.notices import ACCESS_NOTICE_JOB, run_access_notices

    return [JobSpec(ACCESS_NOTICE_JOB, run_access_notices, trigger="interval",
                    trigger_args={"minutes": 15}, title=_("Record access notices")),
            JobSpec(ANCHOR_JOB, run_anchor_job, trigger="cron",
                    trigger_args={"hour": 2, "minute": 30}, title=_("Audit trail anchor"))]


def action_labels() -> dict:
    """Audit action codes in words, for the access logs people read."""
    return {
        "chart.read": _("Opened the chart"), "chart.print": _("Printed the chart"),
        "chart.export": _("Exported the record"), "entry.read": _("Read an entry"),
        "entry.create": _("Wrote an entry"), "entry.amend": _("Amended an entry"),
        "entry.error": _("Marked an entry as entered in error"),
        "summary.add": _("Updated the clinical summary"),
        "summary.end": _("Updated the clinical summary"),
        "breakglass.start": _("Used emergency access"),
        "breakglass.review": _("Reviewed an emergency access"),
        "consent.add": _("Changed consent settings"), "consent.revoke": _("Changed consent settings"),
        "privacy.change": _("Changed privacy settings"), "portal.read": _("Read their own record"),
        "audit.read": _("Read the access log"), "action.close": _("Closed a task or referral"),
        "summary.read": _("Read the clinical summary"),
        "tasks.read": _("Read a task or referral about the person"),
        "person.merge": _("Merged a duplicate registration into the record"),
        "record.import": _("Imported this record from another coop"),
        "record.import.candidate": _("Read this person's identity to decide who an imported record "
                                     "is about"),
        "record.import.confirm": _("Confirmed a summary line from another coop's record"),
        "record.import.decline": _("Declined a summary line from another coop's record"),
        "imported.read": _("Read an entry from another coop's record"),
    }


def action_label(code: str) -> str:
    """An audit action in words; a plugin's own actions read as what they touch (the plugin's
    area), never as a code."""
    known = action_labels().get(code)
    if known is not None:
        return str(known)
    from core.record.consent import discipline_name

    area = code.split(".", 1)[0]
    name = discipline_name(area)
    if name != area:
        return str(_("Read or wrote %(area)s information", area=name))
    return str(_("Another access to the record"))


def person_links(person, viewer) -> list[PersonLink]:
    """The chart, for practitioners; consent choices, for the privacy officer."""
    from flask import url_for

    from core.security.access import has_permission

    links = []
    if has_permission("record.chart.view", account=viewer):
        links.append(PersonLink(_("Chart"), url_for("record.chart_page", person_id=person.id),
                                order=10))
    if has_permission("record.privacy.review", account=viewer):
        links.append(PersonLink(_("Consent choices"),
                                url_for("record.person_consent", person_id=person.id), order=20))
    return links
