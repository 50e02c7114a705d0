"""commons: the publishers a coop trusts and the shared protocols it received

Revision ID: c6d2f9a4e813
Revises: a3c5e8f1b270
Create Date: 2026-12-05 13:10:00
"""
import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "c6d2f9a4e813"
down_revision = "a3c5e8f1b270"
branch_labels = None
depends_on = None

WHEN = sa.DateTime(timezone=True)
JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def upgrade() -> None:
    op.create_table(
        "commons_publishers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("public_key", sa.String(length=60), nullable=False),
        sa.Column("added_at", WHEN, nullable=False),
        sa.Column("added_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["added_by_id"], ["core_accounts.id"],
                                name=op.f("fk_commons_publishers_added_by_id_core_accounts")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_commons_publishers")),
        sa.UniqueConstraint("public_key", name=op.f("uq_commons_publishers_public_key")),
    )
    op.create_table(
        "commons_offers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("publisher_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=120), nullable=False),
        sa.Column("code", sa.String(length=120), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("document", JSON, nullable=False),
        sa.Column("review_date", sa.Date(), nullable=True),
        sa.Column("sources", JSON, nullable=False),
        sa.Column("published_at", WHEN, nullable=False),
        sa.Column("received_at", WHEN, nullable=False),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("adopted_at", WHEN, nullable=True),
        sa.Column("adopted_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["adopted_by_id"], ["core_accounts.id"],
                                name=op.f("fk_commons_offers_adopted_by_id_core_accounts")),
        sa.ForeignKeyConstraint(["publisher_id"], ["commons_publishers.id"],
                                name=op.f("fk_commons_offers_publisher_id_commons_publishers")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_commons_offers")),
        sa.UniqueConstraint("publisher_id", "kind", "code", "version",
                            name=op.f("uq_commons_offers_publisher_id")),
    )
    op.create_index(op.f("ix_commons_offers_publisher_id"), "commons_offers", ["publisher_id"])
    op.create_index(op.f("ix_commons_offers_state"), "commons_offers", ["state"])


def downgrade() -> None:
    op.drop_table("commons_offers")
    op.drop_table("commons_publishers")
