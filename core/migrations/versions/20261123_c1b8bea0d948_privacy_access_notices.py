"""privacy settings: the last audit event told to the member (access notices)

Revision ID: c1b8bea0d948
Revises: 21be2a8c8ff9
Create Date: 2026-11-23 11:20:00
"""
import sqlalchemy as sa
from alembic import op

revision = 'c1b8bea0d948'
down_revision = '21be2a8c8ff9'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('record_privacy_settings', schema=None) as batch_op:
        batch_op.add_column(sa.Column('notified_through', sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('record_privacy_settings', schema=None) as batch_op:
        batch_op.drop_column('notified_through')
