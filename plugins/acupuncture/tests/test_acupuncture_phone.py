"""Browser, on a phone: every acupuncture page reads without sideways scrolling. A session's
point table (the session being treated, a closed one, its chart entry) and the incident list
were wider than a phone (590 px in 366), part of them reached by scrolling sideways; each point
and each incident is now a card, every value labelled by its column."""

import pytest
from sqlalchemy import select

from core.registry import plugin_host
from core.testing.browser import read_pages
from core.testing.factories import Factories

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}

#: the tables of the page reaching past the screen's right edge or scrolling inside themselves
#: (or inside a box narrower than them), how far the page itself scrolls sideways, and the
#: labels of its tables' cells (the column each value is in, shown beside it on a card)
WIDE = """() => ({
  wide: [...document.querySelectorAll('main table')].filter(t =>
      t.getBoundingClientRect().right > window.innerWidth + 0.5
      || t.scrollWidth > t.clientWidth + 0.5 || t.parentElement.scrollWidth > t.parentElement.clientWidth + 0.5)
    .map(t => t.className || t.parentElement.className || 'table'),
  tables: document.querySelectorAll('main table').length,
  page: document.documentElement.scrollWidth - window.innerWidth,
  labels: [...document.querySelectorAll('main table td[data-label]')]
    .map(td => getComputedStyle(td, '::before').content)})"""


def _treated(live_server) -> dict:
    """A person treated twice: a closed session whose needles were not all found (an incident)
    and an open one with points; an acupuncturist and a coordinator."""
    def make(session):
        from core.admin.service import set_active

        from plugins.acupuncture import demo, sessions
        from plugins.acupuncture.models import AcuSession

        set_active(session, plugin_host(live_server.app), "acupuncture", True)
        made = Factories(live_server.app, session)
        person = made.person("Julie", "Gagnon")
        who = made.account(roles=["practitioner"], discipline="acupuncture", username="minh",
                           display_name="Tran Minh")
        made.account(roles=["coordinator"], username="julie")
        entry = demo._session(session, who, person, "Lombalgie chronique",
                              ["BL23", "BL40", "GV4"], "prone", removed_delta=1)
        session.flush()
        acu = sessions.open_session(session, person=person, author=who)
        for code in ("LI4", "ST36"):
            sessions.add_point(session, acu, {"query": code, "side": "bilateral",
                                              "technique": "even", "stimulation": "manual",
                                              "depth_mm": "15", "retention_min": "20"},
                               author=who)
        session.flush()
        closed = session.scalars(select(AcuSession.id).where(AcuSession.entry_id == entry.id)).one()
        return {"person": person.id, "entry": entry.id, "open": acu.id, "closed": closed}
    return live_server.setup(make)


def test_every_acupuncture_page_reads_on_a_phone_without_sideways_scrolling(live_server,
                                                                            _chromium):
    treated = _treated(live_server)
    pages = [f"/p/acupuncture/sessions/{treated['open']}", f"/entries/{treated['entry']}",
             f"/p/acupuncture/sessions/{treated['closed']}",
             f"/p/acupuncture/people/{treated['person']}/sessions"]
    found = read_pages(live_server, _chromium, PHONE, "minh", pages, WIDE)
    found.update(read_pages(live_server, _chromium, PHONE, "julie",
                            ["/p/acupuncture/incidents", "/reports/acupuncture.points",
                             "/reports/acupuncture.needles"], WIDE))
    for path, read in found.items():
        assert read["tables"] and read["wide"] == [] and read["page"] <= 0, (path, read)
    # on a card each value says which column it is in ("Profondeur 15 mm")
    for path in pages[:3]:
        assert '"Profondeur "' in found[path]["labels"], (path, found[path])
    assert '"Ce qui s’est passé "' in found["/p/acupuncture/incidents"]["labels"]
