"""What volunteering declares through core's hooks (core/builtin.py): permissions, menus, its
programs, the reminder job, reports and the coordinator's home section."""

from __future__ import annotations

from core.i18n import _
from core.specs import JobSpec, NavItem, PermissionSpec, PersonLink, VolunteerProgramSpec

MANAGE = "core.volunteering.manage"


def permissions() -> list[PermissionSpec]:
    """The coordination publishes shifts, keeps profiles and undertakings, confirms hours."""
    return [PermissionSpec(MANAGE, _("Coordinate volunteers: shifts, undertakings, hours"),
                           default_roles=("admin", "coordinator"))]


def nav_items() -> list[NavItem]:
    return [
        NavItem("core.volunteering", _("Volunteering"), "volunteering.shifts", permission=MANAGE,
                order=25),
        NavItem("core.my_volunteering", _("Volunteering"), "volunteering_portal.home",
                section="portal", order=20),
    ]


def programs() -> list[VolunteerProgramSpec]:
    """Core's own programs: the coop's reception, accompaniment, upkeep and administration."""
    return [
        VolunteerProgramSpec("core.reception", _("Reception"),
                             _("Welcoming people at the walk-in and at the desk.")),
        VolunteerProgramSpec("core.accompaniment", _("Accompaniment"),
                             _("Going with a member to an appointment: transport, language, "
                               "support.")),
        VolunteerProgramSpec("core.upkeep", _("Upkeep of the premises")),
        VolunteerProgramSpec("core.administration", _("Administration and committees")),
    ]


def jobs() -> list[JobSpec]:
    from core.volunteering.reminders import JOB_ID, run

    return [JobSpec(JOB_ID, run, trigger="interval", trigger_args={"minutes": 15},
                    title=_("Volunteer shift reminders"))]


def person_links(person, viewer) -> list[PersonLink]:
    """The person's volunteering, and asking someone to accompany them, for the coordination."""
    from flask import url_for

    from core.security.access import has_permission

    if not has_permission(MANAGE, account=viewer):
        return []
    links = [PersonLink(_("Volunteering"), url_for("volunteering_hours.volunteer",
                                                  person_id=person.id), order=60)]
    if has_permission("core.schedule.view", account=viewer):
        links.append(PersonLink(_("Ask for an accompaniment"),
                                url_for("volunteering.accompany", person_id=person.id), order=61))
    return links


def person_data_export(person, session) -> dict:
    """Law 25 portability: the person's volunteer profile, undertaking, shifts, hours and
    recognitions (data collected from them or about what they did)."""
    from sqlalchemy import select

    from core.spreadsheet import spreadsheet_moment
    from core.volunteering.labels import recognition_titles, signup_titles
    from core.volunteering.models import HoursEntry, Recognition, ShiftSignup, VolunteerProfile
    from core.volunteering.programs import program_title

    profile = session.get(VolunteerProfile, person.id)
    signups = session.scalars(select(ShiftSignup).where(ShiftSignup.person_id == person.id)
                              .order_by(ShiftSignup.id))
    hours = session.scalars(select(HoursEntry).where(HoursEntry.person_id == person.id)
                            .order_by(HoursEntry.worked_on))
    recognitions = session.scalars(select(Recognition).where(Recognition.person_id == person.id))
    # the reader's words, as the rest of the record's CSV (the keys are its "Field" column):
    # programs, statuses and kinds by their titles; moments at the coop's clock, in ISO 8601
    statuses, kinds = signup_titles(), recognition_titles()
    out = {str(_("Volunteer shifts")): [
        {str(_("Shift")): s.shift.title, str(_("Program")): program_title(s.shift.program),
         str(_("When")): spreadsheet_moment(s.shift.starts_at),
         str(_("Status")): str(statuses.get(s.status, s.status))} for s in signups],
        str(_("Volunteer hours")): [
            {str(_("Program")): program_title(h.program), str(_("Date")): h.worked_on.isoformat(),
             str(_("Hours")): str(h.hours), str(_("Note")): h.note} for h in hours],
        str(_("Recognition")): [{str(_("Year")): r.year, str(_("Kind")): str(kinds.get(r.kind, r.kind)),
                                 str(_("Hours")): str(r.hours), str(_("Note")): r.note}
                                for r in recognitions]}
    if profile is not None:
        signed = profile.undertaking_signed_on
        out[str(_("Volunteer profile"))] = [{
            str(_("Likes to do")): profile.likes, str(_("Skills")): profile.skills,
            str(_("Availability")): profile.availability, str(_("Languages")): profile.languages,
            str(_("Trainings followed")): ", ".join(profile.trainings or []),
            str(_("Undertaking")): (str(_("Signed on %(day)s (version %(version)s).",
                                           day=signed.isoformat(),
                                           version=profile.undertaking_version))
                                    if signed else "")}]
    return {title: rows for title, rows in out.items() if rows}
