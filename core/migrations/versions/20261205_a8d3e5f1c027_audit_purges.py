"""audit purges: a destroyed chart's events erased past their keep period, hashes kept, and
the checkpoint verification starts from (append-only on PostgreSQL)

Revision ID: a8d3e5f1c027
Revises: f2b8d4a6c913
Create Date: 2026-12-05 15:45:00
"""
import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "a8d3e5f1c027"
down_revision = "f2b8d4a6c913"
branch_labels = None
depends_on = None

JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")
# the audit events' own guard function, applied to the checkpoints too
GUARD = """
CREATE TRIGGER audit_purges_append_only BEFORE UPDATE OR DELETE ON audit_purges
    FOR EACH ROW EXECUTE FUNCTION audit_events_refuse_change();
CREATE TRIGGER audit_purges_no_truncate BEFORE TRUNCATE ON audit_purges
    FOR EACH STATEMENT EXECUTE FUNCTION audit_events_refuse_change();
"""


def upgrade() -> None:
    op.create_table(
        "audit_purges",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("purged_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("purged_by", sa.String(length=200), nullable=False),
        sa.Column("rule", sa.String(length=300), nullable=False),
        sa.Column("person_ids", JSON, nullable=False),
        sa.Column("event_count", sa.Integer(), nullable=False),
        sa.Column("first_id", sa.Integer(), nullable=False),
        sa.Column("last_id", sa.Integer(), nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("signature", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_purges")),
    )
    # plain ADD COLUMN (nullable): no table rebuild on SQLite, no batch needed
    op.add_column("audit_events", sa.Column("purge_id", sa.Integer(), nullable=True))
    op.create_index(op.f("ix_audit_events_purge_id"), "audit_events", ["purge_id"])
    if op.get_bind().dialect.name == "postgresql":
        op.execute(GUARD)


def downgrade() -> None:
    op.drop_index(op.f("ix_audit_events_purge_id"), table_name="audit_events")
    with op.batch_alter_table("audit_events") as batch:
        batch.drop_column("purge_id")
    op.drop_table("audit_purges")
