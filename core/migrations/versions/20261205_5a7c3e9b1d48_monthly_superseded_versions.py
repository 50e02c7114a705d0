"""a month's superseded versions found from a small partial index

A monthly count of current entries leaves out every version a newer one supersedes. It asked,
for each of the month's entries, whether a newer version names it: PostgreSQL sorted the
month's 22,000 entries (55,000 people) by id and merged them with every ``supersedes_id`` of
the table. Every version keeps the first one's ``occurred_at``, so the versions that supersede
one of the month's entries are the month's own newer versions: this index (only the rows with
a ``supersedes_id``, a few percent) lists them at once (bench/README.md, issue 23).

Revision ID: 5a7c3e9b1d48
Revises: 5c1e8a7d3f20
Create Date: 2026-12-05 21:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = "5a7c3e9b1d48"
down_revision = "5c1e8a7d3f20"
branch_labels = None
depends_on = None

_NEWER = sa.text("supersedes_id IS NOT NULL")


def upgrade() -> None:
    with op.batch_alter_table("record_entries", schema=None) as batch_op:
        batch_op.create_index("ix_record_entries_month_superseding", ["occurred_at", "supersedes_id"],
                              sqlite_where=_NEWER, postgresql_where=_NEWER)


def downgrade() -> None:
    with op.batch_alter_table("record_entries", schema=None) as batch_op:
        batch_op.drop_index("ix_record_entries_month_superseding")
