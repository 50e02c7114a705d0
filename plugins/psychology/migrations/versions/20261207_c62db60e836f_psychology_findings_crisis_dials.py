"""psychology findings: the crisis numbers of alerts kept before the phone pass, made dialable

A suicide-risk alert (PHQ-9 item 9, a disclosure in a progress note) kept before e1bf53a holds
its crisis lines as text only: the chart, the timeline and the member's view showed "9-8-8" as
words a phone cannot tap. Core now draws a finding's numbers as ``tel:`` links from the
``phones`` kept with its text in each language (``record_findings.texts[locale]["phones"]``).

Only the safety rule's findings are read, only a language that keeps no numbers yet, and only a
number the stored text still writes exactly as it was seeded (391640cc876e) gets its dial: a
number the text does not write, or writes otherwise, is left as it is, never guessed. Each row
changed says so in its ``data`` (``phones_added``: this revision and the languages given), so
going back down takes away only what this migration added.

Revision ID: c62db60e836f
Revises: 6b2f0d8e4a17
Create Date: 2026-12-07 20:00:00
"""
import re

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = 'c62db60e836f'
down_revision = '6b2f0d8e4a17'
branch_labels = None
depends_on = '4d7e2a9c1f36'  # core: record_findings.texts

JSON = sa.JSON().with_variant(postgresql.JSONB(), 'postgresql')
SAFETY_ID = "psychology.phq9_item9_safety"
LOCALES = ("fr_CA", "en")
MARK = "phones_added"

#: the seeded lines: number as written, dial, label in French and in English (6b2f0d8e4a17's)
SEEDED = (
    ("1 866 APPELLE (1-866-277-3553)", "tel:+18662773553",
     "Ligne québécoise de prévention du suicide (suicide.ca), 24 h sur 24, 7 jours sur 7",
     "Quebec suicide prevention line (suicide.ca), 24/7"),
    ("9-8-8", "tel:988",
     "Ligne d’aide en cas de crise de suicide, appels et textos, 24 h sur 24, 7 jours sur 7",
     "Suicide Crisis Helpline, calls and texts, 24/7"),
    ("9-1-1", "tel:911", "Danger imminent : services d’urgence",
     "Imminent danger: emergency services"),
)

FINDINGS = sa.table("record_findings", sa.column("id", sa.Integer),
                    sa.column("protocol_id", sa.String), sa.column("message", sa.Text),
                    sa.column("advice", sa.Text), sa.column("data", JSON),
                    sa.column("texts", JSON))


def _written(number: str, text: str) -> bool:
    """Does ``text`` write ``number`` (French no-break spaces and hyphens read as the plain
    ones), not inside a longer number ("19-1-1")?"""
    plain = re.sub("[\u00a0\u202f]", " ", re.sub("[\u2010\u2011]", "-", text))
    return re.search(rf"(?<![\w-]){re.escape(number)}(?![\w-])", plain) is not None


def _dials(locale: str, text: str) -> list:
    """[label, number, dial] of each seeded number ``text`` writes, labelled in ``locale``."""
    french = locale.startswith("fr")
    return [[fr if french else en, number, dial] for number, dial, fr, en in SEEDED
            if _written(number, text)]


def upgrade() -> None:
    conn = op.get_bind()
    rows = conn.execute(sa.select(FINDINGS).where(FINDINGS.c.protocol_id == SAFETY_ID)).all()
    for row in rows:
        texts = {k: dict(v) if isinstance(v, dict) else v for k, v in (row.texts or {}).items()}
        if not row.texts:  # kept before languages were stored: its one text, for every reader
            texts = {locale: {} for locale in LOCALES}
        added = []
        for locale, kept in texts.items():
            if not isinstance(kept, dict) or "phones" in kept:
                continue  # kept with its numbers already
            text = f"{kept.get('message') or row.message} {kept.get('advice') or row.advice}"
            found = _dials(locale, text or "")
            if found:
                kept["phones"] = found
                added.append(locale)
        if added:
            data = dict(row.data or {})
            data[MARK] = {"by": revision, "in": added}
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
        for locale in mark.get("in") or ():
            if isinstance(texts.get(locale), dict):
                texts[locale].pop("phones", None)
                if not texts[locale]:
                    del texts[locale]  # made by this migration for a row kept without languages
        data = {k: v for k, v in row.data.items() if k != MARK}
        conn.execute(sa.update(FINDINGS).where(FINDINGS.c.id == row.id).values(
            texts=texts or None, data=data or None))
