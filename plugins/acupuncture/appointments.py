"""The kinds of acupuncture appointments: a first consultation takes longer (interview,
examination, the energetic opinion, then a first treatment) than a follow-up."""

from __future__ import annotations

from datetime import timedelta

from core.api import AppointmentTypeSpec

from plugins.acupuncture import _

APPOINTMENT_TYPES = [
    AppointmentTypeSpec("acupuncture.first", _("Acupuncture: first consultation"),
                        timedelta(minutes=90), discipline="acupuncture"),
    AppointmentTypeSpec("acupuncture.follow_up", _("Acupuncture: follow-up"),
                        timedelta(minutes=60), discipline="acupuncture", bookable_online=True),
]
