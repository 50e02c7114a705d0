"""Access notices: an e-mail to the member who asked to know when someone consults their record.

Off by default (the most private choice). The message says *that* the record was consulted and
how many times, never who or what: e-mail is not a safe channel, and the portal's access log
has the details. Each notice goes through the scheduling outbox under a unique key (the person
and the last event told), so a restart never sends it twice; ``notified_through`` moves forward
in the same transaction.
"""

from __future__ import annotations

from flask import current_app
from flask_babel import force_locale
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from core.audit.models import AuditEvent
from core.i18n import _
from core.identity.models import Account, Person
from core.record.models import PrivacySettings

ACCESS_NOTICE_JOB = "core.record.access_notices"


def queue_access_notices(session) -> int:
    """Record one notice per member with new accesses by someone else; returns how many."""
    from core.scheduling.extra_models import OutboxMessage

    queued = 0
    wanted = session.execute(select(PrivacySettings, Person).join(
        Person, Person.id == PrivacySettings.person_id).where(
        PrivacySettings.notify_on_access.is_(True))).all()
    for settings, person in wanted:
        own = select(Account.id).where(Account.person_id == person.id)
        count, last = session.execute(select(func.count(), func.max(AuditEvent.id)).where(
            AuditEvent.person_id == person.id, AuditEvent.id > (settings.notified_through or 0),
            AuditEvent.actor_id.is_(None) | AuditEvent.actor_id.not_in(own))).one()
        if not count or not person.email:
            continue
        subject, body = _message(person, count)
        try:
            with session.begin_nested():
                session.add(OutboxMessage(key=f"record.access:{person.id}:{last}", subject=subject,
                                          recipient=person.email, body=body, person_id=person.id))
                session.flush()
        except IntegrityError:  # another worker queued this very notice
            continue
        settings.notified_through = last
        queued += 1
    session.flush()
    return queued


def _message(person, count: int) -> tuple[str, str]:
    """Subject and body in the person's language: that it happened, never who or what."""
    coop = current_app.config["SOIN_COOP_NAME"]
    with force_locale(person.language or "fr_CA"):
        subject = str(_("Your record at %(coop)s was consulted", coop=coop))
        body = str(_("Hello %(name)s,\n\nYour health record was consulted or updated since our "
                     "last message (accesses: %(count)s).\n\nTo see who and when, sign in to "
                     "your member space and open \"Who consulted my record\". You can turn these "
                     "messages off in your privacy settings.\n\n%(coop)s",
                     name=person.preferred_name or person.first_name, count=count, coop=coop))
    return subject, body


def run_access_notices(app) -> None:
    """The scheduled job: queue the notices due, then send what the outbox holds."""
    from core import db
    from core.scheduling.reminders import send_pending

    sess = db.session()
    queue_access_notices(sess)
    sess.commit()
    send_pending(app)
