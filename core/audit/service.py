"""Writing and verifying the audit trail.

Each event's hash covers its content and the previous event's hash, so changing a row breaks
its own hash and deleting one breaks the link of the row after it. Writers are serialised
(BEGIN IMMEDIATE on SQLite, a transaction-scoped advisory lock on PostgreSQL) so the chain
never forks. An event joins the chain when its transaction commits (or when the trail is read
before that): the lock is then held for the insert and the commit only, not for the rest of
the request, which under concurrency made every audited request queue behind the slowest
(measured: half of PostgreSQL's waits were on this lock at 8 clients, bench/README.md). Rewriting history (changing a row and recomputing every later hash) or deleting
the newest rows leaves a chain valid in itself: anchors (``core.audit.anchors``) keep its head
elsewhere, and ``soin audit verify --head ID:HASH`` checks a head kept by hand.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime, timezone

from flask import g, has_request_context, request
from sqlalchemy import bindparam, event as sa_event, select, text
from sqlalchemy.orm import Session, make_transient_to_detached

from core.audit.models import AuditEvent
from core.db import JSONType, UTCDateTime, utcnow

#: an arbitrary constant naming the PostgreSQL advisory lock that serialises audit writers
CHAIN_LOCK = 727_001
HASHED = ("occurred_at", "actor_id", "actor_label", "actor_role", "discipline", "person_id",
          "entry_id", "action", "outcome", "purpose", "emergency", "break_glass_id",
          "source_address", "detail", "prev_hash")


def _canonical(value):
    if isinstance(value, datetime):
        # in UTC, as the database gives it back: a time given in another zone hashes the same
        if value.tzinfo is not None:
            value = value.astimezone(timezone.utc)
        return value.strftime("%Y-%m-%dT%H:%M:%S.%f")
    return value


def event_hash(event: AuditEvent) -> str:
    """SHA-256 of the event's content and the previous hash (canonical JSON)."""
    body = {name: _canonical(getattr(event, name)) for name in HASHED}
    raw = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)
    return hashlib.sha256(raw.encode()).hexdigest()


def _hash_parts(event: AuditEvent) -> tuple[bytes, bytes]:
    """The event's canonical JSON (as :func:`event_hash` hashes it), in UTF-8, cut where its
    previous hash goes: ``event_hash`` is the SHA-256 of ``before + prev_hash + after``."""
    body = {name: _canonical(getattr(event, name)) for name in HASHED}
    body["prev_hash"] = ""
    raw = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)
    # the event's own key is the last such text: only the purpose and the source address come
    # after it, JSON strings in which a quote is always escaped (the detail, before, may hold one)
    before, _key, after = raw.rpartition('"prev_hash":""')
    return (before + '"prev_hash":"').encode(), ('"' + after).encode()


#: the columns an event is inserted with, besides its two hashes
_APPENDED = ("occurred_at", "actor_id", "actor_label", "actor_role", "discipline", "person_id",
             "entry_id", "action", "outcome", "purpose", "emergency", "break_glass_id",
             "source_address", "detail")
#: PostgreSQL: an event linked and inserted in one round trip (it was three: lock, head,
#: insert). ``audit_chain_head`` (record migration 5c1e8a7d3f20) takes the chain's lock and
#: only then reads the head, in a query of its own: read in this statement, the head would come
#: from the statement's snapshot, taken before the lock was granted, and miss an event committed
#: meanwhile (a fork). The event's id is drawn from ``next``, after the lock: as a column
#: default it would be drawn first, and a writer waiting for the lock would hold an id below
#: that of the event it then links to (the chain is verified in id order). The hash is the
#: SHA-256 of the canonical JSON around the head.
_APPEND = text(
    "WITH head AS MATERIALIZED (SELECT audit_chain_head(:lock) AS hash), "
    "next AS MATERIALIZED (SELECT nextval(pg_get_serial_sequence('audit_events', 'id')) AS id,"
    " hash FROM head) "
    f"INSERT INTO audit_events (id, {', '.join(_APPENDED)}, prev_hash, hash) "
    f"VALUES ((SELECT id FROM next), {', '.join(':' + name for name in _APPENDED)}, "
    "(SELECT hash FROM next), "
    "encode(sha256(:before || convert_to((SELECT hash FROM next), 'UTF8') || :after), 'hex')) "
    "RETURNING id, prev_hash, hash"
).bindparams(bindparam("occurred_at", type_=UTCDateTime()), bindparam("detail", type_=JSONType))


