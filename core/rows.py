"""Rows written without the ORM's unit of work: a row, or a row and the one that names it.

Registering a person in a new household, and opening a membership with its admission in the
register's history, each wrote two rows through a flush: about 1,000 to 1,500 Python calls a
post, more than the inserts themselves (booking a visit, one row before its holds: about 700).
Identity and scheduling both use it, so it belongs to neither. Each row's values are every
column's (its default when not given, as the ORM would insert it), sent with SQLAlchemy Core
on the session's connection; on PostgreSQL a row and the row that names it go in one statement (the
first inserted in a ``WITH``, the second reading its id), elsewhere in two. The caller gets
the ids; :func:`attach` makes the ORM object of a row so written, as loaded.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from sqlalchemy import Table, bindparam, insert, select
from sqlalchemy.orm import Session, class_mapper, make_transient_to_detached


@cache
def _defaults(table: Table) -> tuple[tuple[str, Any, bool], ...]:
    """(column, default, callable?) for every column of ``table`` but its id, and but a
    column the database fills itself (a ``server_default`` with no default of the model's:
    sending None would write NULL where the ORM leaves the database its default)."""
    found = []
    for column in table.columns:
        if column.primary_key:
            continue
        default = column.default
        if default is None and column.server_default is not None:
            continue
        if default is None or not (default.is_scalar or default.is_callable):
            found.append((column.key, None, False))
        else:
            found.append((column.key, default.arg, default.is_callable))
    return tuple(found)


def row_values(table: Table, given: dict) -> dict:
    """Every column of ``table`` but its id: the value ``given``, else the column's default
    (as the ORM would have inserted it), else None."""
    values = {}
    for key, default, call in _defaults(table):
        if key in given:
            values[key] = given[key]
        else:
            values[key] = default(None) if call else default
    return values


@cache
def _insert(table: Table):
    """The row's insert, returning its id (its values named after their columns: the same
    statement, compiled once, for every row given every column)."""
    return insert(table).returning(table.c.id)


def insert_cte(table: Table, prefix: str, name: str, where=None):
    """``table``'s row inserted in a ``WITH`` named ``name`` (PostgreSQL), its values the
    parameters ``<prefix><column>`` (:func:`prefixed`), returning its ``id``; with ``where``,
    inserted only when that condition holds (``INSERT ... SELECT ... WHERE``)."""
    keys = [key for key, _default, _call in _defaults(table)]
    if where is None:
        statement = insert(table).values({key: bindparam(f"{prefix}{key}", type_=table.c[key].type)
                                          for key in keys})
    else:
        statement = insert(table).from_select(keys, select(
            *(bindparam(f"{prefix}{key}", type_=table.c[key].type) for key in keys)).where(where),
            include_defaults=False)
    return statement.returning(table.c.id).cte(name)


def prefixed(values: dict, prefix: str) -> dict:
    """``values`` (:func:`row_values`) as the parameters of :func:`insert_cte`."""
    return {f"{prefix}{key}": value for key, value in values.items()}


@cache
def _insert_pair(parent: Table, child: Table, link: str):
    """PostgreSQL: ``parent``'s row, then ``child``'s with ``link`` set to its id, in one
    statement; parameters ``p_<column>`` and ``c_<column>``; returns the child's id and the
    parent's."""
    first = insert_cte(parent, "p_", "parent")
    keys = [key for key, _default, _call in _defaults(child) if key != link]
    rows = select(first.c.id, *(bindparam(f"c_{key}", type_=child.c[key].type) for key in keys))
    return (insert(child).from_select([link, *keys], rows, include_defaults=False)
            .returning(child.c.id, child.c[link]))


def insert_row(db: Session, table: Table, values: dict) -> int:
    """Insert ``values`` (:func:`row_values`) into ``table``; its id."""
    return db.connection().execute(_insert(table), values).scalar_one()


def insert_pair(db: Session, parent: Table, parent_values: dict, child: Table,
                child_values: dict, link: str) -> tuple[int, int]:
    """Insert ``parent``'s row, then ``child``'s naming it in its ``link`` column (both
    :func:`row_values`; the link's value is left out); (the child's id, the parent's)."""
    connection = db.connection()
    if connection.dialect.name == "postgresql":
        params = prefixed(parent_values, "p_")
        params.update((f"c_{key}", value) for key, value in child_values.items() if key != link)
        child_id, parent_id = connection.execute(_insert_pair(parent, child, link), params).one()
        return child_id, parent_id
    parent_id = connection.execute(_insert(parent), parent_values).scalar_one()
    child_id = connection.execute(_insert(child), {**child_values, link: parent_id}).scalar_one()
    return child_id, parent_id


def attach(db: Session, model: type, ident: int, values: dict) -> Any:
    """The ORM object of the row ``ident`` of ``model`` just written with ``values`` (every
    column): held by the session as loaded, nothing left to write (relationships load when
    asked, from the session when their rows are in it)."""
    row = class_mapper(model).class_manager.new_instance()  # its constructor's events skipped:
    renamed = _attribute_names(model)  # the values are the row's as written, not changes
    row.__dict__.update({renamed.get(key, key): value for key, value in values.items()} if renamed
                        else values, id=ident)
    make_transient_to_detached(row)
    db.add(row)
    return row


@cache
def _attribute_names(model: type) -> dict[str, str]:
    """The model's attribute names of the columns whose column name differs (``_status =
    mapped_column("status")``): :func:`attach` puts each value under its attribute's name."""
    mapper = class_mapper(model)
    return {column.key: prop.key for prop in mapper.column_attrs for column in prop.columns
            if column.key != prop.key}
