"""Browser, on a phone (390 px): an alert kept before the phone pass that names the coop's own
crisis line (Tel-Aide), once c62db60e836f and e3ab9e4aeac5 ran, shows that line's number as a
``tel:`` link on one line beside the seeded ones, in French and in English.
``SOIN_SCREENSHOTS=DIR`` keeps it at 390 and 1280 px."""

import copy

import pytest
from sqlalchemy import select, update

from core.registry import plugin_host
from core.testing.browser import browser_login, element_shots, one_line_phone_links
from core.testing.factories import PASSWORD, Factories

from plugins.psychology.tests.migration_steps import run_step

pytestmark = pytest.mark.e2e
PHONE = {"width": 390, "height": 844}
TEL_AIDE = "tel:+15149351101"


def _old_alert_naming_tel_aide(live_server):
    def make(session):
        from core.admin.service import set_active
        from core.api import record_entry
        from core.record.models import Finding

        from plugins.psychology.crisis_lines import save_line

        set_active(session, plugin_host(live_server.app), "psychology", True)
        factories = Factories(live_server.app, session)
        marc = factories.account(roles=["practitioner"], discipline="psychology",
                                 username="marc", display_name="Marc Lévesque")
        save_line(session, None, {"title_fr": "Tel-Aide Montréal, écoute 24 h sur 24",
                                  "title_en": "Tel-Aide Montréal, listening 24/7",
                                  "number": "514 935-1101", "dial": TEL_AIDE}, actor=marc)
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
        run_step(session, "e3ab9e4aeac5", "upgrade")
        # the lines the alert named: the seeded ones and Tel-Aide (Tel-Aide alone when an
        # earlier test of the server emptied the seeded table)
        return person.id, sorted(dial for _t, _n, dial in alert.data["crisis_lines"])
    return live_server.setup(make)


@pytest.mark.parametrize("locale", ["fr-CA", "en"])
def test_on_a_phone_an_old_alerts_own_crisis_line_is_a_tel_link_on_one_line(
        live_server, _chromium, locale):
    person_id, dials = _old_alert_naming_tel_aide(live_server)
    assert TEL_AIDE in dials
    context = _chromium.new_context(locale=locale, viewport=PHONE)
    page = context.new_page()
    try:
        browser_login(page, live_server, "marc", PASSWORD)
        page.goto(f"{live_server.url}/people/{person_id}/chart")
        assert one_line_phone_links(page, "li.entry .notice.urgent") == dials
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
        element_shots(page, f"psychology-old-alert-own-line-{locale}", "li.entry", PHONE)
    finally:
        context.close()
