"""Retention of the audit trail itself: a destroyed chart's events, past their keep period.

The rule. The trail is kept at least as long as the records it covers: an event about a chart
stays whole while the chart exists, and for ``KEEP_YEARS`` years (``SOIN_AUDIT_KEEP_YEARS``)
after the chart's destruction, long enough to answer a complaint, an access request or the
Commission d'accès à l'information about who read it (the Civil Code's limitation period for
an action is three years, art. 2925). Then the events of that chart written before its
destruction are *purged*: whom and what they were about (person, entry, purpose, details,
address) is erased. Never the destruction's own event (the tombstone names it), never an event
written after it (a person who came back has a new chart), never anything while the person is
under legal hold.

Why erase in place rather than delete. Each event's hash links to the previous one, and a
chart's events are interleaved with every other chart's: deleting them would break the chain,
and no prefix of the chain ever belongs to destroyed charts alone. So a purged row keeps its
id, time, action and both hashes (the chain still links, anchors still count it) and names
the :class:`AuditPurge` checkpoint that erased it. ``soin audit verify`` checks every link as
before, checks an intact row against its hash, and checks the purged rows against their
checkpoint's count and digest (and its signature with ``SOIN_AUDIT_KEY``): a row changed after
the purge, or a purge without a checkpoint, is a break.

On PostgreSQL the application's role cannot change an event (a trigger refuses it): the purge
is ``soin audit purge``, run by the tables' owner (the role that runs ``soin db upgrade``),
which lifts the trigger inside its own transaction only.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from datetime import datetime

from flask import current_app
from sqlalchemy import select, text, update

from core.audit.models import AuditEvent, AuditPurge
from core.db import utcnow
from core.i18n import _

#: years an event of a destroyed chart stays whole after the destruction
KEEP_YEARS = 5


def keep_years(config=None) -> int:
    """The keep period after a chart's destruction (``SOIN_AUDIT_KEEP_YEARS``, at least 3)."""
    config = config if config is not None else current_app.config
    return max(3, int(config.get("SOIN_AUDIT_KEEP_YEARS") or KEEP_YEARS))


def rule_text(years: int) -> str:
    return str(_("Events of a destroyed chart: kept %(years)s years after its destruction, "
                 "then who and what they were about is erased (hashes kept)", years=years))


@dataclass(frozen=True)
class Due:
    """One destroyed chart whose events may be purged: its tombstone, the person, how many."""

    tombstone_id: int
    person_id: int
    destroyed_at: datetime
    events: int


def _before(moment: datetime, years: int) -> datetime:
    try:
        return moment.replace(year=moment.year - years)
    except ValueError:  # 29 February
        return moment.replace(year=moment.year - years, day=28)


def due(session, now: datetime | None = None, config=None) -> list[Due]:
    """The destroyed charts past the keep period, not under legal hold, with events still
    whole (one query, however many tombstones the coop keeps)."""
    from sqlalchemy import and_, func

    from core.privacy.models import ChartDestruction, LegalHold

    limit = _before(now or utcnow(), keep_years(config))
    held = set(session.scalars(select(LegalHold.person_id).where(LegalHold.lifted_at.is_(None))))
    rows = session.execute(
        select(ChartDestruction.id, ChartDestruction.person_id, ChartDestruction.destroyed_at,
               func.count(AuditEvent.id))
        .join(AuditEvent, and_(*_purgeable(ChartDestruction)))
        .where(ChartDestruction.destroyed_at <= limit,
               ChartDestruction.audit_event_id.is_not(None))
        .group_by(ChartDestruction.id, ChartDestruction.person_id, ChartDestruction.destroyed_at)
        .order_by(ChartDestruction.id))
    return [Due(*row) for row in rows if row[1] not in held]


def _purgeable(tombstone):
    """The events of ``tombstone``'s chart written before its destruction, still whole."""
    return (AuditEvent.person_id == tombstone.person_id,
            AuditEvent.id < tombstone.audit_event_id, AuditEvent.purge_id.is_(None))


def checkpoint_digest(rows) -> str:
    """SHA-256 over the ``id:hash`` lines of the purged events, in id order."""
    digest = hashlib.sha256()
    for event_id, event_hash in rows:
        digest.update(f"{event_id}:{event_hash}\n".encode())
    return digest.hexdigest()


