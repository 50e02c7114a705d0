"""The shared care record: entries, encounters, clinical summary, actions, consent, break-glass.

Entries are never updated or deleted: an amendment or an "entered in error" mark is a new row
that supersedes the previous version (``supersedes_id`` is unique, so a version is superseded
at most once and the history is a straight line). ``root_id`` names the first version.
"""

from datetime import date, datetime

from sqlalchemy import (Boolean, CheckConstraint, Date, ForeignKey, Index, Integer, String, Text,
                        event, text)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.db import Base, JSONType, UTCDateTime, utcnow
from core.i18n import in_reader_language
from core.identity.models import Account, Person
from core.phones import kept_in

#: status of a version: the first one, an amendment, or the mark that the entry was an error
STATUSES = ("final", "amended", "entered_in_error")
SUMMARY_KINDS = ("problem", "medication", "allergy", "pregnancy", "breastfeeding")


class Encounter(Base):
    """A visit: entries written during the same contact are grouped under it."""

    __tablename__ = "record_encounters"
    #: a month's visits counted by kind from the index alone (the activity report)
    __table_args__ = (Index("ix_record_encounters_started_kind", "started_at", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("core_persons.id"), index=True)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: visit | walk_in | phone | home | group
    kind: Mapped[str] = mapped_column(String(30), default="visit")
    discipline: Mapped[str] = mapped_column(String(60), default="")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("core_accounts.id"))
    #: an appointment id from scheduling, when the visit was booked (no foreign key: another area)
    appointment_ref: Mapped[int | None] = mapped_column(Integer)

    person: Mapped[Person] = relationship()


