"""Ordonnances collectives as a commons: the coop shares the OCs in force, another coop reads
what changed and adopts a version (stored like an uploaded one, through the same checks)."""

from __future__ import annotations

from datetime import date

from core.api import ShareableKind, SharedItem, reader_language, today

from plugins.nursing import _
from plugins.nursing.oc import registry
from plugins.nursing.oc.document import text


def _item(row) -> SharedItem:
    doc = row.document
    return SharedItem(row.code, row.version, text(doc.get("name"), reader_language()),
                      doc, review_date=date.fromisoformat(doc["expires_on"]),
                      reviewed_on=date.fromisoformat(doc["last_revised"])
                      if doc.get("last_revised") else None,
                      sources=tuple(s["title"] + (f" — {s['url']}" if s.get("url") else "")
                                    for s in doc.get("sources") or ()))


def shared(session) -> list[SharedItem]:
    """The OCs in force today (their governing version)."""
    return [_item(row) for row in registry.catalogue(session, today())]


def current(session, code: str) -> SharedItem | None:
    row = registry.current(session, code, today())
    return _item(row) if row is not None else None


def adopt(session, item: SharedItem, actor) -> None:
    """Store the offered document as a new version of the OC (its own checks apply: a version
    number lower than one already here is refused)."""
    registry.add_version(session, item.document, source=f"commons:{item.code}:{item.version}",
                         by=actor)


KINDS = [ShareableKind("nursing.oc", _("Collective prescriptions (OC)"), shared, current, adopt)]
