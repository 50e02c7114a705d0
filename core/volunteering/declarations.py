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

    from core.volunteering.models import HoursEntry, Recognition, ShiftSignup, VolunteerProfile

    profile = session.get(VolunteerProfile, person.id)
    signups = session.scalars(select(ShiftSignup).where(ShiftSignup.person_id == person.id)
                              .order_by(ShiftSignup.id))
    hours = session.scalars(select(HoursEntry).where(HoursEntry.person_id == person.id)
                            .order_by(HoursEntry.worked_on))
    recognitions = session.scalars(select(Recognition).where(Recognition.person_id == person.id))
    out = {str(_("Volunteer shifts")): [
        {"shift": s.shift.title, "program": s.shift.program,
         "starts_at": s.shift.starts_at.isoformat(), "status": s.status} for s in signups],
        str(_("Volunteer hours")): [
            {"program": h.program, "worked_on": h.worked_on.isoformat(), "hours": str(h.hours),
             "note": h.note} for h in hours],
        str(_("Recognition")): [{"year": r.year, "kind": r.kind, "hours": str(r.hours),
                                 "note": r.note} for r in recognitions]}
    if profile is not None:
        out[str(_("Volunteer profile"))] = [{
            "likes": profile.likes, "skills": profile.skills,
            "availability": profile.availability, "languages": profile.languages,
            "trainings": ", ".join(profile.trainings or []),
            "undertaking_signed_on": (profile.undertaking_signed_on.isoformat()
                                      if profile.undertaking_signed_on else ""),
            "undertaking_version": profile.undertaking_version}]
    return {title: rows for title, rows in out.items() if rows}
