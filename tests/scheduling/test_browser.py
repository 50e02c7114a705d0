"""In the browser: reception books a visit, runs the walk-in queue; a member signs up."""

from __future__ import annotations

from datetime import time

import pytest

from core.registry import plugin_host
from core.testing.browser import browser_login, follow
from core.testing.factories import PASSWORD
from tests.scheduling import schedtest_plugin
from tests.scheduling.conftest import at, next_weekday

pytestmark = pytest.mark.e2e


@pytest.fixture
def live(live_server):
    """The live server with the test appointment types, active."""
    from core.admin.service import set_active

    host = plugin_host(live_server.app)
    host.add("schedtest", schedtest_plugin)
    live_server.setup(lambda s: set_active(s, host, "schedtest", True))
    yield live_server
    host._unregister("schedtest")
    host.plugins.pop("schedtest", None)


def _account(live, username, roles, **kw):
    from core.identity.accounts import create_account

    return live.setup(lambda s: create_account(s, username=username, display_name=username.title(),
                                               password=PASSWORD, roles=roles, **kw).id)


def _person(live, first, last, email=""):
    from core.identity import service

    def make(sess):
        household = service.create_household(sess, {"name": last})
        return service.register_person(sess, {"first_name": first, "last_name": last,
                                              "email": email}, household).id
    return live.setup(make)


def test_reception_books_a_free_half_hour_and_cannot_book_it_twice(live, page):
    from core.identity.models import Account
    from core.scheduling.availability import add_window, resource_for_account

    _account(live, "accueil", ["reception"])
    doctor = _account(live, "gagnon", ["practitioner"], practitioner={"discipline": "schedtest"})

    def open_hours(sess):
        resource = resource_for_account(sess, sess.get(Account, doctor))
        add_window(sess, resource, next_weekday(1).weekday(), time(9), time(12))
        return resource.id
    resource_id = live.setup(open_hours)
    _person(live, "Hélène", "Tremblay")
    _person(live, "Luc", "Bergeron")
    day = next_weekday(1)
    browser_login(page, live, "accueil", PASSWORD)
    page.goto(f"{live.url}/schedule/day?resource={resource_id}&date={day}")
    follow(page, "tr.free >> nth=2 >> a")  # 10:00
    page.fill("#q", "Tremblay")
    follow(page, "form[role=search] button")
    follow(page, "ul.matches a")
    page.select_option("#f-type_code", "schedtest.visit")
    assert page.input_value("#f-time") == "10:00"
    follow(page, "form.stack button[type=submit]")
    assert "Le rendez-vous est réservé." in page.inner_text("main")
    assert "Hélène Tremblay" in page.inner_text("dl.facts")
    # someone else, same time: refused with the reason, nothing booked
    page.goto(f"{live.url}/schedule/book?resource={resource_id}&date={day}&time=10:30")
    page.fill("#q", "Bergeron")
    follow(page, "form[role=search] button")
    follow(page, "ul.matches a")
    page.select_option("#f-type_code", "schedtest.visit")
    follow(page, "form.stack button[type=submit]")
    assert "Cette plage est déjà prise" in page.inner_text("main")
    page.goto(f"{live.url}/schedule/day?resource={resource_id}&date={day}")
    assert "Hélène Tremblay" in page.inner_text("table.agenda")
    assert "Bergeron" not in page.inner_text("table.agenda")


def test_walk_in_queue_urgent_first_then_seen(live, page):
    _account(live, "accueil", ["reception"])
    browser_login(page, live, "accueil", PASSWORD)
    page.goto(f"{live.url}/schedule/walk-in/")
    for name, priority in (("Marc", "3"), ("Ana", "1")):
        page.fill("#f-label", name)
        page.select_option("#f-priority", priority)
        follow(page, "#new-ticket button[type=submit]")
    rows = page.locator("table.queue tbody tr")
    assert rows.nth(0).inner_text().startswith("2") and "Ana" in rows.nth(0).inner_text()
    follow(page, "#call-next")
    assert "Numéro 2 appelé." in page.inner_text("main")
    called = page.locator("tr[data-ticket='2']")
    assert "Appel fait" in called.inner_text()
    follow(page, called.locator("button[value=done]"))
    assert "Ana" not in page.inner_text("table.queue")
    assert "Ana" in page.locator("main").inner_text().split("Plus tôt aujourd’hui")[1]


