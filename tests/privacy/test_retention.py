"""Retention per discipline: the job lists charts past retention, the privacy officer approves
their destruction (data gone, tombstone and audit event kept, the chain still verifies), and a
chart under legal hold is never touched."""

from sqlalchemy import func, select

from core.audit.models import AuditEvent
from core.audit.service import verify
from core.identity.models import Person
from core.privacy.models import ChartDestruction, LegalHold, RetentionCandidate
from core.privacy.retention import refresh_candidates
from core.record.models import Entry, Finding
from core.registry import plugin_host
from tests.privacy.conftest import client_of
from tests.record import recordtest_plugin


def _entries(db, person):
    return db.scalar(select(func.count()).select_from(Entry).where(Entry.person_id == person.id))


def _pending(db):
    return list(db.scalars(select(RetentionCandidate).where(RetentionCandidate.status == "pending")))


def test_hook_register_retention_rules_the_longest_period_of_a_chart_decides(db, old_chart):
    due = old_chart(3)                              # recordtest keeps 2 years: due
    shared = old_chart(3)
    old_chart(3, person=shared, discipline="psychology")  # psychology keeps 5: not yet
    recent = old_chart(1)
    assert refresh_candidates(db) == 1
    assert refresh_candidates(db) == 0              # the job is idempotent
    [candidate] = _pending(db)
    assert candidate.person_id == due.id and "Test rule, art. 2" in candidate.rule
    assert {shared.id, recent.id}.isdisjoint({c.person_id for c in _pending(db)})
    no_rule = old_chart(4, discipline="unknown_discipline")  # the coop's default: 5 years
    old_chart(6, discipline="unknown_discipline", person=(gone := old_chart(6, discipline="x")))
    refresh_candidates(db)
    listed = {c.person_id for c in _pending(db)}
    assert no_rule.id not in listed and gone.id in listed


def test_hook_chart_destroyed_officer_approves_and_the_audit_chain_still_verifies(
        app, db, old_chart, officer, make_person):
    person = old_chart(3)
    db.add(Finding(entry_id=db.scalar(select(Entry.id).where(Entry.person_id == person.id)),
                   person_id=person.id, protocol_id="recordtest.bp", severity="info",
                   message="m"))
    kept = old_chart(0.5)
    db.commit()
    refresh_candidates(db)
    db.commit()
    [candidate] = _pending(db)
    web = client_of(app, officer)
    page = web.get("/privacy/retention").get_data(as_text=True)
    assert person.full_name in page and "Test rule, art. 2" in page
    # without the confirmation nothing happens
    web.post(f"/privacy/retention/{candidate.id}/destroy", data={})
    assert _entries(db, person) == 1
    response = web.post(f"/privacy/retention/{candidate.id}/destroy", data={"confirm": "1"})
    assert response.status_code == 302
    db.expire_all()
    assert _entries(db, person) == 0 and _entries(db, kept) == 1
    assert db.scalar(select(func.count()).select_from(Finding).where(
        Finding.person_id == person.id)) == 0
    assert db.get(Person, person.id) is not None          # the person (a member) stays
    assert recordtest_plugin.DESTROYED == [person.id]
    tomb = db.scalar(select(ChartDestruction))
    assert tomb.person_id == person.id and tomb.destroyed_by_id == officer.id
    assert tomb.rows["record_entries"] == 1 and tomb.rows["recordtest_rows"] == 3
    assert "Test rule" in tomb.rule
    event = db.get(AuditEvent, tomb.audit_event_id)
    assert event.action == "chart.destroy" and event.person_id == person.id
    count, _head, problems = verify(db)
    assert problems == [] and count >= 2
    assert "Olga Officière" in web.get("/privacy/retention").get_data(as_text=True)
    # twice is refused (409), nothing more happens
    again = web.post(f"/privacy/retention/{candidate.id}/destroy", data={"confirm": "1"})
    assert again.status_code == 302
    assert db.scalar(select(func.count()).select_from(ChartDestruction)) == 1


