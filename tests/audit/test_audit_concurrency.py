"""Writers from several threads at once never fork the audit chain (real commits)."""

import threading

import pytest
from sqlalchemy import text

pytestmark = pytest.mark.concurrency


def test_concurrent_writers_keep_one_chain(fresh_app):
    from core import db as dbmod
    from core.audit.service import audit, verify

    errors = []

    def writer(n):
        try:
            for i in range(8):
                with fresh_app.app_context():
                    sess = dbmod.session()
                    audit(sess, "chart.read", person_id=n, purpose=f"thread {n} event {i}")
                    sess.commit()
        except Exception as exc:  # reported below: a fork shows as a unique-hash violation
            errors.append(repr(exc))

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    try:
        with fresh_app.app_context():
            count, _head, problems = verify(dbmod.session())
        assert errors == [] and problems == [] and count == 32
    finally:
        _empty_trail(fresh_app)


@pytest.mark.postgresql
def test_a_writer_waiting_for_the_lock_links_to_the_event_committed_meanwhile(fresh_app):
    """PostgreSQL in READ COMMITTED: a statement reads from a snapshot taken when it starts, so
    an append whose head read came from the statement that waited for the chain's lock would
    link to the head as it was before the lock holder committed (a fork). The second writer
    here starts while the first holds the lock, and must link to the first's event."""
    from core import db as dbmod
    from core.audit.service import audit, link_pending, verify

    engine = fresh_app.extensions["soin_db"].engine
    second: dict = {}
    try:
        with fresh_app.app_context():
            sess = dbmod.session()
            first = audit(sess, "chart.read", person_id=1, purpose="first")
            link_pending(sess)  # the lock is held, the event inserted, not yet committed
            thread = _start_waiting_writer(fresh_app, engine, second)
            sess.commit()
        thread.join(timeout=30)
        assert "error" not in second and second["event"].prev_hash == first.hash
        with fresh_app.app_context():
            count, head, problems = verify(dbmod.session())
        assert problems == [] and count == 2 and head == second["event"].hash
    finally:
        _empty_trail(fresh_app)


@pytest.mark.postgresql
def test_an_event_s_id_is_drawn_once_the_chain_s_lock_is_held(fresh_app):
    """The chain is verified in id order: a writer that drew its event's id before waiting for
    the lock would sit before the event it links to (the id drawn while another writer held
    the lock and had not drawn its own yet)."""
    from core import db as dbmod
    from core.audit.service import CHAIN_LOCK, audit, verify

    engine = fresh_app.extensions["soin_db"].engine
    second: dict = {}
    try:
        with fresh_app.app_context():
            sess = dbmod.session()
            sess.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": CHAIN_LOCK})
            thread = _start_waiting_writer(fresh_app, engine, second)
            first = audit(sess, "chart.read", person_id=1, purpose="first")
            sess.commit()  # links and inserts the first event, then lets the second go
        thread.join(timeout=30)
        assert "error" not in second and second["event"].prev_hash == first.hash
        assert second["event"].id > first.id
        with fresh_app.app_context():
            assert verify(dbmod.session())[2] == []
    finally:
        _empty_trail(fresh_app)


def _start_waiting_writer(app, engine, second: dict) -> threading.Thread:
    """Start a second writer (a thread auditing one chart read and committing, its event or
    the error it met kept in ``second``) and wait until it waits for the chain's lock."""
    from core import db as dbmod
    from core.audit.service import audit

    def write():
        try:
            with app.app_context():
                sess = dbmod.session()
                second["event"] = audit(sess, "chart.read", person_id=2, purpose="second")
                sess.commit()
        except Exception as exc:  # reported by the test
            second["error"] = repr(exc)

    thread = threading.Thread(target=write)
    thread.start()
    assert _waits_for_the_lock(engine), "the second writer never waited for the lock"
    return thread


def _waits_for_the_lock(engine, seconds: float = 20.0) -> bool:
    """Whether a connection to this database is seen waiting for an advisory lock within
    ``seconds``."""
    import time

    deadline = time.monotonic() + seconds
    with engine.connect() as conn:
        while time.monotonic() < deadline:
            # this test's database only: pg_locks shows the whole server's
            if conn.scalar(text("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' "
                                "AND NOT granted AND database = (SELECT oid FROM pg_database "
                                "WHERE datname = current_database())")):
                return True
            conn.rollback()
            time.sleep(0.05)
    return False


def _empty_trail(app):
    """Leave no rows: on PostgreSQL the append-only trigger would refuse the fixture's DELETE,
    so the test removes them the way only a superuser can (bypassing triggers)."""
    engine = app.extensions["soin_db"].engine
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SET LOCAL session_replication_role = replica"))
        conn.execute(text("DELETE FROM audit_events"))
