"""A record that moves between coops: each import, what came in, and the summary lines proposed.

Imported resources are kept as they arrived (read-only: they were written elsewhere, by people
who have no account here), apart from the chart's own entries, whose authors are our accounts.
``source_key`` names a resource across coops (its origin and its id there), so importing the
same bundle twice adds nothing.
"""

from datetime import date, datetime

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, UniqueConstraint, event
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.db import Base, JSONType, UTCDateTime, utcnow
from core.identity.models import Account, Person

#: an import waiting for the privacy officer (ambiguous person), done, or rejected by them
IMPORT_STATES = ("review", "done", "rejected")


class RecordImport(Base):
    """One bundle brought in: who brought it, about whom, and what came of it."""

    __tablename__ = "record_imports"

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("core_accounts.id"))
    #: the sending coop or system (a ``urn:soin-commun:coop:...`` or the bundle's source)
    origin: Mapped[str] = mapped_column(String(300))
    origin_name: Mapped[str] = mapped_column(String(300), default="")
    #: SHA-256 of the bundle as received: the same file is recognised
    bundle_hash: Mapped[str] = mapped_column(String(64), index=True)
    #: the Patient's key at the origin: a later bundle about them goes to the same person
    patient_key: Mapped[str] = mapped_column(String(64), index=True)
    state: Mapped[str] = mapped_column(String(20), default="review", index=True)
    #: who the bundle is about, as the bundle says (name, birth date, RAMQ...), for the review
    patient: Mapped[dict] = mapped_column(JSONType)
    #: ids of the people it could be (review); kept after, to show what was decided among
    candidates: Mapped[list] = mapped_column(JSONType, default=list)
    #: the bundle itself while it waits for review (emptied once done or rejected)
    bundle: Mapped[dict | None] = mapped_column(JSONType)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("core_persons.id"), index=True)
    #: "matched" (an existing person), "created", "chosen" or "new" (by the officer)
    how: Mapped[str] = mapped_column(String(20), default="")
    #: counts by what was done: {"entries": n, "proposals": n, "already": n, "skipped": {...}}
    counts: Mapped[dict] = mapped_column(JSONType, default=dict)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("core_accounts.id"))

    person: Mapped[Person | None] = relationship()
    created_by: Mapped[Account | None] = relationship(foreign_keys=[created_by_id])


class ImportedEntry(Base):
    """One resource from another coop's record (a visit, a form, an observation), read-only."""

    __tablename__ = "record_imported_entries"
    __table_args__ = (UniqueConstraint("person_id", "source_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    import_id: Mapped[int] = mapped_column(ForeignKey("record_imports.id"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("core_persons.id"), index=True)
    source_key: Mapped[str] = mapped_column(String(64))
    #: the resource's address in the bundle it came in (references between resources use it)
    full_url: Mapped[str] = mapped_column(String(300), default="")
    origin: Mapped[str] = mapped_column(String(300))
    origin_name: Mapped[str] = mapped_column(String(300), default="")
    resource_type: Mapped[str] = mapped_column(String(60))
    title: Mapped[str] = mapped_column(String(300), default="")
    author: Mapped[str] = mapped_column(String(200), default="")
    #: when it happened or was written at the origin
    occurred_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    discipline: Mapped[str] = mapped_column(String(60), default="")
    #: team or discipline, from the resource's security label (restricted: discipline)
    confidentiality: Mapped[str] = mapped_column(String(20), default="team")
    resource: Mapped[dict] = mapped_column(JSONType)
    imported_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


@event.listens_for(ImportedEntry, "before_update")
@event.listens_for(ImportedEntry, "before_delete")
def _imported_entries_are_immutable(_mapper, _connection, target):
    raise ValueError(f"imported entry {target.id} is read-only")


class ImportProposal(Base):
    """A clinical summary line from another coop, shown until a practitioner confirms it."""

    __tablename__ = "record_import_proposals"
    __table_args__ = (UniqueConstraint("person_id", "source_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    import_id: Mapped[int] = mapped_column(ForeignKey("record_imports.id"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("core_persons.id"), index=True)
    source_key: Mapped[str] = mapped_column(String(64))
    #: where the line was first written (its ``meta.source``) and that coop's
    #: ``urn:soin-commun:coop:...``: a confirmed line exported again still names them
    source: Mapped[str] = mapped_column(String(300), default="", server_default="")
    origin: Mapped[str] = mapped_column(String(300), default="", server_default="")
    origin_name: Mapped[str] = mapped_column(String(300), default="")
    kind: Mapped[str] = mapped_column(String(20))
    label: Mapped[str] = mapped_column(String(300))
    code: Mapped[str] = mapped_column(String(80), default="")
    natural_product: Mapped[bool] = mapped_column(Boolean, default=False)
    since: Mapped[date | None] = mapped_column(Date)
    recorded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    author: Mapped[str] = mapped_column(String(200), default="")
    #: proposed | confirmed | declined
    state: Mapped[str] = mapped_column(String(20), default="proposed", index=True)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("core_accounts.id"))
    #: the summary line it became once confirmed
    summary_item_id: Mapped[int | None] = mapped_column(Integer)


__all__ = ["RecordImport", "ImportedEntry", "ImportProposal", "IMPORT_STATES"]
