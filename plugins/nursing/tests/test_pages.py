"""End to end through the pages: vital signs on the chart, applying an OC, the register."""

from __future__ import annotations

import io
import json

from sqlalchemy import func, select

from core.api import Entry, add_summary_item
from core.registry import plugin_host

from plugins.nursing.models import OcApplication, OcVersion, VitalSignsIndex
from plugins.nursing.oc.registry import DATA_DIR

CYSTITIS = {"female_anatomy": "true", "dysuria": "true", "frequency": "true", "urgency": "false",
            "temperature": "37.2", "flank_pain": "false", "systemic_signs": "false",
            "possibly_pregnant": "false", "vaginal_discharge": "false",
            "complicating_factor": "false", "recurrent_or_recent_failure": "false",
            "treating_physician": "Dre Martel, GMF Rosemont"}


def _count(db, model) -> int:
    return db.scalar(select(func.count()).select_from(model))


def test_vital_signs_recorded_on_the_chart_show_what_to_do(client, db, login, nurse, patient):
    login(nurse)
    response = client.post(f"/people/{patient.id}/chart/new/nursing.vital_signs", data={
        "temperature": "38.9", "pulse": "118", "respiratory_rate": "24", "systolic": "186",
        "diastolic": "104", "spo2": "93", "oxygen": "air", "consciousness": "A"},
        follow_redirects=True)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "NEWS2 7" in page and "appeler le 911" in page          # emergency response
    assert "Urgence hypertensive possible (186/104 mmHg)" in page
    row = db.scalar(select(VitalSignsIndex).where(VitalSignsIndex.person_id == patient.id))
    assert (row.news2, row.risk, row.hypertensive_urgency) == (7, "high", True)
    tasks = client.get("/record/tasks").get_data(as_text=True)
    assert "Évaluation médicale urgente dans l’heure" in tasks
    chart = client.get(f"/people/{patient.id}/chart").get_data(as_text=True)
    assert "Dernier NEWS2\u202f: 7" in chart
    # the banner stays on the chart, with what to do
    assert "Urgence hypertensive possible (186/104 mmHg)" in chart
    assert "Reprendre la mesure après 5 minutes de repos" in chart


def test_impossible_vital_signs_are_refused_next_to_the_field(client, db, login, nurse, patient):
    login(nurse)
    response = client.post(f"/people/{patient.id}/chart/new/nursing.vital_signs",
                           data={"systolic": "120", "diastolic": "135", "pulse": "700"})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Entrez une valeur entre 20 et 250." in page
    assert _count(db, VitalSignsIndex) == 0


def test_a_bound_with_decimals_is_written_the_french_way(client, login, nurse, patient):
    """A weight of 0 kg: "Entrez une valeur entre 0.5 et 400." mixed an English decimal point
    into the French message."""
    login(nurse)
    response = client.post(f"/people/{patient.id}/chart/new/nursing.vital_signs",
                           data={"weight": "0"})
    assert response.status_code == 422
    assert "Entrez une valeur entre 0,5 et 400." in response.get_data(as_text=True)


def test_an_entry_shows_its_decimals_the_french_way(client, login, nurse, patient):
    """The saved vital signs' summary read "T 37,2 °C" and, under it, "Température 37.2 °C"."""
    login(nurse)
    saved = client.post(f"/people/{patient.id}/chart/new/nursing.vital_signs",
                        data={"temperature": "37.2", "pulse": "72"}, follow_redirects=True)
    page = saved.get_data(as_text=True)
    assert "<dt>Température</dt><dd><span class=\"pre\">37,2 °C</span>" in page
    assert "37.2" not in page


def test_an_incomplete_news2_counts_what_was_not_measured_without_a_bracketed_plural(
        client, login, nurse, patient):
    """ "NEWS2 0 (incomplet : 3 paramètre(s) non mesuré(s))" read as a form to fill in."""
    login(nurse)
    saved = client.post(f"/people/{patient.id}/chart/new/nursing.vital_signs",
                        data={"temperature": "37.2", "pulse": "72"}, follow_redirects=True)
    page = saved.get_data(as_text=True)
    assert "NEWS2 0 (incomplet, paramètres non mesurés\u202f: 3)" in page and "(s)" not in page


