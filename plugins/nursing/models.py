"""The nursing plugin's own tables (``nursing_*``); they reference core tables, never the reverse.

Chart content itself lives in core's record (entries with their payloads). Here we keep:
the registry of ordonnances collectives (each version a data document), every application of
one (applied, refused with its reason, referred: the coop answers for them), expiry notices
already sent (so the job is idempotent), and two small indexes fed when entries are saved, so
reports count immunizations and vital-sign alerts without reading payloads.
"""

from datetime import date, datetime

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.api import Base, JSONType, UTCDateTime, utcnow


class OcVersion(Base):
    """One version of an ordonnance collective: the signed document, as data."""

    __tablename__ = "nursing_oc_versions"
    __table_args__ = (UniqueConstraint("code", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(60), index=True)
    version: Mapped[int] = mapped_column(Integer)
    effective_date: Mapped[date] = mapped_column(Date)
    expires_on: Mapped[date] = mapped_column(Date, index=True)
    #: the whole document (the 17 elements, questions, rules, plan), validated when loaded
    document: Mapped[dict] = mapped_column(JSONType)
    #: "active", or "withdrawn" when the coop stops using it before it expires
    status: Mapped[str] = mapped_column(String(20), default="active")
    #: where it came from: "data/oc/OC-CYSTITE.json", "upload", "form"
    source: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("core_accounts.id"))


class OcApplication(Base):
    """One attempt to apply an OC to a person, whatever the outcome (the coop's register)."""

    __tablename__ = "nursing_oc_applications"

    id: Mapped[int] = mapped_column(primary_key=True)
    oc_version_id: Mapped[int] = mapped_column(ForeignKey("nursing_oc_versions.id"), index=True)
    oc_code: Mapped[str] = mapped_column(String(60), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("core_persons.id"), index=True)
    nurse_id: Mapped[int] = mapped_column(ForeignKey("core_accounts.id"), index=True)
    applied_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    #: applied | refused | referred
    outcome: Mapped[str] = mapped_column(String(20))
    #: the check that decided (in_force, authorised, trained, population, indication...)
    stage: Mapped[str | None] = mapped_column(String(30))
    reason_code: Mapped[str] = mapped_column(String(120), default="")
    reason: Mapped[str] = mapped_column(Text, default="")
    #: the chart entry written (none for administrative refusals) — core's record_entries.id
    entry_id: Mapped[int | None] = mapped_column(Integer)
    #: what the treating physician must be told (element 16); sending it is a chart task
    communication: Mapped[str] = mapped_column(Text, default="")

    oc_version: Mapped[OcVersion] = relationship()


class OcExpiryNotice(Base):
    """Coordinators were warned that this OC version expires soon (once per version)."""

    __tablename__ = "nursing_oc_expiry_notices"

    id: Mapped[int] = mapped_column(primary_key=True)
    oc_version_id: Mapped[int] = mapped_column(ForeignKey("nursing_oc_versions.id"), unique=True)
    warned_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    #: how many coordinators the notice reached
    recipients: Mapped[int] = mapped_column(Integer, default=0)

    oc_version: Mapped[OcVersion] = relationship()


class VitalSignsIndex(Base):
    """The scores computed for one vital-signs entry (feeds the alerts report and chart panel)."""

    __tablename__ = "nursing_vital_signs_index"

    entry_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("core_persons.id"), index=True)
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    news2: Mapped[int | None] = mapped_column(Integer)
    #: low | low_medium | medium | high (None without enough measurements)
    risk: Mapped[str | None] = mapped_column(String(20))
    red_flag: Mapped[bool] = mapped_column(Boolean, default=False)
    bp_class: Mapped[str | None] = mapped_column(String(30))
    hypertensive_urgency: Mapped[bool] = mapped_column(Boolean, default=False)


class ImmunizationIndex(Base):
    """One immunization entry's product and date (feeds the immunizations report)."""

    __tablename__ = "nursing_immunization_index"

    entry_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("core_persons.id"), index=True)
    administered_on: Mapped[date] = mapped_column(Date, index=True)
    product: Mapped[str] = mapped_column(String(40))
    product_other: Mapped[str] = mapped_column(String(120), default="")
