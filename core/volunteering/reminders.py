"""Reminders of volunteer shifts: an e-mail the day before, through the coop's outbox.

Each is queued once under a key naming the sign-up and the shift's time (a moved shift is
reminded again, a cancelled sign-up's pending reminder is withdrawn). The message says when,
where and what the task is, never whom an accompaniment is for.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from flask import current_app
from flask_babel import force_locale
from sqlalchemy import select
from sqlalchemy.orm import Session

from core.db import utcnow
from core.i18n import _
from core.outbox import queue_email, send_queued
from core.volunteering.models import CONFIRMED, ShiftSignup, VolunteerProfile, VolunteerShift
from core.web.formatting import clock, day

JOB_ID = "core.volunteering.reminders"
AHEAD = timedelta(hours=24)


def shown_title(shift: VolunteerShift) -> str:
    """What the shift is, in the reader's language (an accompaniment by what it is for)."""
    from core.volunteering.labels import accompaniment_titles

    if shift.accompaniment:
        return str(_("Accompaniment: %(kind)s", kind=accompaniment_titles()[shift.accompaniment]))
    return shift.title


def queue_due(db: Session, now: datetime | None = None) -> int:
    """Queue the reminder of every confirmed sign-up whose shift starts within a day."""
    now = now or utcnow()
    rows = db.execute(select(ShiftSignup, VolunteerShift).join(VolunteerShift).where(
        ShiftSignup.status == CONFIRMED, VolunteerShift.cancelled.is_(False),
        VolunteerShift.starts_at > now, VolunteerShift.starts_at <= now + AHEAD))
    queued = 0
    for signup, shift in rows:
        person = signup.person
        profile = db.get(VolunteerProfile, person.id)
        if not person.email or (profile is not None and not profile.reminders):
            continue
        key = f"volunteer:{signup.id}:{shift.starts_at:%Y%m%dT%H%MZ}"
        subject, body = _message(person, shift)
        queued += queue_email(db, key, person.email, subject, body, person.id) is not None
    return queued


def _message(person, shift: VolunteerShift) -> tuple[str, str]:
    coop = current_app.config["SOIN_COOP_NAME"]
    with force_locale(person.language or "fr_CA"):
        subject = str(_("Reminder: your volunteer shift at %(coop)s", coop=coop))
        body = str(_("Hello %(name)s,\n\nThank you for giving your time. Your shift “%(what)s” "
                     "is on %(date)s at %(time)s%(place)s.\n\nIf you cannot come, cancel or "
                     "swap it from your member space so someone else can take it.\n\n%(coop)s",
                     name=person.preferred_name or person.first_name, what=shown_title(shift),
                     date=day(shift.starts_at, "full"), time=clock(shift.starts_at),
                     place=f" — {shift.place}" if shift.place else "", coop=coop))
    return subject, body


def run(app) -> None:
    """The scheduled job: queue what is due, then send what is pending (idempotent)."""
    from core import db as dbmod

    sess = dbmod.session()
    queue_due(sess)
    sess.commit()
    send_queued(app)
