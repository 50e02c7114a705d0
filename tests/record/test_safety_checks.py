"""A safety check that cannot run is never silent; findings and tasks read in each reader's
language, old rows included."""

from __future__ import annotations

from sqlalchemy import select

from core.record.models import Action, Finding


def _as(db, account, locale):
    account.locale = locale
    db.commit()


def test_a_protocol_that_raises_is_shown_to_the_writer_on_the_chart_and_to_the_coordinator(
        client, db, login, nurse, patient, make_account):
    login(nurse)
    saved = client.post(f"/people/{patient.id}/chart/new/recordtest.vitals",
                        data={"systolic": "200", "note": "PROTOCOL-BUG"}, follow_redirects=True)
    page = saved.get_data(as_text=True)
    assert saved.status_code == 200                                 # the entry is not lost
    said = "Le contrôle de sécurité «\u202fHigh blood pressure\u202f» n’a pas pu s’exécuter"
    assert said in page and "faites-le à la main" in page
    assert 'role="alert"' in page
    chart = client.get(f"/people/{patient.id}/chart").get_data(as_text=True)
    assert said in chart
    task = db.scalar(select(Action).where(Action.to_role == "coordinator"))
    assert task is not None and task.status == "open" and task.due_at is not None
    login(make_account(roles=["coordinator"]))
    tasks = client.get("/record/tasks").get_data(as_text=True)
    assert "«\u202fHigh blood pressure\u202f» n’a pas pu s’exécuter\u202f: le faire réparer" in tasks


def test_findings_and_tasks_read_in_each_readers_language(client, db, login, nurse, patient,
                                                          make_account, write):
    write(payload={"systolic": "200", "note": "PROTOCOL-BUG"})      # written in French
    english = make_account(roles=["practitioner"], discipline="recordtest")
    _as(db, english, "en")
    login(english)
    chart = client.get(f"/people/{patient.id}/chart").get_data(as_text=True)
    assert "The safety check “High blood pressure” could not run: do it by hand." in chart
    assert "n’a pas pu s’exécuter" not in chart


def test_rows_written_before_languages_were_stored_still_show(client, db, login, nurse,
                                                              patient, write):
    entry = write(payload={"systolic": "200"})
    finding = db.scalar(select(Finding).where(Finding.entry_id == entry.id))
    finding.texts = None
    finding.message = "Pression très élevée (ancienne ligne)"
    db.commit()
    login(nurse)
    chart = client.get(f"/people/{patient.id}/chart").get_data(as_text=True)
    assert "Pression très élevée (ancienne ligne)" in chart


def test_the_emergency_review_names_what_was_done_in_words(client, db, login, nurse, patient,
                                                          other_discipline, make_account):
    from core.record import consent

    consent.add_consent_rule(db, person_id=patient.id, kind="refuse_practitioner",
                             account_id=other_discipline.id, actor=nurse)
    consent.break_glass(db, account=other_discipline, person_id=patient.id, reason="chest pain")
    db.commit()
    login(other_discipline)
    assert client.get(f"/people/{patient.id}/chart").status_code == 200
    login(make_account(roles=["admin"]))
    page = client.get("/record/reviews").get_data(as_text=True)
    assert "A ouvert le dossier — permis" in page
    assert "chart.read" not in page and "(success)" not in page


def test_the_api_says_a_wrong_payload_type_in_the_readers_language(app, db, nurse, patient):
    from tests.record.test_record_api import bearer

    response = app.test_client().post(
        f"/api/v1/people/{patient.id}/entries", headers=bearer(db, nurse),
        json={"form_id": "recordtest.vitals", "payload": ["not", "a", "mapping"]})
    assert response.status_code == 422
    assert response.get_json()["error"]["fields"] == {
        "payload": ["Envoyez ces valeurs sous forme d’objet (un dictionnaire JSON)."]}