def test_a_chart_under_legal_hold_is_never_listed_nor_destroyed(app, db, old_chart, officer):
    person = old_chart(3)
    refresh_candidates(db)
    db.commit()
    [candidate] = _pending(db)
    # a hold written straight in the table, the candidate still pending: destroy refuses
    db.add(LegalHold(person_id=person.id, reason="Poursuite 500-17-000000-261"))
    db.commit()
    web = client_of(app, officer)
    web.post(f"/privacy/retention/{candidate.id}/destroy", data={"confirm": "1"})
    db.expire_all()
    assert _entries(db, person) == 1 and db.scalar(select(ChartDestruction)) is None
    refresh_candidates(db)
    db.commit()
    assert _pending(db) == []                           # held: no longer listed
    hold = db.scalar(select(LegalHold))
    assert web.post(f"/privacy/holds/{hold.id}/lift", data={"lift_reason": ""}).status_code == 302
    db.expire_all()
    assert hold.lifted_at is None                       # a reason is required
    web.post(f"/privacy/holds/{hold.id}/lift", data={"lift_reason": "Jugement rendu"})
    db.expire_all()
    assert hold.lifted_at is not None and hold.lift_reason == "Jugement rendu"
    refresh_candidates(db)
    assert [c.person_id for c in _pending(db)] == [person.id]


def test_setting_a_hold_from_the_page_takes_the_chart_off_the_list(app, db, old_chart, officer):
    person = old_chart(3)
    refresh_candidates(db)
    db.commit()
    web = client_of(app, officer)
    assert web.post("/privacy/holds", data={"person_id": person.id, "reason": ""}).status_code == 422
    assert web.post("/privacy/holds", data={"person_id": "x", "reason": "r"}).status_code == 422
    assert web.post("/privacy/holds", data={"person_id": 99999999, "reason": "r"}).status_code == 422
    assert db.scalar(select(LegalHold)) is None
    assert web.post("/privacy/holds", data={"person_id": person.id,
                                            "reason": "Demande de la CAI"}).status_code == 302
    db.expire_all()
    assert _pending(db) == []
    assert web.post("/privacy/holds", data={"person_id": person.id,
                                            "reason": "again"}).status_code == 422
    events = db.scalars(select(AuditEvent.action).where(AuditEvent.person_id == person.id)).all()
    assert "chart.hold" in events


def test_a_failing_plugin_or_a_new_entry_cancels_the_destruction(app, db, old_chart, officer,
                                                                 nurse):
    from core.api import record_entry

    person = old_chart(3)
    refresh_candidates(db)
    db.commit()
    [candidate] = _pending(db)
    web = client_of(app, officer)
    recordtest_plugin.DESTROY_FAILS["error"] = RuntimeError("disk on fire")
    web.post(f"/privacy/retention/{candidate.id}/destroy", data={"confirm": "1"})
    recordtest_plugin.DESTROY_FAILS["error"] = None
    page = web.get("/privacy/retention").get_data(as_text=True)
    assert "recordtest" in page and "Rien n’a été supprimé" in page
    db.expire_all()
    assert _entries(db, person) == 1 and db.scalar(select(ChartDestruction)) is None
    record_entry(db, person=person, form_id="recordtest.vitals", payload={"systolic": 120},
                 author=nurse)
    db.commit()
    web.post(f"/privacy/retention/{candidate.id}/destroy", data={"confirm": "1"})
    db.expire_all()
    assert _entries(db, person) == 2 and db.scalar(select(ChartDestruction)) is None


def test_only_the_privacy_officer_reaches_retention(app, db, login, client, old_chart):
    person = old_chart(3)
    refresh_candidates(db)
    db.commit()
    [candidate] = _pending(db)
    login(role="admin")
    assert client.get("/privacy/retention").status_code == 403
    assert client.post(f"/privacy/retention/{candidate.id}/destroy",
                       data={"confirm": "1"}).status_code == 403
    assert client.post("/privacy/holds", data={"person_id": person.id,
                                               "reason": "r"}).status_code == 403
    db.expire_all()
    assert _entries(db, person) == 1


def test_every_table_pointing_at_chart_rows_is_emptied_by_its_plugin(app, db, make_person):
    """A plugin table that references an entry, a task or a finding would make a destruction
    fail on its foreign key: its plugin's ``chart_destroyed`` must name it."""
    from core.db import Base

    person = make_person()
    host = plugin_host(app)
    named: set[str] = set()
    for _name, call in host.implementations("chart_destroyed", active_only=False):
        named |= set(call(person=person, session=db) or {})
    chart_tables = {"record_entries", "record_actions", "record_findings"}
    pointing = {t.name for t in Base.metadata.sorted_tables if not t.name.startswith("record_")
                and any(fk.column.table.name in chart_tables for fk in t.foreign_keys)}
    assert pointing and pointing <= named
