"""Herbal monographs as a commons: the coop shares the latest version of each monograph;
another coop reads what changed and adopts it as its own next version (validated as any edit)."""

from __future__ import annotations

from datetime import date

from core.api import ShareableKind, SharedItem

from plugins.herbalism import _, monographs


def _item(row) -> SharedItem:
    doc = row.document
    return SharedItem(row.code, row.version, doc.get("latin_binomial", row.code), doc,
                      sources=tuple(s.get("title", key) + (f" — {s['url']}" if s.get("url") else "")
                                    for key, s in sorted((doc.get("sources") or {}).items())),
                      reviewed_on=_day(doc.get("reviewed_on")))


def _day(value) -> date | None:
    """The monograph's last review (an ISO day; None when absent or unreadable)."""
    try:
        return date.fromisoformat(value) if value else None
    except (TypeError, ValueError):
        return None


def shared(session) -> list[SharedItem]:
    return [_item(row) for row in monographs.catalogue(session)]


def current(session, code: str) -> SharedItem | None:
    row = monographs.current(session, code)
    return _item(row) if row is not None else None


def adopt(session, item: SharedItem, actor) -> None:
    """The offered monograph becomes this coop's next version of the herb."""
    monographs.add_version(session, item.document, author=actor,
                           note=f"commons: {item.title} v{item.version}",
                           expected_code=item.code)


KINDS = [ShareableKind("herbalism.monograph", _("Herbal monographs"), shared, current, adopt)]
