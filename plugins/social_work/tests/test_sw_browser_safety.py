"""Browser: a nurse screens with the AHC HRSN; she sees the urgent safety finding and the kept
answers; a colleague of her discipline sees the screen without them; the social worker finds
the due follow-up on her home page. Screenshots at 1280 and 375 px go to ``$SOIN_SCREENSHOTS``
(default /tmp/sw_shots) to be looked at."""

import os
from datetime import timedelta
from pathlib import Path

import pytest

from core.api import today as coop_today
from core.registry import plugin_host
from core.testing.browser import SCREENS, browser_login, screenshots
from core.testing.factories import PASSWORD, Factories

from plugins.social_work.tests.hrsn_browser import SAFETY_SCORES, submit_hrsn

pytestmark = pytest.mark.e2e
SHOTS = Path(os.environ.get("SOIN_SCREENSHOTS", "/tmp/sw_shots"))


def _setup(live_server):
    def make(session):
        from core.admin.service import set_active

        from plugins.social_work.models import Referral

        set_active(session, plugin_host(live_server.app), "social_work", True)
        factories = Factories(live_server.app, session)
        person = factories.person("Ginette", "Lalonde")
        factories.account(roles=["practitioner"], discipline="social_work", username="nadia",
                          display_name="Nadia Côté")
        factories.account(roles=["practitioner"], discipline="nursing", username="isa",
                          display_name="Isa Roy")
        factories.account(roles=["practitioner"], discipline="nursing", username="line",
                          display_name="Line Roy")
        session.add(Referral(person_id=person.id, need="housing", status="sent",
                             follow_up_on=coop_today() - timedelta(days=3)))
        return person.id
    return live_server.setup(make)


def test_the_safety_answers_stay_with_social_work(live_server, page):
    person_id = _setup(live_server)
    page.set_viewport_size(SCREENS["wide"])
    browser_login(page, live_server, "isa", PASSWORD)
    submit_hrsn(page, live_server.url, person_id, SAFETY_SCORES)
    main = page.locator("main").inner_text()
    assert "Blessures physiques" in main and "Réponses confidentielles (Travail social)" in main
    screenshots(page, SHOTS, "hrsn-saved-by-author")
    entry_url = page.url
    page.context.clear_cookies()

    browser_login(page, live_server, "line", PASSWORD)
    page.goto(entry_url)
    main = page.locator("main").inner_text()
    assert "physiquement" not in main and "sont confidentielles (Travail social)" in main
    screenshots(page, SHOTS, "hrsn-read-by-colleague")
    page.context.clear_cookies()

    browser_login(page, live_server, "nadia", PASSWORD)
    page.goto(f"{live_server.url}/")
    main = page.locator("main").inner_text()
    assert "Suivis de références à faire" in main and "Ginette Lalonde" in main
    screenshots(page, SHOTS, "social-worker-home")
