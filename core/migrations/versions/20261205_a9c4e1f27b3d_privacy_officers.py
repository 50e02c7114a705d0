"""the privacy officer's designations

Revision ID: a9c4e1f27b3d
Revises: 7b3e9d2a4c18
Create Date: 2026-12-05 12:40:00
"""
import sqlalchemy as sa
from alembic import op

revision = 'a9c4e1f27b3d'
down_revision = '7b3e9d2a4c18'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'core_privacy_officers',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('account_id', sa.Integer(), nullable=False),
        sa.Column('title', sa.String(length=200), nullable=False),
        sa.Column('email', sa.String(length=200), nullable=False),
        sa.Column('phone', sa.String(length=40), nullable=False),
        sa.Column('delegation', sa.String(length=300), nullable=False),
        sa.Column('designated_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('designated_by_id', sa.Integer(), nullable=True),
        sa.Column('ended_at', sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(['account_id'], ['core_accounts.id'],
                                name=op.f('fk_core_privacy_officers_account_id_core_accounts')),
        sa.ForeignKeyConstraint(['designated_by_id'], ['core_accounts.id'],
                                name=op.f('fk_core_privacy_officers_designated_by_id_core_accounts')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_core_privacy_officers')),
    )
    op.create_index(op.f('ix_core_privacy_officers_account_id'), 'core_privacy_officers',
                    ['account_id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_core_privacy_officers_account_id'), table_name='core_privacy_officers')
    op.drop_table('core_privacy_officers')
