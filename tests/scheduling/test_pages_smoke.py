"""Every scheduling page renders for the people who use it."""

from tests.scheduling.conftest import at, next_weekday


def test_staff_pages_render(client, login, db, types_on, practitioner, make_person):
    from core.api import book, create_group_session

    login(role="coordinator")
    person = make_person()
    day = next_weekday(1)
    visit = book(db, type_code="schedtest.visit", start=at(day, 10), person=person,
                 practitioner=practitioner)
    group = create_group_session(db, type_code="schedtest.group", start=at(day, 18))
    db.commit()
    for url in ["/schedule/", f"/schedule/day?resource={practitioner.id}&date={day}",
                f"/schedule/week?resource={practitioner.id}&date={day}",
                f"/schedule/day/all?date={day}",
                "/schedule/find?type_code=schedtest.visit", f"/schedule/book?person_id={person.id}",
                f"/schedule/appointments/{visit.id}", f"/schedule/appointments/{visit.id}/move",
                f"/schedule/people/{person.id}", "/schedule/setup/",
                f"/schedule/setup/resources/{practitioner.id}", "/schedule/walk-in/",
                "/schedule/groups/", f"/schedule/groups/{group.id}", "/schedule/events",
                "/events", "/events.ics", "/schedule/my-feed"]:
        response = client.get(url, follow_redirects=True)
        assert response.status_code == 200, (url, response.get_data(as_text=True)[:3000])
