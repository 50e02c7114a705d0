"""trigram index for name-fragment search (PostgreSQL)

``search_people`` matches folded name fragments anywhere in the name (``LIKE '%frag%'``), which
no btree index serves: at 55,000 people every search read the whole table. pg_trgm's GIN index
answers LIKE with a leading wildcard. pg_trgm is a trusted extension (PostgreSQL 13+): the
database owner may create it. SQLite has no equivalent; it scans the table.

Revision ID: 18c3d53e730f
Revises: 80f97a330d1d
Create Date: 2026-11-23 10:15:00
"""
from alembic import op

revision = "18c3d53e730f"
down_revision = "80f97a330d1d"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    op.create_index("ix_core_persons_search_name_trgm", "core_persons", ["search_name"],
                    postgresql_using="gin", postgresql_ops={"search_name": "gin_trgm_ops"})


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.drop_index("ix_core_persons_search_name_trgm", table_name="core_persons")
