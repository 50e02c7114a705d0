"""appointments indexed by practitioner (or room) and start

A practitioner's day view asked for their appointments overlapping the day with only a
``starts_at`` index to help: PostgreSQL read the whole table (23 ms at 10,000 people, growing
with the years of history). With (practitioner_id, starts_at) and (room_id, starts_at), and the
start bounded below (see ``core.scheduling.apptypes.longest``), it reads one day.

Revision ID: 56a0e4050bcb
Revises: 6be2bbe98f68
Create Date: 2026-11-23 10:05:00
"""
from alembic import op

revision = "56a0e4050bcb"
down_revision = "6be2bbe98f68"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("sched_appointments", schema=None) as batch_op:
        batch_op.create_index("ix_sched_appointments_practitioner_start",
                              ["practitioner_id", "starts_at"], unique=False)
        batch_op.create_index("ix_sched_appointments_room_start", ["room_id", "starts_at"],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table("sched_appointments", schema=None) as batch_op:
        batch_op.drop_index("ix_sched_appointments_room_start")
        batch_op.drop_index("ix_sched_appointments_practitioner_start")
