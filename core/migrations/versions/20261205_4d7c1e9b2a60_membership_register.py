"""the members' register: category, dues, payment kinds, history of changes; the
resolution cited when a service is activated or retired

Each membership gets its category (user, worker, support member) and the day its annual dues
cover it to; a payment says whether it is a share, dues or a refund of shares; every change of
the register is kept with who made it (``core_membership_events``). A service's activation or
retirement keeps the resolution that decided it (``resolution``). Columns are only added
(never a table rebuilt), so the persons' search triggers are untouched on SQLite.

Revision ID: 4d7c1e9b2a60
Revises: e3a1c0b7d942
Create Date: 2026-12-05 09:40:00
"""
import sqlalchemy as sa
from alembic import op

revision = "4d7c1e9b2a60"
down_revision = "e3a1c0b7d942"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("core_memberships", sa.Column("category", sa.String(length=20),
                                                nullable=False, server_default="user"))
    op.add_column("core_memberships", sa.Column("dues_paid_until", sa.Date(), nullable=True))
    op.add_column("core_share_payments", sa.Column("kind", sa.String(length=10),
                                                   nullable=False, server_default="share"))
    op.create_table(
        "core_membership_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("membership_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("old_value", sa.String(length=40), nullable=False),
        sa.Column("new_value", sa.String(length=40), nullable=False),
        sa.Column("effective_on", sa.Date(), nullable=False),
        sa.Column("note", sa.String(length=500), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["by_id"], ["core_accounts.id"],
                                name=op.f("fk_core_membership_events_by_id_core_accounts")),
        sa.ForeignKeyConstraint(["membership_id"], ["core_memberships.id"],
                                name=op.f("fk_core_membership_events_membership_id_core_memberships")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_core_membership_events")),
    )
    op.create_index(op.f("ix_core_membership_events_membership_id"), "core_membership_events",
                    ["membership_id"], unique=False)
    for table in ("core_plugin_states", "core_plugin_state_changes"):
        op.add_column(table, sa.Column("resolution", sa.String(length=120), nullable=False,
                                       server_default=""))


def downgrade() -> None:
    for table in ("core_plugin_states", "core_plugin_state_changes"):
        with op.batch_alter_table(table) as batch:
            batch.drop_column("resolution")
    op.drop_index(op.f("ix_core_membership_events_membership_id"),
                  table_name="core_membership_events")
    op.drop_table("core_membership_events")
    with op.batch_alter_table("core_share_payments") as batch:
        batch.drop_column("kind")
    with op.batch_alter_table("core_memberships") as batch:
        batch.drop_column("dues_paid_until")
        batch.drop_column("category")
