"""Anchors of the audit chain: its head kept where the database cannot rewrite it.

The hash chain shows a changed row only to someone who does not recompute it: whoever can
write the database file can edit an event and recompute every later hash with our own
function. An anchor records the head (how many events, the newest id and its hash) at one
moment, in its own append-only table and in a message mailed to the privacy officer (the
designated officer's address, ``core.privacy.officer``; ``SOIN_PRIVACY_OFFICER_EMAIL`` only when
no officer with an e-mail address is designated); with ``SOIN_AUDIT_KEY`` (held outside the database) it is
signed with HMAC-SHA256, so an anchor cannot be forged to fit a rewritten history either.
``soin audit verify`` checks the chain against every anchor and says which one broke.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
from dataclasses import dataclass
from datetime import datetime, timezone

from flask import current_app
from flask_babel import force_locale
from sqlalchemy import func, select

from core.audit.models import AuditAnchor, AuditEvent
from core.coop_time import local_day
from core.db import utcnow
from core.i18n import _, ngettext
from core.web.formatting import day, local_datetime

ANCHOR_JOB = "core.audit.anchor"
log = logging.getLogger("soin.audit")


@dataclass(frozen=True)
class Head:
    """The newest event of the chain and how many events lead to it."""

    event_id: int
    hash: str
    count: int

    def note(self) -> str:
        """How a person keeps it (``soin audit verify --head`` reads it back)."""
        return f"{self.event_id}:{self.hash}"


def current_head(session) -> Head | None:
    """The head of the chain now (None when the trail is empty), read in one statement."""
    newest = select(AuditEvent.id, AuditEvent.hash).order_by(AuditEvent.id.desc()).limit(1)
    row = session.execute(newest).first()
    if row is None:
        return None
    count = session.scalar(select(func.count()).where(AuditEvent.id <= row.id))
    return Head(row.id, row.hash, count)


def signature(anchor: AuditAnchor, key: str | None) -> str:
    """HMAC-SHA256 of what the anchor states, under ``key`` ("" without a key)."""
    if not key:
        return ""
    stated = f"{anchor.event_count}|{anchor.head_id}|{anchor.head_hash}|{anchor.taken_at.isoformat()}"
    return hmac.new(key.encode(), stated.encode(), hashlib.sha256).hexdigest()


def take_anchor(session, config=None) -> AuditAnchor | None:
    """Record the current head as an anchor and queue its copy to the privacy officer.

    Returns the anchor (None when the trail is empty); the caller commits.
    """
    config = config if config is not None else current_app.config
    head = current_head(session)
    if head is None:
        return None
    recipient = anchor_recipient(session, config)
    anchor = AuditAnchor(taken_at=utcnow().replace(microsecond=0), event_count=head.count,
                         head_id=head.event_id, head_hash=head.hash, mailed_to=recipient)
    anchor.signature = signature(anchor, config.get("SOIN_AUDIT_KEY"))
    session.add(anchor)
    session.flush()
    if recipient:
        from core.scheduling.extra_models import OutboxMessage

        subject, body = _message(anchor, config)
        session.add(OutboxMessage(key=f"audit.anchor:{anchor.id}", recipient=recipient,
                                  subject=subject, body=body))
        session.flush()
    else:
        log.warning("audit anchor %s was not mailed: %s", anchor.id, unmailed_reason(session))
    return anchor


def anchor_recipient(session, config) -> str:
    """Where the anchor's copy goes: the designated privacy officer's e-mail address, else
    ``SOIN_PRIVACY_OFFICER_EMAIL``; "" when neither exists (the anchor then says so)."""
    from core.privacy.officer import current

    officer = current(session)
    if officer is not None and officer.email:
        return officer.email
    return config.get("SOIN_PRIVACY_OFFICER_EMAIL") or ""


def unmailed_reason(session) -> str:
    """Why an anchor could not be mailed, in the coop's words (for the log and the pages)."""
    from core.privacy.officer import current

    if current(session) is None:
        return str(_("no privacy officer is designated and SOIN_PRIVACY_OFFICER_EMAIL is not "
                     "set"))
    return str(_("the privacy officer has no e-mail address and SOIN_PRIVACY_OFFICER_EMAIL is "
                 "not set"))


def anchor_warning(session) -> str | None:
    """A sentence when the newest anchor was mailed to nobody (None when it was, or when no
    anchor was taken yet): the copy kept outside the database is missing."""
    newest = session.scalar(select(AuditAnchor).order_by(AuditAnchor.id.desc()).limit(1))
    if newest is None or newest.mailed_to:
        return None
    return str(_("The audit trail's anchor of %(when)s was mailed to nobody: %(why)s. Designate "
                 "the privacy officer with an e-mail address (Administration, Privacy "
                 "officer) so that the next anchor reaches them.",
                 when=day(local_day(newest.taken_at), "long"), why=unmailed_reason(session)))


def _message(anchor: AuditAnchor, config) -> tuple[str, str]:
    """The copy the privacy officer keeps, in the coop's language."""
    with force_locale(config.get("SOIN_DEFAULT_LOCALE", "fr_CA")):
        events = ngettext("%(num)s event", "%(num)s events", anchor.event_count)
        subject = str(_("Audit trail anchor %(id)s: %(events)s", id=anchor.id, events=events))
        body = str(_(
            "The audit trail of %(coop)s held %(events)s on %(when)s (UTC).\n\n"
            "Newest event: %(head)s\nSignature: %(signature)s\n\nKeep this message. To check "
            "that the history was not rewritten since, run:\n  soin audit verify --head %(head)s\n",
            coop=config.get("SOIN_COOP_NAME", ""), events=events,
            # in words ("7 décembre 2026, 02 h 30"), in UTC as `soin audit verify` prints it
            when=local_datetime(_utc(anchor.taken_at), "long", zone=timezone.utc),
            head=f"{anchor.head_id}:{anchor.head_hash}",
            signature=anchor.signature or str(_("none (SOIN_AUDIT_KEY is not set)"))))
    return subject, body


def anchor_problems(anchor: AuditAnchor, seen: dict[int, tuple[int, str]], key: str | None):
    """What is wrong between ``anchor`` and the chain as walked (``seen``: event id ->
    (position, hash) of the anchored ids); an empty list when it still matches."""
    where = f"anchor {anchor.id} ({anchor.taken_at:%Y-%m-%d %H:%M} UTC, {anchor.event_count} events)"
    problems = []
    if key and not hmac.compare_digest(anchor.signature or "", signature(anchor, key)):
        problems.append(f"{where}: its signature does not match SOIN_AUDIT_KEY: the anchor was "
                        "forged or altered")
    found = seen.get(anchor.head_id)
    if found is None:
        problems.append(f"{where}: the event it names ({anchor.head_id}) is gone: the history "
                        "was rewritten")
    elif found[1] != anchor.head_hash:
        problems.append(f"{where}: event {anchor.head_id} no longer has the hash anchored: "
                        "the history up to it was rewritten")
    elif found[0] != anchor.event_count:
        problems.append(f"{where}: {found[0]} events now lead to event {anchor.head_id}: "
                        "events before it were deleted or inserted")
    return problems


def run_anchor_job(app) -> None:
    """The daily job: anchor the head, then send the copy with the outbox's other mail."""
    from core import db
    from core.scheduling.reminders import send_pending

    sess = db.session()
    take_anchor(sess, app.config)
    sess.commit()
    send_pending(app)


def _utc(moment: datetime) -> datetime:
    """``moment`` as an aware UTC datetime (SQLite hands back a naive one)."""
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)
