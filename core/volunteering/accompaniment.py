"""Accompaniment: a member taken to an appointment (transport, language, support) is a shift
linked to the appointment.

The volunteer sees when and where to meet, whom, and what kind of help, never the
appointment's type, practitioner, room or anything of the chart: :func:`volunteer_view` is the
only thing the volunteer's pages and the API show of it.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy.orm import Session

from core.coop_time import to_local
from core.i18n import _
from core.scheduling.models import BOOKED, Appointment
from core.volunteering.models import VolunteerShift
from core.volunteering.reminders import shown_title
from core.volunteering.service import ACCOMPANIMENT, VolunteeringError, publish_shift


def request_accompaniment(db: Session, appointment: Appointment, kind: str, *, place: str,
                          by=None, minutes_before: int = 30, minutes_after: int = 30,
                          description: str = "") -> VolunteerShift:
    """Publish the shift of accompanying ``appointment``'s person (``kind``: transport,
    language or support), from ``minutes_before`` its start to ``minutes_after`` its end."""
    if appointment.status != BOOKED:
        raise VolunteeringError(_("Only a booked appointment can be accompanied."))
    if not (place or "").strip():
        raise VolunteeringError(_("Say where the volunteer meets the person."), "place")
    if not (0 <= minutes_before <= 240 and 0 <= minutes_after <= 240):
        raise VolunteeringError(_("From 0 to 240 minutes."), "minutes_before")
    return publish_shift(
        db, program=ACCOMPANIMENT, title=str(_("Accompaniment")), place=place,
        starts_at=appointment.starts_at - timedelta(minutes=minutes_before),
        ends_at=appointment.ends_at + timedelta(minutes=minutes_after), needed=1,
        personal_info=True, appointment=appointment, accompaniment=kind,
        description=description, source=f"core.appointment:{appointment.id}", by=by)


def volunteer_view(shift: VolunteerShift, reveal: bool = True) -> dict:
    """What a volunteer may know of a shift; for an accompaniment, whom to meet and when the
    appointment is (only with ``reveal``: the volunteer on it, the coordination), never what
    it is about. Members browsing open shifts see the kind of help, time and place only."""
    view = {"id": shift.id, "title": shown_title(shift), "program": shift.program,
            "place": shift.place, "description": shift.description,
            "starts_at": shift.starts_at, "ends_at": shift.ends_at, "needed": shift.needed,
            "taken": shift.taken, "training": shift.training,
            "personal_info": shift.personal_info, "accompaniment": shift.accompaniment}
    if shift.appointment_id is not None and reveal:
        person = shift.appointment.person
        view["accompanied"] = {"name": person.addressed_name, "phone": person.phone,
                               "appointment_at": shift.appointment.starts_at,
                               "language": person.language}
        view["appointment_local"] = to_local(shift.appointment.starts_at)
    return view
