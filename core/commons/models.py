"""The publishers a coop trusts and the shared protocols it received from them."""

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.db import Base, JSONType, UTCDateTime, utcnow


class CommonsPublisher(Base):
    """A coop whose packages this coop accepts: its name and Ed25519 public key."""

    __tablename__ = "commons_publishers"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    #: the raw 32-byte public key, base64
    public_key: Mapped[str] = mapped_column(String(60), unique=True)
    added_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    added_by_id: Mapped[int | None] = mapped_column(ForeignKey("core_accounts.id"))


class CommonsOffer(Base):
    """One version of one protocol a trusted publisher shared: kept until adopted (or not)."""

    __tablename__ = "commons_offers"
    __table_args__ = (UniqueConstraint("publisher_id", "kind", "code", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    publisher_id: Mapped[int] = mapped_column(ForeignKey("commons_publishers.id"), index=True)
    kind: Mapped[str] = mapped_column(String(120))
    code: Mapped[str] = mapped_column(String(120))
    version: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(300))
    document: Mapped[dict] = mapped_column(JSONType)
    review_date: Mapped[date | None] = mapped_column(Date)
    #: when the publisher last checked it against its sources
    reviewed_on: Mapped[date | None] = mapped_column(Date)
    sources: Mapped[list] = mapped_column(JSONType, default=list)
    #: when the publisher signed the package it came in
    published_at: Mapped[datetime] = mapped_column(UTCDateTime)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    #: offered | adopted | read (a kind that cannot be adopted: compared, then marked read)
    state: Mapped[str] = mapped_column(String(20), default="offered", index=True)
    adopted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    adopted_by_id: Mapped[int | None] = mapped_column(ForeignKey("core_accounts.id"))

    publisher: Mapped[CommonsPublisher] = relationship()