def test_applying_an_oc_records_the_entry_and_the_tasks(client, db, login, nurse, patient):
    login(nurse)
    listing = client.get(f"/p/nursing/people/{patient.id}/oc").get_data(as_text=True)
    assert "Amorcer un traitement pharmacologique de la cystite" in listing
    form = client.get(f"/p/nursing/people/{patient.id}/oc/OC-CYSTITE").get_data(as_text=True)
    assert "Dysurie (brûlure en urinant)" in form
    response = client.post(f"/p/nursing/people/{patient.id}/oc/OC-CYSTITE", data=CYSTITIS)
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "Appliquée" in page
    assert "Nitrofurantoïne 100 mg PO BID" in page and "Formulaire de liaison" in page
    application = db.scalar(select(OcApplication))
    assert (application.outcome, application.oc_code) == ("applied", "OC-CYSTITE")
    assert application.entry_id is not None
    chart = client.get(f"/people/{patient.id}/chart").get_data(as_text=True)
    assert "OC-CYSTITE v1" in chart
    tasks = client.get("/record/tasks").get_data(as_text=True)
    assert "Transmettre la communication de l’OC au médecin traitant" in tasks


def test_referral_criterion_creates_a_task_for_the_medecin_repondant(client, db, login, nurse,
                                                                     patient):
    add_summary_item(db, person_id=patient.id, kind="medication", label="Warfarine 4 mg",
                     code="ATC:B01AA03", author=nurse)
    db.commit()
    login(nurse)
    response = client.post(f"/p/nursing/people/{patient.id}/oc/OC-WARFARINE", data={
        "target_range": "2-3", "inr": "6.1", "bleeding": "false", "interacting_change": "false",
        "third_out_of_range": "false"})
    page = response.get_data(as_text=True)
    assert "Orientée" in page and "RIN de 5,0 ou plus" in page
    tasks = client.get("/record/tasks").get_data(as_text=True)
    assert "Orienter vers Dr Martin Roy" in tasks


def test_who_mec_category_3_stops_the_nurse_and_routes_to_an_ips_or_physician(
        client, db, login, nurse, patient):
    login(nurse)
    response = client.post(f"/p/nursing/people/{patient.id}/oc/OC-CONTRACEPTION", data={
        "request": "start", "method": "combined", "mec_category": "3", "systolic": "118",
        "diastolic": "74", "smoker": "false", "unexplained_bleeding": "false",
        "sti_risk": "false", "possibly_pregnant": "false"})
    page = response.get_data(as_text=True)
    assert "Orientée" in page and "Orienter vers\u202f: une IPS ou un médecin" in page
    application = db.scalar(select(OcApplication))
    assert (application.outcome, application.reason_code) == ("referred",
                                                              "contraindication:mec_3_4")
    entry = db.get(Entry, application.entry_id)
    assert entry.payload["plan"] == ""                      # nothing prescribed by the nurse
    assert entry.payload["communication"]                   # the treating physician is told
    tasks = client.get("/record/tasks").get_data(as_text=True)
    assert "Orienter vers une IPS ou un médecin" in tasks and "Médecin répondant\u202f:" not in tasks


def test_missing_answer_writes_nothing(client, db, login, nurse, patient):
    login(nurse)
    data = {k: v for k, v in CYSTITIS.items() if k != "dysuria"}
    response = client.post(f"/p/nursing/people/{patient.id}/oc/OC-CYSTITE", data=data)
    assert response.status_code == 422
    assert "Ce champ est obligatoire." in response.get_data(as_text=True)
    assert _count(db, OcApplication) == 0


