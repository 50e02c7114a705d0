"""Reminders: what the member chose, an outbox, and e-mail through the coop's SMTP server.

Idempotence, so that a restart never sends a reminder twice:

1. :func:`queue_due` records each due reminder in ``sched_outbox`` under a unique key (the
   appointment and its time); recording it again is refused by the database.
2. :func:`send_pending` *claims* a message (pending -> sending, a conditional update that only
   one worker can win) and commits **before** talking to the SMTP server, then marks it sent.
   A crash between the two leaves it "sending": it is never sent again automatically.

The default is the most private choice: no reminder unless the member asked for one. Messages
say when, not what: no appointment type or practitioner (e-mail is not a safe channel).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from email.message import EmailMessage

from flask_babel import force_locale
from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from core.db import get_database, utcnow
from core.i18n import _
from core.identity.models import Person
from core.mail import smtp_connection
from core.scheduling.errors import SchedulingError
from core.scheduling.extra_models import (CHANNEL_EMAIL, CHANNEL_NONE, CHANNELS, OUTBOX_FAILED,
                                          OUTBOX_PENDING, OUTBOX_SENDING, OUTBOX_SENT,
                                          OutboxMessage, ReminderPreference)
from core.scheduling.models import BOOKED, CONFIRMED, Appointment, GroupSeat, GroupSession
from core.web.formatting import clock, day

HOURS_CHOICES = (2, 24, 48)
#: the furthest ahead a reminder can be due
LOOKAHEAD = timedelta(hours=max(HOURS_CHOICES))


def preference_of(db: Session, person_id: int) -> ReminderPreference:
    """The person's choice; without one, no reminders (a transient default row)."""
    return db.get(ReminderPreference, person_id) or ReminderPreference(
        person_id=person_id, channel=CHANNEL_NONE, hours_before=24)


def set_preference(db: Session, person: Person, channel: str, hours_before: int) -> ReminderPreference:
    """Record how ``person`` wants to be reminded (``none`` or ``email``)."""
    if channel not in CHANNELS:
        raise SchedulingError(_("Choose how to be reminded."), field="channel")
    if hours_before not in HOURS_CHOICES:
        raise SchedulingError(_("Choose when to be reminded."), field="hours_before")
    if channel == CHANNEL_EMAIL and not person.email:
        raise SchedulingError(_("We have no e-mail address for you; ask reception to add one."),
                              field="channel")
    pref = db.get(ReminderPreference, person.id) or ReminderPreference(person_id=person.id)
    pref.channel, pref.hours_before = channel, hours_before
    db.add(pref)
    db.flush()
    return pref


def queue_due(db: Session, now: datetime | None = None) -> int:
    """Record in the outbox every reminder now due; returns how many were new."""
    now = now or utcnow()
    prefs = {p.person_id: p for p in db.scalars(select(ReminderPreference).where(
        ReminderPreference.channel == CHANNEL_EMAIL))}
    if not prefs:
        return 0
    horizon = now + LOOKAHEAD
    visits = db.scalars(select(Appointment).where(
        Appointment.status == BOOKED, Appointment.starts_at > now,
        Appointment.starts_at <= horizon, Appointment.person_id.in_(list(prefs))))
    seats = db.scalars(select(GroupSeat).join(GroupSession).where(
        GroupSeat.status == CONFIRMED, GroupSession.cancelled.is_(False),
        GroupSession.starts_at > now, GroupSession.starts_at <= horizon,
        GroupSeat.person_id.in_(list(prefs))))
    due = [(f"appointment:{a.id}", a.person, a.starts_at, False) for a in visits]
    due += [(f"seat:{s.id}", s.person, s.group_session.starts_at, True) for s in seats]
    added = 0
    for ref, person, starts_at, group in due:
        pref = prefs[person.id]
        if starts_at - timedelta(hours=pref.hours_before) > now or not person.email:
            continue
        key = f"reminder:{ref}:{starts_at:%Y%m%dT%H%MZ}"
        if db.scalar(select(OutboxMessage.id).where(OutboxMessage.key == key)):
            continue
        added += _record(db, key, person, starts_at, group)
    return added


