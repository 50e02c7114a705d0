"""Browser, on a phone and a desktop, as reception: the group sessions and a person's
appointments read one card a line, every cell and link on the screen; on a desktop they stay
tables of columns."""

from datetime import datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from core.testing.browser import read_pages

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}

#: each cell, link and button of the page's tables that shows, by its text, with how far it
#: sits past the screen's edges (0: within it); and how far the page scrolls sideways
PAST_THE_EDGE = """() => ({
  cells: [...document.querySelectorAll('main table :is(td, a, button)')]
    .filter(el => el.offsetParent !== null)
    .map(el => { const r = el.getBoundingClientRect();
                 return [el.innerText.trim(), Math.max(0, Math.round(r.right - window.innerWidth),
                                                       Math.round(-r.left))]; }),
  columns: [...document.querySelectorAll('main table thead')]
    .map(head => head.getBoundingClientRect().height > 2),
  page: document.documentElement.scrollWidth - window.innerWidth})"""


def _sessions(live_server) -> dict:
    """Two vaccination clinics in the community kitchen (the demo's longest room name), a
    person signed up to one and with two nursing visits, and a reception account."""
    def make(session):
        from core.api import book, create_group_session, sign_up
        from core.scheduling.availability import create_room, resource_for_account
        from core.testing.factories import Factories

        made = Factories(live_server.app, session)
        desk = made.account(["reception"])
        nurse = resource_for_account(session, made.account(["practitioner"],
                                                           discipline="nursing",
                                                           display_name="Isabelle Roy"))
        room = create_room(session, "Cuisine communautaire")
        person = made.person("Chloé", "Gauthier")
        day = datetime.now(timezone.utc).date() + timedelta(days=9)
        local = ZoneInfo("America/Montreal")
        for days, title in ((0, "Clinique de vaccination"), (1, "Atelier au jardin communautaire")):
            group = create_group_session(
                session, type_code="nursing.vaccination_clinic", room=room, title=title,
                start=datetime.combine(day + timedelta(days=days), time(18), tzinfo=local))
            if days == 0:
                sign_up(session, group, person)
        for hour in (10, 15):
            book(session, type_code="nursing.visit", person=person, practitioner=nurse,
                 start=datetime.combine(day, time(hour), tzinfo=local))
        session.flush()
        return {"desk": desk.username, "person": person.id}
    live_server.activate("nursing")
    return live_server.setup(make)


def _measured(live_server, chromium, viewport, paths: list[str]) -> dict:
    """What PAST_THE_EDGE answers on each of ``paths``, read by reception at ``viewport``."""
    made = _sessions(live_server)
    found = read_pages(live_server, chromium, viewport, made["desk"],
                       [path.format(**made) for path in paths], PAST_THE_EDGE)
    return dict(zip(paths, found.values(), strict=True))


PAGES = ["/schedule/groups/", "/schedule/people/{person}"]


def test_on_a_phone_every_cell_of_the_group_sessions_is_on_the_screen(live_server, _chromium):
    """The group sessions' four columns ran past the screen: "Local" and its room were cut
    at the edge, read only by sliding the table sideways."""
    groups = _measured(live_server, _chromium, PHONE, PAGES[:1])[PAGES[0]]
    assert len(groups["cells"]) == 2 * 4 + 2  # four cells a session, and its link
    assert "Cuisine communautaire" in [text for text, _past in groups["cells"]]
    assert [(text, past) for text, past in groups["cells"] if past] == []
    assert groups["columns"] == [False] and groups["page"] <= 0


def test_on_a_phone_every_cell_of_a_persons_appointments_is_on_the_screen(live_server,
                                                                            _chromium):
    """A person's visits (when, type, practitioner, status) ran past the screen: "Statut"
    and each visit's status were cut at the edge."""
    person = _measured(live_server, _chromium, PHONE, PAGES[1:])[PAGES[1]]
    assert len(person["cells"]) == 2 * (4 + 1) + 3 + 1  # four cells a visit and its link
    assert [(text, past) for text, past in person["cells"] if past] == []
    assert person["columns"] == [False, False] and person["page"] <= 0


def test_on_a_desktop_the_group_sessions_and_appointments_stay_tables(live_server, _chromium):
    """The cards are a phone's: on a desktop each page keeps its columns under their heads."""
    for found in _measured(live_server, _chromium, DESKTOP, PAGES).values():
        assert all(found["columns"]) and found["page"] <= 0
        assert [(text, past) for text, past in found["cells"] if past] == []
