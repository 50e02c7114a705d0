"""a name search matches any apostrophe: stored search names write the straight one

A person registered from a phone is named "O’Brien" (U+2019, what its keyboard types), one
registered from a computer "O'Brien"; searches fold both to the straight one from now on
(``core.identity.models.name_key``), so the names already stored are folded the same way.
Only the rows holding another apostrophe are rewritten (on SQLite, the trigram table follows
through its update trigger).

Revision ID: a8d2f6c41e93
Revises: 6e2b9d4a7c15
Create Date: 2026-12-06 21:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = "a8d2f6c41e93"
down_revision = "6e2b9d4a7c15"
branch_labels = None
depends_on = None

#: the apostrophes ``name_key`` writes as the straight one
OTHERS = ("\u2019", "\u2018", "\u02bc")


def upgrade() -> None:
    for other in OTHERS:
        op.get_bind().execute(sa.text(
            "UPDATE core_persons SET search_name = REPLACE(search_name, :other, :straight) "
            "WHERE search_name LIKE :holding"),
            {"other": other, "straight": "'", "holding": f"%{other}%"})


def downgrade() -> None:
    pass  # not undone: which apostrophe each name was typed with is still in its name
