"""governance tables

Starts the governance branch: assemblies with their agenda, attendance, motions (resolutions
once adopted), notices, and the two tables of secret ballots kept apart (``governance_voters``:
who voted; ``governance_ballots``: what was chosen, under a random key), both without rowid on
SQLite so their rows keep no order of arrival; groups, proposals and positions for everyday
decisions.

Revision ID: 7b3e5a90c412
Revises:
Create Date: 2026-12-05 10:10:00
"""
import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = '7b3e5a90c412'
down_revision = None
branch_labels = ('governance',)
# core's tables (memberships, people, accounts): not the register's revision, which would hide
# core's head from alembic_version (a dependency counts as an ancestor)
depends_on = '80f97a330d1d'


def upgrade() -> None:
    op.create_table('governance_groups',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_governance_groups')),
    sa.UniqueConstraint('name', name=op.f('uq_governance_groups_name'))
    )
    op.create_table('governance_assemblies',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('starts_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('place', sa.String(length=300), nullable=False),
    sa.Column('video_link', sa.String(length=300), nullable=False),
    sa.Column('documents', sa.Text(), nullable=False),
    sa.Column('notice_days', sa.Integer(), nullable=False),
    sa.Column('quorum', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('room_code', sa.String(length=12), nullable=False),
    sa.Column('minutes', sa.Text(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['core_accounts.id'], name=op.f('fk_governance_assemblies_created_by_id_core_accounts')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_governance_assemblies'))
    )
    op.create_table('governance_group_members',
    sa.Column('group_id', sa.Integer(), nullable=False),
    sa.Column('account_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['account_id'], ['core_accounts.id'], name=op.f('fk_governance_group_members_account_id_core_accounts'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['group_id'], ['governance_groups.id'], name=op.f('fk_governance_group_members_group_id_governance_groups'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('group_id', 'account_id', name=op.f('pk_governance_group_members'))
    )
    op.create_table('governance_proposals',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('group_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('details', sa.Text(), nullable=False),
    sa.Column('closes_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('outcome', sa.Text(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['core_accounts.id'], name=op.f('fk_governance_proposals_created_by_id_core_accounts')),
    sa.ForeignKeyConstraint(['group_id'], ['governance_groups.id'], name=op.f('fk_governance_proposals_group_id_governance_groups')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_governance_proposals'))
    )
    with op.batch_alter_table('governance_proposals', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_governance_proposals_group_id'), ['group_id'], unique=False)

    op.create_table('governance_agenda_items',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('assembly_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.ForeignKeyConstraint(['assembly_id'], ['governance_assemblies.id'], name=op.f('fk_governance_agenda_items_assembly_id_governance_assemblies')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_governance_agenda_items')),
    sa.UniqueConstraint('assembly_id', 'position', name=op.f('uq_governance_agenda_items_assembly_id'))
    )
    with op.batch_alter_table('governance_agenda_items', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_governance_agenda_items_assembly_id'), ['assembly_id'], unique=False)

    op.create_table('governance_attendances',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('assembly_id', sa.Integer(), nullable=False),
    sa.Column('membership_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=True),
    sa.Column('votes', sa.Boolean(), nullable=False),
    sa.Column('signed_in_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('signed_in_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['assembly_id'], ['governance_assemblies.id'], name=op.f('fk_governance_attendances_assembly_id_governance_assemblies')),
    sa.ForeignKeyConstraint(['membership_id'], ['core_memberships.id'], name=op.f('fk_governance_attendances_membership_id_core_memberships')),
    sa.ForeignKeyConstraint(['person_id'], ['core_persons.id'], name=op.f('fk_governance_attendances_person_id_core_persons')),
    sa.ForeignKeyConstraint(['signed_in_by_id'], ['core_accounts.id'], name=op.f('fk_governance_attendances_signed_in_by_id_core_accounts')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_governance_attendances')),
    sa.UniqueConstraint('assembly_id', 'membership_id', name=op.f('uq_governance_attendances_assembly_id'))
    )
    with op.batch_alter_table('governance_attendances', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_governance_attendances_assembly_id'), ['assembly_id'], unique=False)

    op.create_table('governance_motions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('assembly_id', sa.Integer(), nullable=False),
    sa.Column('agenda_position', sa.Integer(), nullable=False),
    sa.Column('amends_id', sa.Integer(), nullable=True),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('method', sa.String(length=10), nullable=False),
    sa.Column('majority', sa.String(length=12), nullable=False),
    sa.Column('candidates', sa.JSON().with_variant(postgresql.JSONB(), 'postgresql'), nullable=False),
    sa.Column('seats', sa.Integer(), nullable=False),
    sa.Column('category', sa.String(length=20), nullable=False),
    sa.Column('adopts_minutes_of_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('counts', sa.JSON().with_variant(postgresql.JSONB(), 'postgresql'), nullable=False),
    sa.Column('result', sa.String(length=300), nullable=False),
    sa.Column('number', sa.String(length=40), nullable=True),
    sa.Column('closed_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['adopts_minutes_of_id'], ['governance_assemblies.id'], name=op.f('fk_governance_motions_adopts_minutes_of_id_governance_assemblies')),
    sa.ForeignKeyConstraint(['amends_id'], ['governance_motions.id'], name=op.f('fk_governance_motions_amends_id_governance_motions')),
    sa.ForeignKeyConstraint(['assembly_id'], ['governance_assemblies.id'], name=op.f('fk_governance_motions_assembly_id_governance_assemblies')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_governance_motions')),
    sa.UniqueConstraint('number', name=op.f('uq_governance_motions_number'))
    )
    with op.batch_alter_table('governance_motions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_governance_motions_assembly_id'), ['assembly_id'], unique=False)

    op.create_table('governance_notices',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('assembly_id', sa.Integer(), nullable=False),
    sa.Column('membership_id', sa.Integer(), nullable=False),
    sa.Column('channel', sa.String(length=10), nullable=False),
    sa.Column('outbox_keys', sa.Text(), nullable=False),
    sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['assembly_id'], ['governance_assemblies.id'], name=op.f('fk_governance_notices_assembly_id_governance_assemblies')),
    sa.ForeignKeyConstraint(['membership_id'], ['core_memberships.id'], name=op.f('fk_governance_notices_membership_id_core_memberships')),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['core_accounts.id'], name=op.f('fk_governance_notices_recorded_by_id_core_accounts')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_governance_notices')),
    sa.UniqueConstraint('assembly_id', 'membership_id', name=op.f('uq_governance_notices_assembly_id'))
    )
    with op.batch_alter_table('governance_notices', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_governance_notices_assembly_id'), ['assembly_id'], unique=False)

    op.create_table('governance_positions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('proposal_id', sa.Integer(), nullable=False),
    sa.Column('account_id', sa.Integer(), nullable=False),
    sa.Column('stance', sa.String(length=10), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['account_id'], ['core_accounts.id'], name=op.f('fk_governance_positions_account_id_core_accounts')),
    sa.ForeignKeyConstraint(['proposal_id'], ['governance_proposals.id'], name=op.f('fk_governance_positions_proposal_id_governance_proposals')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_governance_positions')),
    sa.UniqueConstraint('proposal_id', 'account_id', name=op.f('uq_governance_positions_proposal_id'))
    )
    with op.batch_alter_table('governance_positions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_governance_positions_proposal_id'), ['proposal_id'], unique=False)

    op.create_table('governance_ballots',
    sa.Column('key', sa.String(length=32), nullable=False),
    sa.Column('motion_id', sa.Integer(), nullable=False),
    sa.Column('choice', sa.String(length=600), nullable=False),
    sa.ForeignKeyConstraint(['motion_id'], ['governance_motions.id'], name=op.f('fk_governance_ballots_motion_id_governance_motions')),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_governance_ballots')),
    sqlite_with_rowid=False
    )
    with op.batch_alter_table('governance_ballots', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_governance_ballots_motion_id'), ['motion_id'], unique=False)

    op.create_table('governance_voters',
    sa.Column('motion_id', sa.Integer(), nullable=False),
    sa.Column('membership_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['membership_id'], ['core_memberships.id'], name=op.f('fk_governance_voters_membership_id_core_memberships')),
    sa.ForeignKeyConstraint(['motion_id'], ['governance_motions.id'], name=op.f('fk_governance_voters_motion_id_governance_motions')),
    sa.PrimaryKeyConstraint('motion_id', 'membership_id', name=op.f('pk_governance_voters')),
    sqlite_with_rowid=False
    )


def downgrade() -> None:
    op.drop_table('governance_voters')
    with op.batch_alter_table('governance_ballots', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_governance_ballots_motion_id'))

    op.drop_table('governance_ballots')
    with op.batch_alter_table('governance_positions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_governance_positions_proposal_id'))

    op.drop_table('governance_positions')
    with op.batch_alter_table('governance_notices', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_governance_notices_assembly_id'))

    op.drop_table('governance_notices')
    with op.batch_alter_table('governance_motions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_governance_motions_assembly_id'))

    op.drop_table('governance_motions')
    with op.batch_alter_table('governance_attendances', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_governance_attendances_assembly_id'))

    op.drop_table('governance_attendances')
    with op.batch_alter_table('governance_agenda_items', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_governance_agenda_items_assembly_id'))

    op.drop_table('governance_agenda_items')
    with op.batch_alter_table('governance_proposals', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_governance_proposals_group_id'))

    op.drop_table('governance_proposals')
    op.drop_table('governance_group_members')
    op.drop_table('governance_assemblies')
    op.drop_table('governance_groups')
