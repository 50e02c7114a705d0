"""The quality bar, in a real browser on the demo coop: axe-core finds no accessibility violation
on any main page (every plugin form included, whichever plugins are installed), a phone screen
never scrolls sideways, and French reads with French typography.

Pages and forms are found from what is registered (forms, the demo's accounts per discipline),
so a plugin added later is checked without touching this file.
"""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from sqlalchemy import func, select

from core.demo import DEMO_PASSWORD, demo_practitioners, load_demo
from core.registry import plugin_host

pytestmark = pytest.mark.e2e

PHONE = {"width": 375, "height": 812}


@pytest.fixture
def demo(live_server):
    """The demo coop (a few households) on the live server; returns what the tests visit."""
    def make(session):
        from core.identity.models import Account
        from core.record.chart import latest_forms
        from core.record.models import Entry
        from core.record.service import entries_for, written_by_hand

        load_demo(session, live_server.app, households=6)
        nurse = session.scalar(select(Account).where(Account.username == "infirmiere"))
        counts = session.execute(select(Entry.person_id).group_by(Entry.person_id)
                                 .order_by(func.count().desc())).scalars()
        # the person whose chart the nurse reads most of, and one entry she may read
        person, readable = max(((p, entries_for(session, p, viewer=nurse)) for p in counts),
                               key=lambda found: len(found[1]))
        busiest = (person, readable[0].id)
        member = session.scalar(select(Account).where(Account.username == "membre"))
        forms = [(spec.id, spec.discipline) for spec in latest_forms() if written_by_hand(spec)]
        writers: dict = {}  # the first demo practitioner of each discipline writes its forms
        for spec in demo_practitioners(plugin_host(live_server.app)):
            writers.setdefault(spec.discipline, spec.username)
        return {"person": busiest[0], "entry": busiest[1], "member_person": member.person_id,
                "forms": forms, "writers": writers}
    return live_server.setup(make)


