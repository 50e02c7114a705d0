"""The appointments the coop books with a social worker."""

from __future__ import annotations

from datetime import timedelta

from core.api import AppointmentTypeSpec

from plugins.social_work import NAME, _

APPOINTMENT_TYPES = [
    AppointmentTypeSpec(f"{NAME}.evaluation", _("Social work: evaluation"), timedelta(minutes=90),
                        discipline=NAME),
    AppointmentTypeSpec(f"{NAME}.follow_up", _("Social work: follow-up"), timedelta(minutes=50),
                        discipline=NAME, bookable_online=True),
    AppointmentTypeSpec(f"{NAME}.group", _("Social work: group"), timedelta(minutes=120),
                        discipline=NAME, capacity=12),
]
