"""The privacy officer's designations (a history: the law asks who held the role, and when)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.db import Base, UTCDateTime, utcnow
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
