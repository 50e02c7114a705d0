"""What can be booked with the herbalism service."""

from __future__ import annotations

from datetime import timedelta

from core.api import AppointmentTypeSpec

from plugins.herbalism import NAME, _

APPOINTMENT_TYPES = [
    AppointmentTypeSpec("herbalism.first_consultation", _("First herbal consultation"),
                        timedelta(minutes=75), NAME, bookable_online=True),
    AppointmentTypeSpec("herbalism.follow_up", _("Herbal follow-up"), timedelta(minutes=30),
                        NAME, bookable_online=True),
    AppointmentTypeSpec("herbalism.workshop", _("Medicinal plants workshop"),
                        timedelta(hours=2), NAME, capacity=15, bookable_online=True),
]