def test_untrained_nurse_is_refused_with_the_reason_and_nothing_charted(client, db, login,
                                                                        make_account, nursing,
                                                                        patient):
    login(make_account(roles=["practitioner"], discipline="nursing"))
    page = client.post(f"/p/nursing/people/{patient.id}/oc/OC-CYSTITE",
                       data=CYSTITIS).get_data(as_text=True)
    assert "Formation requise absente de votre profil de praticienne\u202f: oc-cystite" in page
    application = db.scalar(select(OcApplication))
    assert (application.outcome, application.reason_code, application.entry_id) == (
        "refused", "not_trained", None)


def test_who_may_reach_the_pages(client, db, login, nursing, patient, make_account):
    login(role="reception")
    assert client.get(f"/p/nursing/people/{patient.id}/oc").status_code == 403
    assert client.get("/p/nursing/oc").status_code == 403
    login(role="coordinator")
    assert client.get("/p/nursing/oc").status_code == 200


def test_only_professions_an_oc_names_see_or_reach_the_apply_pages(client, db, login, nursing,
                                                                  nurse, patient, make_account):
    """APPLY_OC comes with the practitioner role: an herbalist or acupuncturist holds it, but no
    OC authorises their profession, so the chart offers them nothing and the pages refuse."""
    link = "Appliquer une ordonnance collective"
    for discipline in ("herbalism", "acupuncture", None):
        login(make_account(roles=["practitioner"], discipline=discipline))
        assert link not in client.get(f"/people/{patient.id}/chart").get_data(as_text=True)
        assert client.get(f"/p/nursing/people/{patient.id}/oc").status_code == 403
        assert client.get(f"/p/nursing/people/{patient.id}/oc/OC-CYSTITE").status_code == 403
        assert client.post(f"/p/nursing/people/{patient.id}/oc/OC-CYSTITE",
                           data=CYSTITIS).status_code == 403
    assert _count(db, OcApplication) == 0 and _count(db, Entry) == 0
    login(nurse)
    assert link in client.get(f"/people/{patient.id}/chart").get_data(as_text=True)
    assert client.get(f"/p/nursing/people/{patient.id}/oc").status_code == 200


def test_pages_answer_404_while_the_plugin_is_inactive(client, login, patient):
    login(role="admin")
    assert client.get("/p/nursing/oc").status_code == 404


def _document(code="OC-TEST", version=1, **changes) -> dict:
    doc = json.loads((DATA_DIR / "OC-CYSTITE.json").read_text())
    doc.update(code=code, version=version, **changes)
    return doc


def test_coordinator_adds_an_oc_from_a_file_without_a_developer(client, db, login, nursing):
    login(role="coordinator")
    upload = io.BytesIO(json.dumps(_document()).encode())
    response = client.post("/p/nursing/oc/new", data={"file": (upload, "oc-test.json")},
                           content_type="multipart/form-data", follow_redirects=True)
    assert response.status_code == 200 and "OC-TEST" in response.get_data(as_text=True)
    assert db.scalar(select(OcVersion.source).where(OcVersion.code == "OC-TEST")) == "upload"


def test_an_incomplete_document_is_refused_and_nothing_is_added(client, db, login, nursing):
    login(role="coordinator")
    doc = _document()
    del doc["signatures"]
    response = client.post("/p/nursing/oc/new", data={"document": json.dumps(doc)})
    assert response.status_code == 422
    assert "signatures" in response.get_data(as_text=True)
    assert db.scalar(select(OcVersion).where(OcVersion.code == "OC-TEST")) is None


