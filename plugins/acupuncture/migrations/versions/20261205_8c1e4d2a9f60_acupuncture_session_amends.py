"""acupuncture session amends

A session can be reopened to correct its chart entry: the copy remembers which entry it amends
and why, and closing it writes a new version of that entry.

Revision ID: 8c1e4d2a9f60
Revises: 57143c5adb38
Create Date: 2026-12-05 10:45:00
"""
from alembic import op
import sqlalchemy as sa

revision = '8c1e4d2a9f60'
down_revision = '57143c5adb38'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('acupuncture_sessions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('amends_entry_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('amend_reason', sa.Text(), nullable=False,
                                      server_default=''))
        batch_op.create_foreign_key(
            batch_op.f('fk_acupuncture_sessions_amends_entry_id_record_entries'),
            'record_entries', ['amends_entry_id'], ['id'])


def downgrade() -> None:
    with op.batch_alter_table('acupuncture_sessions', schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f('fk_acupuncture_sessions_amends_entry_id_record_entries'),
            type_='foreignkey')
        batch_op.drop_column('amend_reason')
        batch_op.drop_column('amends_entry_id')
