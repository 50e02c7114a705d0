"""The herbalism plugin's own tables (``herbalism_*``); they reference core's, never the reverse.

Chart content lives in core's record (entries and the shared summary). Here we keep the
register of monographs, every version of each (an entry names the version it was checked
against, so a correction never rewrites the past), and the register of checks: every check
that ran or could not run, when a recommendation was written or the medication list changed,
with its full result and the reason of any override. Reports read both.
"""

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.api import Base, JSONType, UTCDateTime, utcnow


class MonographVersion(Base):
    """One version of an herb's monograph: the whole document, as data."""

    __tablename__ = "herbalism_monograph_versions"
    __table_args__ = (UniqueConstraint("code", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(60), index=True)
    version: Mapped[int] = mapped_column(Integer)
    #: the monograph, validated by :class:`plugins.herbalism.monograph_schema.MonographSchema`
    document: Mapped[dict] = mapped_column(JSONType)
    #: what changed and why (required for a coordinator's edit)
    note: Mapped[str] = mapped_column(Text, default="")
    #: "data/monographs/<code>.json" when shipped, "edit" when written in the UI
    source: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("core_accounts.id"))


class Check(Base):
    """One interaction check of one herb for one person, whatever its outcome."""

    __tablename__ = "herbalism_checks"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("core_persons.id"), index=True)
    herb: Mapped[str] = mapped_column(String(60), index=True)
    monograph_version_id: Mapped[int | None] = mapped_column(
        ForeignKey("herbalism_monograph_versions.id"))
    #: recommendation | medication_change
    trigger: Mapped[str] = mapped_column(String(30))
    #: clear | informed | warned | blocked | overridden | not_run
    outcome: Mapped[str] = mapped_column(String(20), index=True)
    #: the engine's result (:meth:`plugins.herbalism.engine.CheckResult.as_dict`)
    result: Mapped[dict] = mapped_column(JSONType)
    override_reason: Mapped[str] = mapped_column(Text, default="")
    #: the chart entry written with it (a recommendation or a re-check) — core's record_entries.id
    entry_id: Mapped[int | None] = mapped_column(Integer)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("core_accounts.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)

    monograph_version: Mapped[MonographVersion | None] = relationship()
