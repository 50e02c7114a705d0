"""psychology findings: the coop's own crisis lines in alerts kept before the phone pass dial too

c62db60e836f gave an old suicide-risk alert (kept without ``phones`` with its text) the dials
of the seeded numbers only. An alert written while the coop's list named its own line (Tel-Aide,
a regional centre, a number the coordinator typed) kept that line's number as words, although
the alert stored the line, number and dial included, in its ``data["crisis_lines"]`` (the list
as it was read when the alert was written, 1557341).

For each language of each safety-rule finding, a line of its own ``crisis_lines`` whose number
the text of that language writes (French spacing and hyphens read as the plain ones, never inside
a longer number) and which the language's ``phones`` do not hold yet is added to them, labelled
with the title stored with it. A dial that is not ``tel:`` and digits, a number the text does not
write: left as they are, never guessed. The dials come from the finding itself, not from today's
list: a line edited or removed since still dials what the alert named. Each row changed says so
in its ``data`` (``own_phones_added``: this revision, each language's triples added and the
languages whose ``phones`` it made), so going back down takes away only what this migration added.

Revision ID: e3ab9e4aeac5
Revises: c62db60e836f
Create Date: 2026-12-07 23:00:00
"""
import re

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = 'e3ab9e4aeac5'
down_revision = 'c62db60e836f'
branch_labels = None
depends_on = None

JSON = sa.JSON().with_variant(postgresql.JSONB(), 'postgresql')
SAFETY_ID = "psychology.phq9_item9_safety"
LOCALES = ("fr_CA", "en")
MARK = "own_phones_added"
DIAL = re.compile(r"^tel:\+?[0-9]{2,15}$")  # what a link may dial (core.phones.DIAL)

FINDINGS = sa.table("record_findings", sa.column("id", sa.Integer),
                    sa.column("protocol_id", sa.String), sa.column("message", sa.Text),
                    sa.column("advice", sa.Text), sa.column("data", JSON),
                    sa.column("texts", JSON))


def _plain(text: str) -> str:
    """French no-break spaces and hyphens read as the plain ones, runs of spaces as one."""
    text = re.sub("[\u2010\u2011]", "-", text)
    return re.sub(r"[\s\u00a0\u202f]+", " ", text)


def _written(number: str, text: str) -> bool:
    """Does ``text`` write ``number``, not inside a longer number ("19-1-1")?"""
    return re.search(rf"(?<![\w-]){re.escape(_plain(number).strip())}(?![\w-])",
                     _plain(text)) is not None


def _lines(data) -> list:
    """[label, number, dial] of each line the finding stored that a link may dial."""
    found = []
    for line in (data or {}).get("crisis_lines") or ():
        if not (isinstance(line, (list, tuple)) and len(line) == 3):
            continue
        title, number, dial = (str(part or "") for part in line)
        if number.strip() and DIAL.match(dial):
            found.append([title, number, dial])
    return found


def upgrade() -> None:
    conn = op.get_bind()
    rows = conn.execute(sa.select(FINDINGS).where(FINDINGS.c.protocol_id == SAFETY_ID)).all()
    for row in rows:
        lines = _lines(row.data)
        if not lines:
            continue
        texts = {k: dict(v) if isinstance(v, dict) else v for k, v in (row.texts or {}).items()}
        if not row.texts:  # kept before languages were stored: its one text, for every reader
            texts = {locale: {} for locale in LOCALES}
        added, made = {}, []
        for locale, kept in texts.items():
            if not isinstance(kept, dict):
                continue
            text = f"{kept.get('message') or row.message} {kept.get('advice') or row.advice}"
            phones = kept.get("phones")
            if phones is not None and not isinstance(phones, list):
                continue  # not a list of numbers: not this migration's to mend
            held = {_plain(str(phone[1])).strip() for phone in phones or ()
                    if isinstance(phone, list) and len(phone) == 3}
            new = []
            for line in lines:
                number = _plain(line[1]).strip()
                if number not in held and _written(line[1], text or ""):
                    new.append(line)
                    held.add(number)
            if new:
                if phones is None:
                    made.append(locale)
                kept["phones"] = [*(phones or ()), *new]
                added[locale] = new
        if added:
            data = dict(row.data or {})
            data[MARK] = {"by": revision, "in": added, "made": made}
            conn.execute(sa.update(FINDINGS).where(FINDINGS.c.id == row.id).values(
                texts={k: v for k, v in texts.items() if v != {}} or None, data=data))


def downgrade() -> None:
    conn = op.get_bind()
    rows = conn.execute(sa.select(FINDINGS).where(FINDINGS.c.protocol_id == SAFETY_ID)).all()
    for row in rows:
        mark = (row.data or {}).get(MARK)
        if not isinstance(mark, dict) or mark.get("by") != revision:
            continue  # not changed by this migration
        texts = {k: dict(v) if isinstance(v, dict) else v for k, v in (row.texts or {}).items()}
        for locale, lines in (mark.get("in") or {}).items():
            kept = texts.get(locale)
            if not isinstance(kept, dict) or not isinstance(kept.get("phones"), list):
                continue
            phones = list(kept["phones"])
            for line in lines:
                if line in phones:
                    phones.remove(line)  # only what this migration added, once each
            if phones or locale not in (mark.get("made") or ()):
                kept["phones"] = phones
            else:
                kept.pop("phones")
                if not kept:
                    del texts[locale]  # made by this migration for a row kept without languages
        data = {k: v for k, v in row.data.items() if k != MARK}
        conn.execute(sa.update(FINDINGS).where(FINDINGS.c.id == row.id).values(
            texts=texts or None, data=data or None))
