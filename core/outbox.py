"""One way to queue an e-mail for the worker to send: once per key, whatever the retries.

The message goes into the scheduling outbox (``sched_outbox``); the worker's jobs send what is
pending through the coop's SMTP server (``core.scheduling.reminders.send_pending``), claiming
each row before sending so a restart never sends it twice. Its row stays as the proof of sending
(status, time, error).
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError


def queue_email(session, key: str, recipient: str, subject: str, body: str,
                person_id: int | None = None):
    """Queue a message under a unique ``key``; returns the outbox row, or None when a message
    with this key was already queued (by this or another worker)."""
    from core.scheduling.extra_models import OutboxMessage

    if session.scalar(select(OutboxMessage.id).where(OutboxMessage.key == key)):
        return None
    row = OutboxMessage(key=key, recipient=recipient, subject=subject, body=body,
                        person_id=person_id)
    try:
        with session.begin_nested():
            session.add(row)
            session.flush()
    except IntegrityError:  # another worker queued it first
        return None
    return row


def send_queued(app) -> int:
    """Send every pending message now (the worker's jobs call it after queuing)."""
    from core.scheduling.reminders import send_pending

    return send_pending(app)
