"""index on the order search results are listed in (last name, first name, id)

``search_people`` lists the first 20 matches by ``lower(last_name), lower(first_name), id``.
Without an index on that order, a common fragment ("anc": 463 of 10,000 people) made the
database find and sort every match before keeping 20; with it, PostgreSQL and SQLite read the
index in order and stop at the 20th match (bench/README.md: 4.3 ms -> 0.5 ms at 10,000).
Rare fragments still use the trigram index on PostgreSQL.

Revision ID: b7e41c9a2d05
Revises: 3f2c9d1a7b4e
Create Date: 2026-11-23 11:05:00
"""
import sqlalchemy as sa
from alembic import op

revision = "b7e41c9a2d05"
down_revision = "3f2c9d1a7b4e"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_core_persons_name_order", "core_persons",
                    [sa.func.lower(sa.column("last_name")), sa.func.lower(sa.column("first_name")),
                     "id"])


def downgrade() -> None:
    op.drop_index("ix_core_persons_name_order", table_name="core_persons")
