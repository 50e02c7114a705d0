"""Scheduling tables: resources, availability, appointments, group sessions, occupancy.

Every time is stored in UTC (:class:`core.db.UTCDateTime`); weekly availability is wall-clock
time in the coop's zone (America/Montreal), converted per date so daylight-saving changes are
right. A practitioner or a room is never booked twice: every live booking holds rows in
``sched_occupancy``, and on PostgreSQL an exclusion constraint refuses overlapping rows for the
same resource (created by the migration; see :mod:`core.scheduling.occupancy`).
"""

from datetime import date, datetime, time

from sqlalchemy import (Boolean, CheckConstraint, Date, ForeignKey, Index, Integer, String, Time,
                        UniqueConstraint, column, func, literal_column, text)
from sqlalchemy.dialects.postgresql import ExcludeConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.db import Base, UTCDateTime, utcnow

PRACTITIONER, ROOM = "practitioner", "room"
RESOURCE_KINDS = (PRACTITIONER, ROOM)

BOOKED, ARRIVED, DONE, NO_SHOW, CANCELLED = "booked", "arrived", "done", "no_show", "cancelled"
STATUSES = (BOOKED, ARRIVED, DONE, NO_SHOW, CANCELLED)
#: our statuses as FHIR R4 Appointment.status codes (for the record's FHIR export)
FHIR_STATUS = {BOOKED: "booked", ARRIVED: "arrived", DONE: "fulfilled", NO_SHOW: "noshow",
               CANCELLED: "cancelled"}

CONFIRMED, WAITING = "confirmed", "waiting"


