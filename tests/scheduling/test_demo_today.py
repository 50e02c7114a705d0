"""``soin demo``'s clinic day: visits today at any hour, what has happened by now recorded as
such, and the path that records a visit that already happened (it does not book)."""

from __future__ import annotations

from datetime import time, timedelta

import pytest
from sqlalchemy import select

from core.coop_time import local_day_bounds, to_local, today as coop_today
from core.db import utcnow
from core.scheduling.models import ARRIVED, BOOKED, DONE, NO_SHOW, Appointment, Occupancy, Resource
from tests.scheduling.conftest import at, next_weekday


@pytest.fixture
def two_practitioners(db, practitioner, make_account):
    """The test discipline's practitioner and a second one, both open 9:00-17:00 weekdays."""
    from core.scheduling.availability import add_window, resource_for_account

    other = resource_for_account(db, make_account(roles=["practitioner"], discipline="schedtest",
                                                  display_name="Inf. Roy"))
    for weekday in range(5):
        add_window(db, other, weekday, time(9), time(17))
    db.commit()
    return [practitioner, other]


def _day(db, people, now):
    """The clinic day built at ``now`` (then taken back): what each visit is, in order."""
    from core.scheduling.demo_today import clinic_day

    savepoint = db.begin_nested()
    visits = [(v.starts_at, v.practitioner_id, v.type_code, v.person_id, v.status)
              for v in clinic_day(db, people, now)]
    held = db.query(Occupancy).count()
    savepoint.rollback()
    return visits, held


def test_the_demo_day_has_the_same_visits_morning_and_evening_only_statuses_move(
        db, types_on, two_practitioners, make_person):
    people = [make_person("Noémie", f"Roy{n}") for n in range(12)]
    day = next_weekday(2)
    morning, held = _day(db, people, at(day, 10, 35))
    evening, _held = _day(db, people, at(day, 18))
    # the same visits, people and practitioners whatever the hour; each holds its practitioner
    assert [v[:4] for v in morning] == [v[:4] for v in evening]
    assert held == len(morning) >= 8 and {v[1] for v in morning} == {
        p.id for p in two_practitioners}
    assert all(to_local(v[0]).date() == day for v in morning)
    assert {to_local(v[0]).hour for v in morning} >= {9, 10, 13, 14, 16}  # across the day
    assert len({v[3] for v in morning}) == len(morning)  # no one in two rooms at once
    # at 10:35 the 9:00 visits were seen, 10:30's are under way, the afternoon is booked
    by_start = {(to_local(v[0]).time(), v[1]): v[4] for v in morning}
    first, second = (p.id for p in two_practitioners)
    assert by_start[(time(9), first)] == DONE and by_start[(time(9, 30), second)] == DONE
    assert by_start[(time(10, 30), first)] == ARRIVED
    assert by_start[(time(11), second)] == BOOKED
    assert {s for (t, _p), s in by_start.items() if t >= time(13)} == {BOOKED}
    # at 18:00 everyone was seen but one person, who did not come
    assert sorted(v[4] for v in evening) == [DONE] * (len(evening) - 1) + [NO_SHOW]


def test_the_demo_desk_sees_a_clinic_day_today_whatever_the_hour(app, db, client):
    from core.demo import load_demo

    before = utcnow()
    assert load_demo(db, app, households=12)
    after = utcnow()
    db.commit()
    start, end = local_day_bounds(coop_today())
    visits = list(db.scalars(select(Appointment).where(Appointment.starts_at >= start,
                                                       Appointment.starts_at < end)))
    assert len({v.practitioner_id for v in visits}) >= 5 and len(visits) >= 20
    for visit in visits:  # what had ended was seen (or missed); what was to come is booked
        if visit.ends_at <= before:
            assert visit.status in (DONE, NO_SHOW)
        if visit.starts_at > after + timedelta(minutes=10):
            assert visit.status == BOOKED
    client.post("/login", data={"username": "accueil", "password": "demo-soin-commun"})
    home = client.get("/").get_data(as_text=True)
    assert "L’horaire du jour" in home and "Aucun rendez-vous aujourd’hui" not in home
    nurse = db.scalar(select(Resource).where(Resource.discipline == "nursing"))
    page = client.get(f"/schedule/day?resource={nurse.id}").get_data(as_text=True)
    assert page.count("/schedule/appointments/") >= 4


