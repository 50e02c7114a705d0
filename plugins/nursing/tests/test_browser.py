"""In a real browser: a nurse records vital signs and applies an ordonnance collective."""

from __future__ import annotations

from datetime import date

import pytest

from core.registry import plugin_host
from core.testing.browser import browser_login, follow
from core.testing.factories import PASSWORD

from plugins.nursing.tests.conftest import TRAININGS

pytestmark = pytest.mark.e2e


def _nurse_and_patient(live_server) -> int:
    """Activate nursing, create a trained nurse 'ines' and a patient; return the patient id."""
    from core.admin.service import set_active
    from core.identity import service
    from core.identity.accounts import create_account

    def setup(session):
        set_active(session, plugin_host(live_server.app), "nursing", True)
        create_account(session, username="ines", display_name="Inès Gagnon, inf.",
                       password=PASSWORD, roles=["practitioner"], practitioner={
                           "discipline": "nursing", "licence_number": "1234567",
                           "trainings": TRAININGS})
        household = service.create_household(session, {"name": "Lavoie"})
        person = service.register_person(session, {"first_name": "Maude", "last_name": "Lavoie",
                                                   "date_of_birth": date(1990, 3, 2)}, household)
        session.flush()
        return person.id

    return live_server.setup(setup)


def test_nurse_records_vital_signs_and_sees_what_to_do(live_server, page):
    person_id = _nurse_and_patient(live_server)
    browser_login(page, live_server, "ines", PASSWORD)
    page.goto(f"{live_server.url}/people/{person_id}/chart/new/nursing.vital_signs")
    for name, value in {"temperature": "38.6", "pulse": "124", "respiratory_rate": "22",
                        "systolic": "182", "diastolic": "96", "spo2": "95"}.items():
        page.fill(f"#f-{name}", value)
    page.select_option("#f-consciousness", "A")
    with page.expect_navigation():
        page.click("form.stack button[type=submit]")
    findings = page.locator("ul.findings").inner_text()
    assert "NEWS2 6" in findings
    assert "Évaluation médicale urgente dans l’heure" in findings
    assert "Urgence hypertensive possible (182/96 mmHg)" in findings


def test_nurse_applies_an_ordonnance_collective(live_server, page):
    person_id = _nurse_and_patient(live_server)
    browser_login(page, live_server, "ines", PASSWORD)
    page.goto(f"{live_server.url}/people/{person_id}/chart")
    follow(page, "text=Appliquer une ordonnance collective")
    follow(page, "text=Amorcer un traitement pharmacologique de la cystite non compliquée")
    yes = {"female_anatomy", "dysuria", "frequency"}
    for name in ("female_anatomy", "dysuria", "frequency", "urgency", "flank_pain",
                 "systemic_signs", "possibly_pregnant", "vaginal_discharge",
                 "complicating_factor", "recurrent_or_recent_failure"):
        page.check(f"input[name={name}][value={'true' if name in yes else 'false'}]")
    page.fill("#f-temperature", "37.3")
    page.fill("#f-treating_physician", "Dre Martel")
    with page.expect_navigation():
        page.click("form.stack button[type=submit]")
    assert page.locator("#oc-outcome").inner_text().startswith("Appliquée")
    assert "Nitrofurantoïne 100 mg" in page.content()
    follow(page, page.get_by_role("link", name="Voir l’inscription"))
    assert "OC-CYSTITE" in page.content()
