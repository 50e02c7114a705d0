"""A statement psycopg prepared stays prepared when a transaction ends by rollback, as every
read-only page's does (``core.pg_connections._keep_prepared_across_rollbacks``), and the
rollback still undoes what the transaction wrote."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from core import db as dbmod

pytestmark = pytest.mark.postgresql

#: psycopg prepares a statement the sixth time a connection sends it (prepare_threshold 5)
PREPARED_AFTER = 6
QUESTION = text("SELECT count(*) FROM soin_kept WHERE n <> :n")


@pytest.fixture
def conn(soin_database_url):
    engine = dbmod.make_engine(soin_database_url)
    with engine.connect() as connection:
        connection.execute(text("CREATE TEMP TABLE soin_kept (n int)"))
        connection.commit()
        yield connection
    engine.dispose()


def _times_run_prepared(conn) -> int:
    """How many times the server ran the question as a prepared statement (0: not prepared)."""
    runs = conn.execute(text(
        "SELECT generic_plans + custom_plans FROM pg_prepared_statements"
        " WHERE statement LIKE 'SELECT count(*) FROM soin_kept%'")).scalar()
    conn.rollback()
    return runs or 0


def _ask(conn, times: int = 1) -> None:
    for _ in range(times):
        conn.execute(QUESTION, {"n": 0})


def test_a_statement_prepared_before_a_rollback_is_still_used_after_it(conn):
    _ask(conn, PREPARED_AFTER)
    conn.rollback()
    prepared = _times_run_prepared(conn)
    assert prepared >= 1
    _ask(conn)
    conn.rollback()
    _ask(conn)
    assert _times_run_prepared(conn) == prepared + 2  # not prepared again: the same one ran


def test_a_rollback_still_undoes_the_transaction(conn):
    _ask(conn, PREPARED_AFTER)
    conn.execute(text("INSERT INTO soin_kept VALUES (1), (2)"))
    conn.rollback()
    assert conn.execute(text("SELECT count(*) FROM soin_kept")).scalar() == 0


def test_a_failed_transaction_is_rolled_back_and_the_connection_goes_on(conn):
    _ask(conn, PREPARED_AFTER)
    conn.execute(text("INSERT INTO soin_kept VALUES (1)"))
    with pytest.raises(DBAPIError):
        conn.execute(text("SELECT 1 / 0"))
    conn.rollback()
    assert conn.execute(text("SELECT count(*) FROM soin_kept")).scalar() == 0
    prepared = _times_run_prepared(conn)
    _ask(conn)
    assert _times_run_prepared(conn) == prepared + 1

