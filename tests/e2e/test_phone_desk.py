"""Browser, on a phone: reception's walk-in queue as the desk uses it, every button within the
screen without sliding a table sideways, and its forms set apart from one another."""

import pytest

from core.testing.browser import read_pages

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}

#: each visible button of the queue's table, by its text, with how far its right edge sits past
#: the screen's (0: within it)
PAST_THE_EDGE = """() => [...document.querySelectorAll('table.queue button')]
  .filter(b => b.offsetParent !== null)
  .map(b => [b.innerText.trim(), Math.max(0, Math.round(b.getBoundingClientRect().right
                                                          - window.innerWidth))])"""


def _queue(live_server):
    """Three people waiting, and a reception account."""
    def make(session):
        from core.scheduling import walkin
        from core.testing.factories import Factories

        desk = Factories(live_server.app, session).account(["reception"])
        for label, priority in (("Jean", 3), ("Aïcha", 1), ("Pierre", 2)):
            walkin.add_ticket(session, label=label, priority=priority, by=desk)
        return desk.username
    return live_server.setup(make)


def _on_the_queue(live_server, chromium, script: str):
    """What ``script`` answers on the walk-in queue's page, seen on a phone by reception
    (three people waiting)."""
    desk = _queue(live_server)
    return read_pages(live_server, chromium, PHONE, desk, ["/schedule/walk-in/"],
                      script)["/schedule/walk-in/"]


def test_on_a_phone_every_button_of_the_walk_in_queue_is_on_the_screen(live_server, _chromium):
    """The queue's six columns were a table sliding sideways: "Appeler", "Modifier" and
    "Départ" were cut at the screen's edge, out of reach until the table was slid."""
    buttons = _on_the_queue(live_server, _chromium, PAST_THE_EDGE)
    assert len(buttons) == 9
    assert [(text, past) for text, past in buttons if past] == []


def test_on_a_phone_the_walk_in_search_is_set_apart_from_the_ticket_form(live_server, _chromium):
    """"Find the person (optional)" and its Search button sat right on "Name to call", the
    ticket form's first label: the two forms read as one."""
    room = _on_the_queue(live_server, _chromium, """() => Math.round(
        document.querySelector('#new-ticket').getBoundingClientRect().top
        - document.querySelector('form[role=search]').getBoundingClientRect().bottom)""")
    assert room >= 12
