"""garden chore shifts move to core's volunteering, with their history

Each chore shift becomes a core volunteer shift of the program ``food_security.gardens``
(one person needed, the garden's name as its place, ``food_security.garden:<id>`` as its
source); its volunteer becomes a confirmed sign-up, and a chore marked done puts its hours in
core's ledger (worked on the chore's local day). Then the garden's own table goes.

Revision ID: c7d2f19a4b80
Revises: dba2c10a3abb
Create Date: 2026-12-05 13:00:00
"""
from decimal import Decimal
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from alembic import context, op

revision = "c7d2f19a4b80"
down_revision = "dba2c10a3abb"
branch_labels = None
depends_on = "a9c4e1f7d3b2"

PROGRAM = "food_security.gardens"


def _tables():
    from core.api import UTCDateTime

    chores = sa.table("food_security_chore_shifts", sa.column("id", sa.Integer),
                      sa.column("garden_id", sa.Integer), sa.column("title", sa.String),
                      sa.column("starts_at", UTCDateTime()), sa.column("ends_at", UTCDateTime()),
                      sa.column("volunteer_id", sa.Integer), sa.column("done", sa.Boolean))
    gardens = sa.table("food_security_gardens", sa.column("id", sa.Integer),
                       sa.column("name", sa.String))
    # Tables (not lightweight ``table()``s): an insert must give back its new id
    meta = sa.MetaData()
    shifts = sa.Table("core_volunteer_shifts", meta, sa.Column("id", sa.Integer, primary_key=True),
                      *(sa.Column(n) for n in (
                          "program", "title", "description", "place", "needed", "taken",
                          "training", "personal_info", "source", "accompaniment", "cancelled")),
                      sa.Column("starts_at", UTCDateTime()), sa.Column("ends_at", UTCDateTime()),
                      sa.Column("created_at", UTCDateTime()))
    signups = sa.Table("core_volunteer_signups", meta,
                       sa.Column("id", sa.Integer, primary_key=True), sa.Column("shift_id"),
                       sa.Column("person_id"), sa.Column("status"),
                       sa.Column("created_at", UTCDateTime()))
    hours = sa.table("core_volunteer_hours", *(sa.column(n) for n in (
        "person_id", "program", "signup_id", "note")), sa.column("worked_on", sa.Date()),
        sa.column("hours", sa.Numeric(5, 2)), sa.column("confirmed_at", UTCDateTime()))
    return chores, gardens, shifts, signups, hours


def _zone() -> ZoneInfo:
    settings = context.config.attributes.get("soin_app_config") or {}
    return ZoneInfo(settings.get("SOIN_TIMEZONE") or "America/Montreal")


def upgrade() -> None:
    conn = op.get_bind()
    chores, gardens, shifts, signups, hours = _tables()
    zone = _zone()
    rows = conn.execute(sa.select(chores, gardens.c.name).join(
        gardens, gardens.c.id == chores.c.garden_id).order_by(chores.c.id)).all()
    for row in rows:
        shift_id = conn.execute(shifts.insert().values(
            program=PROGRAM, title=row.title[:200], description="", place=row.name[:300],
            starts_at=row.starts_at, ends_at=row.ends_at, needed=1,
            taken=1 if row.volunteer_id else 0, training="", personal_info=False,
            source=f"food_security.garden:{row.garden_id}", accompaniment="", cancelled=False,
            created_at=row.starts_at)).inserted_primary_key[0]
        if row.volunteer_id is None:
            continue
        signup_id = conn.execute(signups.insert().values(
            shift_id=shift_id, person_id=row.volunteer_id, status="confirmed",
            created_at=row.starts_at)).inserted_primary_key[0]
        if row.done:
            length = Decimal((row.ends_at - row.starts_at).total_seconds() / 3600)
            conn.execute(hours.insert().values(
                person_id=row.volunteer_id, program=PROGRAM,
                worked_on=row.starts_at.astimezone(zone).date(),
                hours=min(length, Decimal(24)).quantize(Decimal("0.01")), signup_id=signup_id,
                note="", confirmed_at=row.ends_at))
    op.drop_table("food_security_chore_shifts")


def downgrade() -> None:
    op.create_table(
        "food_security_chore_shifts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("garden_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ends_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("volunteer_id", sa.Integer(), nullable=True),
        sa.Column("done", sa.Boolean(), nullable=False),
        sa.CheckConstraint("ends_at > starts_at",
                           name=op.f("ck_food_security_chore_shifts_ends_after_start")),
        sa.ForeignKeyConstraint(["garden_id"], ["food_security_gardens.id"],
                                name=op.f("fk_food_security_chore_shifts_garden_id_food_security_gardens")),
        sa.ForeignKeyConstraint(["volunteer_id"], ["core_persons.id"],
                                name=op.f("fk_food_security_chore_shifts_volunteer_id_core_persons")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_food_security_chore_shifts")),
    )
    op.create_index(op.f("ix_food_security_chore_shifts_garden_id"), "food_security_chore_shifts",
                    ["garden_id"])
    op.create_index(op.f("ix_food_security_chore_shifts_starts_at"), "food_security_chore_shifts",
                    ["starts_at"])
    op.create_index(op.f("ix_food_security_chore_shifts_volunteer_id"),
                    "food_security_chore_shifts", ["volunteer_id"])
    # the chores come back from core's shifts of the gardens (hours done: done)
    conn = op.get_bind()
    chores, _gardens, shifts, signups, hours = _tables()
    for shift in conn.execute(sa.select(shifts).where(shifts.c.program == PROGRAM,
                                                      shifts.c.source.like("food_security.garden:%"))):
        signup = conn.execute(sa.select(signups).where(signups.c.shift_id == shift.id,
                                                       signups.c.status == "confirmed")).first()
        done = signup is not None and conn.execute(sa.select(hours.c.signup_id).where(
            hours.c.signup_id == signup.id)).first() is not None
        conn.execute(chores.insert().values(
            garden_id=int(shift.source.split(":", 1)[1]), title=shift.title,
            starts_at=shift.starts_at, ends_at=shift.ends_at,
            volunteer_id=signup.person_id if signup else None, done=done))
