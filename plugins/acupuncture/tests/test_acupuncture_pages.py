"""The session page as the acupuncturist uses it: the summary shown, points added by what is
typed, the pregnancy acknowledgement, the body map, and a mismatch that keeps the session open."""

from plugins.acupuncture.models import AcuSession


def start(client, patient):
    response = client.post(f"/p/acupuncture/people/{patient.id}/sessions")
    assert response.status_code == 302
    return response.headers["Location"]


def test_core_chart_sends_the_session_form_to_the_session_page(client, login, acupuncturist,
                                                              patient):
    login(acupuncturist)
    chart = client.get(f"/people/{patient.id}/chart").get_data(as_text=True)
    assert f"/p/acupuncture/people/{patient.id}/sessions" in chart
    response = client.get(f"/people/{patient.id}/chart/new/acupuncture.session")
    assert response.headers["Location"].endswith(f"/p/acupuncture/people/{patient.id}/sessions")


def test_the_session_page_shows_the_summary_and_adds_a_point_typed_in_french(
        client, login, acupuncturist, patient, summary_line):
    summary_line("medication", "Warfarine", detail="5 mg")
    login(acupuncturist)
    url = start(client, patient)
    page = client.get(url).get_data(as_text=True)
    assert "Warfarine (5 mg)" in page and "Anticoagulant ou antiplaquettaire" in page
    response = client.post(url + "/points", data={"query": "e36", "side": "bilateral",
                                                  "technique": "even", "stimulation": "manual"})
    assert response.status_code == 302
    page = client.get(url).get_data(as_text=True)
    assert 'data-code="ST36" class="used"' in page  # on the body map
    assert "E36 (ST36)" in page


def test_a_pregnant_person_with_li4_gets_the_acknowledgement_form_and_nothing_is_saved(
        client, login, acupuncturist, patient, summary_line, db):
    summary_line("pregnancy", "pregnant")
    login(acupuncturist)
    url = start(client, patient)
    response = client.post(url + "/points", data={"query": "GI4", "side": "right",
                                                  "technique": "even", "stimulation": "manual"})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Je prends acte de cette mise en garde" in page and "LI4" in page
    assert db.query(AcuSession).one().points == []


def test_closing_with_a_needle_missing_is_refused_on_screen(client, login, acupuncturist,
                                                           patient):
    login(acupuncturist)
    url = start(client, patient)
    client.post(url + "/points", data={"query": "hegu", "side": "bilateral", "technique": "even",
                                       "stimulation": "manual"})
    response = client.post(url + "/close", data={
        "indication": "Céphalée", "needle_type": "filiform", "needle_brand": "Seirin",
        "needle_lot": "A1", "gauge_mm": "0.2", "length_mm": "25", "disinfection": "true",
        "needles_removed": "1"})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "1 aiguille(s) non retirée(s) ou introuvable(s)" in page
    assert "Déclarer un incident" in page


def test_another_discipline_cannot_open_a_session(client, login, patient, make_account):
    nurse = make_account(roles=["practitioner"], discipline="nursing")
    login(nurse)
    assert client.post(f"/p/acupuncture/people/{patient.id}/sessions").status_code == 403