class Entry(Base):
    """One version of a chart entry: a validated form payload with its confidentiality."""

    __tablename__ = "record_entries"
    __table_args__ = (
        CheckConstraint("confidentiality IN ('team', 'discipline', 'sealed')", name="confidentiality"),
        CheckConstraint("status IN ('final', 'amended', 'entered_in_error')", name="status"),
        # a month's entries counted by discipline, form and person from the index alone
        Index("ix_record_entries_month", "occurred_at", "discipline", "form_id", "status",
              "person_id", "id"),
        # a month's newer versions (a few percent of rows): a monthly count leaves out the
        # versions they supersede, which share their occurred_at (the first version's)
        Index("ix_record_entries_month_superseding", "occurred_at", "supersedes_id",
              sqlite_where=text("supersedes_id IS NOT NULL"),
              postgresql_where=text("supersedes_id IS NOT NULL")),
        # SQLite, with its statistics: the same read form by form (skip-scan), already in the
        # report's groups; PostgreSQL cannot skip-scan (migration d3a7f1c9e5b4)
        Index("ix_record_entries_month_by_form", "form_id", "discipline", "occurred_at",
              "status", "person_id", "id").ddl_if(dialect="sqlite"),
        # a form's entries by when they were written, first versions told apart from the
        # index alone (a discipline's activity per month); it serves every read by form too,
        # in place of an index on ``form_id`` alone (migration 7c4e2a9b5d31)
        Index("ix_record_entries_form_created", "form_id", "created_at", "supersedes_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("core_persons.id"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("core_accounts.id"), index=True)
    #: the author's discipline when written (the discipline that owns ``discipline`` entries)
    discipline: Mapped[str] = mapped_column(String(60), default="", index=True)
    form_id: Mapped[str] = mapped_column(String(120))
    form_version: Mapped[int] = mapped_column(Integer)
    payload: Mapped[dict] = mapped_column(JSONType)
    confidentiality: Mapped[str] = mapped_column(String(20), default="team")
    member_visible: Mapped[bool] = mapped_column(Boolean, default=False)
    encounter_id: Mapped[int | None] = mapped_column(ForeignKey("record_encounters.id"), index=True)
    #: when this version was written
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    #: when the first version was written: the entry's place on the timeline
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    status: Mapped[str] = mapped_column(String(20), default="final")
    #: why it was amended or marked entered in error
    reason: Mapped[str] = mapped_column(Text, default="")
    supersedes_id: Mapped[int | None] = mapped_column(ForeignKey("record_entries.id"), unique=True)
    #: the first version of this entry (None on the first version itself)
    root_id: Mapped[int | None] = mapped_column(ForeignKey("record_entries.id"), index=True)

    person: Mapped[Person] = relationship()
    author: Mapped[Account] = relationship(foreign_keys=[author_id])
    encounter: Mapped[Encounter | None] = relationship()
    supersedes: Mapped["Entry | None"] = relationship(remote_side=[id], foreign_keys=[supersedes_id])
    shares: Mapped[list["EntryShare"]] = relationship(lazy="selectin", cascade="save-update")

    @property
    def lineage_id(self) -> int:
        """The id shared by every version of this entry (the first version's id)."""
        return self.root_id or self.id


@event.listens_for(Entry, "before_update")
@event.listens_for(Entry, "before_delete")
def _entries_are_immutable(_mapper, _connection, target):
    raise ValueError(f"chart entry {target.id} cannot be changed or deleted: amend it, or mark "
                     "it entered in error")


class EntryShare(Base):
    """A named colleague who may read a ``sealed`` entry besides its author."""

    __tablename__ = "record_entry_shares"

    entry_id: Mapped[int] = mapped_column(ForeignKey("record_entries.id"), primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("core_accounts.id"), primary_key=True)


class Finding(Base):
    """A protocol finding raised when an entry was saved (kept so the chart shows it later)."""

    __tablename__ = "record_findings"

    id: Mapped[int] = mapped_column(primary_key=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("record_entries.id"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("core_persons.id"), index=True)
    protocol_id: Mapped[str] = mapped_column(String(120))
    protocol_version: Mapped[str] = mapped_column(String(40), default="")
    severity: Mapped[str] = mapped_column(String(20))
    message: Mapped[str] = mapped_column(Text)
    advice: Mapped[str] = mapped_column(Text, default="")
    data: Mapped[dict | None] = mapped_column(JSONType)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    #: {locale: {"message": ..., "advice": ...}}: each reader sees their language (None on rows
    #: written before: ``message`` and ``advice`` are then shown as stored)
    texts: Mapped[dict | None] = mapped_column(JSONType)

    @property
    def shown_message(self) -> str:
        return in_reader_language(self.texts, "message", self.message)

    @property
    def shown_advice(self) -> str:
        return in_reader_language(self.texts, "advice", self.advice)

    @property
    def shown_phones(self) -> tuple:
        """The numbers its text writes, (label, number, dial) in the reader's language: a page
        draws each as a ``tel:`` link (none on a finding kept without them)."""
        return kept_in(self.texts)


class Action(Base):
    """A task or a referral proposed by a finding (or made by hand), routed to who should act."""

    __tablename__ = "record_actions"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("core_persons.id"), index=True)
    #: task | referral
    kind: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(String(300))
    detail: Mapped[str] = mapped_column(Text, default="")
    to_discipline: Mapped[str | None] = mapped_column(String(60), index=True)
    to_role: Mapped[str | None] = mapped_column(String(80), index=True)
    due_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: open | done | cancelled
    status: Mapped[str] = mapped_column(String(20), default="open", index=True)
    entry_id: Mapped[int | None] = mapped_column(ForeignKey("record_entries.id"))
    finding_id: Mapped[int | None] = mapped_column(ForeignKey("record_findings.id"))
    protocol_id: Mapped[str] = mapped_column(String(120), default="")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("core_accounts.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    closed_by_id: Mapped[int | None] = mapped_column(ForeignKey("core_accounts.id"))
    #: {locale: {"title": ..., "detail": ...}} (see :attr:`Finding.texts`)
    texts: Mapped[dict | None] = mapped_column(JSONType)

    person: Mapped[Person] = relationship()

    @property
    def shown_title(self) -> str:
        return in_reader_language(self.texts, "title", self.title)

    @property
    def shown_detail(self) -> str:
        return in_reader_language(self.texts, "detail", self.detail)

    def late(self, now: datetime) -> bool:
        """Whether its due time has passed at ``now`` (the home page and the task list say so)."""
        return self.due_at is not None and self.due_at <= now


class SummaryItem(Base):
    """One line of the shared clinical summary: problem, medication, allergy, pregnancy..."""

    __tablename__ = "record_summary_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("core_persons.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    label: Mapped[str] = mapped_column(String(300))
    code: Mapped[str] = mapped_column(String(80), default="")
    #: medications: natural health products (herbal, supplements)
    natural_product: Mapped[bool] = mapped_column(Boolean, default=False)
    detail: Mapped[str] = mapped_column(Text, default="")
    since: Mapped[date | None] = mapped_column(Date)
    entry_id: Mapped[int | None] = mapped_column(ForeignKey("record_entries.id"))
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("core_accounts.id"))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    #: set when the item stops being true (problem resolved, medication stopped)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    ended_by_id: Mapped[int | None] = mapped_column(ForeignKey("core_accounts.id"))


class ConsentRule(Base):
    """The person's choice: keep ``team`` entries from a discipline, or refuse a practitioner.

    Never deleted: withdrawing a rule sets ``revoked_at``, so the history of choices stays.
    """

    __tablename__ = "record_consent_rules"
    __table_args__ = (CheckConstraint(
        "(kind = 'restrict_discipline' AND discipline IS NOT NULL) OR "
        "(kind = 'refuse_practitioner' AND account_id IS NOT NULL)", name="target"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("core_persons.id"), index=True)
    kind: Mapped[str] = mapped_column(String(30))
    discipline: Mapped[str | None] = mapped_column(String(60))
    account_id: Mapped[int | None] = mapped_column(ForeignKey("core_accounts.id"))
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("core_accounts.id"))
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_by_id: Mapped[int | None] = mapped_column(ForeignKey("core_accounts.id"))

    account: Mapped[Account | None] = relationship(foreign_keys=[account_id])


class PrivacySettings(Base):
    """The member's optional sharing and notification choices; every default is the most private."""

    __tablename__ = "record_privacy_settings"

    person_id: Mapped[int] = mapped_column(ForeignKey("core_persons.id"), primary_key=True)
    #: e-mail the member when someone other than them reads their chart
    notify_on_access: Mapped[bool] = mapped_column(Boolean, default=False)
    #: may the coop send their record to another coop on a transfer request without asking again
    share_with_other_coops: Mapped[bool] = mapped_column(Boolean, default=False)
    #: may de-identified data from their record be used for the coop's activity statistics
    allow_statistics: Mapped[bool] = mapped_column(Boolean, default=False)
    updated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: the last audit event already told to the member (``notify_on_access``)
    notified_through: Mapped[int | None] = mapped_column(Integer)


class BreakGlass(Base):
    """Emergency access: one practitioner, one person, a reason, 60 minutes, reviewed after."""

    __tablename__ = "record_break_glass"

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("core_accounts.id"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("core_persons.id"), index=True)
    reason: Mapped[str] = mapped_column(Text)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    reviewed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    reviewed_by_id: Mapped[int | None] = mapped_column(ForeignKey("core_accounts.id"))
    review_note: Mapped[str] = mapped_column(Text, default="")

    account: Mapped[Account] = relationship(foreign_keys=[account_id])
    person: Mapped[Person] = relationship()


__all__ = ["Encounter", "Entry", "EntryShare", "Finding", "Action", "SummaryItem", "ConsentRule",
           "PrivacySettings", "BreakGlass", "STATUSES", "SUMMARY_KINDS"]
