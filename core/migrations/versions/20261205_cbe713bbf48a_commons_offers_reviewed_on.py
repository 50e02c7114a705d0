"""commons offers carry the day the publisher last reviewed the protocol

A package item says when its protocol was last checked against its sources (reviewed_on)
besides when it must be looked at again (review_date); the offer keeps both.

Revision ID: cbe713bbf48a
Revises: c6d2f9a4e813
Create Date: 2026-12-05 15:50:00
"""
import sqlalchemy as sa
from alembic import op

revision = "cbe713bbf48a"
down_revision = "c6d2f9a4e813"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("commons_offers", schema=None) as batch_op:
        batch_op.add_column(sa.Column("reviewed_on", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("commons_offers", schema=None) as batch_op:
        batch_op.drop_column("reviewed_on")
