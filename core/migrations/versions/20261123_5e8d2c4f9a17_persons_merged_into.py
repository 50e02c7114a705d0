"""a duplicate person folded into another keeps a pointer to it

Revision ID: 5e8d2c4f9a17
Revises: b7e41c9a2d05
Create Date: 2026-11-23 12:30:00
"""
import sqlalchemy as sa
from alembic import op

revision = "5e8d2c4f9a17"
down_revision = "b7e41c9a2d05"
branch_labels = None
depends_on = None


FK = "fk_core_persons_merged_into_id_core_persons"


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        # a plain ADD COLUMN (SQLite takes a REFERENCES clause there), not batch mode: batch
        # mode rebuilds the table and would lose the expression index
        # ix_core_persons_name_order, which SQLite cannot reflect
        op.execute(f"ALTER TABLE core_persons ADD COLUMN merged_into_id INTEGER "
                   f"CONSTRAINT {FK} REFERENCES core_persons (id)")
        return
    op.add_column("core_persons", sa.Column("merged_into_id", sa.Integer(), nullable=True))
    op.create_foreign_key(FK, "core_persons", "core_persons", ["merged_into_id"], ["id"])


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        op.drop_constraint(FK, "core_persons", type_="foreignkey")
    op.drop_column("core_persons", "merged_into_id")  # SQLite 3.35+: no constraint left behind