def _append(session, event: AuditEvent) -> str:
    """PostgreSQL: link and insert ``event`` in one statement (the chain's lock is then held
    until the commit); return its hash."""
    before, after = _hash_parts(event)
    values = {name: getattr(event, name) for name in _APPENDED}
    # on the session's connection: the ORM's layer around a statement costs more CPU than the
    # insert (the session's own writes were flushed first, by link_pending)
    event.id, event.prev_hash, event.hash = session.connection().execute(
        _APPEND, {**values, "lock": CHAIN_LOCK, "before": before, "after": after}).one()
    if hashlib.sha256(before + event.prev_hash.encode() + after).hexdigest() != event.hash:
        # never commit a link that verification would reject
        raise RuntimeError("the database hashed an audit event differently")
    make_transient_to_detached(event)  # the row as inserted: the session holds it as it was
    session.add(event)                 # written (changing it later is refused, as before)
    return event.hash


#: the newest event's hash (built once: every audited request asks); SQLite only, where the
#: transaction already holds the database's write lock (BEGIN IMMEDIATE)
_LAST_HASH = select(AuditEvent.hash).order_by(AuditEvent.id.desc()).limit(1)


def _actor(account):
    """(id, label, roles, discipline) of the account acting, or of the shell user."""
    if account is None:
        if has_request_context():
            return None, "", "", ""
        import getpass  # only a command names its shell user: not loaded by every start

        return None, f"command line ({getpass.getuser()})", "", ""
    practitioner = account.practitioner
    return (account.id, account.display_name, ",".join(sorted(account.role_codes)),
            practitioner.discipline if practitioner else "")


def audit(session, action: str, *, person_id: int | None = None, entry_id: int | None = None,
          outcome: str = "success", purpose: str = "", detail: dict | None = None,
          actor=None, emergency: bool | None = None, break_glass_id: int | None = None,
          at: datetime | None = None, now: bool = False) -> AuditEvent:
    """Append one event to the trail (in the caller's transaction; commit with it).

    ``actor`` defaults to the signed-in account. Accesses made by an account holding an open
    break-the-glass grant on ``person_id`` are flagged ``emergency`` automatically. The event
    is linked to the chain and inserted when the transaction commits (a rollback, or the
    rollback of a savepoint it was made in, drops it); reading audit events in the same
    transaction links it first, so the trail read always includes it. ``now=True`` links and
    inserts it at once, for a caller that keeps the event's id (the chain's lock is then held
    until the commit).
    """
    if actor is None and has_request_context():
        actor = g.get("user")
    occurred = at or utcnow()
    if emergency is None and actor is not None and person_id is not None:
        from core.record.break_glass import open_break_glass

        grant = open_break_glass(session, actor.id, person_id, at)  # at=None: kept per request
        emergency = grant is not None
        break_glass_id = break_glass_id or (grant.id if grant else None)
    actor_id, label, roles, discipline = _actor(actor)
    event = AuditEvent(occurred_at=occurred, actor_id=actor_id, actor_label=label, actor_role=roles,
                       discipline=discipline, person_id=person_id, entry_id=entry_id,
                       action=action, outcome=outcome, purpose=str(purpose or "")[:300],
                       emergency=bool(emergency), break_glass_id=break_glass_id,
                       source_address=(request.remote_addr or "")[:64] if has_request_context() else "",
                       detail=detail)
    if session.get_transaction() is None:
        session.connection()  # begin now: a rollback before the commit must take the event away
    session.info.setdefault(PENDING, []).append(
        (event, session.get_nested_transaction() or session.get_transaction()))
    if now:
        link_pending(session)
    return event


#: events of a session waiting for its commit, each with the transaction it was made in
PENDING = "soin_audit_pending"


def link_pending(session) -> None:
    """Chain and insert the session's waiting events (under the chain's lock)."""
    pending = session.info.pop(PENDING, None)
    if not pending:
        return
    session.flush()  # the transaction's other writes first, outside the lock
    events = [event for event, _made_in in pending]
    if session.get_bind().dialect.name == "postgresql":
        head = _append(session, events.pop(0))  # takes the lock: the others follow it
    else:
        head = session.scalar(_LAST_HASH) or ""
    for event in events:
        event.prev_hash = head
        event.hash = head = event_hash(event)
        session.add(event)
    if events:
        session.flush()


def _within(made_in, ended) -> bool:
    """Whether an event made in transaction ``made_in`` goes with ``ended``'s rollback."""
    while made_in is not None:
        if made_in is ended:
            return True
        made_in = made_in.parent
    return False


@sa_event.listens_for(Session, "before_commit")
def _link_at_commit(session) -> None:
    link_pending(session)


@sa_event.listens_for(Session, "after_soft_rollback")
def _drop_rolled_back(session, previous_transaction) -> None:
    pending = session.info.get(PENDING)
    if pending:
        session.info[PENDING] = [(e, t) for e, t in pending
                                 if not _within(t, previous_transaction)]


