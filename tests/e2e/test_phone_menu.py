"""Browser, on a phone: the top bar of a busy account (the coordinator's fifteen menu entries and
its administration, a nurse's nine) folds its menu under "Menu" and keeps to two short lines,
the count of urgent tasks in sight on the folded menu; every destination is still reached by
tapping (or by the keyboard); a member's short menu is not folded; a desktop's menu never is."""

import pytest

from core.demo import DEMO_PASSWORD, load_demo
from core.testing.browser import browser_login
from core.testing.factories import PASSWORD

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
BUSY = ("coordination", "infirmiere")

#: the top bar's height, in pixels
TOP_BAR = "Math.round(document.querySelector('header.topbar').getBoundingClientRect().height)"
#: every destination of the main menu (its administration's included), by address
DESTINATIONS = "[...document.querySelectorAll('header nav a')].map(a => a.getAttribute('href'))"


@pytest.fixture
def demo_urgent(live_server):
    """The demo coop on the live server; returns each busy account's count of urgent tasks."""
    def make(session):
        from sqlalchemy import select

        from core.identity.models import Account
        from core.record import consent

        load_demo(session, live_server.app, households=6)
        with live_server.app.test_request_context():
            return {account.username: len(consent.urgent_action_ids(session, account))
                    for account in session.scalars(select(Account).where(
                        Account.username.in_(BUSY)))}
    return live_server.setup(make)


def _signed_in(chromium, live_server, username: str, viewport: dict,
               password: str = DEMO_PASSWORD):
    context = chromium.new_context(locale="fr-CA", viewport=viewport)
    page = context.new_page()
    page.set_default_timeout(5_000)
    browser_login(page, live_server, username, password)
    return context, page


def _urgent_words(count: int) -> str:
    return "1 urgente" if count == 1 else f"{count} urgentes"


def test_on_a_phone_a_busy_top_bar_is_short_and_shows_the_urgent_count(live_server, _chromium,
                                                                        demo_urgent):
    """A nurse's or a coordinator's top bar took 335 and 445 px of an 844 px screen on every
    page (five rows of menu, then the tools), a chart starting a third of the way down."""
    urgent = demo_urgent
    assert urgent["infirmiere"] > 0 and urgent["coordination"] > 0  # the demo's, to be seen
    heights, shown = {}, {}
    for username in BUSY:
        context, page = _signed_in(_chromium, live_server, username, PHONE)
        try:
            heights[username] = page.evaluate(TOP_BAR)
            badge = page.locator("header .menu-toggle > summary .count.urgent")
            on_screen = badge.is_visible() and badge.bounding_box()["y"] < PHONE["height"] - 20
            # the menu folded, and the count on its summary, on the first screen
            shown[username] = (page.locator("header nav").is_hidden(),
                               badge.inner_text() if on_screen else None)
        finally:
            context.close()
    assert shown == {username: (True, _urgent_words(urgent[username])) for username in BUSY}
    assert {username: px for username, px in heights.items() if px > 130} == {}


def test_on_a_phone_every_menu_destination_is_reached_by_tapping(live_server, _chromium,
                                                                demo_urgent):
    """Each entry of the desktop's menu (the administration's too) is opened on a phone from the
    folded menu: "Menu", then the entry (after "Administration" for its own)."""
    for username in BUSY:
        context, page = _signed_in(_chromium, live_server, username, DESKTOP)
        try:
            destinations = page.evaluate(DESTINATIONS)
            assert page.locator("header .menu-toggle").is_hidden()  # never folded on a desktop
            page.set_viewport_size(PHONE)
            reached, administration = {}, []  # each destination, with its page's status
            for href in destinations:
                page.goto(f"{live_server.url}/account")
                page.click("header .menu-toggle > summary")
                link = page.locator(f"header nav a[href='{href}']")
                if link.is_hidden():
                    page.click("header nav summary:has-text('Administration')")
                    administration.append(href)
                with page.expect_navigation() as navigation:
                    link.click()  # waits for the link to be visible: a hidden one fails
                reached[href] = navigation.value.status
        finally:
            context.close()
        assert len(destinations) >= 9 and reached == dict.fromkeys(destinations, 200), username
        assert bool(administration) == (username == "coordination")


def test_the_folded_menu_opens_from_the_keyboard(live_server, _chromium):
    """A keyboard reaches "Menu" right after the brand, sees where it is, opens it with Enter
    and goes on into the menu's first entry; a screen reader finds no menu until then."""
    coordinator = live_server.make_account(["coordinator"])
    context, page = _signed_in(_chromium, live_server, coordinator.username, PHONE, PASSWORD)
    try:
        for _ in range(3):  # "skip to content", the brand, "Menu"
            page.keyboard.press("Tab")
        focused = page.evaluate("""() => { const e = document.activeElement;
            return [e.tagName, e.parentElement.className, getComputedStyle(e).outlineStyle]; }""")
        closed = page.locator("header").aria_snapshot()
        page.keyboard.press("Enter")
        page.keyboard.press("Tab")
        first = page.evaluate("document.activeElement.closest('nav') !== null")
        opened = page.locator("header").aria_snapshot()
    finally:
        context.close()
    assert focused == ["SUMMARY", "menu-toggle", "solid"]
    assert "navigation" not in closed and "navigation" in opened and first


def test_a_members_short_menu_is_never_folded(live_server, _chromium):
    """A member's few entries show on a phone as they did: nothing to unfold."""
    def make(session):
        from core.testing.factories import Factories

        made = Factories(live_server.app, session)
        return made.account(["member"], person=made.person()).username
    context, page = _signed_in(_chromium, live_server, live_server.setup(make), PHONE, PASSWORD)
    try:
        assert page.locator("header .menu-toggle").count() == 0
        assert page.locator("header nav a").count() >= 1
        assert page.locator("header nav").is_visible()
    finally:
        context.close()
