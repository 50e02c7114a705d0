"""persons: folded family and first names, the order lists of people are in

``/people`` listed its matches by ``lower(last_name), lower(first_name)``: the names' bytes,
so "Léa" came after "Liam" and "Ève" after every Z. Each person now keeps the names folded as
searches fold them (``core.identity.models.name_columns``: accents and case set aside), and the
name-order index (b7e41c9a2d05) is rebuilt on them, so a common fragment still reads the first
20 matches in order from the index instead of sorting every match. The people already stored
are given their keys here (:func:`fill`), a thousand at a time.

The columns are added and dropped with plain ALTER TABLE, never a batch copy of the table: on
SQLite a copy would lose the triggers that keep the trigram table in step (9a4f6d2e8c31).

Revision ID: cd0202d2358b
Revises: a8d2f6c41e93
Create Date: 2026-12-06 23:30:00
"""
import sqlalchemy as sa
from alembic import op

revision = "cd0202d2358b"
down_revision = "a8d2f6c41e93"
branch_labels = None
depends_on = None

#: as ``core.identity.models.KEY_LENGTH`` (a migration keeps the schema it wrote)
KEY_LENGTH = 200
KEYS = ("last_name_key", "first_name_key")
PERSONS = sa.table("core_persons", sa.column("id"), sa.column("first_name"),
                   sa.column("last_name"), *(sa.column(key) for key in KEYS))


def upgrade() -> None:
    for key in KEYS:
        op.add_column("core_persons", sa.Column(key, sa.String(length=KEY_LENGTH),
                                                nullable=False, server_default=""))
    fill(op.get_bind())
    op.drop_index("ix_core_persons_name_order", table_name="core_persons")
    op.create_index("ix_core_persons_name_order", "core_persons", [*KEYS, "id"])


def fill(bind, batch: int = 1000) -> None:
    """Every stored person's sort keys, as the code writes them, ``batch`` people at a time."""
    from core.identity.models import name_columns

    update = (sa.update(PERSONS).where(PERSONS.c.id == sa.bindparam("person"))
              .values(last_name_key=sa.bindparam("last"), first_name_key=sa.bindparam("first")))
    after = 0
    while rows := bind.execute(sa.select(PERSONS.c.id, PERSONS.c.first_name,
                                         PERSONS.c.last_name).where(PERSONS.c.id > after)
                               .order_by(PERSONS.c.id).limit(batch)).all():
        keys = [(ident, name_columns(first, last, "")) for ident, first, last in rows]
        bind.execute(update, [{"person": ident, "last": named["last_name_key"],
                               "first": named["first_name_key"]} for ident, named in keys])
        after = rows[-1].id


def downgrade() -> None:
    op.drop_index("ix_core_persons_name_order", table_name="core_persons")
    op.create_index("ix_core_persons_name_order", "core_persons",
                    [sa.func.lower(sa.column("last_name")), sa.func.lower(sa.column("first_name")),
                     "id"])
    for key in reversed(KEYS):
        op.drop_column("core_persons", key)