def withdraw(db: Session, *refs: str) -> None:
    """Forget the reminders of ``refs`` not sent yet: the visit was cancelled or moved.

    A ref is ``appointment:<id>`` or ``seat:<id>``. A moved visit is reminded again at its new
    time (a new key); a message already claimed for sending cannot be called back.
    """
    for ref in refs:
        db.execute(delete(OutboxMessage).where(
            OutboxMessage.key.startswith(f"reminder:{ref}:", autoescape=True),
            OutboxMessage.status == OUTBOX_PENDING).execution_options(synchronize_session=False))


def _record(db: Session, key: str, person: Person, starts_at: datetime, group: bool) -> int:
    subject, body = _message(person, starts_at, group)
    try:
        with db.begin_nested():
            db.add(OutboxMessage(key=key, recipient=person.email, subject=subject, body=body,
                                 person_id=person.id, status=OUTBOX_PENDING))
            db.flush()
    except IntegrityError:  # another worker recorded it first
        return 0
    return 1


def _message(person: Person, starts_at: datetime, group: bool) -> tuple[str, str]:
    """Subject and body in the person's language; when, never what."""
    from flask import current_app

    coop = current_app.config["SOIN_COOP_NAME"]
    with force_locale(person.language or "fr_CA"):
        when = {"date": day(starts_at, "full"), "time": clock(starts_at)}  # as pages write them
        what = _("group activity") if group else _("appointment")
        subject = str(_("Reminder: your %(what)s at %(coop)s", what=what, coop=coop))
        body = str(_("Hello %(name)s,\n\nThis is a reminder of your %(what)s on %(date)s at "
                     "%(time)s.\n\nTo see or cancel it, sign in to your member space.\n\n%(coop)s",
                     name=person.preferred_name or person.first_name, what=what, coop=coop,
                     **when))
    return subject, body


def send_pending(app) -> int:
    """Send recorded messages through the SMTP server; returns how many were sent."""
    database = get_database(app)
    with database.factory() as db:
        ids = list(db.scalars(select(OutboxMessage.id).where(
            OutboxMessage.status == OUTBOX_PENDING).order_by(OutboxMessage.id)))
        db.rollback()
    if not ids:
        return 0
    try:
        smtp = smtp_connection(app.config)
    except OSError as exc:  # unreachable, refused certificate, refused sign-in
        app.logger.warning("SMTP server unusable (%s); reminders stay pending", exc)
        return 0
    sent = 0
    with smtp:
        for message_id in ids:
            sent += _send_one(database, smtp, app.config["SOIN_MAIL_FROM"], message_id)
    return sent


def _send_one(database, smtp, sender: str, message_id: int) -> int:
    import smtplib  # sending mail alone needs it: not loaded by every start

    with database.factory() as db:
        claimed = db.execute(update(OutboxMessage).where(
            OutboxMessage.id == message_id, OutboxMessage.status == OUTBOX_PENDING
        ).values(status=OUTBOX_SENDING)).rowcount
        db.commit()  # claimed before sending: a restart will not send it again
        if not claimed:
            return 0
        row = db.get(OutboxMessage, message_id)
        email = EmailMessage()
        email["From"], email["To"], email["Subject"] = sender, row.recipient, row.subject
        email.set_content(row.body)
        try:
            smtp.send_message(email)
        except (smtplib.SMTPException, OSError) as exc:
            row.status, row.error = OUTBOX_FAILED, str(exc)[:500]
            db.commit()
            return 0
        row.status, row.sent_at = OUTBOX_SENT, utcnow()
        db.commit()
        return 1


def run_reminders(app) -> None:
    """The scheduled job: record due reminders, then send what is pending."""
    from core import db as dbmod

    sess = dbmod.session()
    queue_due(sess)
    sess.commit()
    send_pending(app)
