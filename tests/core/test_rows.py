"""core.rows: rows written without the unit of work are the rows the ORM would write, and the
object made of one is the object the ORM would load."""

from sqlalchemy import Column, Integer, MetaData, String, Table, select
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from core import rows
from core.testing.contract_support import statements


def test_a_column_the_database_fills_is_left_to_it(db):
    """A column with only a server default is not sent (None would write NULL over it); one
    with a model default gets that default, as the ORM would insert it."""
    table = Table("probe_rows", MetaData(), Column("id", Integer, primary_key=True),
                  Column("kind", String(10), server_default="share"),
                  Column("label", String(10), default="x"), Column("note", String(10)))
    table.create(db.connection())
    try:
        values = rows.row_values(table, {"note": "n"})
        assert values == {"label": "x", "note": "n"}
        ident = rows.insert_row(db, table, values)
        assert db.connection().execute(select(table.c.kind, table.c.label).where(
            table.c.id == ident)).one() == ("share", "x")
    finally:
        table.drop(db.connection())  # not left in the worker's database for the next test


class _Probe(DeclarativeBase):
    pass


class Renamed(_Probe):
    """An attribute named apart from its column, as a model may."""

    __tablename__ = "probe_renamed"
    id: Mapped[int] = mapped_column(primary_key=True)
    state: Mapped[str] = mapped_column("status", String(10))


def test_the_object_of_a_row_written_has_its_values_under_its_attributes(db):
    Renamed.__table__.create(db.connection())
    try:
        values = rows.row_values(Renamed.__table__, {"status": "booked"})
        ident = rows.insert_row(db, Renamed.__table__, values)
        made = rows.attach(db, Renamed, ident, values)
        with statements(db.get_bind().engine) as sent:
            assert (made.id, made.state) == (ident, "booked")
        assert sent == []  # the values are its own: not read back from the table
        assert made in db and not db.dirty and not db.new  # held as loaded: nothing to write
        assert db.get(Renamed, ident) is made
    finally:
        db.expunge_all()
        Renamed.__table__.drop(db.connection())
