"""Monographs corrected in a newer release reach a register that already has them.

:func:`plugins.herbalism.monographs.seed` puts each shipped herb in once, as version 1. A later
release may correct a shipped monograph (a new interaction rule, a revised dose): without this,
only new installations would see it. The coordinator sees what the release changed on the
register's page and takes it in with one button; each herb becomes a new version, so every
earlier recommendation still names the version it was checked against.

A herb the coop corrected itself since is never overwritten: it is listed to compare by hand.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from core.api import audit, utcnow

from plugins.herbalism import _
from plugins.herbalism.models import MonographVersion
from plugins.herbalism.monograph_schema import shipped_monographs
from plugins.herbalism.monographs import SHIPPED

NEW, UPDATED, EDITED_HERE = "new", "updated", "edited_here"


@dataclass(frozen=True)
class ShippedChange:
    """One herb where the release's monograph differs from the register."""

    code: str
    #: ``new`` (not in the register), ``updated`` (the register has the older shipped text),
    #: ``edited_here`` (the coop corrected it since: to compare, never overwritten)
    kind: str


def changes(session) -> list[ShippedChange]:
    """What the shipped monographs would change in the register, herb by herb."""
    versions: dict[str, list[MonographVersion]] = {}
    for row in session.scalars(select(MonographVersion).order_by(MonographVersion.code,
                                                               MonographVersion.version)):
        versions.setdefault(row.code, []).append(row)
    found = []
    for code, document in shipped_monographs().items():
        kept = versions.get(code)
        if not kept:
            found.append(ShippedChange(code, NEW))
            continue
        last_shipped = next((v for v in reversed(kept) if v.source.startswith(SHIPPED)), None)
        if kept[-1].document == document or (last_shipped and last_shipped.document == document):
            continue  # the register has this text, or took it in before the coop's own edits
        found.append(ShippedChange(code, UPDATED if kept[-1] is last_shipped else EDITED_HERE))
    return found


def take_in(session, *, author) -> list[MonographVersion]:
    """Store every new or updated shipped monograph as the next version of its herb (no commit);
    the herbs the coop corrected itself are left as they are."""
    stored = []
    for change in changes(session):
        if change.kind == EDITED_HERE:
            continue
        previous = session.scalars(select(MonographVersion.version)
                                   .where(MonographVersion.code == change.code)).all()
        row = MonographVersion(code=change.code, version=max(previous, default=0) + 1,
                               document=shipped_monographs()[change.code],
                               note=str(_("Corrected in a release of Soin commun."))
                               if change.kind == UPDATED else "",
                               source=f"{SHIPPED}{change.code}.json", created_at=utcnow(),
                               created_by_id=author.id)
        session.add(row)
        session.flush()
        audit(session, "herbalism.monograph.version", actor=author,
              detail={"code": row.code, "version": row.version, "shipped": True})
        stored.append(row)
    return stored
