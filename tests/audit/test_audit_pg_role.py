"""PostgreSQL: an application role that does not own the tables cannot rewrite the audit trail.

The trigger of the record migration refuses UPDATE, DELETE and TRUNCATE from any role. Only a
table owner (or a superuser) may disable or drop that trigger, so production serves the
application as a role holding table privileges only (README: "PostgreSQL in production").
This test grants such a role every table privilege there is and shows that it still cannot.
"""

import uuid

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

REFUSED = {
    "UPDATE audit_events SET purpose = 'rewritten'": "append-only",
    "DELETE FROM audit_events": "append-only",
    "TRUNCATE audit_events": "append-only",
    "ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only": "must be owner",
    "DROP TRIGGER audit_events_append_only ON audit_events": "must be owner",
    "DROP TABLE audit_events": "must be owner",
    # the purge's checkpoints are guarded like the events (core.audit.purge)
    "TRUNCATE audit_purges": "append-only",
    "ALTER TABLE audit_purges DISABLE TRIGGER audit_purges_append_only": "must be owner",
}


@pytest.fixture
def app_role(db):
    """(owner engine, application-role engine) with one committed audit row to aim at.

    SQLite has no roles: the ORM guard and the hash chain protect it there (tests marked
    ``postgresql`` are deselected on SQLite).
    """
    url = db.get_bind().engine.url
    owner = create_engine(url, isolation_level="AUTOCOMMIT")
    role = f"soin_app_{uuid.uuid4().hex[:8]}"
    marker = f"probe-{role}"
    with owner.connect() as conn:
        conn.execute(text(f'CREATE ROLE "{role}" LOGIN'))
        conn.execute(text(f'GRANT ALL PRIVILEGES ON ALL TABLES IN SCHEMA public TO "{role}"'))
        conn.execute(text(f'GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO "{role}"'))
        conn.execute(text("INSERT INTO audit_events (occurred_at, actor_label, actor_role, "
                          "discipline, action, outcome, purpose, emergency, source_address, "
                          "prev_hash, hash) VALUES (now(), '', '', '', 'chart.read', 'success', "
                          "'probe', false, '', '', :h)"), {"h": marker})
    served = create_engine(make_url(url).set(username=role, password=None))
    yield owner, served, marker
    served.dispose()
    with owner.connect() as conn:
        conn.execute(text("SET session_replication_role = replica"))  # superuser clean-up
        conn.execute(text("DELETE FROM audit_events WHERE hash = :h"), {"h": marker})
        conn.execute(text(f'DROP OWNED BY "{role}"'))
        conn.execute(text(f'DROP ROLE "{role}"'))
    owner.dispose()


@pytest.mark.postgresql
def test_application_role_cannot_change_delete_or_unguard_audit_rows(app_role):
    owner, served, marker = app_role
    with served.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM audit_events WHERE hash = :h"),
                            {"h": marker}).scalar() == 1
        conn.rollback()
        for statement, why in REFUSED.items():
            with pytest.raises(DBAPIError, match=why):
                conn.execute(text(statement))
            conn.rollback()
    with owner.connect() as conn:
        row = conn.execute(text("SELECT purpose FROM audit_events WHERE hash = :h"),
                           {"h": marker}).one()
    assert row.purpose == "probe"


@pytest.mark.postgresql
def test_application_role_cannot_purge_the_trail_only_the_owner_can(app_role):
    """``soin audit purge`` lifts the trigger inside its transaction: the application's role
    is told it must be the owner, and nothing changes."""
    from sqlalchemy.orm import Session

    from core.audit.purge import _erase

    owner, served, marker = app_role
    with Session(served) as session:
        event_id = session.execute(text("SELECT id FROM audit_events WHERE hash = :h"),
                                   {"h": marker}).scalar()
        with pytest.raises(DBAPIError, match="must be owner"):
            _erase(session, [event_id], 1)
        session.rollback()
    with owner.connect() as conn:
        row = conn.execute(text("SELECT purpose, purge_id FROM audit_events WHERE hash = :h"),
                           {"h": marker}).one()
    assert row.purpose == "probe" and row.purge_id is None
