"""Volunteering tables: profiles, shifts, sign-ups, the hours ledger and recognitions."""

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (Boolean, CheckConstraint, Date, ForeignKey, Index, Integer, Numeric, String,
                        Text, UniqueConstraint)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.db import Base, JSONType, UTCDateTime, utcnow
from core.identity.models import Person

CONFIRMED, CANCELLED, NO_SHOW = "confirmed", "cancelled", "no_show"
SIGNUP_STATUSES = (CONFIRMED, CANCELLED, NO_SHOW)
#: what an accompaniment is for (the volunteer sees this, never why the person has the visit)
ACCOMPANIMENTS = ("transport", "language", "support")
#: how the coop recognises hours (recorded as such; the amounts are the coop's to decide)
RECOGNITIONS = ("dues", "solidarity_tier", "other")


class VolunteerProfile(Base):
    """What a member likes to do and can do, and the confidentiality undertaking they signed."""

    __tablename__ = "core_volunteer_profiles"

    person_id: Mapped[int] = mapped_column(ForeignKey("core_persons.id"), primary_key=True)
    likes: Mapped[str] = mapped_column(Text, default="")
    skills: Mapped[str] = mapped_column(Text, default="")
    availability: Mapped[str] = mapped_column(Text, default="")
    languages: Mapped[str] = mapped_column(String(200), default="")
    #: trainings followed (free codes matched against a shift's ``training``)
    trainings: Mapped[list] = mapped_column(JSONType, default=list)
    undertaking_signed_on: Mapped[date | None] = mapped_column(Date)
    undertaking_version: Mapped[str] = mapped_column(String(20), default="")
    #: an e-mail the day before each shift (the volunteer may turn it off)
    reminders: Mapped[bool] = mapped_column(Boolean, default=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    person: Mapped[Person] = relationship()


class VolunteerShift(Base):
    """A task at a time and place that needs ``needed`` people; ``taken`` counts confirmed
    sign-ups and the CHECK constraint refuses more, whatever the concurrency."""

    __tablename__ = "core_volunteer_shifts"
    __table_args__ = (CheckConstraint("ends_at > starts_at", name="time_order"),
                      CheckConstraint("taken >= 0 AND taken <= needed", name="never_overfilled"),
                      CheckConstraint("needed >= 1", name="needs_someone"),
                      Index("ix_core_volunteer_shifts_starts_at", "starts_at"))

    id: Mapped[int] = mapped_column(primary_key=True)
    #: a program declared through ``register_volunteer_programs`` (``food_security.market``)
    program: Mapped[str] = mapped_column(String(80), index=True)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    place: Mapped[str] = mapped_column(String(300), default="")
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    needed: Mapped[int] = mapped_column(Integer, default=1)
    taken: Mapped[int] = mapped_column(Integer, default=0)
    #: a training the volunteer must have followed ("" for none)
    training: Mapped[str] = mapped_column(String(120), default="")
    #: reception, accompaniment: only volunteers with a current signed undertaking
    personal_info: Mapped[bool] = mapped_column(Boolean, default=False)
    #: the publisher's own reference (``food_security.garden:3``), to find its shifts again
    source: Mapped[str] = mapped_column(String(120), default="", index=True)
    #: an accompaniment: the appointment, and what the person needs (transport, language...)
    appointment_id: Mapped[int | None] = mapped_column(ForeignKey("sched_appointments.id"),
                                                       index=True)
    accompaniment: Mapped[str] = mapped_column(String(20), default="")
    cancelled: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("core_accounts.id"))

    signups: Mapped[list["ShiftSignup"]] = relationship(back_populates="shift",
                                                        order_by="ShiftSignup.id")
    appointment = relationship("Appointment")

    @property
    def hours(self) -> Decimal:
        """The shift's length in hours, to the hundredth."""
        return Decimal((self.ends_at - self.starts_at).total_seconds() / 3600).quantize(
            Decimal("0.01"))

    @property
    def free(self) -> int:
        return self.needed - self.taken


class ShiftSignup(Base):
    """A person on a shift; signing up again after a cancellation reuses the row."""

    __tablename__ = "core_volunteer_signups"
    __table_args__ = (UniqueConstraint("shift_id", "person_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    shift_id: Mapped[int] = mapped_column(ForeignKey("core_volunteer_shifts.id"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("core_persons.id"), index=True)
    status: Mapped[str] = mapped_column(String(20), default=CONFIRMED)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    shift: Mapped[VolunteerShift] = relationship(back_populates="signups")
    person: Mapped[Person] = relationship()


class HoursEntry(Base):
    """Hours a person gave to a program, confirmed by the coordination (the ledger)."""

    __tablename__ = "core_volunteer_hours"
    __table_args__ = (CheckConstraint("hours > 0 AND hours <= 24", name="hours_in_a_day"),
                      Index("ix_core_volunteer_hours_person_day", "person_id", "worked_on"))

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("core_persons.id"))
    program: Mapped[str] = mapped_column(String(80), index=True)
    worked_on: Mapped[date] = mapped_column(Date, index=True)
    hours: Mapped[Decimal] = mapped_column(Numeric(5, 2))
    #: the sign-up these hours close (one entry per sign-up); None for other work
    signup_id: Mapped[int | None] = mapped_column(ForeignKey("core_volunteer_signups.id"),
                                                  unique=True)
    note: Mapped[str] = mapped_column(String(300), default="")
    confirmed_by_id: Mapped[int | None] = mapped_column(ForeignKey("core_accounts.id"))
    confirmed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    person: Mapped[Person] = relationship()
    signup: Mapped[ShiftSignup | None] = relationship()


class Recognition(Base):
    """Hours the coop recognised, as it decided: credited against the annual dues, the
    market's solidarity tier, or something else said in ``note``."""

    __tablename__ = "core_volunteer_recognitions"
    __table_args__ = (CheckConstraint("hours > 0", name="hours_positive"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("core_persons.id"), index=True)
    year: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(40))
    hours: Mapped[Decimal] = mapped_column(Numeric(6, 2))
    note: Mapped[str] = mapped_column(String(300), default="")
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("core_accounts.id"))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    person: Mapped[Person] = relationship()