def test_a_member_signs_up_online_then_the_next_one_waits(live, page):
    from core.api import create_group_session, sign_up

    maude = _person(live, "Maude", "Ouellet")
    _account(live, "maude", ["member"], person=None)
    live.setup(lambda s: _link(s, "maude", maude))
    first = _person(live, "Alice", "Roy")

    def schedule(sess):
        group = create_group_session(sess, type_code="schedtest.group", capacity=2,
                                     start=at(next_weekday(2), 18), title="Cuisine collective")
        sign_up(sess, group, first)
        return group.id
    live.setup(schedule)
    browser_login(page, live, "maude", PASSWORD)
    page.goto(f"{live.url}/portal/")
    follow(page, "text=Mes rendez-vous")
    item = page.locator("#groups li", has_text="Cuisine collective")
    assert "Cuisine collective · 1 place restante" in item.inner_text()
    follow(page, item.locator("button"))
    assert "Votre inscription est faite." in page.inner_text("main")
    assert "Cuisine collective · Confirmée" in page.locator(
        "#groups li", has_text="Cuisine collective").inner_text()
    # the session is now full: the next member joins the waiting list
    luc = _person(live, "Luc", "Roy")
    _account(live, "luc", ["member"])
    live.setup(lambda s: _link(s, "luc", luc))
    follow(page, "text=Se déconnecter")
    browser_login(page, live, "luc", PASSWORD)
    page.goto(f"{live.url}/portal/appointments/")
    item = page.locator("#groups li", has_text="Cuisine collective")
    assert "Cuisine collective · Complet" in item.inner_text()  # not "Places restantes : 0"
    assert "M’inscrire sur la liste d’attente" in item.inner_text()
    follow(page, item.locator("button"))
    assert "vous êtes sur la liste d’attente" in page.inner_text("main")
    assert "Liste d’attente" in page.locator("#groups li", has_text="Cuisine collective").inner_text()


def test_a_member_books_online_then_cancels(live, page):
    from core.identity.models import Account
    from core.scheduling.availability import add_window, resource_for_account

    doctor = _account(live, "gagnon", ["practitioner"], practitioner={"discipline": "schedtest"})

    def open_hours(sess):
        resource = resource_for_account(sess, sess.get(Account, doctor))
        add_window(sess, resource, next_weekday(1).weekday(), time(9), time(12))
    live.setup(open_hours)
    maude = _person(live, "Maude", "Ouellet")
    _account(live, "maude", ["member"])
    live.setup(lambda s: _link(s, "maude", maude))
    browser_login(page, live, "maude", PASSWORD)
    page.goto(f"{live.url}/portal/appointments/")
    follow(page, "text=Prendre un rendez-vous")
    page.select_option("#f-type_code", "schedtest.visit")
    follow(page, "text=Voir les plages libres")
    first = page.locator("#slots button").first
    chosen = first.inner_text()
    assert "Gagnon" in chosen and "9\u00a0h\u00a000" in chosen
    follow(page, "#slots button >> nth=0")
    assert "Votre rendez-vous est réservé." in page.inner_text("main")
    assert "Test visit" in page.inner_text("#upcoming")
    # the time is no longer offered to anyone
    page.goto(f"{live.url}/portal/appointments/book?type_code=schedtest.visit")
    assert page.locator("#slots button").first.inner_text() != chosen
    page.goto(f"{live.url}/portal/appointments/")
    follow(page, page.locator("#upcoming li").first.locator("button"))
    assert "Votre rendez-vous est annulé." in page.inner_text("main")
    assert page.locator("#upcoming").count() == 0


def _link(sess, username, person_id):
    from core.identity.accounts import find_account

    find_account(sess, username).person_id = person_id


def test_a_group_session_in_the_past_is_refused_next_to_its_time(live, page):
    """The service refuses the time under its own name (``start``); the form shows the message
    under its time field, keeps what was typed, and schedules nothing."""
    from sqlalchemy import func, select

    from core.scheduling.models import GroupSession

    _account(live, "coordo", ["coordinator"])
    browser_login(page, live, "coordo", PASSWORD)
    page.goto(f"{live.url}/schedule/groups/")
    page.select_option("#f-type_code", "schedtest.group")
    page.fill("#f-title", "Atelier du mardi")
    page.fill("#f-date", "2020-03-03")
    page.fill("#f-time", "18:00")
    follow(page, "form.stack:has(#f-time) button[type=submit]")
    assert page.inner_text("#e-time") == "Cette heure est déjà passée."
    assert page.get_attribute("#f-time", "aria-invalid") == "true"
    assert page.input_value("#f-title") == "Atelier du mardi"
    assert live.setup(lambda s: s.scalar(select(func.count()).select_from(GroupSession))) == 0


def test_a_member_taps_a_reminder_choice_on_a_phone(live, page):
    """"Aucun rappel" and "Par courriel" were 19 px tall side by side, their buttons 13 px:
    each choice now stands on its own line, tall enough for a finger."""
    maude = _person(live, "Maude", "Ouellet")
    _account(live, "maude", ["member"])
    live.setup(lambda s: _link(s, "maude", maude))
    page.set_viewport_size({"width": 375, "height": 812})
    browser_login(page, live, "maude", PASSWORD)
    page.goto(f"{live.url}/portal/appointments/")
    boxes = page.locator("label:has(input[name=channel])").evaluate_all(
        "labels => labels.map(l => l.getBoundingClientRect().toJSON())")
    assert len(boxes) == 2 and min(b["height"] for b in boxes) >= 40
    assert boxes[0]["top"] < boxes[1]["top"]  # one above the other
