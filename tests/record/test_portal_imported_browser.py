"""Browser, at a phone's width: the member reads, among their own notes, what another coop's
record brought, with the coop, the author and the date, read-only; what the other coop kept
from them is not there."""

import json

import pytest

from core.testing.browser import browser_login
from core.testing.factories import PASSWORD
from tests.record.test_portal_imported import _note, _weight

pytestmark = pytest.mark.e2e


def _setup(live_server):
    from core.identity.accounts import create_account
    from core.identity.models import Person
    from core.record.transfer import start_import

    bundle = {"resourceType": "Bundle", "type": "collection",
              "meta": {"source": "urn:soin-commun:coop:coop-du-nord"}, "entry": [
        {"fullUrl": "urn:uuid:00000000-0000-4000-8000-000000000000", "resource": {
            "resourceType": "Patient", "name": [{"family": "Roy", "given": ["Léa"]}],
            "birthDate": "1990-02-03", "managingOrganization": {"display": "Coop du Nord"}}},
        _note(1, "Tension normale, revoir dans un an.", member="shown"),
        _note(2, "NOTE GARDÉE PAR L'AUTRE COOP", member="withheld"), _weight(1, "N")]}

    def make(session):
        batch = start_import(session, json.dumps(bundle))
        session.flush()
        create_account(session, username="lea", display_name="Léa Roy", password=PASSWORD,
                       roles=["member"], person=session.get(Person, batch.person_id))
    live_server.setup(make)


def test_the_member_reads_imported_entries_on_a_phone(live_server, page):
    _setup(live_server)
    page.set_viewport_size({"width": 375, "height": 800})
    browser_login(page, live_server, "lea", PASSWORD)
    page.goto(f"{live_server.url}/portal/record")
    imported = page.locator("article.imported")
    assert imported.count() == 2
    first = imported.first.inner_text()
    assert "Tension normale, revoir dans un an." in first
    assert "Tiré de votre dossier à Coop du Nord" in first and "Inès Infirmière" in first
    assert "10 janvier 2026" in first  # the day as the member's language writes it
    assert "Dr Ève Caron" in imported.nth(1).inner_text() and "62 kg" in imported.nth(1).inner_text()
    assert "NOTE GARDÉE" not in page.content()
    assert imported.locator("a, form, button").count() == 0  # read-only
    assert page.evaluate("document.documentElement.scrollWidth") <= 375  # no sideways scroll
