"""Browser, on a phone (390 px): every crisis number in the urgent alerts is a ``tel:`` link
drawn on one line: at the top of a refused PHQ-9, on the saved entry, in the chart's panel and
under the entry on the timeline, in French and in English. The numbers were text that wrapped
("1-866-277-" over "3553"). ``SOIN_SCREENSHOTS=DIR`` keeps each page at 390 and 1280 px."""

import pytest

from core.registry import plugin_host
from core.testing.browser import browser_login, element_shots, one_line_phone_links
from core.testing.factories import PASSWORD, Factories

from plugins.psychology.crisis_lines import read_lines
from plugins.psychology.tests.test_psychology_crisis_lines_browser import _seed

pytestmark = pytest.mark.e2e
PHONE = {"width": 390, "height": 844}


def _setup(live_server):
    def make(session):
        from core.admin.service import set_active

        set_active(session, plugin_host(live_server.app), "psychology", True)
        factories = Factories(live_server.app, session)
        factories.account(roles=["practitioner"], discipline="psychology", username="marc",
                          display_name="Marc Lévesque")
        _seed(session)
        dials = sorted(line.dial for line in read_lines(session).lines)  # the lines in use
        return factories.person("Mireille", "Lavoie").id, dials
    return live_server.setup(make)


@pytest.mark.parametrize("locale", ["fr-CA", "en"])
def test_on_a_phone_each_crisis_number_is_a_tel_link_on_one_line(live_server, _chromium, locale):
    person_id, dials = _setup(live_server)
    context = _chromium.new_context(locale=locale, viewport=PHONE)
    page = context.new_page()
    try:
        browser_login(page, live_server, "marc", PASSWORD)
        page.goto(f"{live_server.url}/people/{person_id}/chart/new/psychology.phq9")
        for item in (1, 2, 4, 5, 6, 7, 8):  # item 3 left blank: refused
            page.check(f"input[name=item_{item}][value='0']")
        page.check("input[name=item_9][value='2']")
        with page.expect_navigation():
            page.click("form.stack button[type=submit]")
        assert one_line_phone_links(page, "main p.error:not(.flash)") == dials
        element_shots(page, f"phq9-refused-{locale}", "main p.error:not(.flash)", PHONE)

        page.check("input[name=item_3][value='0']")
        with page.expect_navigation():
            page.click("form.stack button[type=submit]")
        assert one_line_phone_links(page, "main .notice.urgent") == dials
        element_shots(page, f"phq9-saved-{locale}", "main .notice.urgent", PHONE)

        page.goto(f"{live_server.url}/people/{person_id}/chart")
        assert one_line_phone_links(page, "section.panel.urgent") == dials
        assert one_line_phone_links(page, "li.entry .notice.urgent") == dials
        element_shots(page, f"chart-{locale}", "section.alerts", PHONE)
        element_shots(page, f"chart-timeline-{locale}", "li.entry", PHONE)
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    finally:
        context.close()
