"""The kinds of psychology appointments a coop books.

Durations are the usual ones (a 50-minute hour; longer for couples, families and groups); the
coop's coordinators can book other lengths. None is bookable online by default: a first contact
with a psychologist goes through the service, and the most private setting comes first.
"""

from __future__ import annotations

from datetime import timedelta

from core.api import AppointmentTypeSpec

from plugins.psychology import _

APPOINTMENT_TYPES = [
    AppointmentTypeSpec("psychology.individual", _("Psychology: individual session"),
                        timedelta(minutes=50), discipline="psychology"),
    AppointmentTypeSpec("psychology.couple_family", _("Psychology: couple or family session"),
                        timedelta(minutes=75), discipline="psychology"),
    AppointmentTypeSpec("psychology.group", _("Psychology: group session"),
                        timedelta(minutes=90), discipline="psychology", capacity=8),
]
