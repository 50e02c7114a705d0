"""a month's entries and visits counted from their indexes alone

A monthly activity report counts a month's current entries by discipline and form (with the
people concerned) and its visits by kind. At 55,000 people PostgreSQL found a month's 22,000
entries through ``occurred_at`` and then read 7,800 table pages for their discipline, form,
status and person (60 ms), and read every visit (no index on ``started_at``). With these
columns in the index, both are counted from the index alone (bench/README.md, issue 23).

Revision ID: f2b8c4d6e1a9
Revises: a8d3e5f1c027
Create Date: 2026-12-05 15:30:00
"""
from alembic import op

revision = "f2b8c4d6e1a9"
down_revision = "a8d3e5f1c027"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("record_entries", schema=None) as batch_op:
        batch_op.create_index("ix_record_entries_month", ["occurred_at", "discipline", "form_id",
                                                          "status", "person_id", "id"])
    with op.batch_alter_table("record_encounters", schema=None) as batch_op:
        batch_op.create_index("ix_record_encounters_started_kind", ["started_at", "kind"])


def downgrade() -> None:
    with op.batch_alter_table("record_encounters", schema=None) as batch_op:
        batch_op.drop_index("ix_record_encounters_started_kind")
    with op.batch_alter_table("record_entries", schema=None) as batch_op:
        batch_op.drop_index("ix_record_entries_month")
