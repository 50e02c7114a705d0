"""acupuncture session amends

A session can be reopened to correct its chart entry: the copy remembers which entry it amends
and why, and closing it writes a new version of that entry.

Revision ID: 8c1e4d2a9f60
Revises: 57143c5adb38
Create Date: 2026-12-05 10:45:00
"""
import sqlalchemy as sa
from alembic import op

revision = '8c1e4d2a9f60'
down_revision = '57143c5adb38'
branch_labels = None
depends_on = None

FK = "fk_acupuncture_sessions_amends_entry_id_record_entries"


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        # plain ADD COLUMN (SQLite takes a REFERENCES clause there), not batch mode: batch mode
        # rebuilds the table, and dropping the old copy breaks the foreign keys of the session
        # points, acknowledgements and incidents that point at it
        op.execute(f"ALTER TABLE acupuncture_sessions ADD COLUMN amends_entry_id INTEGER "
                   f"CONSTRAINT {FK} REFERENCES record_entries (id)")
    else:
        op.add_column("acupuncture_sessions",
                      sa.Column("amends_entry_id", sa.Integer(), nullable=True))
        op.create_foreign_key(FK, "acupuncture_sessions", "record_entries",
                              ["amends_entry_id"], ["id"])
    op.add_column("acupuncture_sessions",
                  sa.Column("amend_reason", sa.Text(), nullable=False, server_default=""))


def downgrade() -> None:
    op.drop_column("acupuncture_sessions", "amend_reason")
    if op.get_bind().dialect.name != "sqlite":
        op.drop_constraint(FK, "acupuncture_sessions", type_="foreignkey")
    op.drop_column("acupuncture_sessions", "amends_entry_id")
