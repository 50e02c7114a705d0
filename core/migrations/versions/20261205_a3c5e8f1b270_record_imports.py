"""record imports: bundles from other coops, their read-only entries, proposed summary lines

Revision ID: a3c5e8f1b270
Revises: e7a2b5c1d830
Create Date: 2026-12-05 12:30:00
"""
import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "a3c5e8f1b270"
down_revision = "e7a2b5c1d830"
branch_labels = None
depends_on = None

WHEN = sa.DateTime(timezone=True)
JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def upgrade() -> None:
    op.create_table(
        "record_imports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", WHEN, nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("origin", sa.String(length=300), nullable=False),
        sa.Column("origin_name", sa.String(length=300), nullable=False),
        sa.Column("bundle_hash", sa.String(length=64), nullable=False),
        sa.Column("patient_key", sa.String(length=64), nullable=False),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("patient", JSON, nullable=False),
        sa.Column("candidates", JSON, nullable=False),
        sa.Column("bundle", JSON, nullable=True),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("how", sa.String(length=20), nullable=False),
        sa.Column("counts", JSON, nullable=False),
        sa.Column("decided_at", WHEN, nullable=True),
        sa.Column("decided_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["created_by_id"], ["core_accounts.id"],
                                name=op.f("fk_record_imports_created_by_id_core_accounts")),
        sa.ForeignKeyConstraint(["decided_by_id"], ["core_accounts.id"],
                                name=op.f("fk_record_imports_decided_by_id_core_accounts")),
        sa.ForeignKeyConstraint(["person_id"], ["core_persons.id"],
                                name=op.f("fk_record_imports_person_id_core_persons")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_record_imports")),
    )
    for column in ("bundle_hash", "patient_key", "state", "person_id"):
        op.create_index(op.f(f"ix_record_imports_{column}"), "record_imports", [column])
    op.create_table(
        "record_imported_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("import_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("source_key", sa.String(length=64), nullable=False),
        sa.Column("full_url", sa.String(length=300), nullable=False),
        sa.Column("origin", sa.String(length=300), nullable=False),
        sa.Column("origin_name", sa.String(length=300), nullable=False),
        sa.Column("resource_type", sa.String(length=60), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("author", sa.String(length=200), nullable=False),
        sa.Column("occurred_at", WHEN, nullable=True),
        sa.Column("discipline", sa.String(length=60), nullable=False),
        sa.Column("confidentiality", sa.String(length=20), nullable=False),
        sa.Column("resource", JSON, nullable=False),
        sa.Column("imported_at", WHEN, nullable=False),
        sa.ForeignKeyConstraint(["import_id"], ["record_imports.id"],
                                name=op.f("fk_record_imported_entries_import_id_record_imports")),
        sa.ForeignKeyConstraint(["person_id"], ["core_persons.id"],
                                name=op.f("fk_record_imported_entries_person_id_core_persons")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_record_imported_entries")),
        sa.UniqueConstraint("person_id", "source_key",
                            name=op.f("uq_record_imported_entries_person_id")),
    )
    for column in ("import_id", "person_id", "occurred_at"):
        op.create_index(op.f(f"ix_record_imported_entries_{column}"), "record_imported_entries",
                        [column])
    op.create_table(
        "record_import_proposals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("import_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("source_key", sa.String(length=64), nullable=False),
        sa.Column("origin_name", sa.String(length=300), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("label", sa.String(length=300), nullable=False),
        sa.Column("code", sa.String(length=80), nullable=False),
        sa.Column("natural_product", sa.Boolean(), nullable=False),
        sa.Column("since", sa.Date(), nullable=True),
        sa.Column("recorded_at", WHEN, nullable=True),
        sa.Column("author", sa.String(length=200), nullable=False),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("decided_at", WHEN, nullable=True),
        sa.Column("decided_by_id", sa.Integer(), nullable=True),
        sa.Column("summary_item_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["decided_by_id"], ["core_accounts.id"],
                                name=op.f("fk_record_import_proposals_decided_by_id_core_accounts")),
        sa.ForeignKeyConstraint(["import_id"], ["record_imports.id"],
                                name=op.f("fk_record_import_proposals_import_id_record_imports")),
        sa.ForeignKeyConstraint(["person_id"], ["core_persons.id"],
                                name=op.f("fk_record_import_proposals_person_id_core_persons")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_record_import_proposals")),
        sa.UniqueConstraint("person_id", "source_key",
                            name=op.f("uq_record_import_proposals_person_id")),
    )
    for column in ("import_id", "person_id", "state"):
        op.create_index(op.f(f"ix_record_import_proposals_{column}"), "record_import_proposals",
                        [column])


def downgrade() -> None:
    op.drop_table("record_import_proposals")
    op.drop_table("record_imported_entries")
    op.drop_table("record_imports")
