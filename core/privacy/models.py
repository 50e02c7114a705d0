"""The privacy area's tables: the officer's designations, legal holds, the charts found past
retention and the tombstones of destroyed charts."""

from datetime import date, datetime

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, event
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.db import Base, JSONType, UTCDateTime, utcnow
from core.identity.models import Account


class PrivacyOfficerDesignation(Base):
    """One account designated privacy officer (the *responsable de la protection des
    renseignements personnels*), with the contact members see. The current one has no
    ``ended_at``; earlier ones stay as the history of who held the role."""

    __tablename__ = "core_privacy_officers"

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("core_accounts.id"), index=True)
    #: the title shown to members ("Responsable de la protection des renseignements personnels")
    title: Mapped[str] = mapped_column(String(200), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    #: the written delegation (Law 25 s.3.1: the highest authority may delegate in writing)
    delegation: Mapped[str] = mapped_column(String(300), default="")
    designated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    designated_by_id: Mapped[int | None] = mapped_column(ForeignKey("core_accounts.id"))
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    account: Mapped[Account] = relationship(foreign_keys=[account_id])
    designated_by: Mapped[Account | None] = relationship(foreign_keys=[designated_by_id])


class LegalHold(Base):
    """A chart that must not be destroyed whatever its retention (a lawsuit, an inquiry, a
    request of the Commission). Set and lifted with a reason; the row stays as its history."""

    __tablename__ = "core_legal_holds"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("core_persons.id"), index=True)
    reason: Mapped[str] = mapped_column(String(500))
    set_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    set_by_id: Mapped[int | None] = mapped_column(ForeignKey("core_accounts.id"))
    lifted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    lifted_by_id: Mapped[int | None] = mapped_column(ForeignKey("core_accounts.id"))
    lift_reason: Mapped[str] = mapped_column(String(500), default="")

    set_by: Mapped[Account | None] = relationship(foreign_keys=[set_by_id])
    lifted_by: Mapped[Account | None] = relationship(foreign_keys=[lifted_by_id])


class RetentionCandidate(Base):
    """A chart the retention job found past its period, waiting for the privacy officer.

    ``status``: ``pending`` (to decide), ``destroyed`` (approved and done), ``stale`` (a new
    entry or a legal hold since: no longer due)."""

    __tablename__ = "core_retention_candidates"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("core_persons.id"), index=True)
    found_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_service_on: Mapped[date] = mapped_column(Date)
    due_on: Mapped[date] = mapped_column(Date)
    #: the rule that kept the chart longest ("psychology: 5 years (C-26, r. 221, art. 8)")
    rule: Mapped[str] = mapped_column(String(300))
    status: Mapped[str] = mapped_column(String(20), default="pending", index=True)


class ChartDestruction(Base):
    """The tombstone of a destroyed chart: who approved it, when, under which rule, and how
    many rows went (never what they held). Only ever inserted.

    ``person_id`` is a plain integer, like the audit trail's: the person row may outlive the
    chart (a member stays a member) or not."""

    __tablename__ = "core_chart_destructions"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(Integer, index=True)
    destroyed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    destroyed_by_id: Mapped[int | None] = mapped_column(Integer)
    destroyed_by_label: Mapped[str] = mapped_column(String(200), default="")
    rule: Mapped[str] = mapped_column(String(300))
    last_service_on: Mapped[date] = mapped_column(Date)
    due_on: Mapped[date] = mapped_column(Date)
    #: {table: rows deleted}
    rows: Mapped[dict] = mapped_column(JSONType)
    #: the audit event that records the destruction in the hash chain
    audit_event_id: Mapped[int | None] = mapped_column(Integer)


@event.listens_for(ChartDestruction, "before_update")
@event.listens_for(ChartDestruction, "before_delete")
def _tombstones_stay(_mapper, _connection, target):
    raise ValueError(f"chart destruction {target.id} cannot be changed or deleted")


class ConfidentialityIncident(Base):
    """One confidentiality incident, as the register the law requires holds it (Law 25 s.3.8
    and its regulation s.11; Loi 5 r.1 s.15): what information, the circumstances, when it
    happened and when the coop learnt of it, how many people, the risk-of-serious-harm
    assessment, the notices to the Commission d'accès à l'information and to the people, and
    the measures taken. Rows are never deleted (kept at least 5 years after the coop learnt of
    the incident; the app deletes none)."""

    __tablename__ = "core_privacy_incidents"

    id: Mapped[int] = mapped_column(primary_key=True)
    information: Mapped[str] = mapped_column(String(2000))
    circumstances: Mapped[str] = mapped_column(String(2000))
    occurred_from: Mapped[date] = mapped_column(Date)
    occurred_to: Mapped[date | None] = mapped_column(Date)
    discovered_on: Mapped[date] = mapped_column(Date)
    persons_affected: Mapped[int] = mapped_column(Integer)
    #: person numbers of the people concerned, when known (whose information)
    person_ids: Mapped[list] = mapped_column(JSONType, default=list)
    risk_assessment: Mapped[str] = mapped_column(String(2000))
    serious_harm: Mapped[bool] = mapped_column(Boolean)
    cai_notified_on: Mapped[date | None] = mapped_column(Date)
    persons_notified_on: Mapped[date | None] = mapped_column(Date)
    #: whether a public notice was given, and why
    public_notice: Mapped[str] = mapped_column(String(1000), default="")
    measures: Mapped[str] = mapped_column(String(2000))
    #: who recorded it: "core" (the officer's page) or the plugin that did
    source: Mapped[str] = mapped_column(String(80), default="core")
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("core_accounts.id"))
    updated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    recorded_by: Mapped[Account | None] = relationship(foreign_keys=[recorded_by_id])


@event.listens_for(ConfidentialityIncident, "before_delete")
def _incidents_stay(_mapper, _connection, target):
    raise ValueError(f"confidentiality incident {target.id} cannot be deleted")
