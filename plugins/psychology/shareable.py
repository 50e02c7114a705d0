"""Crisis lines as a commons: the coop shares the lines it shows; another coop reads what
changed (number, title, source, review date) and adopts a line explicitly, through the same
checks as a line typed on the page."""

from __future__ import annotations

from sqlalchemy import select

from core.api import ShareableKind, SharedItem, reader_language

from plugins.psychology import _
from plugins.psychology.crisis_lines import adopt_document, document_of, in_use
from plugins.psychology.models import CrisisLine


def _item(line: CrisisLine) -> SharedItem:
    language = "en" if reader_language().startswith("en") else "fr"
    title = line.title.get(language) or line.title.get("fr") or line.code
    return SharedItem(line.code, line.version, f"{title} ({line.number})", document_of(line),
                      sources=(line.source,) if line.source else (),
                      reviewed_on=line.reviewed_on)


def shared(session) -> list[SharedItem]:
    """The lines the coop shows now."""
    return [_item(line) for line in in_use(session)]


def current(session, code: str) -> SharedItem | None:
    """The line with this code here (in use or set aside), or None."""
    line = session.scalar(select(CrisisLine).where(CrisisLine.code == code))
    return _item(line) if line is not None else None


def adopt(session, item: SharedItem, actor) -> None:
    """The offered line becomes this coop's (a new line, or the next version of its own)."""
    adopt_document(session, item.document, code=item.code, version=item.version, actor=actor)


KINDS = [ShareableKind("psychology.crisis_line", _("Crisis lines"), shared, current, adopt)]
