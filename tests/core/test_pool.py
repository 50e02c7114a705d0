"""A pooled PostgreSQL connection is pinged before use only when it may be dead
(``core.pg_connections._ping_when_in_doubt``); one the server closed meanwhile never costs a request."""

from __future__ import annotations

import time

import pytest
from sqlalchemy import create_engine, text

from core import db as dbmod, pg_connections

pytestmark = pytest.mark.postgresql


@pytest.fixture
def engine(soin_database_url):
    made = dbmod.make_engine(soin_database_url)
    yield made
    made.dispose()


@pytest.fixture
def pings(engine, monkeypatch):
    """The pings the engine sends, counted."""
    sent = []
    ping = engine.dialect.do_ping

    def counted(dbapi_connection):
        sent.append(dbapi_connection)
        return ping(dbapi_connection)

    monkeypatch.setattr(engine.dialect, "do_ping", counted)
    return sent


def _backend_pid(engine) -> int:
    with engine.connect() as conn:
        return conn.execute(text("SELECT pg_backend_pid()")).scalar_one()


def _terminate(url: str, pid: int) -> None:
    """What a restart does to a connection: the server says why, then closes it."""
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            assert conn.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid}).scalar()
    finally:
        admin.dispose()
    time.sleep(0.2)  # the server's message and its closing reach the socket


def test_a_connection_used_a_moment_ago_is_not_pinged(engine, pings):
    first = _backend_pid(engine)
    assert _backend_pid(engine) == first
    assert _backend_pid(engine) == first
    assert pings == []


def test_a_connection_closed_by_the_server_is_replaced_before_use(engine, pings,
                                                                  soin_database_url):
    first = _backend_pid(engine)
    _terminate(soin_database_url, first)
    with engine.connect() as conn:  # no error: the pool noticed and connected again
        assert conn.execute(text("SELECT pg_backend_pid()")).scalar_one() != first
    assert len(pings) == 1


def test_a_connection_that_rested_is_pinged(engine, pings, monkeypatch):
    first = _backend_pid(engine)
    monkeypatch.setattr(pg_connections, "PING_AFTER_IDLE", -1.0)
    assert _backend_pid(engine) == first
    assert len(pings) == 1


def test_a_page_after_the_server_closed_every_connection_answers(fresh_app, soin_database_url):
    """The pool's connections ended by the server (as by a restart) between two pages of a
    signed-in reader: the next page answers, and the reader is still signed in."""
    from core.identity.accounts import create_account
    from core.testing.factories import PASSWORD

    with fresh_app.app_context():
        sess = dbmod.session()
        create_account(sess, username="desk", display_name="Desk", password=PASSWORD,
                       roles=["reception"])
        sess.commit()
    client = fresh_app.test_client()
    client.post("/login", data={"username": "desk", "password": PASSWORD})
    assert client.get("/people").status_code == 200
    engine = fresh_app.extensions["soin_db"].engine
    admin = create_engine(soin_database_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            ended = conn.execute(text(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()")).scalar()
    finally:
        admin.dispose()
    assert ended >= 1
    time.sleep(0.2)
    assert client.get("/people").status_code == 200
    assert client.get("/people").status_code == 200
    assert engine.pool.checkedout() == 0