def test_a_refused_document_is_explained_in_the_readers_language(client, db, login, nursing):
    login(role="coordinator")
    doc = _document(effective_date="2026-13-01", extra="?")
    del doc["signatures"]
    page = client.post("/p/nursing/oc/new", data={"document": json.dumps(doc)})
    body = page.get_data(as_text=True)
    assert page.status_code == 422
    assert "Donnée obligatoire manquante." in body                  # signatures
    assert "Date non valide\u202f: écrivez-la sous la forme AAAA-MM-JJ." in body
    assert "Champ inconnu" in body and "Missing data" not in body
    rules = _document(indications=[{"id": "x", "label": {"fr": "X"}, "when": {"fact": "nope"}}])
    body = client.post("/p/nursing/oc/new", data={"document": json.dumps(rules)}).get_data(
        as_text=True)
    assert "indications.x\u202f: fait inconnu &#39;nope&#39; (pas un identifiant de question)." in body
    body = client.post("/p/nursing/oc/new", data={"document": json.dumps(doc)},
                       headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "Missing data for required field." in body
    assert db.scalar(select(OcVersion).where(OcVersion.code == "OC-TEST")) is None


def test_a_register_document_downloads_edits_and_comes_back_as_a_new_oc(client, db, login,
                                                                        nursing):
    login(role="coordinator")
    row = db.scalar(select(OcVersion).where(OcVersion.code == "OC-WARFARINE"))
    page = client.get("/p/nursing/oc/OC-WARFARINE").get_data(as_text=True)
    assert "Document (JSON)" in page
    assert 'href="tel:+15145550102"' in page  # the responding physician, one tap away
    download = client.get(f"/p/nursing/oc/versions/{row.id}.json")
    assert 'filename="OC-WARFARINE-v1.json"' in download.headers["Content-Disposition"]
    doc = download.get_json()
    doc.update(code="OC-WARFARINE-COOP", version=1)
    response = client.post("/p/nursing/oc/new", data={"document": json.dumps(doc)})
    assert response.status_code == 302
    assert db.scalar(select(OcVersion).where(OcVersion.code == "OC-WARFARINE-COOP")) is not None
    client.post("/logout")
    login(role="reception")
    assert client.get(f"/p/nursing/oc/versions/{row.id}.json").status_code == 403


def test_renewing_makes_a_new_version_with_new_dates(client, db, login, nursing):
    login(role="coordinator")
    response = client.post("/p/nursing/oc/OC-WARFARINE/renew", data={
        "effective_date": "2027-01-15", "expires_on": "2029-01-15", "last_revised": "2026-12-01",
        "signer_name": "Dre Anne Roy", "signer_role": "médecin répondant",
        "signed_on": "2026-12-10"}, follow_redirects=True)
    assert response.status_code == 200
    renewed = db.scalar(select(OcVersion).where(OcVersion.code == "OC-WARFARINE",
                                                OcVersion.version == 2))
    assert renewed.document["signatures"][0]["name"] == "Dre Anne Roy"
    assert renewed.document["contraindications"] == db.scalar(select(OcVersion.document).where(
        OcVersion.code == "OC-WARFARINE", OcVersion.version == 1))["contraindications"]
    bad = client.post("/p/nursing/oc/OC-WARFARINE/renew", data={
        "effective_date": "2027-01-15", "expires_on": "2026-01-15", "last_revised": "2026-12-01",
        "signer_name": "X", "signer_role": "Y", "signed_on": "2026-12-10"})
    assert bad.status_code == 422
    assert "La date de péremption doit suivre" in bad.get_data(as_text=True)


def test_nurses_read_an_oc_and_its_17_elements(client, login, nurse):
    login(nurse)
    page = client.get("/p/nursing/oc/OC-CONTRACEPTION").get_data(as_text=True)
    assert "17. Signatures" in page and "https://www.inspq.qc.ca/publications/3466" in page
    assert "Renouveler" not in page                      # keeping the register is not hers


def test_reading_the_summary_for_a_decision_is_audited(client, db, login, nurse, patient):
    from core.audit.models import AuditEvent

    login(nurse)
    client.post(f"/p/nursing/people/{patient.id}/oc/OC-CYSTITE", data=CYSTITIS)
    actions = db.scalars(select(AuditEvent.action).where(AuditEvent.person_id == patient.id,
                                                         AuditEvent.actor_id == nurse.id)).all()
    assert "summary.read" in actions and "entry.create" in actions


def test_vaccination_clinic_is_a_group_session(app):
    types = {t.code: t for t in plugin_host(app).declarations(
        "register_appointment_types", active_only=False)}
    assert types["nursing.vaccination_clinic"].capacity > 1
    assert types["nursing.visit"].capacity == 1 and "nursing.wound_care" in types


def test_hostile_documents_are_refused_with_a_reason_never_a_server_error(client, db, login,
                                                                           nursing):
    """A version too large for its column, JSON nested 100,000 deep, a NUL in a text: each
    was a 500 (and the error page failed in turn); each is now a refusal naming the problem."""
    login(role="coordinator")
    huge = json.dumps(_document(version=10**30))
    deep = "[" * 100_000 + "]" * 100_000
    nul = json.dumps(_document(name={"fr": "Nom\x00", "en": "Name"}))
    for raw, shown in [(huge, "version"), (deep, "JSON"), (nul, "NUL")]:
        upload = io.BytesIO(raw.encode())
        response = client.post("/p/nursing/oc/new", data={"file": (upload, "oc.json")},
                               content_type="multipart/form-data")
        assert response.status_code == 422, shown
        assert shown in response.get_data(as_text=True)
    assert db.scalar(select(OcVersion).where(OcVersion.code == "OC-TEST")) is None


def test_the_charts_question_agrees_with_the_register(db, nursing, nurse, make_account):
    """The chart asks on each opening whether the viewer may apply some OC, reading only the
    versions' dates and professions: the same answer as the OCs in force the apply page lists,
    through a newer version, before it governs, after every expiry, once withdrawn."""
    from datetime import date

    from plugins.nursing import service
    from plugins.nursing.oc import registry

    herbalist = make_account(roles=["practitioner"], discipline="herbalism")
    authorized = dict(_document()["authorized"], disciplines=["herbalism"])
    registry.add_version(db, _document("OC-CYSTITE", 99, effective_date="2027-06-01",
                                       expires_on="2029-01-01", authorized=authorized),
                         source="test")
    db.flush()
    days = [date(2020, 1, 1), date(2026, 12, 5), date(2027, 6, 1), date(2028, 6, 1),
            date(2030, 1, 1)]
    answers = {}
    for account in (nurse, herbalist):
        for day in days:
            expected = bool(service.authorising_ocs(db, account, day))
            assert service.may_apply_some_oc(db, account, day) is expected, (account, day)
            answers[(account.id, day)] = expected
    assert answers[(nurse.id, date(2026, 12, 5))] and not answers[(herbalist.id, date(2026, 12, 5))]
    assert answers[(herbalist.id, date(2027, 6, 1))]
    for version in db.scalars(select(OcVersion)):
        registry.withdraw(db, version.id)
    db.flush()
    assert not service.may_apply_some_oc(db, nurse, date(2026, 12, 5))


def test_the_chart_asks_for_the_ocs_in_force_with_its_other_questions(app, client, db, login,
                                                                      nurse, patient):
    """The nurse's chart offers to apply an OC without a statement of the panel's own: the
    professions the OCs in force name are asked in the chart's one statement of questions."""
    from sqlalchemy import event

    login(nurse)
    # the process's first chart builds the statement of questions, trying each plugin's alone
    # first (core.record.panels._statement); every later chart sends only the built statement
    client.get(f"/people/{patient.id}/chart")
    sent: list[str] = []

    def keep(_conn, _cursor, statement, *_args):
        sent.append(statement)

    engine = app.extensions["soin_db"].engine
    event.listen(engine, "after_cursor_execute", keep)
    try:
        page = client.get(f"/people/{patient.id}/chart").get_data(as_text=True)
    finally:
        event.remove(engine, "after_cursor_execute", keep)
    assert "Appliquer une ordonnance collective" in page
    [asked] = [s for s in sent if "nursing_oc_versions" in s]
    assert "record_imported_entries" in asked  # with core's questions and the other panels'
