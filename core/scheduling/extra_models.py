"""Scheduling tables beside bookings: the walk-in queue, community events, reminders, outbox."""

from datetime import date, datetime

from sqlalchemy import (Boolean, CheckConstraint, Date, ForeignKey, Integer, String, Text,
                        UniqueConstraint)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.db import Base, UTCDateTime, utcnow

#: triage priorities of the walk-in queue, most urgent first
URGENT, SOON, ROUTINE = 1, 2, 3
PRIORITIES = (URGENT, SOON, ROUTINE)
TICKET_WAITING, TICKET_CALLED, TICKET_DONE, TICKET_LEFT = "waiting", "called", "done", "left"

#: reminder channels; "none" is the default (the most private choice)
CHANNEL_NONE, CHANNEL_EMAIL = "none", "email"
CHANNELS = (CHANNEL_NONE, CHANNEL_EMAIL)

OUTBOX_PENDING, OUTBOX_SENDING, OUTBOX_SENT, OUTBOX_FAILED = "pending", "sending", "sent", "failed"


class WalkInTicket(Base):
    """An arrival at the walk-in clinic (sans rendez-vous): a numbered ticket with a priority."""

    __tablename__ = "sched_walkin_tickets"
    __table_args__ = (UniqueConstraint("service_day", "number"),
                      CheckConstraint("priority >= 1 AND priority <= 3", name="priority_range"))

    id: Mapped[int] = mapped_column(primary_key=True)
    #: the local day the ticket belongs to; numbers restart at 1 every day
    service_day: Mapped[date] = mapped_column(Date, index=True)
    number: Mapped[int] = mapped_column(Integer)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("core_persons.id"), index=True)
    #: how reception calls the person when there is no record yet (first name only is enough)
    label: Mapped[str] = mapped_column(String(120), default="")
    priority: Mapped[int] = mapped_column(Integer, default=ROUTINE)
    discipline: Mapped[str | None] = mapped_column(String(60))
    status: Mapped[str] = mapped_column(String(20), default=TICKET_WAITING)
    arrived_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    called_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    called_by_id: Mapped[int | None] = mapped_column(ForeignKey("core_accounts.id"))
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("core_accounts.id"))

    person = relationship("Person")
    called_by = relationship("Account", foreign_keys=[called_by_id])


class CommunityEvent(Base):
    """A public event (market, workshop, day of action), possibly recurring (RFC 5545 RRULE).

    Public by design: it holds no personal data and is shown to anyone.
    """

    __tablename__ = "sched_events"
    __table_args__ = (CheckConstraint("duration_minutes > 0", name="positive_duration"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    location: Mapped[str] = mapped_column(String(200), default="")
    #: the first occurrence (UTC); occurrences keep its local wall-clock time across DST
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    duration_minutes: Mapped[int] = mapped_column(Integer)
    #: an RRULE body such as ``FREQ=WEEKLY;BYDAY=SA;COUNT=10`` (empty: a single occurrence)
    rrule: Mapped[str] = mapped_column(String(300), default="")
    published: Mapped[bool] = mapped_column(Boolean, default=True)
    uid: Mapped[str] = mapped_column(String(80), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


class ReminderPreference(Base):
    """How a person wants to be reminded. No row means no reminders (the private default)."""

    __tablename__ = "sched_reminder_prefs"

    person_id: Mapped[int] = mapped_column(ForeignKey("core_persons.id", ondelete="CASCADE"),
                                           primary_key=True)
    channel: Mapped[str] = mapped_column(String(20), default=CHANNEL_NONE)
    hours_before: Mapped[int] = mapped_column(Integer, default=24)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


class OutboxMessage(Base):
    """A message to send, recorded before it is sent; ``key`` makes every reminder unique.

    The job claims a row (pending -> sending) and commits before talking to the SMTP server, so
    a crash or a restart can never send the same reminder twice.
    """

    __tablename__ = "sched_outbox"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(200), unique=True)
    channel: Mapped[str] = mapped_column(String(20), default=CHANNEL_EMAIL)
    recipient: Mapped[str] = mapped_column(String(200))
    subject: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20), default=OUTBOX_PENDING, index=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("core_persons.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    error: Mapped[str] = mapped_column(String(500), default="")