def test_a_visit_that_happened_is_recorded_never_over_another(db, types_on, practitioner,
                                                            make_person):
    from core.scheduling import service
    from core.scheduling.errors import InvalidTransition, SchedulingError, SlotTaken

    person, day = make_person(), next_weekday(1)
    evening = at(day, 18)
    kept = service.record_visit(db, type_code="schedtest.visit", start=at(day, 9),
                                person=person, practitioner=practitioner, status=DONE,
                                now=evening)
    assert kept.status == DONE and kept.arrived_at == at(day, 9)
    with pytest.raises(SlotTaken):  # the practitioner was with someone then
        service.record_visit(db, type_code="schedtest.short", start=at(day, 9, 30),
                             person=make_person("Luc"), practitioner=practitioner,
                             status=DONE, now=evening)
    with pytest.raises(SlotTaken):  # and a booking cannot take that time either
        service.book(db, type_code="schedtest.short", start=at(day, 9, 30), person=person,
                     practitioner=practitioner)
    refusals = [  # what the desk could not have recorded then, or not a visit that happened
        dict(status=NO_SHOW, start=at(day, 15), now=at(day, 14)),
        dict(status=ARRIVED, start=at(day, 15), now=at(day - timedelta(days=1), 18)),
        dict(status=BOOKED, start=at(day, 15), now=evening)]
    for refused in refusals:
        with pytest.raises(InvalidTransition):
            service.record_visit(db, type_code="schedtest.visit", person=person,
                                 practitioner=practitioner, **refused)
    with pytest.raises(SchedulingError):
        service.record_visit(db, type_code="schedtest.group", start=at(day, 15), person=person,
                             practitioner=practitioner, status=DONE, now=evening)
    assert db.scalars(select(Appointment.id)).all() == [kept.id]



def test_the_home_page_says_what_became_of_each_visit_of_the_day(client, db, login, types_on,
                                                                 practitioner, make_person):
    # it said "arrivée" of a man who had come, and of a visit long over as of one under way
    from core.scheduling import service
    from tests.scheduling.conftest import on_the_day

    day = next_weekday(1)
    seen, later = (service.book(db, type_code="schedtest.visit", start=at(day, hour),
                                person=make_person(first, "Roy"), practitioner=practitioner)
                   for hour, first in ((9, "Raphaël"), (11, "Léa")))
    on_the_day(db, seen)  # began at midnight today: the desk may record it
    on_the_day(db, later, local_day_bounds(coop_today())[1] - timedelta(minutes=60))
    service.set_status(db, seen, ARRIVED)
    service.set_status(db, seen, DONE)
    db.commit()
    login(role="reception")
    home = client.get("/").get_data(as_text=True)
    assert "Raphaël Roy <small>· Dre Gagnon · Terminé</small>" in home
    assert "Léa Roy <small>· Dre Gagnon</small>" in home and "arrivée" not in home


def test_the_desks_day_keeps_what_is_still_ahead_when_the_morning_fills_it(
        client, db, login, types_on, practitioner, make_person):
    # the home page showed the day's first eight visits: all afternoon, only finished ones
    from core.scheduling import service
    from core.web.worklist import SHOWN
    from tests.scheduling.conftest import on_the_day

    midnight = local_day_bounds(coop_today())[0]
    for n in range(SHOWN + 2):  # ten visits seen this morning...
        visit = service.book(db, type_code="schedtest.visit", start=at(next_weekday(1, n + 2), 9),
                             person=make_person(f"Vu{chr(65 + n)}", "Roy"), practitioner=practitioner)
        on_the_day(db, visit, midnight + n * timedelta(minutes=30))
        service.set_status(db, visit, ARRIVED)
        service.set_status(db, visit, DONE)
    coming = service.book(db, type_code="schedtest.visit", start=at(next_weekday(1), 16),
                          person=make_person("Léa", "Tremblay"), practitioner=practitioner)
    on_the_day(db, coming, local_day_bounds(coop_today())[1] - timedelta(minutes=60))
    db.commit()
    login(role="reception")
    home = client.get("/").get_data(as_text=True)
    assert "Léa Tremblay <small>· Dre Gagnon</small>" in home  # ...and the one still to come
    assert "VuJ Roy" in home and "VuA Roy" not in home  # the latest seen kept, the earliest not
    assert home.count("· Terminé</small>") == SHOWN - 1



