"""The plugin's tables: sessions being worked on, their points, acknowledgements, incidents.

A session is kept here while the person is on the table (points added one at a time, needles
counted); closing it writes the signed entry into the shared record (``entry_id``), and the rows
stay for the body map and the figures. Acknowledged cautions and incidents are kept for good.
"""

from datetime import datetime

from sqlalchemy import Boolean, Float, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.api import Base, UTCDateTime, utcnow


class AcuSession(Base):
    """One acupuncture session: open while treating, closed once the needles are accounted for."""

    __tablename__ = "acupuncture_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("core_persons.id"), index=True)
    practitioner_id: Mapped[int] = mapped_column(ForeignKey("core_accounts.id"), index=True)
    #: "open" while treating, "closed" once recorded in the chart, "superseded" once corrected
    status: Mapped[str] = mapped_column(String(10), default="open", index=True)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    indication: Mapped[str] = mapped_column(Text, default="")
    #: prone, supine, side-lying, seated: required when a point lies over the lung
    position: Mapped[str] = mapped_column(String(20), default="")
    needle_type: Mapped[str] = mapped_column(String(40), default="")
    needle_brand: Mapped[str] = mapped_column(String(120), default="")
    needle_lot: Mapped[str] = mapped_column(String(80), default="")
    gauge_mm: Mapped[float | None] = mapped_column(Float)
    length_mm: Mapped[float | None] = mapped_column(Float)
    disinfection: Mapped[bool] = mapped_column(Boolean, default=False)
    needles_inserted: Mapped[int | None] = mapped_column(Integer)
    needles_removed: Mapped[int | None] = mapped_column(Integer)
    response_favourable: Mapped[str] = mapped_column(Text, default="")
    response_adverse: Mapped[str] = mapped_column(Text, default="")
    tongue: Mapped[str] = mapped_column(Text, default="")
    pulse: Mapped[str] = mapped_column(Text, default="")
    pattern: Mapped[str] = mapped_column(Text, default="")
    principle: Mapped[str] = mapped_column(Text, default="")
    #: the chart entry written when the session closed
    entry_id: Mapped[int | None] = mapped_column(ForeignKey("record_entries.id"))
    #: a correction of this closed session's entry: closing amends it instead of adding one
    amends_entry_id: Mapped[int | None] = mapped_column(ForeignKey("record_entries.id"))
    amend_reason: Mapped[str] = mapped_column(Text, default="")

    points: Mapped[list["SessionPoint"]] = relationship(
        back_populates="session", order_by="SessionPoint.id", cascade="all, delete-orphan")
    acknowledgements: Mapped[list["CautionAck"]] = relationship(
        back_populates="session", order_by="CautionAck.id")

    @property
    def needles_counted(self) -> int:
        """Needles the points call for (bilateral points count two)."""
        return sum(p.needles for p in self.points)


class SessionPoint(Base):
    """A point used in a session, by its WHO code, with how it was treated."""

    __tablename__ = "acupuncture_session_points"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("acupuncture_sessions.id"), index=True)
    code: Mapped[str] = mapped_column(String(12), index=True)
    #: left, right, bilateral, midline
    side: Mapped[str] = mapped_column(String(10))
    #: tonification, dispersion, even
    technique: Mapped[str] = mapped_column(String(12))
    depth_mm: Mapped[float | None] = mapped_column(Float)
    retention_min: Mapped[int | None] = mapped_column(Integer)
    #: manual, electro, moxa, cupping
    stimulation: Mapped[str] = mapped_column(String(10))
    #: needles inserted at this point (0 for moxa or cupping without a needle)
    needles: Mapped[int] = mapped_column(Integer, default=1)

    session: Mapped[AcuSession] = relationship(back_populates="points")


class CautionAck(Base):
    """A caution the acupuncturist acknowledged, with the rationale they wrote."""

    __tablename__ = "acupuncture_caution_acks"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("acupuncture_sessions.id"), index=True)
    rule: Mapped[str] = mapped_column(String(30))
    code: Mapped[str] = mapped_column(String(12))
    rationale: Mapped[str] = mapped_column(Text)
    by_id: Mapped[int] = mapped_column(ForeignKey("core_accounts.id"))
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    session: Mapped[AcuSession] = relationship(back_populates="acknowledgements")


class Incident(Base):
    """The plugin's incident list: needles not accounted for and serious adverse events.

    Kept apart so that a coop-wide register in core can take the rows over later.
    """

    __tablename__ = "acupuncture_incidents"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("core_persons.id"), index=True)
    session_id: Mapped[int | None] = mapped_column(ForeignKey("acupuncture_sessions.id"),
                                                   index=True)
    entry_id: Mapped[int | None] = mapped_column(ForeignKey("record_entries.id"))
    #: "needle_unaccounted" or "adverse_event"
    kind: Mapped[str] = mapped_column(String(30), index=True)
    #: the adverse event's type (pneumothorax, infection...), empty for a needle
    event_type: Mapped[str] = mapped_column(String(30), default="")
    serious: Mapped[bool] = mapped_column(Boolean, default=False)
    description: Mapped[str] = mapped_column(Text)
    reported_by_id: Mapped[int] = mapped_column(ForeignKey("core_accounts.id"))
    reported_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    #: "open" until the coordinator closes it with a note
    status: Mapped[str] = mapped_column(String(10), default="open", index=True)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    closed_by_id: Mapped[int | None] = mapped_column(ForeignKey("core_accounts.id"))
    closing_note: Mapped[str] = mapped_column(Text, default="")
