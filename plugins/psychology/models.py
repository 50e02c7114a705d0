"""The plugin's tables: delays of a member's access to a psychology entry; the coop's crisis lines.

A person may read their whole record (Code des professions, s. 60.5). A psychologist may delay
access to one entry only when reading it now would likely cause the person serious harm, must
write why, and the delay is recorded for good: a lifted delay keeps its row, with who lifted it
and when.
"""

from datetime import date, datetime

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from core.api import Base, JSONType, UTCDateTime, utcnow


class AccessDelay(Base):
    """The member's access to one entry (every version of it) is delayed."""

    __tablename__ = "psychology_access_delays"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: the entry's first version: a delay covers its amendments too
    entry_id: Mapped[int] = mapped_column(ForeignKey("record_entries.id"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("core_persons.id"), index=True)
    #: the serious harm that reading the entry now would likely cause, in the psychologist's words
    reason: Mapped[str] = mapped_column(Text)
    #: the delay ends by itself after this day (None: until lifted)
    until: Mapped[date | None] = mapped_column(Date)
    delayed_by_id: Mapped[int] = mapped_column(ForeignKey("core_accounts.id"))
    delayed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    lifted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    lifted_by_id: Mapped[int | None] = mapped_column(ForeignKey("core_accounts.id"))
    lift_note: Mapped[str] = mapped_column(String(500), default="")

    def active_on(self, day: date) -> bool:
        """Does the delay still hold on ``day``?"""
        return self.lifted_at is None and (self.until is None or day <= self.until)


class CrisisLine(Base):
    """A crisis line the safety rule shows (the coop keeps the list; built-in lines stand in
    when it cannot be read). ``code`` names it across coops; ``version`` grows at each change."""

    __tablename__ = "psychology_crisis_lines"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(60), unique=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    #: ``{"fr": ..., "en": ...}``: French required, English optional
    title: Mapped[dict] = mapped_column(JSONType)
    #: as people read it ("1 866 APPELLE (1-866-277-3553)")
    number: Mapped[str] = mapped_column(String(80))
    #: what a phone dials ("tel:+18662773553")
    dial: Mapped[str] = mapped_column(String(40))
    region: Mapped[str] = mapped_column(String(120), default="")
    #: where the number was checked (a URL, an organisation)
    source: Mapped[str] = mapped_column(String(500), default="")
    reviewed_on: Mapped[date | None] = mapped_column(Date)
    position: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("core_accounts.id"))
