"""volunteering: profiles and undertakings, shifts, sign-ups, the hours ledger, recognitions

Its own branch (``volunteering``): the coop's volunteering is neither the identity chain nor
scheduling, and a branch of its own never gives another area's chain a second head.

Revision ID: a9c4e1f7d3b2
Revises:
Create Date: 2026-12-05 12:40:00
"""
import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "a9c4e1f7d3b2"
down_revision = None
branch_labels = ("volunteering",)
depends_on = ("80f97a330d1d", "6be2bbe98f68")


def upgrade() -> None:
    op.create_table(
        "core_volunteer_profiles",
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("likes", sa.Text(), nullable=False),
        sa.Column("skills", sa.Text(), nullable=False),
        sa.Column("availability", sa.Text(), nullable=False),
        sa.Column("languages", sa.String(length=200), nullable=False),
        sa.Column("trainings", sa.JSON().with_variant(postgresql.JSONB(), "postgresql"),
                  nullable=False),
        sa.Column("undertaking_signed_on", sa.Date(), nullable=True),
        sa.Column("undertaking_version", sa.String(length=20), nullable=False),
        sa.Column("reminders", sa.Boolean(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["person_id"], ["core_persons.id"],
                                name=op.f("fk_core_volunteer_profiles_person_id_core_persons")),
        sa.PrimaryKeyConstraint("person_id", name=op.f("pk_core_volunteer_profiles")),
    )
    op.create_table(
        "core_volunteer_shifts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("program", sa.String(length=80), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("place", sa.String(length=300), nullable=False),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ends_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("needed", sa.Integer(), nullable=False),
        sa.Column("taken", sa.Integer(), nullable=False),
        sa.Column("training", sa.String(length=120), nullable=False),
        sa.Column("personal_info", sa.Boolean(), nullable=False),
        sa.Column("source", sa.String(length=120), nullable=False),
        sa.Column("appointment_id", sa.Integer(), nullable=True),
        sa.Column("accompaniment", sa.String(length=20), nullable=False),
        sa.Column("cancelled", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.CheckConstraint("ends_at > starts_at", name=op.f("ck_core_volunteer_shifts_time_order")),
        sa.CheckConstraint("taken >= 0 AND taken <= needed",
                           name=op.f("ck_core_volunteer_shifts_never_overfilled")),
        sa.CheckConstraint("needed >= 1", name=op.f("ck_core_volunteer_shifts_needs_someone")),
        sa.ForeignKeyConstraint(["appointment_id"], ["sched_appointments.id"],
                                name=op.f("fk_core_volunteer_shifts_appointment_id_sched_appointments")),
        sa.ForeignKeyConstraint(["created_by_id"], ["core_accounts.id"],
                                name=op.f("fk_core_volunteer_shifts_created_by_id_core_accounts")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_core_volunteer_shifts")),
    )
    op.create_index("ix_core_volunteer_shifts_starts_at", "core_volunteer_shifts", ["starts_at"])
    op.create_index(op.f("ix_core_volunteer_shifts_program"), "core_volunteer_shifts", ["program"])
    op.create_index(op.f("ix_core_volunteer_shifts_source"), "core_volunteer_shifts", ["source"])
    op.create_index(op.f("ix_core_volunteer_shifts_appointment_id"), "core_volunteer_shifts",
                    ["appointment_id"])
    op.create_table(
        "core_volunteer_signups",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("shift_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("cancelled_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["person_id"], ["core_persons.id"],
                                name=op.f("fk_core_volunteer_signups_person_id_core_persons")),
        sa.ForeignKeyConstraint(["shift_id"], ["core_volunteer_shifts.id"],
                                name=op.f("fk_core_volunteer_signups_shift_id_core_volunteer_shifts")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_core_volunteer_signups")),
        sa.UniqueConstraint("shift_id", "person_id",
                            name=op.f("uq_core_volunteer_signups_shift_id")),
    )
    op.create_index(op.f("ix_core_volunteer_signups_shift_id"), "core_volunteer_signups",
                    ["shift_id"])
    op.create_index(op.f("ix_core_volunteer_signups_person_id"), "core_volunteer_signups",
                    ["person_id"])
    op.create_table(
        "core_volunteer_hours",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("program", sa.String(length=80), nullable=False),
        sa.Column("worked_on", sa.Date(), nullable=False),
        sa.Column("hours", sa.Numeric(precision=5, scale=2), nullable=False),
        sa.Column("signup_id", sa.Integer(), nullable=True),
        sa.Column("note", sa.String(length=300), nullable=False),
        sa.Column("confirmed_by_id", sa.Integer(), nullable=True),
        sa.Column("confirmed_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("hours > 0 AND hours <= 24",
                           name=op.f("ck_core_volunteer_hours_hours_in_a_day")),
        sa.ForeignKeyConstraint(["confirmed_by_id"], ["core_accounts.id"],
                                name=op.f("fk_core_volunteer_hours_confirmed_by_id_core_accounts")),
        sa.ForeignKeyConstraint(["person_id"], ["core_persons.id"],
                                name=op.f("fk_core_volunteer_hours_person_id_core_persons")),
        sa.ForeignKeyConstraint(["signup_id"], ["core_volunteer_signups.id"],
                                name=op.f("fk_core_volunteer_hours_signup_id_core_volunteer_signups")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_core_volunteer_hours")),
        sa.UniqueConstraint("signup_id", name=op.f("uq_core_volunteer_hours_signup_id")),
    )
    op.create_index("ix_core_volunteer_hours_person_day", "core_volunteer_hours",
                    ["person_id", "worked_on"])
    op.create_index(op.f("ix_core_volunteer_hours_program"), "core_volunteer_hours", ["program"])
    op.create_index(op.f("ix_core_volunteer_hours_worked_on"), "core_volunteer_hours",
                    ["worked_on"])
    op.create_table(
        "core_volunteer_recognitions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("hours", sa.Numeric(precision=6, scale=2), nullable=False),
        sa.Column("note", sa.String(length=300), nullable=False),
        sa.Column("recorded_by_id", sa.Integer(), nullable=True),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("hours > 0", name=op.f("ck_core_volunteer_recognitions_hours_positive")),
        sa.ForeignKeyConstraint(["person_id"], ["core_persons.id"],
                                name=op.f("fk_core_volunteer_recognitions_person_id_core_persons")),
        sa.ForeignKeyConstraint(["recorded_by_id"], ["core_accounts.id"],
                                name=op.f("fk_core_volunteer_recognitions_recorded_by_id_core_accounts")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_core_volunteer_recognitions")),
    )
    op.create_index(op.f("ix_core_volunteer_recognitions_person_id"),
                    "core_volunteer_recognitions", ["person_id"])


def downgrade() -> None:
    for table in ("core_volunteer_recognitions", "core_volunteer_hours", "core_volunteer_signups",
                  "core_volunteer_shifts", "core_volunteer_profiles"):
        op.drop_table(table)