def test_the_desk_sees_how_many_visits_the_day_panel_leaves_out_and_reaches_them(
        client, db, login, types_on, two_practitioners, make_person, monkeypatch):
    # the panel shows eight: a busy afternoon desk saw no sign of the others, nor a way to them
    from core.scheduling import service
    from core.web.worklist import SHOWN
    from tests.scheduling.conftest import on_the_day

    midnight, today = local_day_bounds(coop_today())[0], coop_today().isoformat()
    first, second = two_practitioners
    everyone = f'href="/schedule/day/all?date={today}"'

    def book(n, practitioner):
        visit = service.book(db, type_code="schedtest.visit", start=at(next_weekday(1, n + 2), 9),
                             person=make_person(f"Visite{chr(65 + n)}", "Roy"),
                             practitioner=practitioner)
        on_the_day(db, visit, midnight + n * timedelta(minutes=30))
        db.commit()

    for n in range(SHOWN):
        book(n, first)
    login(role="reception")
    home = client.get("/").get_data(as_text=True)
    assert "autre visite" not in home and "autres visites" not in home  # all eight are shown
    assert '<a href="/schedule/day">La journée au calendrier →</a>' in home
    book(SHOWN, second)
    home = client.get("/").get_data(as_text=True)
    assert f"<a {everyone}>1 autre visite aujourd’hui →</a>" in home
    book(SHOWN + 1, first)
    book(SHOWN + 2, first)
    home = client.get("/").get_data(as_text=True)
    assert f"<a {everyone}>3 autres visites aujourd’hui →</a>" in home
    assert "VisiteK Roy" not in home  # the last one, left out of the panel...
    monkeypatch.setattr("core.web.worklist.DAY_READ", SHOWN + 1)  # a day past what is read
    assert f"<a {everyone}>3 autres visites aujourd’hui →</a>" in client.get("/").get_data(
        as_text=True)
    monkeypatch.undo()
    day = client.get(f"/schedule/day/all?date={today}").get_data(as_text=True)
    names = [f"Visite{chr(65 + n)} Roy" for n in range(SHOWN + 3)]
    assert all(name in day for name in names)  # ...is there, with both practitioners' others
    assert [day.index(name) for name in names] == sorted(day.index(name) for name in names)
    assert "VisiteI Roy</a> <small>· Inf. Roy · Test visit · Réservé</small>" in day
    english = client.get("/", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert f"<a {everyone}>3 more visits today →</a>" in english
    client.post("/logout")
    login(first.account)  # a practitioner's panel: their own ten, their own day
    own = client.get("/").get_data(as_text=True)
    assert (f'<a href="/schedule/day?resource={first.id}&amp;date={today}">'
            "2 autres visites aujourd’hui →</a>") in own


def test_the_desks_day_reads_its_people_at_once_however_many_lines_it_shows(
        client, db, login, types_on, two_practitioners, make_person):
    # each line read its person, and for the desk its practitioner, one at a time: 16 round
    # trips for a day of eight visits, on the page every desk opens first
    from core.scheduling import service
    from core.testing.statements import statements_sent
    from core.web.worklist import SHOWN
    from tests.scheduling.conftest import on_the_day

    midnight = local_day_bounds(coop_today())[0]
    login(role="reception")

    def statements_of_the_home() -> tuple[int, str]:
        client.get("/")  # the session's own first reads out of the way
        with statements_sent(db.get_bind()) as sent:
            home = client.get("/").get_data(as_text=True)
        return len(sent), home

    def book(n):
        visit = service.book(db, type_code="schedtest.visit", start=at(next_weekday(1, n + 2), 9),
                             person=make_person(f"Ligne{chr(65 + n)}", "Roy"),
                             practitioner=two_practitioners[n % 2])
        on_the_day(db, visit, midnight + n * timedelta(minutes=30))
        db.commit()

    book(0)
    one, home = statements_of_the_home()
    assert "LigneA Roy" in home
    for n in range(1, SHOWN):
        book(n)
    eight, home = statements_of_the_home()
    assert all(f"Ligne{chr(65 + n)} Roy" in home for n in range(SHOWN))
    assert "Inf. Roy" in home and "Dre Gagnon" in home  # whom each visit is with, for the desk
    assert eight == one
