"""psychology crisis lines: the seeded French titles written with the typographic apostrophe

391640cc876e seeded two French titles with a straight apostrophe ("Ligne d'aide", "services
d'urgence"); every French page reads "’" (OQLF). Only a line still holding the seeded text is
rewritten: a title the coop has edited since (its version grew) is the coop's own and stays as it
is. The version is kept: the text says the same thing, and another coop's copy of the same line
is rewritten the same way when it migrates.

Revision ID: 6b2f0d8e4a17
Revises: 391640cc876e
Create Date: 2026-12-07 17:00:00
"""
import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = '6b2f0d8e4a17'
down_revision = '391640cc876e'
branch_labels = None
depends_on = None

JSON = sa.JSON().with_variant(postgresql.JSONB(), 'postgresql')

#: code: (French title as 391640cc876e seeded it, as French writes it)
SEEDED = {
    "ca_988": ("Ligne d'aide en cas de crise de suicide, appels et textos, 24 h sur 24, 7 jours sur 7",
               "Ligne d’aide en cas de crise de suicide, appels et textos, 24 h sur 24, 7 jours sur 7"),
    "emergency_911": ("Danger imminent : services d'urgence",
                      "Danger imminent : services d’urgence"),
}

LINES = sa.table("psychology_crisis_lines", sa.column("id", sa.Integer),
                 sa.column("code", sa.String), sa.column("version", sa.Integer),
                 sa.column("title", JSON))


def _rewrite(position: int) -> None:
    """Each seeded line whose French title is still ``SEEDED[code][position]``, given the
    other one (0: the straight apostrophe, 1: the typographic one)."""
    conn = op.get_bind()
    rows = conn.execute(sa.select(LINES.c.id, LINES.c.code, LINES.c.title).where(
        LINES.c.code.in_(list(SEEDED)), LINES.c.version == 1)).all()
    for row in rows:
        title = dict(row.title or {})
        if title.get("fr") != SEEDED[row.code][position]:
            continue  # the coop's own wording: never touched
        title["fr"] = SEEDED[row.code][1 - position]
        conn.execute(sa.update(LINES).where(LINES.c.id == row.id).values(title=title))


def upgrade() -> None:
    _rewrite(0)


def downgrade() -> None:
    _rewrite(1)
