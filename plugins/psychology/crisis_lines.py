"""The coop's crisis lines: the list the suicide-risk rule, the chart and the member's plain
words show, kept as data the coordinator and the psychologists correct.

Reading it never fails silently. When the table cannot be read, or holds no line in use, the
built-in lines (those the migration seeded, written here too) are shown, with a note telling
the clinician that the coop's own list could not be read. The read runs in a savepoint, so a
failed query never spoils the transaction that saves the entry. The chart's panel asks for the
list with the other panels' questions instead (:func:`lines_asked`, read by
:func:`lines_answered`): a list the database refuses there gives way to core's notice, and the
built-in lines follow it while an assessment is under way (``chart_panels_unanswered``).
"""

from __future__ import annotations

import json
import logging
import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from marshmallow import Schema, fields, validate
from sqlalchemy import func, select
from sqlalchemy.orm import aliased

from core.api import (MAX_ID, PerLanguage, PhoneNumber, Refused, audit, french_typography,
                      is_french, joined_rows, reader_language, split_rows, utcnow, with_phones)

from plugins.psychology import _
from plugins.psychology.models import CrisisLine

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ShownLine:
    """A crisis line as shown: its title (in the reader's language), number and dial."""

    title: object
    number: str
    dial: str


BUILT_IN = (
    ShownLine(_("Quebec suicide prevention line (suicide.ca), 24/7"),
              "1 866 APPELLE (1-866-277-3553)", "tel:+18662773553"),
    ShownLine(_("Suicide Crisis Helpline, calls and texts, 24/7"), "9-8-8", "tel:988"),
    ShownLine(_("Imminent danger: emergency services"), "9-1-1", "tel:911"),
)


class LinesText:
    """The lines in one line of text, rendered in the language in force when shown (a finding
    stores it in every language)."""

    def __init__(self, lines):
        self.lines = tuple(lines)

    def __str__(self) -> str:
        return " · ".join(str(shown(line)) for line in self.lines)


def typeset(title) -> str:
    """A line's title in the reader's language. A title is a value, not the catalog's text:
    French typography is given to it here, or "Ligne d'aide" kept its typewriter apostrophe
    among the catalog's "d’automutilation"."""
    title = str(title)
    return french_typography(title) if is_french(reader_language()) else title


class Title:
    """A line's title as :func:`typeset` writes it, in the language in force when shown (the
    label a finding keeps with each number, in every language)."""

    def __init__(self, title):
        self.title = title

    def __str__(self) -> str:
        return typeset(self.title)


def shown(line: ShownLine):
    """"Title: number" in the reader's language (French spacing before the colon)."""
    return _("%(title)s: %(number)s", title=typeset(line.title), number=line.number)


def phone_of(line: ShownLine) -> PhoneNumber:
    """The line as a number to call: a page draws it as a ``tel:`` link on one line."""
    return PhoneNumber(Title(line.title), line.number, line.dial)


def shown_dialable(line: ShownLine):
    """:func:`shown` with its number a ``tel:`` link on a page (a chart panel's line)."""
    return with_phones(shown(line), (phone_of(line),))


@dataclass(frozen=True)
class CrisisList:
    """The lines to show and, when the built-in ones stand in, why (for the clinician)."""

    lines: tuple[ShownLine, ...]
    problem: object | None = None

    @property
    def text(self) -> LinesText:
        return LinesText(self.lines)

    @property
    def phones(self) -> tuple[PhoneNumber, ...]:
        """The lines as numbers to call (``Finding.phones``, ``with_phones``)."""
        return tuple(phone_of(line) for line in self.lines)

    def data(self) -> list:
        """The lines as plain JSON (stored with a finding)."""
        return [(str(line.title), line.number, line.dial) for line in self.lines]


def in_use(session) -> list[CrisisLine]:
    """The coop's lines in use, in their order."""
    return list(session.scalars(select(CrisisLine).where(CrisisLine.active.is_(True))
                                .order_by(CrisisLine.position, CrisisLine.id)))


def read_lines(session) -> CrisisList:
    """The coop's lines; the built-in ones, with a note, when they cannot be read or are none."""
    try:
        with session.begin_nested():
            lines = _shown((row.title, row.number, row.dial) for row in in_use(session))
    except Exception:  # any failure: the built-in lines, and the clinician is told
        log.exception("the coop's crisis lines could not be read")
        return unreadable()
    return _listed(lines)


def _shown(rows) -> tuple[ShownLine, ...]:
    """(title, number, dial) rows as shown; a row that cannot be shown is a list that cannot be
    read (ValueError)."""
    lines = tuple(ShownLine(PerLanguage(title), number, dial) for title, number, dial in rows)
    for line in lines:
        if not (str(line.title) and line.number and line.dial):
            raise ValueError("crisis line without a title, a number or a dial")
    return lines


def unreadable() -> CrisisList:
    """The built-in lines, saying the coop's list could not be read."""
    return CrisisList(BUILT_IN, _("The coop's list of crisis lines could not be read: the "
                                  "built-in lines are shown. Tell the coordinator."))


def _listed(lines: tuple[ShownLine, ...]) -> CrisisList:
    if not lines:
        return CrisisList(BUILT_IN, _("The coop's list of crisis lines is empty: the built-in "
                                      "lines are shown. Tell the coordinator."))
    return CrisisList(lines)


@cache
def lines_asked():
    """The lines in use as one scalar, for the chart's statement (``chart_panel_reads``): their
    position, id, title (its JSON), number and dial, read by :func:`lines_answered`."""
    line = aliased(CrisisLine, name="cl")  # short names: the chart's statement
    return (select(joined_rows(line.position, line.id, line.title, line.number, line.dial))
            .where(line.active.is_(True)).scalar_subquery())


