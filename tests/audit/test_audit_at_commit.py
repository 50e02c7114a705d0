"""An audit event joins the chain when its transaction commits: the chain's lock is held for
the insert and the commit only, and what a rollback undoes never reaches the trail."""

import pytest
from sqlalchemy import func, select, text

from core.api import audit
from core.audit.models import AuditEvent
from core.audit.service import CHAIN_LOCK, verify


def count(db, action):
    return db.scalar(select(func.count()).select_from(AuditEvent)
                     .where(AuditEvent.action == action))


def test_an_event_is_in_the_trail_once_committed_and_the_chain_holds(db, make_person):
    person = make_person()
    before = count(db, "chart.read")
    first = audit(db, "chart.read", person_id=person.id)
    second = audit(db, "chart.print", person_id=person.id)
    db.commit()
    assert count(db, "chart.read") == before + 1
    assert second.prev_hash == first.hash and first.id < second.id
    assert verify(db)[2] == []


def test_an_event_asked_for_now_has_its_id_at_once(db, make_person):
    """A caller that keeps the event's id (a chart's destruction record) gets it linked now."""
    person = make_person()
    event = audit(db, "chart.destroy", person_id=person.id, now=True)
    assert event.id is not None and event.hash
    db.commit()
    assert verify(db)[2] == []


def test_reading_the_trail_before_the_commit_sees_the_event(db, make_person):
    person = make_person()
    audit(db, "audit.read", person_id=person.id)
    rows = db.scalars(select(AuditEvent).where(AuditEvent.person_id == person.id)).all()
    assert [r.action for r in rows] == ["audit.read"] and rows[0].hash


def test_a_rolled_back_savepoint_takes_its_event_with_it(db, make_person):
    person = make_person()
    audit(db, "chart.read", person_id=person.id, purpose="kept")
    savepoint = db.begin_nested()
    audit(db, "chart.read", person_id=person.id, purpose="undone")
    savepoint.rollback()
    kept_inside = db.begin_nested()
    audit(db, "chart.read", person_id=person.id, purpose="kept too")
    kept_inside.commit()
    db.commit()
    purposes = db.scalars(select(AuditEvent.purpose).where(AuditEvent.person_id == person.id)
                          .order_by(AuditEvent.id)).all()
    assert purposes == ["kept", "kept too"]


def test_a_rolled_back_transaction_leaves_no_event(db, make_person):
    person = make_person()
    db.commit()
    audit(db, "chart.read", person_id=person.id)
    db.rollback()
    db.commit()
    assert count_for(db, person.id) == 0


def count_for(db, person_id):
    return db.scalar(select(func.count()).select_from(AuditEvent)
                     .where(AuditEvent.person_id == person_id))


@pytest.mark.postgresql  # SQLite serialises every writer from BEGIN IMMEDIATE: no lock to see
def test_on_postgresql_the_chain_lock_waits_for_the_commit(db, make_person):
    """Between the audited read and its commit (the rest of the page), no lock is held."""
    held = text("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND objid = :k "
                "AND pid = pg_backend_pid()")
    person = make_person()
    audit(db, "chart.read", person_id=person.id)
    assert db.scalar(held, {"k": CHAIN_LOCK}) == 0
    db.commit()
    assert count_for(db, person.id) == 1
