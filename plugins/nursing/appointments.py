"""What can be booked with the nursing service."""

from __future__ import annotations

from datetime import timedelta

from core.api import AppointmentTypeSpec

from plugins.nursing import NAME, _


def appointment_types() -> list[AppointmentTypeSpec]:
    """A nursing visit, a vaccination clinic (a group session), a wound-care visit."""
    return [
        AppointmentTypeSpec("nursing.visit", _("Nursing visit"), timedelta(minutes=30), NAME,
                            bookable_online=True),
        AppointmentTypeSpec("nursing.vaccination_clinic", _("Vaccination clinic"),
                            timedelta(hours=3), NAME, capacity=40, bookable_online=True),
        AppointmentTypeSpec("nursing.wound_care", _("Wound care"), timedelta(minutes=45), NAME),
    ]
