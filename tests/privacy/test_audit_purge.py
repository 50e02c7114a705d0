"""The audit trail outlives the charts it covers, then lets them go: a destroyed chart's events
stay whole for the keep period after the destruction, then who and what they were about is
erased in place (hashes kept, a checkpoint recorded); the chain still verifies, the anchors
still match, nothing under legal hold and nothing after the destruction is touched."""

from datetime import timedelta

import pytest
from sqlalchemy import select, update

from core.api import audit
from core.audit.anchors import take_anchor
from core.audit.cli import purge_command, verify_command
from core.audit.models import AuditEvent, AuditPurge
from core.audit.purge import due, purge
from core.audit.service import verify
from core.db import utcnow
from core.privacy.models import ChartDestruction, RetentionCandidate
from core.privacy.retention import destroy, refresh_candidates, set_hold
from tests.audit.test_audit_chain import tamper
from tests.privacy.conftest import client_of

LATER = timedelta(days=round(365.25 * 5) + 2)


@pytest.fixture
def destroyed(db, old_chart, nurse, officer):
    """``destroyed()``: a chart read a few times, then destroyed; returns (person, tombstone)."""
    def _destroy():
        person = old_chart(3)
        for n in range(3):
            audit(db, "chart.read", person_id=person.id, actor=nurse, purpose=f"visite {n}")
        db.commit()
        refresh_candidates(db)
        candidate = db.scalars(select(RetentionCandidate).where(
            RetentionCandidate.person_id == person.id,
            RetentionCandidate.status == "pending")).one()
        tombstone = destroy(db, candidate, by=officer)
        db.commit()
        return person, tombstone
    return _destroy


def _events(db, person_id=None, purged=None):
    query = select(AuditEvent).order_by(AuditEvent.id)
    if person_id is not None:
        query = query.where(AuditEvent.person_id == person_id)
    if purged is not None:
        query = query.where(AuditEvent.purge_id.is_not(None) if purged else
                            AuditEvent.purge_id.is_(None))
    db.expire_all()
    return db.scalars(query).all()


def test_purge_after_the_keep_period_and_the_chain_still_verifies(
        app, db, destroyed, nurse, make_person):
    person, tombstone = destroyed()
    before = len(_events(db, person.id))
    living = make_person()
    audit(db, "chart.read", person_id=living.id, actor=nurse, purpose="suivi")
    audit(db, "chart.read", person_id=person.id, actor=nurse, purpose="returned after")
    db.commit()
    anchor = take_anchor(db)
    db.commit()
    assert due(db) == [] and purge(db, by="test") is None  # the keep period runs
    [chart] = due(db, utcnow() + LATER)
    assert chart.person_id == person.id and chart.events == before - 1
    checkpoint = purge(db, by="test", now=utcnow() + LATER)
    db.commit()
    assert checkpoint.event_count == before - 1 and checkpoint.person_ids == [person.id]
    # whom and what is gone from the purged events; their time, action and hashes stay
    erased = _events(db, purged=True)
    assert len(erased) == before - 1
    assert all(e.person_id is None and e.purpose == "" and e.detail is None for e in erased)
    assert all(e.action and e.occurred_at and e.hash for e in erased)
    # the destruction's own event, and what came after, are whole
    kept = _events(db, person.id)
    assert [e.id for e in kept if e.action == "chart.destroy"] == [tombstone.audit_event_id]
    assert any(e.purpose == "returned after" for e in kept)
    assert [e.purpose for e in _events(db, living.id)] == ["suivi"]
    count, _head, problems = verify(db)
    assert problems == [] and count == len(_events(db))
    result = app.test_cli_runner().invoke(verify_command, [])
    assert result.exit_code == 0 and "audit trail intact" in result.output
    assert db.get(type(anchor), anchor.id).event_count <= count  # the anchor still matches
    assert purge(db, by="test", now=utcnow() + LATER) is None  # nothing twice


def test_nothing_under_legal_hold_is_purged(db, destroyed, officer):
    held, _tombstone = destroyed()
    other, _ = destroyed()
    set_hold(db, held.id, "Demande de la Commission d'accès à l'information", by=officer)
    db.commit()
    whole = [e.id for e in _events(db, held.id)]
    checkpoint = purge(db, by="test", now=utcnow() + LATER)
    db.commit()
    assert checkpoint.person_ids == [other.id]
    assert [e.id for e in _events(db, held.id)] == whole and _events(db, other.id)
    assert all(e.purge_id is None for e in _events(db, held.id))
    assert verify(db)[2] == []