def lines_answered(answer: str | None) -> CrisisList:
    """:func:`read_lines` from :func:`lines_asked`'s answer (None: no line in use)."""
    try:
        rows = sorted((int(position), int(key), title, number, dial)
                      for position, key, title, number, dial in split_rows(answer, 5))
        lines = _shown((json.loads(title), number, dial) for _p, _k, title, number, dial in rows)
    except Exception:  # any failure: the built-in lines, and the clinician is told
        log.exception("the coop's crisis lines could not be read")
        return unreadable()
    return _listed(lines)


# --- Keeping the list -------------------------------------------------------------------------

DIAL = re.compile(r"^tel:\+?[0-9]{2,15}$")
CODE = re.compile(r"^[a-z0-9_]{1,60}$")


class LineSchema(Schema):
    """A crisis line as typed on the page or received from another coop (its document)."""

    title_fr = fields.String(required=True, validate=validate.Length(min=3, max=200))
    title_en = fields.String(load_default="", validate=validate.Length(max=200))
    number = fields.String(required=True, validate=validate.Length(min=1, max=80))
    dial = fields.String(required=True, validate=validate.Regexp(DIAL, error=_(
        "Write what a phone dials, as tel:988 or tel:+18662773553.")))
    region = fields.String(load_default="", validate=validate.Length(max=120))
    source = fields.String(load_default="", validate=validate.Length(max=500))
    reviewed_on = fields.Date(load_default=None, allow_none=True, error_messages={
        "invalid": _("Write the date as 2026-12-05.")})
    position = fields.Integer(load_default=0, validate=validate.Range(min=0, max=999))
    active = fields.Boolean(load_default=True)


def from_form(form) -> dict:
    """A posted form as the schema reads it (blank optional fields left out)."""
    data = {name: (form.get(name) or "").strip() for name in
            ("title_fr", "title_en", "number", "dial", "region", "source", "reviewed_on",
             "position")}
    data = {k: v for k, v in data.items() if v or k in ("title_fr", "number", "dial")}
    data["active"] = form.get("active") in ("1", "on", "true")
    return data


def values_of(line: CrisisLine) -> dict:
    """A line as the page's form shows it."""
    return {"title_fr": line.title.get("fr", ""), "title_en": line.title.get("en", ""),
            "number": line.number, "dial": line.dial, "region": line.region,
            "source": line.source, "position": line.position, "active": line.active,
            "reviewed_on": line.reviewed_on.isoformat() if line.reviewed_on else ""}


def document_of(line: CrisisLine) -> dict:
    """The line as shared with other coops (plain JSON)."""
    return {"code": line.code, "title": {k: v for k, v in line.title.items() if v},
            "number": line.number, "dial": line.dial, "region": line.region,
            "source": line.source,
            "reviewed_on": line.reviewed_on.isoformat() if line.reviewed_on else None}


def _code_for(session, title: str) -> str:
    base = re.sub(r"[^a-z0-9]+", "_", title.lower().encode("ascii", "ignore").decode()).strip("_")
    base, n = (base or "line")[:50], 1
    code = base
    while session.scalar(select(CrisisLine.id).where(CrisisLine.code == code)):
        n += 1
        code = f"{base}_{n}"
    return code


def save_line(session, line: CrisisLine | None, data: dict, *, actor,
              code: str | None = None, version: int | None = None) -> CrisisLine:
    """Validate ``data`` and store it as a new line or the next version of ``line`` (audited,
    no commit). Raises a ``ValidationError`` with messages per field."""
    clean = LineSchema().load(data)
    before = document_of(line) if line is not None else None
    if line is None:
        if not code:
            code = _code_for(session, unicodedata.normalize("NFKD", clean["title_fr"]))
        position = clean["position"] or (session.scalar(
            select(func.max(CrisisLine.position))) or 0) + 1
        line = CrisisLine(code=code, version=0, position=position)
        session.add(line)
    else:
        position = clean["position"]
    line.title = {"fr": clean["title_fr"].strip(), "en": clean["title_en"].strip()}
    line.number, line.dial = clean["number"].strip(), clean["dial"]
    line.region, line.source = clean["region"].strip(), clean["source"].strip()
    line.reviewed_on, line.position, line.active = clean["reviewed_on"], position, clean["active"]
    line.version = max(line.version + 1, version or 0)
    line.updated_at, line.updated_by_id = utcnow(), getattr(actor, "id", None)
    session.flush()
    audit(session, "psychology.crisis_line.save", actor=actor, detail={
        "line": line.id, "code": line.code, "version": line.version, "before": before,
        "after": document_of(line)})
    return line


def adopt_document(session, document: dict, *, code: str, version: int, actor) -> CrisisLine:
    """A line another coop shared becomes this coop's (new, or the next version of the line
    with the same code; its place in the list and whether it is in use are kept)."""
    if not isinstance(document, dict) or not isinstance(document.get("title"), dict):
        raise Refused(_("This crisis line is incomplete: it has no title."))
    if not isinstance(version, int) or not 1 <= version <= MAX_ID:
        raise Refused(_("This crisis line's version is not a number this coop can keep."))
    if not CODE.match(code or ""):
        raise Refused(_("This crisis line's code is not valid here (lower-case letters, digits "
                        "and _, 60 at most)."))
    line = session.scalar(select(CrisisLine).where(CrisisLine.code == code))
    data = {"title_fr": document["title"].get("fr") or "",
            "title_en": document["title"].get("en") or "",
            "number": document.get("number") or "", "dial": document.get("dial") or "",
            "region": document.get("region") or "", "source": document.get("source") or "",
            "reviewed_on": document.get("reviewed_on"),
            "position": line.position if line is not None else 0,
            "active": line.active if line is not None else True}
    return save_line(session, line, data, actor=actor, code=code, version=version)
