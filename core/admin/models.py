"""Plugin activation is data: who turned a service on or off, and when."""

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from core.db import Base, UTCDateTime, utcnow


class PluginState(Base):
    """Whether an installed plugin is active in this coop; a plugin with no row is inactive."""

    __tablename__ = "core_plugin_states"

    name: Mapped[str] = mapped_column(String(80), primary_key=True)
    active: Mapped[bool] = mapped_column(Boolean, default=False)
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    #: None when changed from the shell (``soin plugins enable``)
    changed_by_id: Mapped[int | None] = mapped_column(ForeignKey("core_accounts.id"))
    changed_by_label: Mapped[str] = mapped_column(String(200), default="")
    #: the decision cited for the last change (a resolution's number, "CA 2026-11-03"...)
    resolution: Mapped[str] = mapped_column(String(120), default="", server_default="")


class PluginStateChange(Base):
    """History of activations and deactivations."""

    __tablename__ = "core_plugin_state_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80), index=True)
    active: Mapped[bool] = mapped_column(Boolean)
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    changed_by_label: Mapped[str] = mapped_column(String(200), default="")
    resolution: Mapped[str] = mapped_column(String(120), default="", server_default="")
