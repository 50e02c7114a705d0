"""The session page as the acupuncturist uses it: the summary shown, points added by what is
typed, the pregnancy acknowledgement, the body map, and a mismatch that keeps the session open."""

from plugins.acupuncture.models import AcuSession


def start(client, patient):
    response = client.post(f"/p/acupuncture/people/{patient.id}/sessions")
    assert response.status_code == 302
    return response.headers["Location"]


def test_the_session_form_is_never_offered_or_accepted_by_hand(client, login, acupuncturist,
                                                                patient):
    login(acupuncturist)
    chart = client.get(f"/people/{patient.id}/chart").get_data(as_text=True)
    assert "/chart/new/acupuncture.session" not in chart
    assert f"/p/acupuncture/people/{patient.id}/sessions" in chart  # the panel leads there
    assert client.get(f"/people/{patient.id}/chart/new/acupuncture.session").status_code == 404


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


def test_closing_with_a_needle_missing_is_refused_on_screen_and_keeps_the_details(
        client, login, acupuncturist, patient, db):
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
    assert "1 aiguille non retirée ou introuvable" in page
    assert "Déclarer un incident" in page
    assert "Vos inscriptions sont enregistrées, mais la séance reste ouverte" in page
    db.expire_all()
    kept = db.query(AcuSession).one()
    assert (kept.status, kept.indication, kept.needle_lot) == ("open", "Céphalée", "A1")


def test_another_discipline_cannot_open_a_session(client, login, patient, make_account):
    nurse = make_account(roles=["practitioner"], discipline="nursing")
    login(nurse)
    assert client.post(f"/p/acupuncture/people/{patient.id}/sessions").status_code == 403


def test_the_chart_panel_leads_acupuncturists_to_their_open_session(client, login, patient,
                                                                   acupuncturist, make_account):
    login(acupuncturist)
    url = start(client, patient)
    chart = client.get(f"/people/{patient.id}/chart").get_data(as_text=True)
    assert "Poursuivre la séance ouverte" in chart and url.split("localhost")[-1] in chart
    client.post("/logout")
    login(make_account(roles=["practitioner"], discipline="nursing"))
    chart = client.get(f"/people/{patient.id}/chart").get_data(as_text=True)
    assert "Poursuivre la séance ouverte" not in chart


def test_the_chart_panel_shows_the_last_session_s_points_in_the_order_they_were_added(
        client, login, patient, acupuncturist):
    login(acupuncturist)
    url = start(client, patient)
    for query, side in (("ST36", "bilateral"), ("hegu", "right")):  # LI4 after ST36
        client.post(url + "/points", data={"query": query, "side": side, "technique": "even",
                                           "stimulation": "manual"})
    assert client.post(url + "/close", data={
        "indication": "Lombalgie", "needle_type": "filiform", "needle_brand": "Seirin",
        "needle_lot": "A1", "gauge_mm": "0.2", "length_mm": "25", "disinfection": "true",
        "needles_removed": "3"}).status_code == 302
    chart = client.get(f"/people/{patient.id}/chart").get_data(as_text=True)
    assert "Dernière séance" in chart and "E36 (ST36), GI4 (LI4)</li>" in chart
    assert "Poursuivre la séance ouverte" not in chart  # closed: the way to a new one


def _close_one(client, url):
    client.post(url + "/points", data={"query": "ST36", "side": "bilateral", "technique": "even",
                                       "stimulation": "manual"})
    response = client.post(url + "/close", data={
        "indication": "Lombalgie", "needle_type": "filiform", "needle_brand": "Seirin",
        "needle_lot": "A1", "gauge_mm": "0.2", "length_mm": "25", "disinfection": "true",
        "needles_removed": "2"})
    assert response.status_code == 302, response.get_data(as_text=True)[:3000]
    return int(response.headers["Location"].split("/entries/")[1].split("?")[0])


def test_amending_a_session_reopens_it_and_closing_writes_a_new_version(
        client, login, acupuncturist, patient, db):
    from core.api import entries_for

    login(acupuncturist)
    first = start(client, patient)
    entry_id = _close_one(client, first)
    assert client.get(f"/entries/{entry_id}/amend").status_code == 404  # not by hand
    assert "Corriger cette séance" in client.get(first).get_data(as_text=True)
    reopened = client.post(f"/p/acupuncture/people/{patient.id}/sessions",
                           data={"amend": entry_id})
    url = reopened.headers["Location"]
    assert 'tr data-code="ST36"' in client.get(url).get_data(as_text=True)
    client.post(url + "/points", data={"query": "LI4", "side": "right", "technique": "even",
                                       "stimulation": "manual"})
    details = {"indication": "Lombalgie", "needle_type": "filiform", "needle_brand": "Seirin",
               "needle_lot": "A1", "gauge_mm": "0.2", "length_mm": "25",
               "disinfection": "true", "needles_removed": "3"}
    refused = client.post(url + "/close", data=details)
    assert refused.status_code == 422
    assert "Indiquez pourquoi l’inscription est corrigée" in refused.get_data(as_text=True)
    done = client.post(url + "/close", data={**details, "amend_reason": "LI4 oublié."})
    assert done.status_code == 302
    current = entries_for(db, patient.id, form_ids=["acupuncture.session"])
    assert len(current) == 1 and current[0].supersedes_id == entry_id
    assert [p["code"] for p in current[0].payload["points"]] == ["ST36", "LI4"]
    assert current[0].reason == "LI4 oublié."
    statuses = sorted(s.status for s in db.query(AcuSession))
    assert statuses == ["closed", "superseded"]


