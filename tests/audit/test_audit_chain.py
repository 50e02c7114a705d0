"""The audit trail: append-only, hash-chained, verified by ``soin audit verify``."""

import pytest
from sqlalchemy import select, text

from core.api import audit
from core.audit.cli import verify_command
from core.audit.models import AuditEvent
from core.audit.service import verify


def is_postgres(db):
    return db.get_bind().dialect.name == "postgresql"


def tamper(db, sql, **params):
    """Change rows behind the application's back (a superuser bypassing the trigger on PG)."""
    if is_postgres(db):
        db.execute(text("SET LOCAL session_replication_role = replica"))
    db.execute(text(sql), params)
    if is_postgres(db):
        db.execute(text("SET LOCAL session_replication_role = origin"))


@pytest.fixture
def trail(db, make_account, make_person):
    """Three events, chained, and the verify command's runner."""
    account = make_account(roles=["practitioner"], discipline="nursing")
    person = make_person()
    events = [audit(db, "chart.read", person_id=person.id, actor=account, purpose=f"visit {n}")
              for n in range(3)]
    db.commit()
    return events


def run_verify(app, *args):
    return app.test_cli_runner().invoke(verify_command, list(args))


def test_events_chain_and_verify_passes(app, db, trail):
    assert trail[1].prev_hash == trail[0].hash and trail[2].prev_hash == trail[1].hash
    _count, head, problems = verify(db)
    assert problems == [] and head == trail[-1].hash
    result = run_verify(app)
    assert result.exit_code == 0 and "audit trail intact" in result.output


def test_changed_row_is_detected(app, db, trail):
    tamper(db, "UPDATE audit_events SET purpose = 'nothing to see' WHERE id = :id", id=trail[1].id)
    db.expire_all()
    problems = verify(db)[2]
    assert [p.event_id for p in problems] == [trail[1].id]
    result = run_verify(app)
    assert result.exit_code == 1 and f"event {trail[1].id}" in result.output


def test_changed_row_with_recomputed_hash_breaks_the_next_link(db, trail):
    from core.audit.service import event_hash

    tamper(db, "UPDATE audit_events SET outcome = 'denied' WHERE id = :id", id=trail[1].id)
    db.expire_all()
    row = db.get(AuditEvent, trail[1].id)
    tamper(db, "UPDATE audit_events SET hash = :h WHERE id = :id", h=event_hash(row), id=row.id)
    db.expire_all()
    assert [p.event_id for p in verify(db)[2]] == [trail[2].id]


def test_deleted_row_is_detected(app, db, trail):
    tamper(db, "DELETE FROM audit_events WHERE id = :id", id=trail[1].id)
    db.expire_all()
    assert [p.event_id for p in verify(db)[2]] == [trail[2].id]
    assert run_verify(app).exit_code == 1


def test_deleting_the_newest_rows_is_detected_against_a_kept_head(app, db, trail):
    kept_head = run_verify(app).output.split("head ")[1].split()[0]
    assert kept_head == f"{trail[-1].id}:{trail[-1].hash}"
    tamper(db, "DELETE FROM audit_events WHERE id >= :id", id=trail[1].id)
    db.expire_all()
    assert run_verify(app).exit_code == 0  # a shorter chain is still a valid chain...
    result = run_verify(app, "--head", kept_head)  # ...but not the one we saw before
    assert result.exit_code == 1 and "end of the chain" in result.output
    assert run_verify(app, "--head", trail[0].hash).exit_code == 0


def test_a_copy_of_an_event_put_at_the_end_of_the_trail_is_detected(db, trail):
    """The hash is not indexed (nothing looks an event up by it, and the index cost every chart
    read a page of WAL): a copied event, hash and all, is stored, and the chain still names it."""
    columns = ", ".join(c.name for c in AuditEvent.__table__.columns if c.name != "id")
    tamper(db, f"INSERT INTO audit_events ({columns}) SELECT {columns} FROM audit_events "
               "WHERE id = :id", id=trail[0].id)
    copy = db.scalar(select(AuditEvent.id).order_by(AuditEvent.id.desc()).limit(1))
    assert copy > trail[-1].id
    assert [p.event_id for p in verify(db)[2]] == [copy]


def test_an_event_dated_in_another_time_zone_still_verifies(db, trail):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    at = datetime(2026, 11, 23, 9, 30, tzinfo=ZoneInfo("America/Montreal"))
    audit(db, "chart.print", person_id=trail[0].person_id, actor=None, at=at)
    db.commit()
    db.expire_all()
    assert verify(db)[2] == []


def test_event_fields(db, trail, make_person):
    event = trail[0]
    assert event.occurred_at.tzinfo is not None and event.actor_role == "practitioner"
    assert event.discipline == "nursing" and event.action == "chart.read"
    assert event.outcome == "success" and event.purpose == "visit 0" and event.emergency is False


def test_orm_refuses_to_change_or_delete_an_event(db, trail):
    trail[0].purpose = "rewritten"
    with pytest.raises(ValueError, match="cannot be changed"):
        db.flush()
    db.rollback()
    db.delete(db.get(AuditEvent, trail[0].id))
    with pytest.raises(ValueError, match="cannot be changed"):
        db.flush()
    db.rollback()


def test_database_refuses_update_delete_truncate_on_postgresql(db, trail):
    """On PostgreSQL a trigger refuses the application's raw SQL too (SQLite has no roles)."""
    if not is_postgres(db):
        return
    from sqlalchemy.exc import DBAPIError

    for statement in ("UPDATE audit_events SET purpose = 'x'", "DELETE FROM audit_events",
                      "TRUNCATE audit_events"):
        nested = db.begin_nested()
        with pytest.raises(DBAPIError, match="append-only"):
            db.execute(text(statement))
        nested.rollback()
    assert len(db.execute(select(AuditEvent)).scalars().all()) >= 3