def sign_in(page, live_server, username: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/login")
    page.fill("#username", username)
    page.fill("#password", DEMO_PASSWORD)
    with page.expect_navigation():
        page.click("form.stack button[type=submit]")


def writer_of(demo, discipline: str | None) -> str:
    """The demo account that writes a discipline's forms (a nurse for shared forms)."""
    code = discipline or "nursing"
    return demo["writers"].get(code, code)


def violations(page) -> list[str]:
    """axe-core's violations on the page, of any impact, as readable lines."""
    found = Axe().run(page).response["violations"]
    return [f"{v['id']} ({v['impact']}): {v['help']} — "
            + "; ".join(n["target"][0] if isinstance(n["target"][0], str) else str(n["target"])
                        for n in v["nodes"][:3]) for v in found]


def visit(page, live_server, path: str) -> None:
    response = page.goto(f"{live_server.url}{path}")
    assert response is not None and response.status == 200, f"{path}: {response and response.status}"


def main_pages(demo) -> dict[str, list[str]]:
    """Every main page, by the demo account that reads it."""
    person, entry = demo["person"], demo["entry"]
    return {
        "admin": ["/", "/admin/services", "/admin/accounts", "/reports/", "/record/reviews"],
        "infirmiere": ["/", "/people?q=a", f"/people/{person}", f"/people/{person}/chart",
                       f"/entries/{entry}", "/record/tasks", "/schedule/day", "/schedule/week",
                       "/schedule/walk-in/", "/schedule/groups/"],
        "psychologue": ["/", f"/people/{person}/chart"],
        "accueil": ["/", "/people/new", "/schedule/day/all"],
        "coordination": ["/", "/privacy/retention", "/privacy/incidents", "/reports/federation"],
        "membre": ["/portal/", "/portal/record", "/portal/access", "/portal/consent",
                   "/portal/privacy", "/portal/appointments/"],
    }


def test_no_accessibility_violation_on_the_main_pages(live_server, page, demo):
    page.goto(f"{live_server.url}/login")
    problems = {"/login": violations(page)}
    for username, paths in main_pages(demo).items():
        sign_in(page, live_server, username)
        for path in paths:
            visit(page, live_server, path)
            problems[f"{username} {path}"] = violations(page)
    assert {where: found for where, found in problems.items() if found} == {}


def test_no_accessibility_violation_on_any_plugin_form(live_server, page, demo):
    problems, signed_in = {}, None
    for form_id, discipline in demo["forms"]:
        if writer_of(demo, discipline) != signed_in:
            signed_in = writer_of(demo, discipline)
            sign_in(page, live_server, signed_in)
        path = f"/people/{demo['person']}/chart/new/{form_id}"
        visit(page, live_server, path)
        problems[f"{signed_in} {form_id}"] = violations(page)
    assert len(problems) == len(demo["forms"]) > 0
    assert {where: found for where, found in problems.items() if found} == {}


def scroll_width(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


def test_a_phone_never_scrolls_sideways(live_server, _chromium, demo):
    context = _chromium.new_context(locale="fr-CA", viewport=PHONE)
    page = context.new_page()
    try:
        wide = {}
        sign_in(page, live_server, "membre")
        for path in ["/portal/", "/portal/record", "/portal/appointments/", "/portal/privacy"]:
            visit(page, live_server, path)
            wide[path] = scroll_width(page)
        sign_in(page, live_server, "infirmiere")
        for path in ["/", "/schedule/day", "/schedule/day/all", "/schedule/week",
                     "/schedule/walk-in/", f"/people/{demo['person']}/chart"]:
            visit(page, live_server, path)
            wide[path] = scroll_width(page)
        firsts = {}  # one form per plugin (its forms' ids start with the plugin's name)
        for form_id, discipline in demo["forms"]:
            firsts.setdefault(form_id.split(".", 1)[0], (form_id, discipline))
        for form_id, discipline in firsts.values():
            sign_in(page, live_server, writer_of(demo, discipline))
            path = f"/people/{demo['person']}/chart/new/{form_id}"
            visit(page, live_server, path)
            wide[path] = scroll_width(page)
    finally:
        context.close()
    assert {path: width for path, width in wide.items() if width > PHONE["width"]} == {}


def narrowest_cells(page) -> list:
    """The visible table cells narrower than a short word, with their text (squeezed columns)."""
    return page.evaluate("""() => [...document.querySelectorAll('main td, main th')]
        .filter(c => c.offsetParent !== null && c.innerText.trim().length > 3
                && !c.closest('table.cards-on-phone thead'))  // the cards' headings: for readers
        .map(c => [Math.round(c.getBoundingClientRect().width), c.innerText.trim().slice(0, 30)])
        .filter(([width]) => width < 48)""")


def test_on_a_phone_tables_never_squeeze_a_column_to_a_letter_wide(live_server, _chromium, demo):
    """Services and a monograph's interactions read as cards; any other table scrolls."""
    context = _chromium.new_context(locale="fr-CA", viewport=PHONE)
    page = context.new_page()
    squeezed, cards = {}, {}
    try:
        pages = [("admin", "/admin/services"), ("membre", "/portal/membership")]
        if "herbalism" in {p.name for p in plugin_host(live_server.app).installed()}:
            pages.append(("herboriste", "/p/herbalism/monographs/allium_sativum"))
        for username, path in pages:
            sign_in(page, live_server, username)
            visit(page, live_server, path)
            squeezed[path] = narrowest_cells(page)
            cards[path] = page.evaluate("""() => [...document.querySelectorAll(
                'table.cards-on-phone tr')].filter(r => r.offsetParent !== null)
                .every(r => getComputedStyle(r).display === 'block')""")
    finally:
        context.close()
    assert {path: cells for path, cells in squeezed.items() if cells} == {}
    assert all(cards.values()), cards
