"""Browser, on a phone (390 px): a community service's phone, typed as free text, is a ``tel:``
link dialling it in E.164, drawn on one line, its extension after it, on the directory its
navigator keeps, the referral a social worker follows, the public page and the member's
referrals, in French and in English. ``SOIN_SCREENSHOTS=DIR`` keeps each at 390 and 1280 px."""

import pytest

from core.api import today as coop_today
from core.registry import plugin_host
from core.testing.browser import browser_login, element_shots, one_line_phone_links
from core.testing.factories import PASSWORD, Factories

pytestmark = pytest.mark.e2e
PHONE = {"width": 390, "height": 844}
DIAL = ["tel:+15145550123"]


def _setup(live_server):
    def make(session):
        from core.admin.service import set_active

        from plugins.social_work import directory, referrals
        from plugins.social_work.demo import build_directory
        from plugins.social_work.models import Referral
        from plugins.social_work.permissions import NAVIGATOR

        set_active(session, plugin_host(live_server.app), "social_work", True)
        factories = Factories(live_server.app, session)
        person = factories.person("Ginette", "Lalonde")
        factories.account(roles=["member"], username="ginette", person=person)
        factories.account(roles=["practitioner"], discipline="social_work", username="nadia")
        factories.account(roles=[NAVIGATOR], username="lou")
        build_directory(session, coop_today())
        service = directory.matching(session, "food")[0]
        service.phone = "(514) 555-0123 poste 22"
        chosen = Referral(person_id=person.id, need="food", service=service)
        session.add(chosen)
        proposed = referrals.propose(session, person_id=person.id, need="food")
        session.flush()
        return service.id, proposed.id, chosen.id
    return live_server.setup(make)


@pytest.mark.parametrize("locale", ["fr-CA", "en"])
def test_on_a_phone_a_services_number_is_a_tel_link_on_one_line(live_server, _chromium, locale):
    service_id, referral_id, chosen_id = _setup(live_server)
    url = live_server.url
    for username, path, box in (
            ("lou", "/p/social_work/directory", f"article[data-service='{service_id}']"),
            ("nadia", f"/p/social_work/referrals/{referral_id}", "fieldset .field"),
            (None, "/p/social_work/services", f"article[data-service='{service_id}']"),
            ("ginette", "/p/social_work/my/referrals", f"li[data-referral='{chosen_id}']")):
        context = _chromium.new_context(locale=locale, viewport=PHONE)
        page = context.new_page()
        try:
            if username:
                browser_login(page, live_server, username, PASSWORD)
            page.goto(f"{url}{path}")
            if username == "nadia":  # the service's details, folded under its choice
                page.locator(f"{box} details", has_text="22").locator("summary").click()
                box = f"{box}:has(details[open])"
            assert one_line_phone_links(page, box) == DIAL, path
            assert page.locator(box).locator("a.phone").first.inner_text() == "(514) 555-0123"
            assert "poste 22" in page.locator(box).first.inner_text()
            assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
            element_shots(page, f"sw-{username or 'public'}-{locale}", box, PHONE)
        finally:
            context.close()
