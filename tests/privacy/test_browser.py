"""Browser: the privacy officer approves the destruction of a chart past retention; a member
sees who the privacy officer is, and how to reach them, on a phone-sized screen.
``SOIN_SCREENSHOTS=DIR`` keeps the screens."""

import os
from datetime import timedelta

import pytest

from core.registry import plugin_host
from core.testing.browser import browser_login, element_shots, follow, one_line_phone_links
from core.testing.factories import PASSWORD

pytestmark = pytest.mark.e2e
PHONE = {"width": 375, "height": 812}
NARROW = {"width": 390, "height": 844}  # the phone the tel: link checks are made on


def _shot(page, name):
    folder = os.environ.get("SOIN_SCREENSHOTS")
    if folder:
        page.screenshot(path=os.path.join(folder, f"privacy-{name}.png"), full_page=True)


def _no_sideways_scroll(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def _old_chart(live_server):
    from sqlalchemy import update

    from core.admin.service import set_active
    from core.api import record_entry
    from core.db import utcnow
    from core.identity import service
    from core.identity.accounts import create_account
    from core.privacy.retention import refresh_candidates
    from core.record.models import Entry

    def make(session):
        set_active(session, plugin_host(live_server.app), "recordtest", True)
        household = service.create_household(session, {"name": "Gagnon"})
        person = service.register_person(session, {"first_name": "Aline", "last_name": "Gagnon"},
                                         household)
        nurse = create_account(session, username="nadia", display_name="Nadia Nurse",
                               password=PASSWORD, roles=["practitioner"],
                               practitioner={"discipline": "recordtest"})
        create_account(session, username="olga", display_name="Olga Officière",
                       password=PASSWORD, roles=["privacy_officer"])
        entry = record_entry(session, person=person, form_id="recordtest.vitals",
                             payload={"systolic": 128}, author=nurse)
        old = utcnow() - timedelta(days=3 * 366)
        session.execute(update(Entry).where(Entry.id == entry.id)
                        .values(occurred_at=old, created_at=old))
        refresh_candidates(session)
        return person.id
    return live_server.setup(make)


def test_the_privacy_officer_approves_a_destruction(live_server, page):
    person_id = _old_chart(live_server)
    browser_login(page, live_server, "olga", PASSWORD)
    page.goto(f"{live_server.url}/privacy/retention")
    card = page.locator(".retention-list li")
    assert "Aline Gagnon" in card.inner_text() and "Test rule, art. 2" in card.inner_text()
    _shot(page, "retention-list")
    follow(page, "button:has-text('Détruire le dossier')")          # not confirmed: refused
    assert "Cochez la case" in page.locator(".flash.error").inner_text()
    page.check(".retention-list input[name=confirm]")
    follow(page, "button:has-text('Détruire le dossier')")
    assert "Le dossier est détruit" in page.locator(".flash.success").inner_text()
    assert "Aucun dossier n’a dépassé sa période de conservation." in page.content()
    gone = page.locator("#gone-title + .table-scroll").inner_text()
    assert str(person_id) in gone and "Olga Officière" in gone
    _shot(page, "retention-destroyed")
    page.set_viewport_size(PHONE)
    page.reload()
    _shot(page, "retention-phone")
    _no_sideways_scroll(page)

    def check(session):
        from sqlalchemy import func, select

        from core.audit.service import verify
        from core.record.models import Entry

        left = session.scalar(select(func.count()).select_from(Entry).where(
            Entry.person_id == person_id))
        return left, verify(session)[2]
    assert live_server.setup(check) == (0, [])
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/privacy/incidents")
    assert page.locator("h1").inner_text() == "Incidents de confidentialité"
    _shot(page, "incidents")


@pytest.mark.parametrize("locale", ["fr-CA", "en"])
def test_a_member_sees_the_privacy_officer_on_a_phone(live_server, _chromium, locale):
    """At 390 px, the officer's number is one tap: a link dialling it with its country code
    (it was ``tel:514555-0199``), drawn on one line, its extension after it, never dialled."""
    from core.identity import service
    from core.identity.accounts import create_account
    from core.privacy import officer

    def make(session):
        household = service.create_household(session, {"name": "Roy"})
        person = service.register_person(session, {"first_name": "Rémi", "last_name": "Roy"},
                                         household)
        create_account(session, username="remi", display_name="Rémi Roy", password=PASSWORD,
                       roles=["member"], person=person)
        olga = create_account(session, username="olga", display_name="Olga Officière",
                              password=PASSWORD, roles=["coordinator"])
        officer.designate(session, {"account_id": olga.id, "email": "vie.privee@coop.example",
                                    "phone": "(514) 555-0199 poste 3",
                                    "delegation": "Résolution CA-2026-11"}, by=None)
    live_server.setup(make)
    context = _chromium.new_context(locale=locale, viewport=NARROW)
    page = context.new_page()
    try:
        browser_login(page, live_server, "remi", PASSWORD)
        for path in ("/portal/", "/portal/privacy"):
            page.goto(f"{live_server.url}{path}")
            box = page.locator("section.privacy-officer")
            text = box.inner_text()
            assert "Olga Officière" in text and ("Responsable de la protection" in text
                                                 or "Privacy officer" in text)
            assert box.locator("a[href='mailto:vie.privee@coop.example']").is_visible()
            assert one_line_phone_links(page, "section.privacy-officer") == ["tel:+15145550199"]
            assert box.locator("a.phone").inner_text() == "(514) 555-0199" and "poste 3" in text
            assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        box.scroll_into_view_if_needed()
        _shot(page, f"portal-officer-phone-{locale}")
        element_shots(page, f"privacy-officer-{locale}", "section.privacy-officer", NARROW)
    finally:
        context.close()


def test_the_coop_sees_what_it_would_send_to_the_federation(live_server, page):
    from core.identity.accounts import create_account

    live_server.setup(lambda s: create_account(s, username="coord", display_name="Coralie",
                                               password=PASSWORD, roles=["coordinator"]))
    browser_login(page, live_server, "coord", PASSWORD)
    page.goto(f"{live_server.url}/reports/")
    follow(page, "text=Statistiques pour la fédération")
    assert "Rien n’est envoyé d’ici" in page.content()
    assert page.locator("a:has-text('JSON')").is_visible()
    _shot(page, "federation")
    page.set_viewport_size(PHONE)
    page.reload()
    _shot(page, "federation-phone")
    _no_sideways_scroll(page)
