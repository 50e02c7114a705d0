"""authenticator apps (TOTP) for the second sign-in factor

Revision ID: 3f2c9d1a7b4e
Revises: 18c3d53e730f
Create Date: 2026-11-23 11:20:00
"""
import sqlalchemy as sa
from alembic import op

revision = "3f2c9d1a7b4e"
down_revision = "18c3d53e730f"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "core_totp_devices",
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("secret", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("confirmed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_step", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["account_id"], ["core_accounts.id"],
                                name=op.f("fk_core_totp_devices_account_id_core_accounts"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("account_id", name=op.f("pk_core_totp_devices")),
    )


def downgrade() -> None:
    op.drop_table("core_totp_devices")