def test_a_row_changed_after_the_purge_or_marked_purged_by_hand_is_a_break(db, destroyed,
                                                                         make_person, nurse):
    destroyed()
    victim = make_person()
    event = audit(db, "chart.read", person_id=victim.id, actor=nurse, purpose="vraie raison")
    db.commit()
    checkpoint = purge(db, by="test", now=utcnow() + LATER)
    db.commit()
    # someone edits an intact event and marks it purged, to hide the change
    tamper(db, "UPDATE audit_events SET purpose = 'autre chose', purge_id = :p WHERE id = :id",
           p=checkpoint.id, id=event.id)
    db.commit()
    db.expire_all()
    messages = [p.message for p in verify(db)[2]]
    assert any(f"purge {checkpoint.id}" in m and "no longer match" in m for m in messages)
    # or invents a purge to cover it
    tamper(db, "UPDATE audit_events SET purge_id = 999 WHERE id = :id", id=event.id)
    db.commit()
    db.expire_all()
    assert any("purge 999, which has no checkpoint" in p.message for p in verify(db)[2])


def test_a_forged_checkpoint_is_caught_by_its_signature(app, db, destroyed):
    app.config["SOIN_AUDIT_KEY"] = "held-outside-the-database"
    try:
        destroyed()
        checkpoint = purge(db, by="test", now=utcnow() + LATER)
        db.commit()
        assert len(checkpoint.signature) == 64
        assert verify(db, audit_key=app.config["SOIN_AUDIT_KEY"])[2] == []
        tamper(db, "UPDATE audit_purges SET event_count = event_count + 1 WHERE id = :id",
               id=checkpoint.id)
        db.commit()
        db.expire_all()
        messages = [p.message for p in verify(db, audit_key=app.config["SOIN_AUDIT_KEY"])[2]]
        assert any("signature does not match" in m for m in messages)
    finally:
        app.config["SOIN_AUDIT_KEY"] = None


def test_soin_audit_purge_and_the_officers_page(app, db, destroyed, officer):
    person, tombstone = destroyed()
    web = client_of(app, officer)
    page = web.get("/privacy/retention").get_data(as_text=True)
    assert 'id="audit-retention"' in page and "5 ans après sa destruction" in page
    assert 'id="audit-purge-due"' not in page
    runner = app.test_cli_runner()
    assert "nothing to purge" in runner.invoke(purge_command, []).output
    # five years later (the tombstone moved back in time, as a test can)
    db.execute(update(ChartDestruction).where(ChartDestruction.id == tombstone.id)
               .values(destroyed_at=utcnow() - LATER))
    db.commit()
    page = web.get("/privacy/retention").get_data(as_text=True)
    assert 'id="audit-purge-due"' in page and "soin audit purge" in page
    dry = runner.invoke(purge_command, ["--dry-run"])
    assert dry.exit_code == 0 and f"person {person.id}" in dry.output
    assert db.scalar(select(AuditPurge)) is None
    done = runner.invoke(purge_command, [])
    assert done.exit_code == 0 and "erased, hashes kept" in done.output, done.output
    assert runner.invoke(verify_command, []).exit_code == 0
    db.expire_all()
    assert db.scalars(select(AuditEvent).where(AuditEvent.action == "audit.purge")).one()
    page = web.get("/privacy/retention").get_data(as_text=True)
    assert 'id="audit-purge-due"' not in page and "non signé" in page


def test_the_coop_chooses_the_keep_period_never_under_three_years(app, db, destroyed):
    person, _tombstone = destroyed()
    three = timedelta(days=round(365.25 * 3) + 2)
    app.config["SOIN_AUDIT_KEEP_YEARS"] = 3
    try:
        assert [d.person_id for d in due(db, utcnow() + three)] == [person.id]
        app.config["SOIN_AUDIT_KEEP_YEARS"] = 1   # below the limitation period: 3 all the same
        assert due(db, utcnow() + timedelta(days=400)) == []
        assert [d.person_id for d in due(db, utcnow() + three)] == [person.id]
    finally:
        app.config["SOIN_AUDIT_KEEP_YEARS"] = 5
