"""Browser, on a phone (390 px): "physically hurt" gives 9-1-1 and SOS violence conjugale as
``tel:`` links drawn on one line, at the top of a refused screen and in the saved screen's
urgent finding, in French and in English. ``SOIN_SCREENSHOTS=DIR`` keeps each page at 390 and
1280 px."""

import os

import pytest

from core.registry import plugin_host
from core.testing.browser import browser_login
from core.testing.factories import PASSWORD, Factories

pytestmark = pytest.mark.e2e
PHONE = {"width": 390, "height": 844}
DIALS = ["tel:+18003639010", "tel:911"]

#: each tel: link inside ``selector``: its href, how many boxes it is drawn in (one: it never
#: breaks), its height against its line's
LINKS = """selector => [...document.querySelectorAll(selector)].flatMap(box =>
    [...box.querySelectorAll('a.phone')]).map(a => {
        const style = getComputedStyle(a);
        const line = parseFloat(style.lineHeight) || parseFloat(style.fontSize) * 1.2;
        return {href: a.getAttribute('href'), boxes: a.getClientRects().length,
                height: a.getClientRects()[0].height, line: line};
    })"""


def _one_line_links(page, selector) -> list:
    found = page.evaluate(LINKS, selector)
    for link in found:
        assert link["boxes"] == 1, link  # drawn in one piece: not broken across lines
        assert link["height"] <= link["line"] * 1.5, link  # one line high
    return sorted(link["href"] for link in found)


def _shot(page, name, selector):
    """The alerts (``selector``) at 390 and 1280 px, to be looked at."""
    folder = os.environ.get("SOIN_SCREENSHOTS")
    if folder:
        for width, height in ((390, 844), (1280, 900)):
            page.set_viewport_size({"width": width, "height": height})
            page.locator(selector).first.screenshot(
                path=os.path.join(folder, f"{name}-{width}.png"))
        page.set_viewport_size(PHONE)


@pytest.mark.parametrize("locale", ["fr-CA", "en"])
def test_on_a_phone_the_safety_numbers_are_tel_links_on_one_line(live_server, _chromium, locale):
    def make(session):
        from core.admin.service import set_active

        set_active(session, plugin_host(live_server.app), "social_work", True)
        factories = Factories(live_server.app, session)
        factories.account(roles=["practitioner"], discipline="social_work", username="nadia",
                          display_name="Nadia Côté")
        return factories.person("Ginette", "Lalonde").id
    person_id = live_server.setup(make)
    context = _chromium.new_context(locale=locale, viewport=PHONE)
    page = context.new_page()
    try:
        browser_login(page, live_server, "nadia", PASSWORD)
        page.goto(f"{live_server.url}/people/{person_id}/chart/new/social_work.hrsn")
        page.check("input[name=housing_problems][value=none]")  # the housing question left blank
        page.check("input[name=transport][value=no]")
        page.check("input[name=utilities][value=no]")
        for item, value in (("hurt", "3"), ("insult", "1"), ("threaten", "1"), ("scream", "1")):
            page.check(f"input[name={item}][value='{value}']")
        with page.expect_navigation():
            page.click("form.stack button[type=submit]")
        assert _one_line_links(page, "main p.error:not(.flash)") == DIALS
        _shot(page, f"hrsn-refused-{locale}", "main p.error:not(.flash)")

        page.check("input[name=housing_situation][value=steady]")
        with page.expect_navigation():
            page.click("form.stack button[type=submit]")
        assert _one_line_links(page, "main .notice.urgent") == DIALS
        _shot(page, f"hrsn-saved-{locale}", "main .notice.urgent")
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    finally:
        context.close()
