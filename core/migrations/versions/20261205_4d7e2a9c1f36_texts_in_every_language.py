"""findings and actions: their texts in every language of the coop (each reader's own)

Revision ID: 4d7e2a9c1f36
Revises: c1b8bea0d948
Create Date: 2026-12-05 09:40:00
"""
import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = '4d7e2a9c1f36'
down_revision = 'c1b8bea0d948'
branch_labels = None
depends_on = None

JSON = sa.JSON().with_variant(postgresql.JSONB(), 'postgresql')


def upgrade() -> None:
    # NULL on the rows written before: they keep showing their one stored text
    for table in ('record_findings', 'record_actions'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('texts', JSON, nullable=True))


def downgrade() -> None:
    for table in ('record_findings', 'record_actions'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column('texts')
