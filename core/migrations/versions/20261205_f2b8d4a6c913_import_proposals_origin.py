"""import proposals keep the source and origin of the line, so a confirmed line exported again
names where it was first written

Revision ID: f2b8d4a6c913
Revises: cbe713bbf48a
Create Date: 2026-12-05 15:30:00
"""
import sqlalchemy as sa
from alembic import op

revision = "f2b8d4a6c913"
down_revision = "cbe713bbf48a"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # plain ADD COLUMN with a server default: no table rebuild on SQLite, no batch needed
    op.add_column("record_import_proposals",
                  sa.Column("source", sa.String(length=300), nullable=False, server_default=""))
    op.add_column("record_import_proposals",
                  sa.Column("origin", sa.String(length=300), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("record_import_proposals") as batch:
        batch.drop_column("origin")
        batch.drop_column("source")
