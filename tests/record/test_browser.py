"""Browser: a practitioner records an entry from a plugin's form and amends it; the member reads
the amended version in plain language and sees who wrote it in their access log."""

import pytest

from core.registry import plugin_host
from core.testing.browser import browser_login, follow
from core.testing.factories import PASSWORD

pytestmark = pytest.mark.e2e


def _setup(live_server):
    from core.admin.service import set_active
    from core.identity import service
    from core.identity.accounts import create_account

    def make(session):
        set_active(session, plugin_host(live_server.app), "recordtest", True)
        household = service.create_household(session, {"name": "Gagnon"})
        person = service.register_person(session, {"first_name": "Aline", "last_name": "Gagnon"},
                                         household)
        create_account(session, username="nadia", display_name="Nadia Nurse", password=PASSWORD,
                       roles=["practitioner"], practitioner={"discipline": "recordtest"})
        create_account(session, username="aline", display_name="Aline Gagnon", password=PASSWORD,
                       roles=["member"], person=person)
        return person.id
    return live_server.setup(make)


def test_record_an_entry_then_the_member_reads_it(live_server, page):
    person_id = _setup(live_server)
    browser_login(page, live_server, "nadia", PASSWORD)
    page.goto(f"{live_server.url}/people/{person_id}/chart")
    assert "Dossier d’Aline Gagnon" in page.locator("h1").inner_text()
    page.click("summary:has-text('Rédiger une note')")   # the forms are grouped in one menu
    follow(page, "text=Vital signs")
    # a value out of range: the error is shown next to the field, nothing is saved
    page.fill("#f-systolic", "20")
    follow(page, "button:has-text('Enregistrer')")
    assert page.locator("#e-systolic").inner_text() == "Entrez une valeur entre 60 et 260."
    assert page.locator("#f-systolic").get_attribute("aria-invalid") == "true"
    page.fill("#f-systolic", "190")
    page.check("input[name=mood][value=good]")
    page.check("input[name=symptoms][value=fever]")
    follow(page, "button:has-text('Enregistrer')")
    assert "La note est enregistrée." in page.content()
    assert "Very high blood pressure" in page.locator(".findings").inner_text()
    follow(page, "a:has-text('Modifier')")
    assert page.locator("#f-systolic").input_value() == "190"
    page.fill("#f-systolic", "185")
    page.fill("#f-reason", "misread the cuff")
    follow(page, "button:has-text('Enregistrer')")
    assert "misread the cuff" in page.content()  # the history shows both versions and why
    page.goto(f"{live_server.url}/people/{person_id}/chart")
    timeline = page.locator("ol.timeline").inner_text()
    assert "BP 185 mmHg" in timeline and "BP 190 mmHg" not in timeline
    assert page.locator("text=Aucune note à afficher.").count() == 0
    follow(page, "text=Se déconnecter")

    browser_login(page, live_server, "aline", PASSWORD)
    assert page.url.endswith("/portal/")
    follow(page, "text=Mon dossier de santé")
    record = page.locator("main").inner_text()
    assert "Your blood pressure was 185." in record and "was 190" not in record
    page.goto(f"{live_server.url}/portal/")
    follow(page, "text=Qui a consulté mon dossier")
    log = page.locator("table").inner_text()
    assert "Nadia Nurse" in log and "A rédigé une note" in log and "A modifié une note" in log
