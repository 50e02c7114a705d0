"""halfway: a migration that changes people's names, commits, then fails

Revision ID: 4a1fa11ed0c5
Revises:
Create Date: 2026-12-05 09:40:00
"""
import sqlalchemy as sa
from alembic import op

revision = '4a1fa11ed0c5'
down_revision = None
branch_labels = ('halfway',)
depends_on = '80f97a330d1d'


def upgrade() -> None:
    op.create_table('halfway_notes', sa.Column('id', sa.Integer(), primary_key=True))
    op.execute("UPDATE core_persons SET first_name = 'CHANGED'")
    # what some migrations do (or a statement that cannot run in a transaction causes):
    # everything so far is committed, whatever fails next
    op.execute("COMMIT")
    op.execute("DELETE FROM core_households WHERE id NOT IN (SELECT household_id FROM core_memberships)")
    raise RuntimeError("simulated failure half-way through the halfway migration")


def downgrade() -> None:
    op.drop_table('halfway_notes')
