"""Every table of the plugin (``social_work_*``).

The directory follows Open Referral HSDS 3 closely enough that an export is a field-by-field copy
(``hsds.py``): organizations, their locations, services (one location each, HSDS's
``service_at_location``), schedules as RFC 5545 RRULEs. Its ids are UUIDs, as HSDS asks, so an
imported record keeps its identity. Referrals and their status history, the one fact kept per
screening for reports, and the coop's settings are the plugin's own.
"""

import uuid
from datetime import date, datetime, time

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text, Time, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.api import Base, JSONType, Person, UTCDateTime, utcnow


def new_uuid() -> str:
    """A fresh HSDS identifier."""
    return str(uuid.uuid4())


class Organization(Base):
    """An organization of the community that provides services (HSDS ``organization``)."""

    __tablename__ = "social_work_organizations"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_uuid)
    name: Mapped[str] = mapped_column(String(200))
    alternate_name: Mapped[str] = mapped_column(String(200), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    website: Mapped[str] = mapped_column(String(300), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    services: Mapped[list["Service"]] = relationship(back_populates="organization",
                                                     order_by="Service.name")


class Location(Base):
    """Where a service is given (HSDS ``location`` with its one physical ``address``)."""

    __tablename__ = "social_work_locations"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_uuid)
    organization_id: Mapped[str] = mapped_column(ForeignKey("social_work_organizations.id"),
                                                 index=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    #: physical | postal | virtual
    location_type: Mapped[str] = mapped_column(String(20), default="physical")
    address_1: Mapped[str] = mapped_column(String(200), default="")
    city: Mapped[str] = mapped_column(String(100), default="Montréal")
    region: Mapped[str] = mapped_column(String(100), default="QC")
    postal_code: Mapped[str] = mapped_column(String(20), default="")
    country: Mapped[str] = mapped_column(String(2), default="CA")
    #: how to reach it and move in it (HSDS ``accessibility.description``)
    accessibility: Mapped[str] = mapped_column(Text, default="")
    transportation: Mapped[str] = mapped_column(Text, default="")

    organization: Mapped[Organization] = relationship()


class Service(Base):
    """A service of the directory (HSDS ``service``): what, for whom, how to apply, how fresh."""

    __tablename__ = "social_work_services"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_uuid)
    organization_id: Mapped[str] = mapped_column(ForeignKey("social_work_organizations.id"),
                                                 index=True)
    location_id: Mapped[str | None] = mapped_column(ForeignKey("social_work_locations.id"))
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    url: Mapped[str] = mapped_column(String(300), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    #: active | inactive | defunct | temporarily closed (HSDS's four values)
    status: Mapped[str] = mapped_column(String(30), default="active", index=True)
    eligibility_description: Mapped[str] = mapped_column(Text, default="")
    fees_description: Mapped[str] = mapped_column(Text, default="")
    application_process: Mapped[str] = mapped_column(Text, default="")
    #: ISO 639-1 codes
    languages: Mapped[list] = mapped_column(JSONType, default=list)
    #: Open Eligibility term codes (``needs.TERMS``)
    terms: Mapped[list] = mapped_column(JSONType, default=list)
    minimum_age: Mapped[int | None] = mapped_column(Integer)
    maximum_age: Mapped[int | None] = mapped_column(Integer)
    #: last verified (HSDS ``assured_date``); a service unverified for 12 months is flagged
    assured_date: Mapped[date | None] = mapped_column(Date)
    alert: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    organization: Mapped[Organization] = relationship(back_populates="services")
    location: Mapped[Location | None] = relationship()
    schedules: Mapped[list["Schedule"]] = relationship(
        back_populates="service", cascade="all, delete-orphan", order_by="Schedule.opens_at")


class Schedule(Base):
    """When a service is open: an RFC 5545 RRULE with opening hours (HSDS ``schedule``)."""

    __tablename__ = "social_work_schedules"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_uuid)
    service_id: Mapped[str] = mapped_column(ForeignKey("social_work_services.id"), index=True)
    #: the recurrence, e.g. ``FREQ=WEEKLY;BYDAY=TU,TH`` (checked with ``icalendar``)
    rrule: Mapped[str] = mapped_column(String(300))
    valid_from: Mapped[date] = mapped_column(Date)
    opens_at: Mapped[time] = mapped_column(Time)
    closes_at: Mapped[time] = mapped_column(Time)
    description: Mapped[str] = mapped_column(String(300), default="")

    service: Mapped[Service] = relationship(back_populates="schedules")


class Referral(Base):
    """A person referred to a community service for one need, followed until the loop closes.

    ``status`` moves proposed → sent → accepted → service_received → closed, or ends declined
    or lost to follow-up (``referrals.TRANSITIONS``). Nothing is sent before the person's
    consent to share is recorded: what, with whom, on which day.
    """

    __tablename__ = "social_work_referrals"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("core_persons.id"), index=True)
    need: Mapped[str] = mapped_column(String(30), index=True)
    status: Mapped[str] = mapped_column(String(30), default="proposed", index=True)
    #: the screening entry (or other chart entry) the need was found in
    source_entry_id: Mapped[int | None] = mapped_column(ForeignKey("record_entries.id"))
    #: the routed action core stored when another plugin proposed this referral
    source_action_id: Mapped[int | None] = mapped_column(ForeignKey("record_actions.id"))
    #: the screening question(s) behind it, e.g. ``hrsn.housing_situation``
    source_item: Mapped[str] = mapped_column(String(120), default="")
    service_id: Mapped[str | None] = mapped_column(ForeignKey("social_work_services.id"))
    consent_given: Mapped[bool] = mapped_column(Boolean, default=False)
    consent_what: Mapped[str] = mapped_column(Text, default="")
    consent_with: Mapped[str] = mapped_column(String(300), default="")
    consent_on: Mapped[date | None] = mapped_column(Date)
    follow_up_on: Mapped[date | None] = mapped_column(Date, index=True)
    outcome: Mapped[str] = mapped_column(Text, default="")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("core_accounts.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    person: Mapped[Person] = relationship()
    service: Mapped[Service | None] = relationship()
    events: Mapped[list["ReferralEvent"]] = relationship(
        back_populates="referral", order_by="ReferralEvent.id", cascade="all, delete-orphan")


class ReferralEvent(Base):
    """One step of a referral's life: who moved it to which status, when, with what note."""

    __tablename__ = "social_work_referral_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    referral_id: Mapped[int] = mapped_column(ForeignKey("social_work_referrals.id"), index=True)
    status: Mapped[str] = mapped_column(String(30))
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    by_id: Mapped[int | None] = mapped_column(ForeignKey("core_accounts.id"))
    note: Mapped[str] = mapped_column(Text, default="")

    referral: Mapped[Referral] = relationship(back_populates="events")


class ScreenFact(Base):
    """One social-needs screening's positive domains, for aggregate reports only.

    Written when a screening entry is saved, amended or marked in error; the answers stay on
    the chart. ``lineage_id`` is the entry's first version.
    """

    __tablename__ = "social_work_screen_facts"

    id: Mapped[int] = mapped_column(primary_key=True)
    lineage_id: Mapped[int] = mapped_column(Integer, unique=True)
    entry_id: Mapped[int] = mapped_column(Integer)
    person_id: Mapped[int] = mapped_column(ForeignKey("core_persons.id"), index=True)
    screened_on: Mapped[date] = mapped_column(Date, index=True)
    #: the positive needs (``needs.NEEDS`` codes)
    positives: Mapped[list] = mapped_column(JSONType, default=list)
    in_error: Mapped[bool] = mapped_column(Boolean, default=False)


class Setting(Base):
    """A coop setting of the plugin (the loneliness threshold), changed by coordinators."""

    __tablename__ = "social_work_settings"
    __table_args__ = (UniqueConstraint("key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(60))
    value: Mapped[str] = mapped_column(String(200))
    changed_by_id: Mapped[int | None] = mapped_column(ForeignKey("core_accounts.id"))
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
