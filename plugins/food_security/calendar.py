"""The program in the coop calendar: appointment and group types, kitchen sessions as groups.

A collective kitchen session is a group session of the coop calendar (core scheduling), so the
room is never double-booked and members see it with their other appointments (a member who
joins the group later is seated in its sessions still to come). The kitchen keeps
its own row for what the calendar does not know (recipes, purchases, portions) and links the two
with ``calendar_ref``.
"""

from __future__ import annotations

from datetime import timedelta

from core.api import (AppointmentTypeSpec, GroupSession, SchedulingError, cancel_group_session,
                      create_group_session, sign_up, utcnow)

from plugins.food_security import NAME, _
from plugins.food_security.fields import ActionRefused

KITCHEN_SESSION = f"{NAME}.kitchen_session"
KITCHEN_DURATION = timedelta(hours=3)


def appointment_types() -> list[AppointmentTypeSpec]:
    """A kitchen session (a group of 8), a garden workshop (15), a food support meeting."""
    return [
        AppointmentTypeSpec(KITCHEN_SESSION, _("Collective kitchen session"), KITCHEN_DURATION,
                            capacity=8),
        AppointmentTypeSpec(f"{NAME}.garden_workshop", _("Community garden workshop"),
                            timedelta(hours=2), capacity=15, bookable_online=True),
        AppointmentTypeSpec(f"{NAME}.food_support", _("Food support meeting"),
                            timedelta(minutes=30)),
    ]


def put_in_calendar(db, kitchen_session) -> None:
    """Create the calendar's group session for a kitchen session and seat the group's members.

    Raises :class:`ActionRefused` with the calendar's reason (a time already passed, a room
    taken); the caller rolls back, so the kitchen session is not kept either.
    """
    group = kitchen_session.group
    try:
        calendar = create_group_session(db, type_code=KITCHEN_SESSION,
                                        start=kitchen_session.starts_at,
                                        capacity=max(group.capacity, 2), title=group.name)
        for member in group.members:
            sign_up(db, calendar, member.person_id)
    except SchedulingError as exc:
        raise ActionRefused(exc.message, "starts_at") from exc
    kitchen_session.calendar_ref = calendar.id
    db.flush()


def seat_in_upcoming(db, group, person_id: int) -> None:
    """Give a group's new member a seat in the group's calendar sessions still to come."""
    for kitchen_session in group.sessions:
        if (kitchen_session.calendar_ref is None or kitchen_session.status != "planned"
                or kitchen_session.starts_at <= utcnow()):
            continue
        calendar = db.get(GroupSession, kitchen_session.calendar_ref)
        if calendar is None or calendar.cancelled:
            continue
        try:
            sign_up(db, calendar, person_id)
        except SchedulingError as exc:
            raise ActionRefused(exc.message, "person_id") from exc  # the member form's name


def take_out_of_calendar(db, kitchen_session) -> None:
    """Cancel the calendar's group session of a cancelled kitchen session: the room is free
    again and the members' reminders are withdrawn."""
    calendar = (db.get(GroupSession, kitchen_session.calendar_ref)
                if kitchen_session.calendar_ref is not None else None)
    if calendar is not None and not calendar.cancelled:
        cancel_group_session(db, calendar)
