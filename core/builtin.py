"""Core's own declarations, registered through the same hooks as any plugin.

Core's roles have plain codes (``admin``, ``reception``...); plugin roles are prefixed.
"""

from __future__ import annotations

import pluggy

from core.i18n import _
from core.identity import declarations as identity_declarations
from core.privacy import declarations as privacy_declarations
from core.record import declarations as record_declarations
from core.scheduling import declarations as scheduling_declarations
from core.specs import NavItem, PermissionSpec, RoleSpec
from core.volunteering import declarations as volunteering_declarations

hookimpl = pluggy.HookimplMarker("soin")

ADMIN, COORDINATOR, RECEPTION = "admin", "coordinator", "reception"
PRACTITIONER, VOLUNTEER, MEMBER = "practitioner", "volunteer", "member"
STAFF = (ADMIN, COORDINATOR, RECEPTION, PRACTITIONER)


@hookimpl
def register_roles():
    """Core's roles. Volunteers and members never reach clinical data through a role."""
    return [
        RoleSpec(ADMIN, _("Administrator"), _("Configures the platform and its accounts.")),
        RoleSpec(COORDINATOR, _("Coordinator"), _("Coordinates services and programs.")),
        RoleSpec(RECEPTION, _("Reception"), _("Registers people, memberships and visits.")),
        RoleSpec(PRACTITIONER, _("Practitioner"), _("Cares for people in their discipline."),
                 clinical=True),
        RoleSpec(VOLUNTEER, _("Volunteer"), _("Helps run community programs; no clinical access.")),
        RoleSpec(MEMBER, _("Member"), _("Reads their own record and books online.")),
        *privacy_declarations.roles(),
    ]


@hookimpl
def register_permissions():
    """Core's permissions and the roles that get them on a new installation."""
    return [
        PermissionSpec("core.admin.plugins", _("Activate and deactivate services"),
                       default_roles=(ADMIN,)),
        PermissionSpec("core.admin.accounts", _("Manage accounts and roles"),
                       default_roles=(ADMIN,)),
        PermissionSpec("core.people.view", _("Find and view people and households"),
                       default_roles=STAFF),
        PermissionSpec("core.people.edit", _("Register people, households and memberships"),
                       default_roles=(ADMIN, COORDINATOR, RECEPTION)),
        PermissionSpec("core.reports.view", _("View activity reports"),
                       default_roles=(ADMIN, COORDINATOR)),
        *identity_declarations.permissions(),
        *record_declarations.permissions(),
        *scheduling_declarations.permissions(),
        *privacy_declarations.permissions(),
        *volunteering_declarations.permissions(),
        PermissionSpec("core.commons.adopt",
                       _("Receive other coops' shared protocols and adopt them"),
                       default_roles=(ADMIN, COORDINATOR)),
        PermissionSpec("core.ops.status", _("See whether the coop's data is backed up"),
                       default_roles=(ADMIN, COORDINATOR)),
    ]


@hookimpl
def register_nav_items():
    """Core's menu entries."""
    return [
        NavItem("core.people", _("People"), "identity.people", permission="core.people.view",
                order=10),
        NavItem("core.plugins", _("Services"), "admin.catalogue", section="admin",
                permission="core.admin.plugins", order=10),
        NavItem("core.accounts", _("Accounts"), "admin.accounts", section="admin",
                permission="core.admin.accounts", order=20),
        NavItem("core.roles", _("Roles and permissions"), "admin.roles", section="admin",
                permission="core.admin.accounts", order=30),
        NavItem("core.commons", _("Shared protocols"), "commons.received", section="admin",
                permission="core.commons.adopt", order=60),
        *scheduling_declarations.nav_items(),
        *record_declarations.nav_items(),
        *identity_declarations.nav_items(),
        *privacy_declarations.nav_items(),
        *volunteering_declarations.nav_items(),
    ]


@hookimpl
def register_jobs():
    """Core's scheduled jobs: appointment reminders, record access notices, nightly backup,
    SQLite's statistics, membership renewal reminders."""
    from core.ops.schedule import jobs as ops_jobs
    from core.ops.statistics import jobs as statistics_jobs

    return [*scheduling_declarations.jobs(), *record_declarations.jobs(), *ops_jobs(),
            *statistics_jobs(),
            *identity_declarations.jobs(), *volunteering_declarations.jobs(),
            *privacy_declarations.jobs()]


@hookimpl
def register_volunteer_programs():
    """Core's volunteer programs: reception, accompaniment, upkeep, administration."""
    return volunteering_declarations.programs()


@hookimpl
def register_shareable_kinds():
    """Core's shareable kind: the definitions of the forms of the active services."""
    from core.commons.form_definitions import KINDS

    return KINDS


@hookimpl
def register_reports():
    """Core's reports: the register's members by category and status; volunteering's; the
    register of confidentiality incidents."""
    from core.volunteering.reports import reports as volunteering_reports

    return [*identity_declarations.reports(), *volunteering_reports(),
            *privacy_declarations.reports()]


@hookimpl
def person_data_export(person, session):
    """What core's volunteering and group activities keep about the person (Law 25
    portability)."""
    return {**volunteering_declarations.person_data_export(person, session),
            **scheduling_declarations.person_data_export(person, session)}


@hookimpl
def home_sections(viewer):
    """Core's home sections that come through the hook: the week's unfilled shifts (for the
    coordinator) and the viewer's own next volunteer shifts."""
    from core.volunteering.reports import home_section, my_shifts_section

    return [*home_section(viewer), *my_shifts_section(viewer)]


@hookimpl
def annual_report_sections(session, year):
    """Core's part of the annual report: members, finances, visits, walk-in, groups,
    volunteer hours."""
    from core.reports.annual import core_sections

    return core_sections(session, year)


@hookimpl
def person_links(person, viewer):
    """The chart, consent choices and appointments on a person's page (for those allowed)."""
    return [*record_declarations.person_links(person, viewer),
            *scheduling_declarations.person_links(person, viewer),
            *volunteering_declarations.person_links(person, viewer)]


@hookimpl
def chart_panel_reads():
    """Whether the person has entries from another coop's record, or proposed summary lines."""
    from core.record.transfer_read import PANEL_READS

    return PANEL_READS


@hookimpl
def chart_panels(person, viewer, reads):
    """What other coops' records brought into this chart, and the summary lines they propose."""
    from core.record.transfer_views import imported_panel

    return imported_panel(person, viewer, reads)


@hookimpl
def chart_destroyed(person, session):
    """What other coops' records brought is the chart too: destroyed with it."""
    from core.record.transfer_read import destroy_imported

    return destroy_imported(session, person.id)


@hookimpl
def demo_data(session, rng, people):
    """Core areas' demo rows: scheduling's hours, rooms, visits, group sessions and events;
    volunteers, shifts and hours."""
    from core.scheduling.demo import demo_data as scheduling_demo
    from core.volunteering.demo import demo_data as volunteering_demo

    scheduling_demo(session, rng, people)
    volunteering_demo(session, rng, people)  # after scheduling: an accompaniment needs a visit