@sa_event.listens_for(Session, "after_transaction_end")
def _forget_at_end(session, transaction) -> None:
    if transaction.parent is None:  # the whole transaction is over: nothing may wait longer
        session.info.pop(PENDING, None)


@sa_event.listens_for(Session, "do_orm_execute")
def _link_before_reading(state) -> None:
    """A read of the trail in the same transaction sees the events made in it."""
    if PENDING in state.session.info and state.is_select and any(
            m.class_ is AuditEvent for m in state.all_mappers):
        link_pending(state.session)


@dataclass(frozen=True)
class Problem:
    """A break in the chain: the row where it shows (0: none in particular) and what is wrong."""

    event_id: int
    message: str


def verify(session, expected_head: str | None = None, audit_key: str | None = None
           ) -> tuple[int, str, list[Problem]]:
    """Walk the chain in id order; return (rows checked, head hash, problems found).

    Every anchor (``core.audit.anchors``) is checked against the walk, its signature too when
    ``audit_key`` is given. ``expected_head`` is a head kept from an earlier run,
    ``ID:HASH`` (or a bare hash, as older runs printed it). An event purged past its keep
    period (``core.audit.purge``) is checked by its link and against its purge's checkpoint,
    its content being gone.
    """
    from core.audit.anchors import anchor_problems
    from core.audit.models import AuditAnchor, AuditPurge
    from core.audit.purge import purge_problems

    anchors = list(session.execute(select(AuditAnchor).order_by(AuditAnchor.id)).scalars())
    wanted = {a.head_id for a in anchors}
    kept_id, kept_hash = _parse_head(expected_head)
    if kept_id is not None:
        wanted.add(kept_id)
    seen: dict[int, tuple[int, str]] = {}
    problems: list[Problem] = []
    previous = ""
    count = 0
    last_id = 0
    purged: dict[int, list[tuple[int, str]]] = {}
    for event in session.execute(select(AuditEvent).order_by(AuditEvent.id)).scalars():
        count += 1
        last_id = event.id
        if event.prev_hash != previous:
            problems.append(Problem(event.id, "previous hash does not match: a row before it "
                                              "was deleted or changed"))
        if event.purge_id is not None:
            purged.setdefault(event.purge_id, []).append((event.id, event.hash))
        elif event_hash(event) != event.hash:
            problems.append(Problem(event.id, "content does not match its hash: the row was changed"))
        if event.id in wanted:
            seen[event.id] = (count, event.hash)
        if kept_id is None and kept_hash and event.hash == kept_hash:
            seen[0] = (count, event.hash)
        previous = event.hash
    for anchor in anchors:
        problems.extend(Problem(anchor.head_id, m) for m in anchor_problems(anchor, seen, audit_key))
    checkpoints = list(session.execute(select(AuditPurge).order_by(AuditPurge.id)).scalars())
    problems.extend(Problem(event_id, m) for event_id, m in purge_problems(
        checkpoints, purged, audit_key))
    if kept_hash:
        message = _head_problem(kept_id, kept_hash, seen, last_id)
        if message:
            problems.append(Problem(0, message))
    return count, previous, problems


def _parse_head(value: str | None) -> tuple[int | None, str]:
    """``ID:HASH`` -> (ID, HASH); a bare hash -> (None, HASH)."""
    value = (value or "").strip()
    ident, _sep, digest = value.rpartition(":")
    if ident.isascii() and ident.isdigit():
        return int(ident), digest
    return None, value


def _head_problem(kept_id, kept_hash, seen, last_id) -> str | None:
    """Why the chain no longer reaches the head kept (None when it does)."""
    if kept_id is None:
        if 0 in seen:
            return None
        return ("the head kept is gone: the history was rewritten or the newest events deleted "
                "(keep the head as ID:HASH, as printed now, to tell which)")
    found = seen.get(kept_id)
    if found is not None and found[1] == kept_hash:
        return None
    if found is not None:
        return (f"history rewritten: event {kept_id} no longer has the hash kept for it "
                f"({kept_hash[:12]}…)")
    if kept_id > last_id:
        return (f"events deleted from the end of the chain: the newest is now {last_id or '-'}, "
                f"the head kept was {kept_id}")
    return f"history rewritten: event {kept_id}, the head kept, is gone from the middle"


def events_for_person(session, person_id: int, *, exclude_actor: int | None = None, limit=500):
    """The trail of one person's chart, newest first (what the member sees as "who read it")."""
    query = select(AuditEvent).where(AuditEvent.person_id == person_id)
    if exclude_actor is not None:
        query = query.where((AuditEvent.actor_id.is_(None)) | (AuditEvent.actor_id != exclude_actor))
    return list(session.execute(query.order_by(AuditEvent.id.desc()).limit(limit)).scalars())
