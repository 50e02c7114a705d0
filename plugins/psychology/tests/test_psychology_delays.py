"""Delayed access: a psychologist may delay the member's access to one entry, for a written
reason of serious harm; the delay is recorded, can end on a date or be lifted."""

from datetime import date, timedelta
from types import SimpleNamespace

import pytest

from core.coop_time import today as coop_today

from plugins.psychology.access import decide
from plugins.psychology.models import AccessDelay

REASON = "Reading the hypotheses now, alone, would likely deepen the crisis she is in."
EVALUATION = {"sources": "Three interviews", "facts": "Sleeps 4 hours; PHQ-9 total 19.",
              "impressions": "Hypothesis: major depressive episode.",
              "conclusions": "Weekly follow-up."}


@pytest.fixture
def evaluation(write):
    return write("psychology.evaluation", EVALUATION)


@pytest.fixture
def plan(write):
    return write("psychology.intervention_plan", {"objectives": "Sleep better",
                                                  "approach": "CBT for insomnia"})


def portal(client, login, member_account):
    client.post("/logout")
    login(member_account)
    return client.get("/portal/record").get_data(as_text=True)


def delay(client, person, entry, **data):
    return client.post(f"/p/psychology/people/{person.id}/entries/{entry.id}/delay", data=data)


def test_a_delayed_entry_leaves_the_portal_and_the_rest_stays(
        client, login, db, evaluation, plan, psychologist, member_account, client_person):
    assert "évaluation" in portal(client, login, member_account)
    client.post("/logout")
    login(psychologist)
    response = delay(client, client_person, evaluation, reason=REASON)
    assert response.status_code == 302
    page = client.get(f"/p/psychology/people/{client_person.id}/access").get_data(as_text=True)
    assert "Accès différé depuis" in page and REASON in page

    shown = portal(client, login, member_account)
    assert "Votre psychologue a rédigé une évaluation" not in shown
    assert "Votre plan d’intervention" in shown
    export = client.get("/portal/export.fhir.json").get_data(as_text=True)
    assert "Hypothesis" not in export


def test_a_delay_needs_a_written_reason_and_nothing_is_recorded_without_one(
        client, login, db, evaluation, psychologist, member_account, client_person):
    login(psychologist)
    response = delay(client, client_person, evaluation, reason="too short")
    assert response.status_code == 422
    assert "préjudice grave" in response.get_data(as_text=True)
    assert db.query(AccessDelay).count() == 0
    assert "Votre psychologue a rédigé une évaluation" in portal(client, login, member_account)


def test_a_bad_or_past_end_date_is_refused(client, login, db, evaluation, psychologist,
                                           client_person):
    login(psychologist)
    assert delay(client, client_person, evaluation, reason=REASON,
                 until="someday").status_code == 422
    yesterday = (coop_today() - timedelta(days=1)).isoformat()
    assert delay(client, client_person, evaluation, reason=REASON,
                 until=yesterday).status_code == 422
    assert db.query(AccessDelay).count() == 0


def test_lifting_a_delay_gives_the_entry_back_and_keeps_the_record(
        client, login, db, evaluation, psychologist, member_account, client_person):
    login(psychologist)
    delay(client, client_person, evaluation, reason=REASON)
    made = db.query(AccessDelay).one()
    response = client.post(f"/p/psychology/people/{client_person.id}/delays/{made.id}/lift")
    assert response.status_code == 302
    page = client.get(f"/p/psychology/people/{client_person.id}/access").get_data(as_text=True)
    assert "terminé" in page and REASON in page
    assert "Votre psychologue a rédigé une évaluation" in portal(client, login, member_account)
    db.expire_all()
    assert db.query(AccessDelay).one().lifted_by_id == psychologist.id


def test_a_delay_covers_later_amendments_of_the_entry(
        client, login, db, evaluation, psychologist, member_account, client_person):
    from core.api import amend_entry

    login(psychologist)
    delay(client, client_person, evaluation, reason=REASON)
    amend_entry(db, evaluation, author=psychologist, reason="clarified",
                payload={**EVALUATION, "conclusions": "Weekly follow-up, 12 sessions."})
    db.commit()
    assert "Votre psychologue a rédigé une évaluation" not in portal(client, login,
                                                                      member_account)


def test_only_psychologists_delay(client, login, evaluation, nurse, colleague, client_person):
    login(nurse)
    assert delay(client, client_person, evaluation, reason=REASON).status_code == 403
    client.post("/logout")
    login(colleague)  # another psychologist of the coop may, having read access
    assert delay(client, client_person, evaluation, reason=REASON).status_code == 302


ENTRY = SimpleNamespace(form_id="psychology.progress_note", person_id=7, author_id=1)
PSY = SimpleNamespace(id=2, person_id=None, practitioner=SimpleNamespace(discipline="psychology"))
NURSE = SimpleNamespace(id=3, person_id=None, practitioner=SimpleNamespace(discipline="nursing"))
SELF = SimpleNamespace(id=4, person_id=7, practitioner=None)


@pytest.mark.parametrize("viewer,action,delayed,verdict", [
    (PSY, "read", False, None), (NURSE, "read", False, False), (NURSE, "amend", False, False),
    (SELF, "member_read", False, None), (SELF, "member_read", True, False),
    (PSY, "read", True, None),
])
def test_the_plugin_only_narrows_access(viewer, action, delayed, verdict):
    assert decide(ENTRY, viewer, action, delayed) is verdict
    other = SimpleNamespace(form_id="nursing.vitals", person_id=7, author_id=1)
    assert decide(other, NURSE, action, delayed) is None


@pytest.mark.parametrize("until,lifted,holds", [
    (None, False, True), (date(2026, 5, 1), False, True), (date(2026, 4, 30), False, False),
    (None, True, False),
])
def test_a_delay_holds_until_its_date_or_until_lifted(until, lifted, holds):
    made = AccessDelay(until=until, lifted_at=date(2026, 4, 1) if lifted else None)
    assert made.active_on(date(2026, 5, 1)) is holds


def test_a_delayed_entry_leaves_in_a_transfer_marked_as_not_for_the_member(
        client, login, db, evaluation, plan, psychologist, client_person):
    """Another coop importing the record must not show the member what is delayed here."""
    from core.record import fhir
    from core.record.export import build_bundle

    login(psychologist)
    assert delay(client, client_person, evaluation, reason=REASON).status_code == 302
    db.expire_all()
    bundle, _builder = build_bundle(db, client_person)
    words = {e["fullUrl"]: next(t["code"] for t in e["resource"]["meta"]["tag"]
                                if t["system"] == fhir.MEMBER_SYSTEM)
             for e in bundle["entry"] if e["resource"]["resourceType"] == "QuestionnaireResponse"}
    assert words[fhir.ref("Entry", evaluation.id)] == "withheld"
    assert words[fhir.ref("Entry", plan.id)] == "shown"
