"""Browser, on a phone and a desktop, as reception: a group session's page lists its
participants one card each on a phone (name, attendance, buttons), every button on the screen;
on a desktop they stay a table of three columns."""

from datetime import timedelta

import pytest

from core.testing.browser import read_pages

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}

#: each participant's row: its width, the lines its name takes, how far its cells and buttons
#: sit past the screen's edges (0: within it) and the room between its buttons (px); whether
#: the columns' heads show; how far the page scrolls sideways
PARTICIPANTS = """() => ({
  rows: [...document.querySelectorAll('#participants tbody tr')].map(row => {
    const name = row.querySelector('td'), buttons = [...row.querySelectorAll('button')];
    const past = [...row.querySelectorAll('td, button')].map(el => {
      const b = el.getBoundingClientRect();
      return Math.max(0, Math.round(b.right - window.innerWidth), Math.round(-b.left)); });
    const apart = buttons.slice(1).map((b, i) => {
      const left = buttons[i].getBoundingClientRect(), right = b.getBoundingClientRect();
      return right.top >= left.bottom ? 99 : Math.round(right.left - left.right); });
    return {width: Math.round(row.getBoundingClientRect().width), past: Math.max(...past),
            lines: Math.round(name.getBoundingClientRect().height
                              / parseFloat(getComputedStyle(name).lineHeight)),
            apart: Math.min(...apart), text: row.innerText.replace(/\\s+/g, ' ').trim()}; }),
  heads: document.querySelector('#participants thead').getBoundingClientRect().height > 2,
  page: document.documentElement.scrollWidth - window.innerWidth})"""


def _clinic(live_server) -> dict:
    """A vaccination clinic that began half an hour ago (so its attendance can be marked:
    each participant has three buttons), 42 people signed up, and a reception account."""
    def make(session):
        from core.api import create_group_session, sign_up, utcnow
        from core.scheduling.availability import create_room
        from core.testing.factories import Factories

        made = Factories(live_server.app, session)
        desk = made.account(["reception"])
        room = create_room(session, "Cuisine communautaire")
        group = create_group_session(session, type_code="nursing.vaccination_clinic", room=room,
                                     capacity=42, title="Clinique de vaccination",
                                     start=utcnow() + timedelta(days=1))
        for n in range(42):
            sign_up(session, group, made.person("Marie-Ève", f"Desjardins-Tremblay {n:02d}"))
        # then it began (nobody schedules nor signs up for a session in the past)
        group.starts_at, group.ends_at = (at - timedelta(days=1, minutes=30)
                                          for at in (group.starts_at, group.ends_at))
        session.flush()
        return {"desk": desk.username, "path": f"/schedule/groups/{group.id}"}
    live_server.activate("nursing")
    return live_server.setup(make)


def test_on_a_phone_each_participant_is_one_card_on_the_screen(live_server, _chromium):
    """The participants' three columns (name, attendance, buttons "Présence", "Absence",
    "Annuler l’inscription") were squeezed in a phone's width: each name broken over six
    lines of its narrow column, the first two buttons stuck together ("PrésenceAbsence"),
    row after row of the 42 (140 px each). Now each is a card:
    the name on one line as its title, its attendance, its buttons apart."""
    made = _clinic(live_server)
    found = read_pages(live_server, _chromium, PHONE, made["desk"], [made["path"]],
                       PARTICIPANTS)[made["path"]]
    rows = found["rows"]
    assert len(rows) == 42
    assert [row for row in rows if row["past"] or row["width"] > PHONE["width"]] == []
    assert {row["lines"] for row in rows} == {1}
    assert min(row["apart"] for row in rows) >= 4
    assert rows[0]["text"] == ("Marie-Ève Desjardins-Tremblay 00 — "
                               "Présence Absence Annuler l’inscription")
    assert found["heads"] is False and found["page"] <= 0


def test_on_a_desktop_the_participants_stay_a_table(live_server, _chromium):
    made = _clinic(live_server)
    found = read_pages(live_server, _chromium, DESKTOP, made["desk"], [made["path"]],
                       PARTICIPANTS)[made["path"]]
    assert len(found["rows"]) == 42 and found["heads"] is True and found["page"] <= 0
    assert [row for row in found["rows"] if row["past"]] == []
