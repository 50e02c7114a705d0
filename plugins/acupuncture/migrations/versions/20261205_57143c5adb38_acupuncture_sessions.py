"""acupuncture sessions, points, acknowledgements, incidents

Starts the acupuncture branch: sessions being treated and their points, cautions acknowledged
with a rationale, and the plugin's incident list (needles not accounted for, serious adverse
events).

Revision ID: 57143c5adb38
Revises: 
Create Date: 2026-12-05 10:15:00
"""
import sqlalchemy as sa
from alembic import op

revision = '57143c5adb38'
down_revision = None
branch_labels = ('acupuncture',)
# core (people, accounts) and the record (entries)
depends_on = ('80f97a330d1d', '21be2a8c8ff9')


def upgrade() -> None:
    op.create_table('acupuncture_sessions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('practitioner_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('started_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('closed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('indication', sa.Text(), nullable=False),
    sa.Column('position', sa.String(length=20), nullable=False),
    sa.Column('needle_type', sa.String(length=40), nullable=False),
    sa.Column('needle_brand', sa.String(length=120), nullable=False),
    sa.Column('needle_lot', sa.String(length=80), nullable=False),
    sa.Column('gauge_mm', sa.Float(), nullable=True),
    sa.Column('length_mm', sa.Float(), nullable=True),
    sa.Column('disinfection', sa.Boolean(), nullable=False),
    sa.Column('needles_inserted', sa.Integer(), nullable=True),
    sa.Column('needles_removed', sa.Integer(), nullable=True),
    sa.Column('response_favourable', sa.Text(), nullable=False),
    sa.Column('response_adverse', sa.Text(), nullable=False),
    sa.Column('tongue', sa.Text(), nullable=False),
    sa.Column('pulse', sa.Text(), nullable=False),
    sa.Column('pattern', sa.Text(), nullable=False),
    sa.Column('principle', sa.Text(), nullable=False),
    sa.Column('entry_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['entry_id'], ['record_entries.id'], name=op.f('fk_acupuncture_sessions_entry_id_record_entries')),
    sa.ForeignKeyConstraint(['person_id'], ['core_persons.id'], name=op.f('fk_acupuncture_sessions_person_id_core_persons')),
    sa.ForeignKeyConstraint(['practitioner_id'], ['core_accounts.id'], name=op.f('fk_acupuncture_sessions_practitioner_id_core_accounts')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_acupuncture_sessions'))
    )
    with op.batch_alter_table('acupuncture_sessions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_acupuncture_sessions_person_id'), ['person_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_acupuncture_sessions_practitioner_id'), ['practitioner_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_acupuncture_sessions_status'), ['status'], unique=False)

    op.create_table('acupuncture_caution_acks',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('rule', sa.String(length=30), nullable=False),
    sa.Column('code', sa.String(length=12), nullable=False),
    sa.Column('rationale', sa.Text(), nullable=False),
    sa.Column('by_id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['by_id'], ['core_accounts.id'], name=op.f('fk_acupuncture_caution_acks_by_id_core_accounts')),
    sa.ForeignKeyConstraint(['session_id'], ['acupuncture_sessions.id'], name=op.f('fk_acupuncture_caution_acks_session_id_acupuncture_sessions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_acupuncture_caution_acks'))
    )
    with op.batch_alter_table('acupuncture_caution_acks', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_acupuncture_caution_acks_session_id'), ['session_id'], unique=False)

    op.create_table('acupuncture_incidents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=True),
    sa.Column('entry_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('event_type', sa.String(length=30), nullable=False),
    sa.Column('serious', sa.Boolean(), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('reported_by_id', sa.Integer(), nullable=False),
    sa.Column('reported_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('closed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('closed_by_id', sa.Integer(), nullable=True),
    sa.Column('closing_note', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['closed_by_id'], ['core_accounts.id'], name=op.f('fk_acupuncture_incidents_closed_by_id_core_accounts')),
    sa.ForeignKeyConstraint(['entry_id'], ['record_entries.id'], name=op.f('fk_acupuncture_incidents_entry_id_record_entries')),
    sa.ForeignKeyConstraint(['person_id'], ['core_persons.id'], name=op.f('fk_acupuncture_incidents_person_id_core_persons')),
    sa.ForeignKeyConstraint(['reported_by_id'], ['core_accounts.id'], name=op.f('fk_acupuncture_incidents_reported_by_id_core_accounts')),
    sa.ForeignKeyConstraint(['session_id'], ['acupuncture_sessions.id'], name=op.f('fk_acupuncture_incidents_session_id_acupuncture_sessions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_acupuncture_incidents'))
    )
    with op.batch_alter_table('acupuncture_incidents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_acupuncture_incidents_kind'), ['kind'], unique=False)
        batch_op.create_index(batch_op.f('ix_acupuncture_incidents_person_id'), ['person_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_acupuncture_incidents_session_id'), ['session_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_acupuncture_incidents_status'), ['status'], unique=False)

    op.create_table('acupuncture_session_points',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=12), nullable=False),
    sa.Column('side', sa.String(length=10), nullable=False),
    sa.Column('technique', sa.String(length=12), nullable=False),
    sa.Column('depth_mm', sa.Float(), nullable=True),
    sa.Column('retention_min', sa.Integer(), nullable=True),
    sa.Column('stimulation', sa.String(length=10), nullable=False),
    sa.Column('needles', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['session_id'], ['acupuncture_sessions.id'], name=op.f('fk_acupuncture_session_points_session_id_acupuncture_sessions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_acupuncture_session_points'))
    )
    with op.batch_alter_table('acupuncture_session_points', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_acupuncture_session_points_code'), ['code'], unique=False)
        batch_op.create_index(batch_op.f('ix_acupuncture_session_points_session_id'), ['session_id'], unique=False)




def downgrade() -> None:

    with op.batch_alter_table('acupuncture_session_points', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_acupuncture_session_points_session_id'))
        batch_op.drop_index(batch_op.f('ix_acupuncture_session_points_code'))

    op.drop_table('acupuncture_session_points')
    with op.batch_alter_table('acupuncture_incidents', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_acupuncture_incidents_status'))
        batch_op.drop_index(batch_op.f('ix_acupuncture_incidents_session_id'))
        batch_op.drop_index(batch_op.f('ix_acupuncture_incidents_person_id'))
        batch_op.drop_index(batch_op.f('ix_acupuncture_incidents_kind'))

    op.drop_table('acupuncture_incidents')
    with op.batch_alter_table('acupuncture_caution_acks', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_acupuncture_caution_acks_session_id'))

    op.drop_table('acupuncture_caution_acks')
    with op.batch_alter_table('acupuncture_sessions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_acupuncture_sessions_status'))
        batch_op.drop_index(batch_op.f('ix_acupuncture_sessions_practitioner_id'))
        batch_op.drop_index(batch_op.f('ix_acupuncture_sessions_person_id'))

    op.drop_table('acupuncture_sessions')