def signature(purge: AuditPurge, key: str | None) -> str:
    """HMAC-SHA256 of what the checkpoint states, under ``key`` ("" without a key)."""
    if not key:
        return ""
    stated = (f"{purge.event_count}|{purge.first_id}|{purge.last_id}|{purge.digest}|"
              f"{purge.purged_at.isoformat()}")
    return hmac.new(key.encode(), stated.encode(), hashlib.sha256).hexdigest()


def checkpoints(session, limit: int = 50) -> list[AuditPurge]:
    """The purges done, newest first."""
    return list(session.scalars(select(AuditPurge).order_by(AuditPurge.id.desc()).limit(limit)))


def purge_problems(checkpoints, purged: dict[int, list[tuple[int, str]]], key: str | None):
    """(event id, what is wrong) between the purge checkpoints and the purged rows walked
    (``purged``: purge id -> the (id, hash) of its rows in id order); empty when all match."""
    problems = []
    known = {c.id for c in checkpoints}
    for purge_id, rows in purged.items():
        if purge_id not in known:
            problems.append((rows[0][0], f"{len(rows)} event(s) marked purged by purge {purge_id}, "
                                         "which has no checkpoint: their content was erased "
                                         "or changed outside a purge"))
    for checkpoint in checkpoints:
        rows = purged.get(checkpoint.id, [])
        where = f"purge {checkpoint.id} ({checkpoint.purged_at:%Y-%m-%d %H:%M} UTC)"
        if key and not hmac.compare_digest(checkpoint.signature or "", signature(checkpoint, key)):
            problems.append((checkpoint.first_id, f"{where}: its signature does not match "
                                                  "SOIN_AUDIT_KEY: the checkpoint was forged "
                                                  "or altered"))
        if len(rows) != checkpoint.event_count or checkpoint_digest(rows) != checkpoint.digest:
            problems.append((checkpoint.first_id, f"{where}: the purged events no longer match "
                                                  f"its checkpoint ({len(rows)} found, "
                                                  f"{checkpoint.event_count} purged): events "
                                                  "were changed, added to or taken from it"))
    return problems


def purge(session, *, by: str, now: datetime | None = None, config=None) -> AuditPurge | None:
    """Erase the content of the events due (:func:`due`) and record their checkpoint, in the
    caller's transaction (the caller commits); None when nothing is due."""
    from core.privacy.models import ChartDestruction

    config = config if config is not None else current_app.config
    charts = due(session, now, config)
    if not charts:
        return None
    people = [c.person_id for c in charts]
    ids: list[tuple[int, str]] = []
    for tombstone in session.scalars(select(ChartDestruction).where(
            ChartDestruction.id.in_([c.tombstone_id for c in charts]))):
        ids.extend(session.execute(select(AuditEvent.id, AuditEvent.hash).where(
            *_purgeable(tombstone))).all())
    ids = sorted(set(ids))
    years = keep_years(config)
    checkpoint = AuditPurge(purged_at=utcnow().replace(microsecond=0), purged_by=by[:200],
                            rule=rule_text(years)[:300], person_ids=sorted(set(people)),
                            event_count=len(ids), first_id=ids[0][0], last_id=ids[-1][0],
                            digest=checkpoint_digest(ids))
    checkpoint.signature = signature(checkpoint, config.get("SOIN_AUDIT_KEY"))
    session.add(checkpoint)
    session.flush()
    _erase(session, [i for i, _h in ids], checkpoint.id)
    return checkpoint


def _erase(session, event_ids: list[int], purge_id: int) -> None:
    """Erase whom and what the events were about (never their time, action or hashes)."""
    postgres = session.get_bind().dialect.name == "postgresql"
    if postgres:  # the table's owner only: the application's role gets "must be owner"
        session.execute(text("ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only"))
    for start in range(0, len(event_ids), 500):
        session.execute(update(AuditEvent).where(AuditEvent.id.in_(event_ids[start:start + 500]))
                        .values(person_id=None, entry_id=None, purpose="", detail=None,
                                source_address="", break_glass_id=None, purge_id=purge_id),
                        execution_options={"synchronize_session": False})
    if postgres:
        session.execute(text("ALTER TABLE audit_events ENABLE TRIGGER audit_events_append_only"))
