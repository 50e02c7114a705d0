"""psychology access delays

Starts the psychology branch: one table recording when a psychologist delayed a member's access
to a psychology entry (reason, until when, who lifted it).

Revision ID: 0587fe70dc61
Revises:
Create Date: 2026-11-23 10:30:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0587fe70dc61'
down_revision = None
branch_labels = ('psychology',)
# core (people, accounts) and the record (entries)
depends_on = ('80f97a330d1d', '21be2a8c8ff9')


def upgrade() -> None:
    op.create_table('psychology_access_delays',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('entry_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('until', sa.Date(), nullable=True),
    sa.Column('delayed_by_id', sa.Integer(), nullable=False),
    sa.Column('delayed_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('lifted_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('lifted_by_id', sa.Integer(), nullable=True),
    sa.Column('lift_note', sa.String(length=500), nullable=False),
    sa.ForeignKeyConstraint(['delayed_by_id'], ['core_accounts.id'], name=op.f('fk_psychology_access_delays_delayed_by_id_core_accounts')),
    sa.ForeignKeyConstraint(['entry_id'], ['record_entries.id'], name=op.f('fk_psychology_access_delays_entry_id_record_entries')),
    sa.ForeignKeyConstraint(['lifted_by_id'], ['core_accounts.id'], name=op.f('fk_psychology_access_delays_lifted_by_id_core_accounts')),
    sa.ForeignKeyConstraint(['person_id'], ['core_persons.id'], name=op.f('fk_psychology_access_delays_person_id_core_persons')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_psychology_access_delays'))
    )
    with op.batch_alter_table('psychology_access_delays', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_psychology_access_delays_entry_id'), ['entry_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_psychology_access_delays_person_id'), ['person_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('psychology_access_delays', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_psychology_access_delays_person_id'))
        batch_op.drop_index(batch_op.f('ix_psychology_access_delays_entry_id'))
    op.drop_table('psychology_access_delays')
