"""the register of confidentiality incidents

Revision ID: c7e3a9d4f1b2
Revises: b5d2f8a1c6e9
Create Date: 2026-12-05 13:20:00
"""
import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = 'c7e3a9d4f1b2'
down_revision = 'b5d2f8a1c6e9'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'core_privacy_incidents',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('information', sa.String(length=2000), nullable=False),
        sa.Column('circumstances', sa.String(length=2000), nullable=False),
        sa.Column('occurred_from', sa.Date(), nullable=False),
        sa.Column('occurred_to', sa.Date(), nullable=True),
        sa.Column('discovered_on', sa.Date(), nullable=False),
        sa.Column('persons_affected', sa.Integer(), nullable=False),
        sa.Column('person_ids', sa.JSON().with_variant(postgresql.JSONB(), 'postgresql'),
                  nullable=False),
        sa.Column('risk_assessment', sa.String(length=2000), nullable=False),
        sa.Column('serious_harm', sa.Boolean(), nullable=False),
        sa.Column('cai_notified_on', sa.Date(), nullable=True),
        sa.Column('persons_notified_on', sa.Date(), nullable=True),
        sa.Column('public_notice', sa.String(length=1000), nullable=False),
        sa.Column('measures', sa.String(length=2000), nullable=False),
        sa.Column('source', sa.String(length=80), nullable=False),
        sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('recorded_by_id', sa.Integer(), nullable=True),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(['recorded_by_id'], ['core_accounts.id'],
                                name=op.f('fk_core_privacy_incidents_recorded_by_id_core_accounts')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_core_privacy_incidents')),
    )


def downgrade() -> None:
    op.drop_table('core_privacy_incidents')
