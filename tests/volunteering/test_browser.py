"""In the browser: a member signs up for a market shift on a phone; the coordinator confirms
hours after a shift."""

from __future__ import annotations

import os
from datetime import timedelta

import pytest

from core.registry import plugin_host
from core.testing.browser import browser_login, element_shots, follow, one_line_phone_links
from core.testing.factories import PASSWORD
from tests.volunteering.conftest import at

pytestmark = pytest.mark.e2e


def _shot(page, name):
    folder = os.environ.get("SOIN_SCREENSHOTS")
    if folder:
        page.screenshot(path=os.path.join(folder, f"volunteering-{name}.png"), full_page=True)


def _member(sess, username, first, last, roles=("member",)):
    from core.identity import service
    from core.identity.accounts import create_account

    household = service.create_household(sess, {"name": last})
    person = service.register_person(sess, {"first_name": first, "last_name": last}, household)
    create_account(sess, username=username, display_name=f"{first} {last}", password=PASSWORD,
                   roles=list(roles), person=person)
    return person


def _shift(sess, program, title, days, hours=3, needed=2, **kw):
    from core.volunteering.service import publish_shift

    return publish_shift(sess, program=program, title=title, starts_at=at(days, 9),
                         ends_at=at(days, 9) + timedelta(hours=hours), needed=needed, **kw)


def test_a_member_signs_up_for_a_market_shift_on_a_phone(live_server, page):
    from core.admin.service import set_active

    host = plugin_host(live_server.app)
    live_server.setup(lambda s: set_active(s, host, "food_security", True))
    live_server.setup(lambda s: _member(s, "maya", "Maya", "Côté"))
    live_server.setup(lambda s: _shift(s, "food_security.market", "Distribution des paniers",
                                       3, place="Local du marché, 1450 rue Ontario Est").id)
    live_server.setup(lambda s: _shift(s, "core.reception", "Accueil du mardi", 4, needed=1,
                                       personal_info=True).id)
    page.set_viewport_size({"width": 375, "height": 812})
    browser_login(page, live_server, "maya", PASSWORD)  # lands in her member space
    # wait for the page's load (its stylesheet), not just its markup: the widths below are read
    # from the laid-out page, and a locator can find the list before the CSS applies
    with page.expect_navigation():
        page.get_by_role("link", name="Bénévolat").click()
    _shot(page, "portal-before")
    card = page.locator("#open-shifts li", has_text="Distribution des paniers")
    assert "2 places libres" in card.inner_text()
    assert "Marché solidaire" in card.inner_text()
    # nothing spills sideways on a phone
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    box = card.get_by_role("button", name="M’inscrire").bounding_box()
    assert box["width"] > 250  # a full-width button a thumb finds
    with page.expect_navigation():
        card.get_by_role("button", name="M’inscrire").click()
    assert "Votre inscription est faite. Merci\u202f!" in page.inner_text("main")
    mine = page.locator("#my-shifts li", has_text="Distribution des paniers")
    assert mine.count() == 1
    # reception needs the undertaking: refused, said so, nothing kept
    reception = page.locator("#open-shifts li", has_text="Accueil du mardi")
    with page.expect_navigation():
        reception.get_by_role("button", name="M’inscrire").click()
    assert "engagement de confidentialité" in page.inner_text(".flash")
    assert page.locator("#my-shifts li").count() == 1
    _shot(page, "portal-after")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375


def test_the_coordinator_confirms_the_hours_of_a_shift(live_server, page):
    from core.identity.accounts import create_account
    from core.volunteering.service import sign_up

    live_server.setup(lambda s: create_account(s, username="coordo", display_name="Julie",
                                               password=PASSWORD, roles=["coordinator"]).id)

    def held(sess):
        shift = _shift(sess, "core.upkeep", "Peinture de la salle", 2, hours=3, needed=2)
        for first in ("Léa", "Noé"):
            sign_up(sess, shift, _member(sess, first.lower(), first, "Bénévole"))
        shift.starts_at, shift.ends_at = at(-2, 9), at(-2, 12)
    live_server.setup(held)
    page.set_viewport_size({"width": 1280, "height": 900})
    browser_login(page, live_server, "coordo", PASSWORD)
    page.goto(f"{live_server.url}/")
    follow(page, page.get_by_role("link", name="Bénévolat").first)
    follow(page, page.get_by_role("link", name="Heures à confirmer"))
    _shot(page, "hours-to-confirm")
    lea = page.locator("#to-confirm li", has_text="Léa Bénévole")
    lea.get_by_label("Heures").fill("2,5")
    with page.expect_navigation():
        lea.get_by_role("button", name="Confirmer").click()
    assert "Heures confirmées pour Léa Bénévole." in page.inner_text("main")
    noe = page.locator("#to-confirm li", has_text="Noé Bénévole")
    with page.expect_navigation():
        noe.get_by_role("button", name="Absence").click()
    assert "Chaque quart passé a ses heures confirmées." in page.inner_text("main")
    _shot(page, "hours-confirmed")
    # the volunteer's ledger shows the hours as confirmed
    page.goto(f"{live_server.url}/volunteering/volunteers")
    page.get_by_label("Trouver une personne").fill("Léa")
    follow(page, page.get_by_role("button", name="Chercher"))
    follow(page, page.get_by_role("link", name="Léa Bénévole"))
    assert "2,5" in page.inner_text("#ledger")
    _shot(page, "volunteer")
    page.goto(f"{live_server.url}/volunteering/")
    _shot(page, "shifts")


@pytest.mark.parametrize("locale", ["fr-CA", "en"])
def test_the_volunteer_dials_the_person_they_accompany_on_a_phone(live_server, _chromium,
                                                                   locale):
    """At 390 px, the accompanied person's number is one tap: a link dialling it with its
    country code (it was ``tel:`` and the text as typed), on one line, its extension after it."""
    from core.scheduling.models import Appointment
    from core.volunteering.accompaniment import request_accompaniment
    from core.volunteering.service import sign_undertaking, sign_up

    def make(sess):
        rose = _member(sess, "rose", "Rose", "Tanguay")
        rose.phone = "(514) 555-0199 poste 12"
        visit = Appointment(type_code="core.visit", person_id=rose.id, starts_at=at(3, 10),
                            ends_at=at(3, 11), status="booked")
        sess.add(visit)
        sess.flush()
        shift = request_accompaniment(sess, visit, "transport", place="Entrée principale")
        paul = _member(sess, "paul", "Paul", "Ouellet")
        sign_undertaking(sess, paul)
        sign_up(sess, shift, paul)
    live_server.setup(make)
    phone = {"width": 390, "height": 844}
    context = _chromium.new_context(locale=locale, viewport=phone)
    page = context.new_page()
    try:
        browser_login(page, live_server, "paul", PASSWORD)
        page.goto(f"{live_server.url}/portal/volunteering/")
        assert one_line_phone_links(page, "#my-shifts .accompanied") == ["tel:+15145550199"]
        met = page.locator("#my-shifts .accompanied")
        assert met.locator("a.phone").inner_text() == "(514) 555-0199"
        assert "poste 12" in met.inner_text()
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        element_shots(page, f"volunteering-accompanied-{locale}", "#my-shifts li", phone)
    finally:
        context.close()
