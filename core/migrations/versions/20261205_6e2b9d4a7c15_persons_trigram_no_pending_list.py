"""name-fragment search reads no pending list (PostgreSQL)

A GIN index with ``fastupdate`` (the default) keeps new entries in a pending list until a
vacuum or 4 MB of them: every search then reads that list row by row. At 55,000 people,
3,000 registrations since the last vacuum added 1-1.5 ms to each search (4 MB would add
several); insert-driven autovacuum waits for 11,000 new people. Without it each registration
or rename writes its trigrams into the index at once (0.03 -> 0.2 ms per person, measured on
500): a reception desk searches far more often than it registers (bench/README.md, issue 23).

Revision ID: 6e2b9d4a7c15
Revises: c7e3a9d4f1b2
Create Date: 2026-12-05 21:35:00
"""
from alembic import op

revision = "6e2b9d4a7c15"
down_revision = "c7e3a9d4f1b2"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("ALTER INDEX ix_core_persons_search_name_trgm SET (fastupdate = off)")
    # what the list already holds moves into the index now (VACUUM cannot run in a transaction)
    op.execute("SELECT gin_clean_pending_list('ix_core_persons_search_name_trgm')")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("ALTER INDEX ix_core_persons_search_name_trgm RESET (fastupdate)")
