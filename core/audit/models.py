"""The audit event table: one row per read, write, amendment, export or print of chart data.

Rows are only ever inserted. Each row stores the hash of the previous row and its own hash over
its content, so ``soin audit verify`` detects a changed or deleted row; on PostgreSQL a trigger
refuses UPDATE and DELETE (see the record migration). The one exception is the purge of a
destroyed chart's events past their keep period (``core.audit.purge``), run by the tables'
owner: it erases whom and what an event was about, keeps its hashes (the chain still links)
and records an :class:`AuditPurge` checkpoint that verification checks the erased rows against.
"""

from datetime import datetime

from sqlalchemy import Boolean, Integer, String, event
from sqlalchemy.orm import Mapped, mapped_column

from core.db import Base, JSONType, UTCDateTime, utcnow


class AuditEvent(Base):
    """Who did what to whose chart, when, from where, why, and whether it was allowed."""

    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    # Plain integers, not foreign keys: the trail must outlive the rows it talks about.
    actor_id: Mapped[int | None] = mapped_column(Integer, index=True)
    actor_label: Mapped[str] = mapped_column(String(200), default="")
    actor_role: Mapped[str] = mapped_column(String(200), default="")
    discipline: Mapped[str] = mapped_column(String(60), default="")
    person_id: Mapped[int | None] = mapped_column(Integer, index=True)
    entry_id: Mapped[int | None] = mapped_column(Integer, index=True)
    #: chart.read, entry.read, entry.create, entry.amend, entry.error, chart.export, ...
    action: Mapped[str] = mapped_column(String(60))
    #: success | denied | error
    outcome: Mapped[str] = mapped_column(String(20), default="success")
    purpose: Mapped[str] = mapped_column(String(300), default="")
    #: inside a break-the-glass window
    emergency: Mapped[bool] = mapped_column(Boolean, default=False)
    break_glass_id: Mapped[int | None] = mapped_column(Integer)
    source_address: Mapped[str] = mapped_column(String(64), default="")
    detail: Mapped[dict | None] = mapped_column(JSONType)
    prev_hash: Mapped[str] = mapped_column(String(64), default="")
    #: not indexed: nothing looks an event up by its hash (migration 4b8e2d6f1a93 says why)
    hash: Mapped[str] = mapped_column(String(64))
    #: the purge that erased this event's content (None: intact); not hashed
    purge_id: Mapped[int | None] = mapped_column(Integer, index=True)


@event.listens_for(AuditEvent, "before_update")
@event.listens_for(AuditEvent, "before_delete")
def _append_only(_mapper, _connection, target):
    raise ValueError(f"audit event {target.id} cannot be changed or deleted")


class AuditAnchor(Base):
    """The head of the chain at one moment (count, newest id and hash), kept apart from the
    events and mailed to the privacy officer: a history rewritten after it no longer matches.

    ``signature`` is an HMAC-SHA256 of the anchor under ``SOIN_AUDIT_KEY`` (a key held outside
    the database), empty when no key is configured.
    """

    __tablename__ = "audit_anchors"

    id: Mapped[int] = mapped_column(primary_key=True)
    taken_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    event_count: Mapped[int] = mapped_column(Integer)
    head_id: Mapped[int] = mapped_column(Integer)
    head_hash: Mapped[str] = mapped_column(String(64))
    signature: Mapped[str] = mapped_column(String(64), default="")
    #: where the copy was mailed ("" when no privacy officer address is configured)
    mailed_to: Mapped[str] = mapped_column(String(200), default="")


@event.listens_for(AuditAnchor, "before_update")
@event.listens_for(AuditAnchor, "before_delete")
def _anchors_append_only(_mapper, _connection, target):
    raise ValueError(f"audit anchor {target.id} cannot be changed or deleted")


class AuditPurge(Base):
    """A checkpoint of one purge: which events had their content erased (how many, the first
    and last id, and the SHA-256 over their ``id:hash`` lines), when, under which rule, by whom.

    ``soin audit verify`` no longer recomputes an erased event's hash (its content is gone) but
    still checks its link to the next one, and checks the erased events against this digest;
    ``signature`` (HMAC-SHA256 under ``SOIN_AUDIT_KEY``) shows the checkpoint itself was not
    forged to cover a row changed since.
    """

    __tablename__ = "audit_purges"

    id: Mapped[int] = mapped_column(primary_key=True)
    purged_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    purged_by: Mapped[str] = mapped_column(String(200), default="")
    rule: Mapped[str] = mapped_column(String(300), default="")
    #: the destroyed charts whose events were erased (their tombstones' person numbers)
    person_ids: Mapped[list] = mapped_column(JSONType, default=list)
    event_count: Mapped[int] = mapped_column(Integer)
    first_id: Mapped[int] = mapped_column(Integer)
    last_id: Mapped[int] = mapped_column(Integer)
    digest: Mapped[str] = mapped_column(String(64))
    signature: Mapped[str] = mapped_column(String(64), default="")


@event.listens_for(AuditPurge, "before_update")
@event.listens_for(AuditPurge, "before_delete")
def _purges_append_only(_mapper, _connection, target):
    raise ValueError(f"audit purge {target.id} cannot be changed or deleted")
