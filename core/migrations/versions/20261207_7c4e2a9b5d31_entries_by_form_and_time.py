"""a form's entries found by when they were written, from the index alone

The herbalism activity report counts a year of intakes, consultations, recommendations and
follow-ups month by month (``created_at``), first versions only. At 55,000 people PostgreSQL
found them through the index on ``form_id`` alone: the 170,000 entries of those forms ever
written, 50,000 table pages read to keep the year's 36,500 (300 ms). With the time and
``supersedes_id`` in the index, each month is a range of it, counted from the index alone
(20 ms). The new index begins with ``form_id``, so it serves every read by form the old one
served, which it replaces: one index to keep up on each entry written, as before.

Revision ID: 7c4e2a9b5d31
Revises: d3a7f1c9e5b4
Create Date: 2026-12-07 23:30:00
"""
from alembic import op

revision = "7c4e2a9b5d31"
down_revision = "d3a7f1c9e5b4"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("record_entries", schema=None) as batch_op:
        batch_op.create_index("ix_record_entries_form_created",
                              ["form_id", "created_at", "supersedes_id"])
        batch_op.drop_index("ix_record_entries_form_id")


def downgrade() -> None:
    with op.batch_alter_table("record_entries", schema=None) as batch_op:
        batch_op.create_index("ix_record_entries_form_id", ["form_id"])
        batch_op.drop_index("ix_record_entries_form_created")
