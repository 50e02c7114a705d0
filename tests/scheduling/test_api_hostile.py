"""Scheduling API and pages with ids that cannot exist: 404 or 422 naming the field."""

from core.api import create_group_session
from core.scheduling.models import Appointment, GroupSeat
from tests.scheduling.conftest import at, bearer, next_weekday

HUGE = 99999999999999999999


def test_group_signup_with_a_person_id_out_of_range_is_422(app, db, types_on, make_account):
    headers = bearer(db, make_account(roles=["reception"]))
    group = create_group_session(db, type_code="schedtest.group", start=at(next_weekday(2), 18),
                                 capacity=2)
    db.commit()
    client = app.test_client()
    for value in (HUGE, 2**31, -1, 1.5, "٣"):
        response = client.post(f"/api/v1/group-sessions/{group.id}/signups",
                               json={"person_id": value}, headers=headers)
        assert response.status_code == 422, value
        assert response.get_json()["error"]["fields"] == {"person_id": ["Choisissez une personne."]}
    assert db.query(GroupSeat).count() == 0


def test_booking_page_with_ids_out_of_range(app, db, types_on, client, login, make_person):
    login(role="reception")
    person = make_person()
    db.commit()
    response = client.post("/schedule/book", data={
        "type_code": "schedtest.visit", "person_id": person.id, "practitioner_id": str(HUGE),
        "room_id": "2147483648", "date": next_weekday(1).isoformat(), "time": "10:00"})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Choisissez une personne intervenante." in page or "Choisissez un local." in page
    assert db.query(Appointment).count() == 0


def test_booking_page_with_a_person_id_that_names_nobody_is_422(app, db, types_on, client, login,
                                                                practitioner):
    login(role="reception")
    for person_id in ("987654", str(HUGE)):
        response = client.post("/schedule/book", data={
            "type_code": "schedtest.visit", "person_id": person_id,
            "practitioner_id": practitioner.id, "date": next_weekday(1).isoformat(),
            "time": "10:00"})
        assert response.status_code == 422, person_id
        assert "Choisissez une personne." in response.get_data(as_text=True)
    assert db.query(Appointment).count() == 0
