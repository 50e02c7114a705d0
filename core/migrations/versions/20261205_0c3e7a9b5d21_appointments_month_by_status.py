"""a month's appointments counted by status from the index alone

A monthly activity report counts a month's appointments by status: with the status beside
``starts_at`` in the index, PostgreSQL no longer reads a table page per appointment (2,700
pages for a month at 55,000 people; bench/README.md, issue 23).

Revision ID: 0c3e7a9b5d21
Revises: 56a0e4050bcb
Create Date: 2026-12-05 15:30:00
"""
from alembic import op

revision = "0c3e7a9b5d21"
down_revision = "56a0e4050bcb"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("sched_appointments", schema=None) as batch_op:
        batch_op.create_index("ix_sched_appointments_start_status", ["starts_at", "status"])


def downgrade() -> None:
    with op.batch_alter_table("sched_appointments", schema=None) as batch_op:
        batch_op.drop_index("ix_sched_appointments_start_status")
