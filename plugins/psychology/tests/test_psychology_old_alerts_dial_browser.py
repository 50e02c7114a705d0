"""Browser, on a phone (390 px): an alert kept before the phone pass, once c62db60e836f ran,
shows each crisis number under its entry on the chart's timeline as a ``tel:`` link drawn on
one line, in French and in English. ``SOIN_SCREENSHOTS=DIR`` keeps it at 390 and 1280 px."""

import copy

import pytest
from sqlalchemy import select, update

from core.registry import plugin_host
from core.testing.browser import browser_login, element_shots, one_line_phone_links
from core.testing.factories import PASSWORD, Factories

from plugins.psychology.crisis_lines import BUILT_IN
from plugins.psychology.tests.migration_steps import run_step

pytestmark = pytest.mark.e2e
PHONE = {"width": 390, "height": 844}


def _old_alert_migrated(live_server):
    def make(session):
        from core.admin.service import set_active
        from core.api import record_entry
        from core.record.models import Finding

        set_active(session, plugin_host(live_server.app), "psychology", True)
        factories = Factories(live_server.app, session)
        marc = factories.account(roles=["practitioner"], discipline="psychology",
                                 username="marc", display_name="Marc Lévesque")
        person = factories.person("Mireille", "Lavoie")
        answers = {**{f"item_{i}": 0 for i in range(1, 9)}, "item_9": 2, "language": "fr"}
        entry = record_entry(session, person=person, form_id="psychology.phq9",
                             payload=answers, author=marc)
        alert = session.scalar(select(Finding).where(Finding.entry_id == entry.id,
                                                     Finding.severity == "urgent"))
        texts = copy.deepcopy(alert.texts)
        for kept in texts.values():
            kept.pop("phones")  # as the code before the phone pass kept it
        session.execute(update(Finding).where(Finding.id == alert.id).values(texts=texts))
        run_step(session, "c62db60e836f", "upgrade")
        return person.id
    return live_server.setup(make)


@pytest.mark.parametrize("locale", ["fr-CA", "en"])
def test_on_a_phone_an_old_alerts_crisis_numbers_are_tel_links_on_one_line(
        live_server, _chromium, locale):
    person_id = _old_alert_migrated(live_server)
    context = _chromium.new_context(locale=locale, viewport=PHONE)
    page = context.new_page()
    try:
        browser_login(page, live_server, "marc", PASSWORD)
        page.goto(f"{live_server.url}/people/{person_id}/chart")
        dials = sorted(line.dial for line in BUILT_IN)
        assert one_line_phone_links(page, "li.entry .notice.urgent") == dials
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
        element_shots(page, f"psychology-old-alert-{locale}", "li.entry", PHONE)
    finally:
        context.close()
