"""When a visit's arrival or absence, or a group seat's attendance, can be recorded.

The desk acts on what happens, not on what is planned: a person arrives on the day of their
visit (in the coop's zone), is absent once its start has passed, and is seen from its day on.
A visit weeks ahead marked "Sur place" ("Arrived") was a slip of the finger that the reports
then counted.
The same rules decide which buttons a page offers (:func:`refusal` is None) and what the
services refuse, so a button is never offered that the server would refuse.
"""

from __future__ import annotations

from datetime import datetime

from core.coop_time import local_day
from core.db import utcnow
from core.i18n import _
from core.scheduling.models import ARRIVED, DONE, NO_SHOW

#: the statuses whose recording depends on the time (cancelling does not: any time before)
TIMED = (ARRIVED, DONE, NO_SHOW)


def refusal(status: str, starts_at: datetime, now: datetime | None = None) -> str | None:
    """Why ``status`` cannot be recorded now for a visit starting at ``starts_at`` (aware),
    translated; None when it can (and for a status the time does not govern)."""
    now = now or utcnow()
    if status == ARRIVED and local_day(starts_at) != local_day(now):
        return _("Arrival can be recorded only on the day of the appointment.")
    if status == NO_SHOW and starts_at > now:
        return _("An absence can be recorded only once the start time has passed.")
    if status == DONE and local_day(starts_at) > local_day(now):
        return _("A visit can be marked seen only from its day on.")
    return None


def attendance_refusal(attended: bool, starts_at: datetime,
                       now: datetime | None = None) -> str | None:
    """Why a group seat's attendance (``attended``: came or not) cannot be recorded now: as a
    visit, absent once the session has begun, present from its day on; None when it can."""
    now = now or utcnow()
    if not attended:
        return refusal(NO_SHOW, starts_at, now)
    if local_day(starts_at) > local_day(now):
        return _("Attendance can be recorded only from the day of the session on.")
    return None