def test_the_coordinator_closes_an_incident_only_with_a_note(client, login, make_account, db,
                                                             acu_session, acupuncturist):
    from plugins.acupuncture.models import Incident
    from plugins.acupuncture.sessions import record_needle_incident

    incident = record_needle_incident(db, acu_session, "Non retrouvée.", author=acupuncturist)
    db.commit()
    login(acupuncturist)
    assert client.get("/p/acupuncture/incidents").status_code == 403
    client.post("/logout")
    login(make_account(roles=["coordinator"]))
    assert "Non retrouvée." in client.get("/p/acupuncture/incidents").get_data(as_text=True)
    refused = client.post(f"/p/acupuncture/incidents/{incident.id}/close", data={"note": " "},
                          follow_redirects=True)
    assert "Indiquez comment l’incident a été résolu." in refused.get_data(as_text=True)
    db.expire_all()
    assert db.get(Incident, incident.id).status == "open"
    client.post(f"/p/acupuncture/incidents/{incident.id}/close",
                data={"note": "Retrouvée dans les draps."})
    db.expire_all()
    closed = db.get(Incident, incident.id)
    assert (closed.status, closed.closing_note) == ("closed", "Retrouvée dans les draps.")


def test_a_closed_incident_reads_closed_in_the_masculine(client, login, make_account, db,
                                                         acu_session, acupuncturist):
    """"Un incident fermé": the feminine "Fermée" is a session's (it read "Fermée" here)."""
    from plugins.acupuncture.incidents import close_incident
    from plugins.acupuncture.sessions import record_needle_incident

    incident = record_needle_incident(db, acu_session, "Non retrouvée.", author=acupuncturist)
    close_incident(incident, "Retrouvée au sol.", author=acupuncturist)
    db.commit()
    login(make_account(roles=["coordinator"]))
    french = client.get("/p/acupuncture/incidents").get_data(as_text=True)
    assert '<span class="badge ok">Fermé</span>' in french and "Fermée" not in french
    english = client.get("/p/acupuncture/incidents", headers={"Accept-Language": "en-CA"})
    assert '<span class="badge ok">Closed</span>' in english.get_data(as_text=True)


def test_the_session_and_its_entry_write_numbers_and_agreement_in_french(client, login,
                                                                         acupuncturist, patient):
    login(acupuncturist)
    url = start(client, patient)
    client.post(url + "/points", data={"query": "GB21", "side": "bilateral", "technique": "even",
                                       "stimulation": "manual", "depth_mm": "7.5"})
    page = client.get(url).get_data(as_text=True)
    assert "VB21 (GB21) se trouve au-dessus du poumon" in page
    assert "7,5 mm" in page and "7.5 mm" not in page
    done = client.post(url + "/close", data={
        "indication": "Cervicalgie", "needle_type": "filiform", "needle_brand": "Seirin",
        "needle_lot": "A1", "gauge_mm": "0.25", "length_mm": "30", "disinfection": "true",
        "needles_removed": "2", "position": "prone"})
    assert done.status_code == 302, done.get_data(as_text=True)[:2000]
    entry = client.get(done.headers["Location"]).get_data(as_text=True)
    assert "0,25 mm" in entry and "7,5 mm" in entry and "30 mm" in entry
    assert "30.0 mm" not in entry and "0.25 mm" not in entry


def test_an_acknowledgement_without_rationale_keeps_the_box_ticked_and_says_it_once(
        client, login, acupuncturist, patient, summary_line):
    summary_line("pregnancy", "pregnant")
    login(acupuncturist)
    url = start(client, patient)
    response = client.post(url + "/points", data={"query": "SP6", "side": "left", "technique":
                                                  "even", "stimulation": "manual",
                                                  "acknowledged": "1", "rationale": " "})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert 'name="acknowledged" value="1" checked' in page
    assert page.count("Prenez acte de la mise en garde") == 1
