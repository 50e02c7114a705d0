"""appointments by room: only those that have a room

SQLite's statistics count the rows sharing each ``room_id``, NULL included: where most visits
have no room (at 55,000 people, all 258,099), ``room_id = ?`` looks as if it matched every row,
and once ANALYZE has run (the nightly statistics job) a practitioner's day agenda read the whole
day's appointments by ``starts_at`` instead of theirs and their room's (0.09-0.57 ms instead of
0.01-0.02 for its statement). Indexing only the visits with a room, the statistics describe
those; ``room_id = ?`` never matches a NULL, so every query that used the index still can.

Revision ID: b5d1e8a3c7f2
Revises: 0c3e7a9b5d21
Create Date: 2026-12-05 22:10:00
"""
import sqlalchemy as sa
from alembic import op

revision = "b5d1e8a3c7f2"
down_revision = "0c3e7a9b5d21"
branch_labels = None
depends_on = None

WHERE = sa.text("room_id IS NOT NULL")


def upgrade() -> None:
    op.drop_index("ix_sched_appointments_room_start", table_name="sched_appointments")
    op.create_index("ix_sched_appointments_room_start", "sched_appointments",
                    ["room_id", "starts_at"], sqlite_where=WHERE, postgresql_where=WHERE)


def downgrade() -> None:
    op.drop_index("ix_sched_appointments_room_start", table_name="sched_appointments")
    op.create_index("ix_sched_appointments_room_start", "sched_appointments",
                    ["room_id", "starts_at"])
