"""The scheduling API: 201 on success, 409 on a taken slot, 422 on bad input, documented."""

from core.api import create_group_session
from core.scheduling.models import Appointment
from tests.scheduling.conftest import at, bearer, next_weekday


def test_book_then_conflict_then_cancel(app, db, types_on, practitioner, make_account,
                                        make_person):
    headers = bearer(db, make_account(roles=["reception"]))
    person, other = make_person(), make_person("Luc")
    db.commit()
    client = app.test_client()
    start = at(next_weekday(1), 10).isoformat()
    body = {"type_code": "schedtest.visit", "person_id": person.id, "start": start,
            "practitioner_id": practitioner.id}
    created = client.post("/api/v1/appointments", json=body, headers=headers)
    assert created.status_code == 201, created.get_json()
    visit = created.get_json()
    assert visit["status"] == "booked" and visit["starts_at"].startswith(at(next_weekday(1), 10).strftime("%Y-%m-%dT%H:%M"))
    taken = client.post("/api/v1/appointments", json={**body, "person_id": other.id},
                        headers=headers)
    assert taken.status_code == 409
    assert taken.get_json()["error"]["message"] == ("Cette plage est déjà prise. "
                                                   "Veuillez choisir une autre heure.")
    listed = client.get(f"/api/v1/appointments?person_id={person.id}", headers=headers).get_json()
    assert [a["id"] for a in listed] == [visit["id"]]
    cancelled = client.post(f"/api/v1/appointments/{visit['id']}/cancel", headers=headers)
    assert cancelled.get_json()["status"] == "cancelled"
    assert client.post(f"/api/v1/appointments/{visit['id']}/cancel",
                       headers=headers).status_code == 409


def test_bad_input_is_422_with_fields_and_nothing_written(app, db, types_on, make_account,
                                                         make_person):
    headers = bearer(db, make_account(roles=["reception"]))
    person = make_person()
    client = app.test_client()
    response = client.post("/api/v1/appointments", headers=headers, json={
        "type_code": "schedtest.visit", "person_id": "x", "start": "2030-01-01T10:00"})
    assert response.status_code == 422
    fields = response.get_json()["error"]["fields"]
    assert set(fields) == {"person_id", "start"}
    unknown = client.post("/api/v1/appointments", headers=headers, json={
        "type_code": "nope.visit", "person_id": person.id, "start": "2030-01-01T10:00:00-05:00"})
    assert unknown.status_code == 422 and "type_code" in unknown.get_json()["error"]["fields"]
    assert db.query(Appointment).count() == 0
    listed = client.get("/api/v1/appointments?person_id=x", headers=headers)
    assert listed.status_code == 422
    assert listed.get_json()["error"]["fields"] == {"person_id": ["Choisissez une personne."]}


def test_group_signup_waits_or_answers_409_when_asked_not_to(app, db, types_on, make_account,
                                                             make_person):
    headers = bearer(db, make_account(roles=["reception"]))
    group = create_group_session(db, type_code="schedtest.group", start=at(next_weekday(2), 18),
                                 capacity=2)
    people = [make_person(f"P{i}") for i in range(4)]
    db.commit()
    client = app.test_client()
    url = f"/api/v1/group-sessions/{group.id}/signups"
    statuses = [client.post(url, json={"person_id": p.id}, headers=headers).get_json()["status"]
                for p in people[:3]]
    assert statuses == ["confirmed", "confirmed", "waiting"]
    full = client.post(url, json={"person_id": people[3].id, "waitlist": False}, headers=headers)
    assert full.status_code == 409
    assert full.get_json()["error"]["message"] == "Cette séance de groupe est complète."


def test_members_and_volunteers_cannot_book_through_the_api(app, db, types_on, make_account,
                                                            make_person):
    headers = bearer(db, make_account(roles=["volunteer"]))
    db.commit()
    response = app.test_client().post("/api/v1/appointments", headers=headers, json={})
    assert response.status_code == 403


def test_openapi_documents_the_scheduling_operations(client):
    spec = client.get("/api/v1/openapi.json").get_json()
    assert {"/api/v1/appointments", "/api/v1/slots", "/api/v1/appointment-types",
            "/api/v1/group-sessions/{group_id}/signups"} <= set(spec["paths"])
    booking = spec["paths"]["/api/v1/appointments"]["post"]
    assert "requestBody" in booking and "201" in booking["responses"]
