"""What scheduling declares through core's hooks: permissions, menu entries, the reminder job."""

from __future__ import annotations

from core.i18n import _
from core.specs import JobSpec, NavItem, PermissionSpec, PersonLink

VIEW, BOOK, WALKIN, MANAGE = ("core.schedule.view", "core.schedule.book", "core.schedule.walkin",
                              "core.schedule.manage")
REMINDER_JOB = "core.scheduling.reminders"


def permissions() -> list[PermissionSpec]:
    """Reception and practitioners book and run the queue; coordinators set everything up."""
    staff = ("admin", "coordinator", "reception", "practitioner")
    return [
        PermissionSpec(VIEW, _("See calendars, group sessions and the walk-in queue"),
                       default_roles=staff),
        PermissionSpec(BOOK, _("Book, move and cancel appointments; mark arrivals"),
                       default_roles=staff),
        PermissionSpec(WALKIN, _("Run the walk-in queue"), default_roles=staff),
        PermissionSpec(MANAGE, _("Set up practitioners, rooms, opening hours, group sessions "
                                 "and community events"), default_roles=("admin", "coordinator")),
    ]


def nav_items() -> list[NavItem]:
    """Menu entries: staff calendar and queue, coordinators' setup, members' appointments."""
    return [
        NavItem("core.schedule", _("Calendar"), "scheduling.index", permission=VIEW, order=20),
        NavItem("core.walkin", _("Walk-in"), "scheduling_walkin.queue", permission=WALKIN,
                order=21),
        NavItem("core.groups", _("Group sessions"), "scheduling_groups.sessions",
                permission=VIEW, order=22),
        NavItem("core.schedule_setup", _("Scheduling"), "scheduling_admin.resources_page",
                section="admin", permission=MANAGE, order=30),
        NavItem("core.events", _("Community events"), "scheduling_public.manage",
                section="admin", permission=MANAGE, order=31),
        NavItem("core.my_appointments", _("My appointments"), "scheduling_portal.home",
                section="portal", order=10),
    ]


def jobs() -> list[JobSpec]:
    """Reminders: record what is due, send what is recorded (idempotent)."""
    from core.scheduling.reminders import run_reminders

    return [JobSpec(REMINDER_JOB, run_reminders, trigger="interval", trigger_args={"minutes": 5},
                    title=_("Appointment reminders"))]


def person_links(person, viewer) -> list[PersonLink]:
    """The person's appointments, for those who may see the calendar."""
    from flask import url_for

    from core.security.access import has_permission

    if not has_permission(VIEW, account=viewer):
        return []
    return [PersonLink(_("Appointments"), url_for("scheduling.person", person_id=person.id),
                       order=30)]


def person_data_export(person, session) -> dict:
    """Law 25 portability: the group activities the person signed up for, their place (or the
    waiting list) and, once taken, whether they came."""
    from sqlalchemy import select

    from core.scheduling.labels import SEAT
    from core.scheduling.models import GroupSeat
    from core.spreadsheet import spreadsheet_moment

    seats = session.scalars(select(GroupSeat).where(GroupSeat.person_id == person.id)
                            .order_by(GroupSeat.id))
    came = {True: _("Came"), False: _("Did not come")}
    return {str(_("Group activities")): [
        {str(_("Activity")): seat.group_session.title,
         str(_("When")): spreadsheet_moment(seat.group_session.starts_at),
         str(_("Status")): str(SEAT.get(seat.status, seat.status)),
         str(_("Attendance")): str(came[seat.attended]) if seat.attended is not None else ""}
        for seat in seats]}
