"""retention: legal holds, charts past retention, tombstones of destroyed charts

Revision ID: b5d2f8a1c6e9
Revises: a9c4e1f27b3d
Create Date: 2026-12-05 13:00:00
"""
import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = 'b5d2f8a1c6e9'
down_revision = 'a9c4e1f27b3d'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'core_legal_holds',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('person_id', sa.Integer(), nullable=False),
        sa.Column('reason', sa.String(length=500), nullable=False),
        sa.Column('set_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('set_by_id', sa.Integer(), nullable=True),
        sa.Column('lifted_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('lifted_by_id', sa.Integer(), nullable=True),
        sa.Column('lift_reason', sa.String(length=500), nullable=False),
        sa.ForeignKeyConstraint(['person_id'], ['core_persons.id'],
                                name=op.f('fk_core_legal_holds_person_id_core_persons')),
        sa.ForeignKeyConstraint(['set_by_id'], ['core_accounts.id'],
                                name=op.f('fk_core_legal_holds_set_by_id_core_accounts')),
        sa.ForeignKeyConstraint(['lifted_by_id'], ['core_accounts.id'],
                                name=op.f('fk_core_legal_holds_lifted_by_id_core_accounts')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_core_legal_holds')),
    )
    op.create_index(op.f('ix_core_legal_holds_person_id'), 'core_legal_holds', ['person_id'])
    op.create_table(
        'core_retention_candidates',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('person_id', sa.Integer(), nullable=False),
        sa.Column('found_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('last_service_on', sa.Date(), nullable=False),
        sa.Column('due_on', sa.Date(), nullable=False),
        sa.Column('rule', sa.String(length=300), nullable=False),
        sa.Column('status', sa.String(length=20), nullable=False),
        sa.ForeignKeyConstraint(['person_id'], ['core_persons.id'],
                                name=op.f('fk_core_retention_candidates_person_id_core_persons')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_core_retention_candidates')),
    )
    op.create_index(op.f('ix_core_retention_candidates_person_id'), 'core_retention_candidates',
                    ['person_id'])
    op.create_index(op.f('ix_core_retention_candidates_status'), 'core_retention_candidates',
                    ['status'])
    op.create_table(
        'core_chart_destructions',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('person_id', sa.Integer(), nullable=False),
        sa.Column('destroyed_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('destroyed_by_id', sa.Integer(), nullable=True),
        sa.Column('destroyed_by_label', sa.String(length=200), nullable=False),
        sa.Column('rule', sa.String(length=300), nullable=False),
        sa.Column('last_service_on', sa.Date(), nullable=False),
        sa.Column('due_on', sa.Date(), nullable=False),
        sa.Column('rows', sa.JSON().with_variant(postgresql.JSONB(), 'postgresql'), nullable=False),
        sa.Column('audit_event_id', sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_core_chart_destructions')),
    )
    op.create_index(op.f('ix_core_chart_destructions_person_id'), 'core_chart_destructions',
                    ['person_id'])


def downgrade() -> None:
    op.drop_index(op.f('ix_core_chart_destructions_person_id'), table_name='core_chart_destructions')
    op.drop_table('core_chart_destructions')
    op.drop_index(op.f('ix_core_retention_candidates_status'), table_name='core_retention_candidates')
    op.drop_index(op.f('ix_core_retention_candidates_person_id'),
                  table_name='core_retention_candidates')
    op.drop_table('core_retention_candidates')
    op.drop_index(op.f('ix_core_legal_holds_person_id'), table_name='core_legal_holds')
    op.drop_table('core_legal_holds')
