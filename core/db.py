"""Database plumbing: engine, request-scoped session, declarative base and shared column types.

One request = one transaction. Views (or CLI commands, or jobs) call :func:`session` to get the
unit of work, let services act on it, and commit once. Anything not committed is rolled back
when the application context ends, so an error never leaves a partial write.
"""

from __future__ import annotations

from datetime import datetime, timezone

from flask import current_app, g
from sqlalchemy import (JSON, DateTime, MetaData, String, Text, cast, create_engine, event,
                        literal_column)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.engine import Engine
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker
from sqlalchemy.sql.functions import FunctionElement
from sqlalchemy.types import TypeDecorator

from core import pg_connections
from core.config import make_instance_dir
from core.memo import APP_CONTEXT

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

#: tables the database keeps that are not models: APScheduler's job store; SQLite's trigram
#: search index over people's names (an FTS5 table and its shadow tables, see 9a4f6d2e8c31)
UNMODELLED = ("apscheduler_jobs", "core_persons_fts")


class Base(DeclarativeBase):
    """Base class of every model, core's and plugins' (one metadata, one naming convention)."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


#: JSON payloads: JSONB on PostgreSQL (indexable), JSON text elsewhere.
JSONType = JSON().with_variant(JSONB(), "postgresql")


class _Joined(FunctionElement):
    type = String()
    inherit_cache = True


def joined(text, separator: str = ","):
    """The aggregate of ``text`` (a string column) joined by ``separator``, written into the
    statement: ``func.aggregate_strings`` binds its separator to be written in at each
    execution, and SQLAlchemy then rewrites the whole statement's text every time (a regular
    expression over it: some 400 calls a chart for its timeline's read)."""
    assert "'" not in separator and "%" not in separator  # noqa: S101 - code's constants only
    return _Joined(text, literal_column(f"'{separator}'"))


class _Rows(FunctionElement):
    type = String()
    inherit_cache = True


def joined_rows(*values):
    """The rows of a group, their ``values`` (columns of any type, read as text) as one string,
    for a panel's question: each value written as its length, a space, then itself (NULL as
    ``-``), so that no character a value holds can be taken for a separator; rows joined by
    ``,``. Read back with :func:`split_rows` (the rows in no particular order: an aggregate's
    order is not kept). Its SQL is written short (the chart's statement stays under psycopg's
    4,096 bytes when it can): alias long table names too (``aliased(Model, name="r")``)."""
    return _Rows(*(value if isinstance(value.type, String) else cast(value, Text)
                   for value in values))


def _row(element, compiler, **kw) -> str:
    texts = [compiler.process(clause, **kw) for clause in element.clauses]
    return "||".join(f"coalesce(length({text})||' '||{text},'-')" for text in texts)


@compiles(_Rows)
def _rows_elsewhere(element, compiler, **kw) -> str:
    return f"group_concat({_row(element, compiler, **kw)},',')"


@compiles(_Rows, "postgresql")
def _rows_on_postgresql(element, compiler, **kw) -> str:
    return f"string_agg({_row(element, compiler, **kw)},',')"


def split_rows(answer: str | None, width: int) -> list[tuple[str | None, ...]]:
    """The rows of :func:`joined_rows`' answer (None: the group had no row), ``width`` values
    each, as strings or None; ValueError for anything else."""
    rows, at, text = [], 0, answer or ""
    while at < len(text):
        row: list[str | None] = []
        for _value in range(width):
            if text[at:at + 1] == "-":
                row.append(None)
                at += 1
                continue
            space = text.index(" ", at)
            size, at = text[at:space], space + 1
            if not (size.isascii() and size.isdigit()) or at + int(size) > len(text):
                raise ValueError(f"not a length: {size!r}")
            row.append(text[at:at + int(size)])
            at += int(size)
        rows.append(tuple(row))
        if at < len(text):
            if text[at] != ",":
                raise ValueError("rows not separated")
            at += 1
    return rows


@compiles(_Joined)
def _joined_elsewhere(element, compiler, **kw) -> str:
    return f"group_concat({compiler.process(element.clauses, **kw)})"


@compiles(_Joined, "postgresql")
def _joined_on_postgresql(element, compiler, **kw) -> str:
    return f"string_agg({compiler.process(element.clauses, **kw)})"


def utcnow() -> datetime:
    """The current time, timezone-aware, in UTC (the only time stored in the database)."""
    return datetime.now(timezone.utc)


