"""operations marks: the last good backup and the worker's heartbeat

Revision ID: e3a1c0b7d942
Revises: 9a4f6d2e8c31
Create Date: 2026-12-05 09:30:00
"""
import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = 'e3a1c0b7d942'
down_revision = '9a4f6d2e8c31'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'core_ops_marks',
        sa.Column('name', sa.String(length=40), nullable=False),
        sa.Column('at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('detail', sa.JSON().with_variant(postgresql.JSONB(), 'postgresql'), nullable=False),
        sa.PrimaryKeyConstraint('name', name=op.f('pk_core_ops_marks')),
    )


def downgrade() -> None:
    op.drop_table('core_ops_marks')
