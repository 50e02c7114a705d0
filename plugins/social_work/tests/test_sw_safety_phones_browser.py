"""Browser, on a phone (390 px): "physically hurt" gives 9-1-1 and SOS violence conjugale as
``tel:`` links drawn on one line, at the top of a refused screen and in the saved screen's
urgent finding, in French and in English. ``SOIN_SCREENSHOTS=DIR`` keeps each page at 390 and
1280 px."""

import pytest

from core.registry import plugin_host
from core.testing.browser import browser_login, element_shots, one_line_phone_links
from core.testing.factories import PASSWORD, Factories

from plugins.social_work.tests.hrsn_browser import SAFETY_SCORES, submit_hrsn

pytestmark = pytest.mark.e2e
PHONE = {"width": 390, "height": 844}
DIALS = ["tel:+18003639010", "tel:911"]


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
        # the housing question left blank: refused, the safety answers' numbers with it
        submit_hrsn(page, live_server.url, person_id, SAFETY_SCORES, housing=None)
        assert one_line_phone_links(page, "main p.error:not(.flash)") == DIALS
        element_shots(page, f"hrsn-refused-{locale}", "main p.error:not(.flash)", PHONE)

        page.check("input[name=housing_situation][value=steady]")
        with page.expect_navigation():
            page.click("form.stack button[type=submit]")
        assert one_line_phone_links(page, "main .notice.urgent") == DIALS
        element_shots(page, f"hrsn-saved-{locale}", "main .notice.urgent", PHONE)
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    finally:
        context.close()
