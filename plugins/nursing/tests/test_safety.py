"""Safety defects found by use: what a nurse could do, or not see, that she must not."""

from __future__ import annotations

import hashlib

from sqlalchemy import func, select

from core.api import Entry
from core.identity.models import ApiToken

from plugins.nursing.models import OcApplication
from plugins.nursing.tests.test_pages import CYSTITIS

#: a man, cystitis OC: the population check would refuse it; by hand nothing would check it
BY_HAND = {"oc_code": "OC-CYSTITE", "oc_version": "1", "oc_name": "Cystite",
           "outcome": "applied", "plan": "Nitrofurantoïne"}


def _entries(db) -> int:
    return db.scalar(select(func.count()).select_from(Entry))


def test_an_oc_application_is_neither_offered_nor_accepted_as_a_hand_written_form(
        client, db, login, nurse, make_person):
    man = make_person(first_name="Paul", last_name="Gagnon", gender="homme")
    login(nurse)
    chart = client.get(f"/people/{man.id}/chart").get_data(as_text=True)
    assert "Application d’une ordonnance collective" not in chart
    assert "/chart/new/nursing.oc_application" not in chart
    assert client.get(f"/people/{man.id}/chart/new/nursing.oc_application").status_code == 404
    posted = client.post(f"/people/{man.id}/chart/new/nursing.oc_application", data=BY_HAND)
    assert posted.status_code == 404 and _entries(db) == 0


def test_the_api_refuses_an_oc_application_written_by_hand(app, db, nurse, make_person):
    man = make_person(first_name="Paul", last_name="Gagnon")
    raw = f"tok-{nurse.id}"
    db.add(ApiToken(account_id=nurse.id, name="t",
                    token_hash=hashlib.sha256(raw.encode()).hexdigest()))
    db.commit()
    response = app.test_client().post(
        f"/api/v1/people/{man.id}/entries", headers={"Authorization": f"Bearer {raw}"},
        json={"form_id": "nursing.oc_application",
              "payload": {**BY_HAND, "oc_version": 1}})
    assert response.status_code == 422
    assert "ne peut pas être rédigé ni corrigé à la main" in str(response.get_json())
    assert _entries(db) == 0


def test_an_oc_application_written_by_its_page_cannot_be_amended_by_hand(client, db, login,
                                                                        nurse, patient):
    login(nurse)
    client.post(f"/p/nursing/people/{patient.id}/oc/OC-CYSTITE", data=CYSTITIS)
    entry_id = db.scalar(select(OcApplication.entry_id))
    page = client.get(f"/entries/{entry_id}").get_data(as_text=True)
    assert f"/entries/{entry_id}/amend" not in page
    assert client.get(f"/entries/{entry_id}/amend").status_code == 404
    assert _entries(db) == 1


def test_a_refused_oc_says_what_the_nurse_does_next_and_tells_the_physician_no_treatment(
        client, db, login, nurse, patient):
    login(nurse)
    refused = {**CYSTITIS, "dysuria": "false", "frequency": "false"}   # no indication present
    page = client.post(f"/p/nursing/people/{patient.id}/oc/OC-CYSTITE",
                       data=refused).get_data(as_text=True)
    assert "Prochaine étape" in page and "Ne pas traiter selon cette ordonnance collective" in page
    application = db.scalar(select(OcApplication))
    assert application.outcome == "refused"
    said = application.communication
    assert "Aucun traitement n’a été amorcé" in said and "Ne pas traiter" in said
    # the checklist of a treatment started belongs to an application, not to a refusal
    assert "À transmettre" not in said and "antibiotique" not in said.lower()
    entry = db.get(Entry, application.entry_id)
    assert entry.payload["next_step"].startswith("Ne pas traiter")