class Resource(Base):
    """Something that can be booked: a practitioner (linked to an account) or a room."""

    __tablename__ = "sched_resources"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(200))
    #: practitioners: their account (one resource per account)
    account_id: Mapped[int | None] = mapped_column(ForeignKey("core_accounts.id"), unique=True)
    #: practitioners: the discipline code, used to find who can give an appointment type
    discipline: Mapped[str | None] = mapped_column(String(60), index=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    #: SHA-256 of the secret token of the private calendar feed (None: no feed)
    feed_token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    account = relationship("Account")
    availability: Mapped[list["Availability"]] = relationship(
        back_populates="resource", cascade="all, delete-orphan",
        order_by="(Availability.weekday, Availability.starts)")


class Availability(Base):
    """A weekly window when a resource can be booked (local wall-clock time)."""

    __tablename__ = "sched_availability"
    __table_args__ = (CheckConstraint("ends > starts", name="window_order"),
                      CheckConstraint("weekday >= 0 AND weekday <= 6", name="weekday_range"))

    id: Mapped[int] = mapped_column(primary_key=True)
    resource_id: Mapped[int] = mapped_column(ForeignKey("sched_resources.id", ondelete="CASCADE"),
                                             index=True)
    #: Monday = 0 ... Sunday = 6 (Python's ``date.weekday()``)
    weekday: Mapped[int] = mapped_column(Integer)
    starts: Mapped[time] = mapped_column(Time)
    ends: Mapped[time] = mapped_column(Time)

    resource: Mapped[Resource] = relationship(back_populates="availability")


class AvailabilityException(Base):
    """Days when a resource (or, without one, the whole coop) is closed: holiday, leave."""

    __tablename__ = "sched_exceptions"
    __table_args__ = (CheckConstraint("last_day >= first_day", name="day_order"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    #: None: the whole coop is closed
    resource_id: Mapped[int | None] = mapped_column(
        ForeignKey("sched_resources.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))  # holiday | leave | closed
    first_day: Mapped[date] = mapped_column(Date)
    last_day: Mapped[date] = mapped_column(Date)
    note: Mapped[str] = mapped_column(String(200), default="")

    resource: Mapped[Resource | None] = relationship()


class TypeSetting(Base):
    """The coop's choices about a declared appointment type (online booking on or off)."""

    __tablename__ = "sched_type_settings"

    code: Mapped[str] = mapped_column(String(120), primary_key=True)
    online: Mapped[bool] = mapped_column(Boolean, default=True)


class Appointment(Base):
    """An individual visit: one person, one type, a practitioner and/or a room."""

    __tablename__ = "sched_appointments"
    __table_args__ = (CheckConstraint("ends_at > starts_at", name="time_order"),
                      Index("ix_sched_appointments_starts_at", "starts_at"),
                      # a practitioner's (or a room's) day: see agenda.day_view
                      Index("ix_sched_appointments_practitioner_start", "practitioner_id",
                            "starts_at"),
                      # only visits with a room: SQLite's statistics would count the NULLs
                      # as one room holding every visit (migration b5d1e8a3c7f2)
                      Index("ix_sched_appointments_room_start", "room_id", "starts_at",
                            sqlite_where=text("room_id IS NOT NULL"),
                            postgresql_where=text("room_id IS NOT NULL")),
                      # a month's appointments counted by status from the index alone
                      Index("ix_sched_appointments_start_status", "starts_at", "status"))

    id: Mapped[int] = mapped_column(primary_key=True)
    type_code: Mapped[str] = mapped_column(String(120))
    person_id: Mapped[int] = mapped_column(ForeignKey("core_persons.id"), index=True)
    practitioner_id: Mapped[int | None] = mapped_column(ForeignKey("sched_resources.id"))
    room_id: Mapped[int | None] = mapped_column(ForeignKey("sched_resources.id"))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    status: Mapped[str] = mapped_column(String(20), default=BOOKED)
    booked_by_id: Mapped[int | None] = mapped_column(ForeignKey("core_accounts.id"))
    #: booked by the member from the portal
    online: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    arrived_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    status_changed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    person = relationship("Person")
    practitioner: Mapped[Resource | None] = relationship(foreign_keys=[practitioner_id])
    room: Mapped[Resource | None] = relationship(foreign_keys=[room_id])


class GroupSession(Base):
    """A session several people attend (collective kitchen, workshop, vaccination clinic).

    ``seats_taken`` counts confirmed seats; the CHECK constraint makes the database refuse a
    seat beyond ``capacity`` whatever the concurrency.
    """

    __tablename__ = "sched_group_sessions"
    __table_args__ = (CheckConstraint("ends_at > starts_at", name="time_order"),
                      CheckConstraint("seats_taken >= 0 AND seats_taken <= capacity",
                                      name="within_capacity"),
                      Index("ix_sched_group_sessions_starts_at", "starts_at"))

    id: Mapped[int] = mapped_column(primary_key=True)
    type_code: Mapped[str] = mapped_column(String(120))
    title: Mapped[str] = mapped_column(String(200), default="")
    practitioner_id: Mapped[int | None] = mapped_column(ForeignKey("sched_resources.id"))
    room_id: Mapped[int | None] = mapped_column(ForeignKey("sched_resources.id"))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    capacity: Mapped[int] = mapped_column(Integer)
    seats_taken: Mapped[int] = mapped_column(Integer, default=0)
    cancelled: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    practitioner: Mapped[Resource | None] = relationship(foreign_keys=[practitioner_id])
    room: Mapped[Resource | None] = relationship(foreign_keys=[room_id])
    seats: Mapped[list["GroupSeat"]] = relationship(back_populates="group_session",
                                                    order_by="GroupSeat.id")


class GroupSeat(Base):
    """A person's place in a group session: confirmed, or waiting in line (``id`` order)."""

    __tablename__ = "sched_group_seats"
    __table_args__ = (UniqueConstraint("group_session_id", "person_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    group_session_id: Mapped[int] = mapped_column(
        ForeignKey("sched_group_sessions.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("core_persons.id"), index=True)
    status: Mapped[str] = mapped_column(String(20))  # confirmed | waiting | cancelled
    #: None until attendance is taken
    attended: Mapped[bool | None] = mapped_column(Boolean)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    group_session: Mapped[GroupSession] = relationship(back_populates="seats")
    person = relationship("Person")


class Occupancy(Base):
    """A resource held from ``starts_at`` to ``ends_at`` by a live appointment or group session.

    Rows exist only while the booking is live (deleted on cancellation), so the PostgreSQL
    exclusion constraint needs no condition: no two rows of one resource may overlap.
    """

    __tablename__ = "sched_occupancy"
    __table_args__ = (
        CheckConstraint("ends_at > starts_at", name="time_order"),
        Index("ix_sched_occupancy_resource_time", "resource_id", "starts_at"),
        ExcludeConstraint(("resource_id", "="),
                          (func.tstzrange(column("starts_at"), column("ends_at"),
                                          literal_column("'[)'")), "&&"),
                          name="ex_sched_occupancy_no_overlap", using="gist"
                          ).ddl_if(dialect="postgresql"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    resource_id: Mapped[int] = mapped_column(ForeignKey("sched_resources.id"))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    appointment_id: Mapped[int | None] = mapped_column(
        ForeignKey("sched_appointments.id", ondelete="CASCADE"), index=True)
    group_session_id: Mapped[int | None] = mapped_column(
        ForeignKey("sched_group_sessions.id", ondelete="CASCADE"), index=True)