class UTCDateTime(TypeDecorator):
    """A timestamp stored in UTC and always returned timezone-aware.

    SQLite has no time zones, so a naive value read back is UTC by construction; naive values
    are refused on the way in because their meaning would be a guess.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime refused: pass a timezone-aware value")
        value = value.astimezone(timezone.utc)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=timezone.utc)
        return value.astimezone(timezone.utc)


def make_engine(url: str, **kwargs) -> Engine:
    """Create an engine; on SQLite, apply the pragmas and transaction recipe we rely on."""
    if url.startswith("sqlite"):
        kwargs.setdefault("connect_args", {}).setdefault("check_same_thread", False)
        engine = create_engine(url, **kwargs)
        _configure_sqlite(engine)
        return engine
    engine = create_engine(url, **kwargs)
    pg_connections.configure(engine)
    return engine


def _configure_sqlite(engine: Engine) -> None:
    """Foreign keys on, WAL, and every transaction opened with BEGIN IMMEDIATE.

    Python's sqlite3 module opens transactions lazily and lets two writers check-then-insert
    the same row (measured: 20 of 20 trials double-booked). Taking the write lock at BEGIN
    serialises writers, which is what a small coop on one machine needs; readers are never
    blocked in WAL mode. This is SQLAlchemy's documented pysqlite recipe.
    """

    @event.listens_for(engine, "do_connect")
    def _make_folder(_dialect, _record, _args, _params):
        # the embedded default's ./instance is made as its file is first opened, not before
        make_instance_dir(engine.url.database)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        if engine.url.database not in (None, "", ":memory:"):
            # Switching the mode takes a lock that the busy timeout does not always wait for:
            # a dozen connections opening at once saw "database is locked". The mode is
            # stored in the file, so only the first connection ever needs to switch it.
            if cursor.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
                cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection):
        connection.exec_driver_sql("BEGIN IMMEDIATE")


class Database:
    """The engine and session factory of one application."""

    def __init__(self, url: str):
        self.url = url
        self.engine = make_engine(url)
        self.factory = sessionmaker(bind=self.engine, expire_on_commit=False)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def bind_to(self, connection) -> None:
        """Tests: run every session inside ``connection``'s transaction, using savepoints."""
        self.factory = sessionmaker(
            bind=connection, expire_on_commit=False, join_transaction_mode="create_savepoint"
        )

    def unbind(self) -> None:
        self.factory = sessionmaker(bind=self.engine, expire_on_commit=False)


def get_database(app=None) -> Database:
    return (app or current_app).extensions["soin_db"]


def session() -> Session:
    """The unit of work of the current request, command or job (created on first use)."""
    context = APP_CONTEXT.get(None)  # asked a dozen times a page: Flask's ``g`` costs more
    if context is None:
        return g._soin_session  # Flask's own error: no application context
    found = context.g.__dict__.get("_soin_session")
    if found is None:
        found = context.g._soin_session = get_database(context.app).factory()
    return found


def close_session(_exc=None) -> None:
    """Roll back anything not committed and release the connection (app-context teardown).

    ``close()`` ends the transaction in progress by rolling it back, as ``rollback()`` did
    first, without expiring every object the session holds only to let them go the next
    moment (a hundred calls a page). Its end-of-transaction hooks run as before; the
    rollback hooks are for a rollback inside a request (nothing waits to be kept here:
    :func:`core.web.lifecycle.finish_request` committed or dropped it just before)."""
    sess = g.pop("_soin_session", None)
    if sess is not None:
        sess.close()


def read_rows(sess: Session, statement, params=None):
    """The result of a read of columns (no ORM objects) sent on the session's connection.

    The ORM's layer around a statement costs about a tenth of a millisecond of CPU, more than
    a short read itself (the chart sends several on every opening). Changes pending in the
    session are flushed first, as :meth:`Session.execute` would, so the read sees them."""
    if sess.new or sess.deleted or sess.dirty:
        sess.flush()
    return sess.connection().execute(statement, params)


class StatementRefused(Exception):
    """A statement a call tried to send under :class:`SavepointIfAsked` before it had a
    savepoint: refused before it reached the database, so the transaction is untouched."""


class SavepointIfAsked:
    """Calls that usually send no statement, each put under a savepoint only if it sends one.

    On PostgreSQL a statement that fails aborts the whole transaction: every later statement
    of the request fails with it. A savepoint around a call contains that, for two statements
    (``SAVEPOINT``, ``RELEASE``); most calls here send none and should not pay them. So, inside
    the ``with`` block, :meth:`call` first calls with every read refused before it is sent
    (:class:`StatementRefused`); only a call that tried to send one is called again, under a
    savepoint, rolled back if the call raises or if one of its statements failed (even one the
    call caught). The calls must only read: one that asks the database is called twice. Its own
    changes flushed meanwhile are not refused (a flush cannot be interrupted), nor guarded.
    On SQLite a failed statement leaves the transaction as it was: the calls are simply made.
    """

    def __init__(self, sess: Session):
        self.sess = sess
        self.refusing = self.tried = False
        self.sent = self.answered = 0
        self.guarding = sess.get_bind().dialect.name != "sqlite"

    def __enter__(self) -> SavepointIfAsked:
        if not self.guarding:
            return self
        if self.sess.new or self.sess.dirty or self.sess.deleted:
            self.sess.flush()  # the changes made before: kept out of any savepoint
        self.conn = self.sess.connection()
        event.listen(self.conn, "before_cursor_execute", self._before)
        return self

    def __exit__(self, *_exc) -> None:
        if not self.guarding:
            return
        event.remove(self.conn, "before_cursor_execute", self._before)

    def _before(self, _conn, _cursor, statement, _params, context, _many) -> None:
        if self.refusing and not (context.isinsert or context.isupdate or context.isdelete):
            self.tried = True
            raise StatementRefused(statement)
        self.sent += 1

    def _after(self, *_args) -> None:
        self.answered += 1

    def call(self, call, **kwargs):
        """``call(**kwargs)``; called again under a savepoint if it tried to send a statement."""
        if not self.guarding:
            return call(**kwargs)
        self.refusing, self.tried = True, False
        try:
            result = call(**kwargs)
        except Exception:
            if not self.tried:
                raise
        finally:
            self.refusing = False
        return self._under_savepoint(call, kwargs) if self.tried else result

    def _under_savepoint(self, call, kwargs):
        self.sent = self.answered = 0
        event.listen(self.conn, "after_cursor_execute", self._after)
        try:  # released on leaving the block, rolled back if the call raises
            with self.sess.begin_nested() as savepoint:
                result = call(**kwargs)
                if self.answered < self.sent:  # a statement the call caught: maybe aborted
                    savepoint.rollback()
        finally:
            event.remove(self.conn, "after_cursor_execute", self._after)
        return result