def test_an_oc_entry_reads_labelled_in_each_readers_language(client, db, login, nurse, patient,
                                                             make_account):
    login(nurse)
    client.post(f"/p/nursing/people/{patient.id}/oc/OC-CYSTITE", data=CYSTITIS)
    entry_id = db.scalar(select(OcApplication.entry_id))
    page = client.get(f"/entries/{entry_id}").get_data(as_text=True)
    assert "{" not in page.split("<main", 1)[-1].split("</main>")[0]   # no raw dict
    assert "Dysurie (brûlure en urinant)" in page and "female_anatomy" not in page
    assert "upper_uti_signs" not in page and "pregnancy," not in page
    # the entry's own headings in the reader's language too (they read in English: the page is
    # core's, and core's catalog does not hold the plugin's strings)
    assert "Réponses de l’infirmière" in page and "The nurse’s answers" not in page
    assert "Communication au médecin traitant" in page
    english = make_account(roles=["practitioner"], discipline="nursing",
                           practitioner={"trainings": "oc-cystite"})
    english.locale = "en"
    db.commit()
    login(english)
    page = client.get(f"/entries/{entry_id}").get_data(as_text=True)
    assert "Applied" in page and "To transmit:" in page and "The nurse’s answers" in page
    assert "À transmettre" not in page and "Réponses de l’infirmière" not in page
    tasks = client.get("/record/tasks").get_data(as_text=True)
    assert "Send the OC communication to the treating physician" in tasks
    assert "To transmit:" in tasks


def test_an_expired_oc_is_refused_before_the_nurse_fills_it_in(client, db, login, nurse,
                                                               patient):
    from plugins.nursing.models import OcVersion

    row = db.scalar(select(OcVersion).where(OcVersion.code == "OC-CYSTITE"))
    login(nurse)
    listing = client.get(f"/p/nursing/people/{patient.id}/oc").get_data(as_text=True)
    assert "en vigueur jusqu’au" in listing and "périmée le" not in listing
    from datetime import date
    row.effective_date, row.expires_on = date(2020, 1, 1), date(2021, 1, 15)
    row.document = {**row.document, "effective_date": "2020-01-01", "expires_on": "2021-01-15"}
    db.commit()
    response = client.get(f"/p/nursing/people/{patient.id}/oc/OC-CYSTITE")
    page = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "périmée depuis le 15 janvier 2021" in page and "Dysurie" not in page
    client.post(f"/p/nursing/people/{patient.id}/oc/OC-CYSTITE", data=CYSTITIS)
    application = db.scalar(select(OcApplication))                 # posted anyway: refused
    assert (application.reason_code, application.entry_id) == ("expired", None)
    assert _entries(db) == 0


def test_pregnancy_is_chosen_in_the_readers_language(client, db, login, nurse, patient):
    login(nurse)
    chart = client.get(f"/people/{patient.id}/chart").get_data(as_text=True)
    assert "not_pregnant ou unknown" not in chart
    assert '<option value="not_pregnant">Pas enceinte</option>' in chart


def test_an_oc_entry_prints_and_exports_in_words_not_stored_codes(client, db, login, nurse,
                                                                  patient):
    """The printed chart and the CSV export show an OC application as its page does: the OC's
    questions and criteria in words, in the reader's language (they showed the stored
    mappings: "{'female_anatomy': True, ...}", "dysuria, frequency", every language's texts)."""
    login(nurse)
    client.post(f"/p/nursing/people/{patient.id}/oc/OC-CYSTITE", data=CYSTITIS)
    printed = client.get(f"/people/{patient.id}/chart/print").get_data(as_text=True)
    exported = client.get(f"/people/{patient.id}/chart/export.csv").get_data(as_text=True)
    for text in (printed, exported):
        assert "Dysurie (brûlure en urinant)" in text and "Réponses" not in text
        assert "female_anatomy" not in text and "{'" not in text and "dysuria" not in text
        assert "Communication au médecin traitant" in text
    row = next(line for line in exported.splitlines() if "Indications présentes" in line)
    assert "Dysurie d’apparition récente" in row and "d'apparition" not in row


def test_an_oc_documents_french_reads_as_the_page_around_it(client, db, login, nurse, patient):
    """The OC document is typed with straight apostrophes ("d'apparition"); the nurse's form
    reads the typographic one, as every French page does, and the English page is untouched."""
    login(nurse)
    form = client.get(f"/p/nursing/people/{patient.id}/oc/OC-CYSTITE").get_data(as_text=True)
    assert "d’apparition" in form and "d'apparition" not in form
    assert "d&#39;apparition" not in form
