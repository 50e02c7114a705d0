"""PostgreSQL connections kept in good use: pinged only when in doubt, and their prepared
statements kept from one request to the next.

Both are about what every request pays before its own work. psycopg prepares a statement on
the server once a connection has sent it five times, so the server stops planning it again;
SQLAlchemy's ``pool_pre_ping`` added a round trip before each request's first statement.
"""

from __future__ import annotations

import select
import time

from sqlalchemy import event, exc as sa_exc
from sqlalchemy.engine import Engine


def configure(engine: Engine) -> None:
    """Apply both to a PostgreSQL engine (``core.db.make_engine``)."""
    _ping_when_in_doubt(engine)
    _keep_prepared_across_rollbacks(engine)


def _keep_prepared_across_rollbacks(engine: Engine) -> None:
    """End a transaction by rollback without psycopg forgetting its prepared statements.

    psycopg's ``rollback()`` forgets every statement it prepared on the connection (and asks
    the server to deallocate them), in case the transaction created or dropped what they
    name. Every read-only page ends its transaction by a rollback, so nothing stayed
    prepared and the server planned every statement of every page again: measured on the
    10,000-person bench, 0.6 ms of a signed-in redirect's 1.7, a quarter of a search or a
    day's agenda. The session's statement alone took 0.4 ms to plan for 0.1 ms to run.

    Here the ROLLBACK is sent just before SQLAlchemy asks psycopg for it; psycopg then finds
    the connection idle and has nothing to do. A statement prepared inside the rolled-back
    transaction still exists on the server (PostgreSQL's prepared statements belong to the
    connection, not the transaction), and the server plans again by itself any statement
    whose tables changed. A DROP or ALTER sent on the connection still makes psycopg forget
    them all, as before. If this ROLLBACK fails (the connection lost), the connection is not
    idle and psycopg's own rollback runs and reports the error."""

    import psycopg  # here: SQLite's start-up does not import the driver

    open_states = (psycopg.pq.TransactionStatus.INTRANS, psycopg.pq.TransactionStatus.INERROR)

    @event.listens_for(engine, "rollback")
    def _rollback_keeping_prepared(connection):
        if connection.invalidated or connection.closed:
            return
        dbapi_connection = connection.connection.dbapi_connection
        if dbapi_connection is None or dbapi_connection.pgconn.transaction_status not in open_states:
            return
        try:
            dbapi_connection.pgconn.exec_(b"ROLLBACK")  # libpq waits, the GIL released
        except psycopg.Error:
            return  # psycopg's own rollback runs next, and reports it


#: seconds a pooled connection may rest before it is pinged on its next use: longer than any
#: busy worker's gap between two requests, shorter than a database host takes to come back
PING_AFTER_IDLE = 10.0


def _ping_when_in_doubt(engine: Engine) -> None:
    """A pooled connection is pinged before use only if it may be dead: it rested longer than
    :data:`PING_AFTER_IDLE`, or the server sent it something while it rested (a restarting
    PostgreSQL, ``pg_terminate_backend`` or an idle timeout send their reason, then close it).

    SQLAlchemy's ``pool_pre_ping`` pinged before every request: a round trip (and its share
    of the request's CPU) that a busy worker's connection, used a moment ago, never needed.
    A failed ping invalidates the pool, as ``pool_pre_ping`` did, and the request goes on
    with a new connection (SQLAlchemy's documented checkout recipe)."""

    @event.listens_for(engine, "checkin")
    def _resting(_dbapi_connection, record):
        record.info["soin_idle_since"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _ping_if_in_doubt(dbapi_connection, record, _proxy):
        since = record.info.get("soin_idle_since")
        if since is None:
            return  # just connected
        if time.monotonic() - since <= PING_AFTER_IDLE and not _has_news(dbapi_connection):
            return
        try:
            engine.dialect.do_ping(dbapi_connection)
        except engine.dialect.loaded_dbapi.Error as error:
            raise sa_exc.InvalidatePoolError(str(error)) from error


def _has_news(dbapi_connection) -> bool:
    """Whether a resting connection's socket has something to read, or is closed: a healthy
    one has nothing (the server speaks only when asked). Without ``poll``: always."""
    if getattr(dbapi_connection, "closed", False) or not hasattr(select, "poll"):
        return True
    try:
        poller = select.poll()
        poller.register(dbapi_connection.fileno(), select.POLLIN | select.POLLPRI)
    except Exception:  # noqa: BLE001 (no socket to ask: ping, as before)
        return True
    return bool(poller.poll(0))
