"""SQLite: a month's entries read form by form (the monthly activity report's groups)

The report counts a month's current entries by form and discipline. From the
``(occurred_at, ...)`` index SQLite reads the month's 21,500 entries (55,000 people) in time
order, then sorts them into groups. With its statistics (the nightly statistics job) and this
index it reads them form by form (a skip-scan over the ~40 forms), already grouped: 16.7 ->
10.3 ms of CPU for the statement (least of 30, same rows). Without statistics SQLite does not
use it, so it is created with them (``soin db upgrade`` analyzes the table afterwards).
PostgreSQL (no skip-scan) has no use for it: not created there.

Revision ID: d3a7f1c9e5b4
Revises: 5a7c3e9b1d48
Create Date: 2026-12-05 22:00:00
"""
from alembic import op

revision = "d3a7f1c9e5b4"
down_revision = "5a7c3e9b1d48"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    op.create_index("ix_record_entries_month_by_form", "record_entries",
                    ["form_id", "discipline", "occurred_at", "status", "person_id", "id"])


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    op.drop_index("ix_record_entries_month_by_form", table_name="record_entries")
