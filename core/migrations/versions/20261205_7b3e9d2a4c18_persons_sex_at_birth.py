"""persons: sex assigned at birth, apart from gender identity (the person states both, or not)

Revision ID: 7b3e9d2a4c18
Revises: d41c7e0b9a52
Create Date: 2026-12-05 10:05:00
"""
import sqlalchemy as sa
from alembic import op

revision = '7b3e9d2a4c18'
down_revision = 'd41c7e0b9a52'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('core_persons', schema=None) as batch_op:
        batch_op.add_column(sa.Column('sex_at_birth', sa.String(length=20), nullable=False,
                                      server_default=''))


def downgrade() -> None:
    with op.batch_alter_table('core_persons', schema=None) as batch_op:
        batch_op.drop_column('sex_at_birth')
