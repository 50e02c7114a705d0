"""Who reads psychology entries: an access matrix over roles and disciplines, sealed raw data,
emergency access, and the member's own record with a delayed entry."""

import pytest

from core.api import entries_for

NOTE = {"modality": "individual", "content": "Spoke about her father's illness at length.",
        "impressions": "Grief work under way."}


@pytest.fixture
def note(write):
    return write("psychology.progress_note", NOTE)


def as_(client, login, account):
    client.post("/logout")
    login(account)


@pytest.mark.parametrize("who,status", [
    ("author", 200), ("colleague", 200), ("nurse", 403), ("admin", 403), ("coordinator", 403),
    ("reception", 403), ("volunteer", 403), ("member_self", 403), ("other_member", 403),
    ("anonymous", 302),
])
def test_a_psychology_note_opens_only_for_psychologists(
        who, status, client, login, make_account, make_person, note, psychologist, colleague,
        nurse, member_account):
    accounts = {"author": psychologist, "colleague": colleague, "nurse": nurse,
                "member_self": member_account}
    if who in ("admin", "coordinator", "reception", "volunteer"):
        accounts[who] = make_account(roles=[who])
    if who == "other_member":
        accounts[who] = make_account(roles=["member"], person=make_person("Autre", "Membre"))
    if who != "anonymous":
        login(accounts[who])
    response = client.get(f"/entries/{note.id}")
    assert response.status_code == status
    assert "father" not in response.get_data(as_text=True) or status == 200


def test_another_discipline_never_sees_the_entry_on_the_chart_even_in_an_emergency(
        client, login, db, note, nurse, member_account, client_person):
    login(nurse)
    chart = client.get(f"/people/{client_person.id}/chart").get_data(as_text=True)
    assert "father" not in chart and "Séance (individuelle)" not in chart
    # the person refuses the nurse; the nurse breaks the glass: other entries open, not these
    as_(client, login, member_account)
    client.post("/portal/consent", data={"kind": "refuse_practitioner",
                                         "account_id": str(nurse.id)})
    as_(client, login, nurse)
    assert client.post(f"/people/{client_person.id}/chart/break-glass",
                       data={"reason": "Unconscious at the clinic"}).status_code == 302
    assert client.get(f"/entries/{note.id}").status_code == 403
    assert entries_for(db, client_person.id, viewer=nurse) == []


def test_sealed_raw_data_stays_with_its_author_and_the_record_says_it_exists(
        client, login, db, write, psychologist, colleague, member_account, client_person):
    raw = write("psychology.raw_test_data", {"test_name": "WAIS-IV",
                                             "administered_on": "2026-02-03",
                                             "raw_data": "Subtest raw scores: 12, 9, 14"},
                confidentiality="sealed")
    assert raw.confidentiality == "sealed"
    seen_by_colleague = {e.form_id: e for e in entries_for(db, client_person.id, viewer=colleague)}
    assert "psychology.raw_test_data" not in seen_by_colleague
    assert seen_by_colleague["psychology.raw_data_note"].payload == {
        "test_name": "WAIS-IV", "administered_on": "2026-02-03"}
    login(colleague)
    assert client.get(f"/entries/{raw.id}").status_code == 403
    as_(client, login, psychologist)
    assert "12, 9, 14" in client.get(f"/entries/{raw.id}").get_data(as_text=True)
    as_(client, login, member_account)
    portal = client.get("/portal/record").get_data(as_text=True)
    assert "WAIS-IV" in portal and "12, 9, 14" not in portal


def test_amending_raw_data_adds_no_second_note(db, write, psychologist, client_person):
    from core.api import amend_entry

    raw = write("psychology.raw_test_data", {"test_name": "MMPI-2",
                                             "administered_on": "2026-02-03",
                                             "raw_data": "T scores"})
    amend_entry(db, raw, author=psychologist, reason="typo",
                payload={"test_name": "MMPI-2-RF", "administered_on": "2026-02-03",
                         "raw_data": "T scores"})
    db.commit()
    notes = entries_for(db, client_person.id, form_ids=["psychology.raw_data_note"])
    assert len(notes) == 1


def test_the_member_reads_their_psychology_entries_in_plain_language(
        client, login, write, phq9, member_account):
    write("psychology.phq9", phq9(item9=1, others=2))
    login(member_account)
    portal = client.get("/portal/record").get_data(as_text=True)
    assert "votre résultat est de 17 sur 27" in portal
    assert "Ce n’est pas un diagnostic" in portal and "1 866 APPELLE" in portal


@pytest.mark.parametrize("path", ["scores", "access"])
@pytest.mark.parametrize("who,status", [("psychologist", 200), ("nurse", 403),
                                        ("reception", 403), ("member", 403)])
def test_the_plugin_pages_about_a_person_are_for_psychologists(
        path, who, status, client, login, make_account, psychologist, nurse, member_account,
        client_person):
    account = {"psychologist": psychologist, "nurse": nurse, "member": member_account,
               "reception": make_account(roles=["reception"]) if who == "reception" else None}[who]
    login(account)
    assert client.get(f"/p/psychology/people/{client_person.id}/{path}").status_code == status


def test_the_plugin_pages_are_gone_while_the_plugin_is_inactive(client, login, make_account,
                                                                 make_person):
    person = make_person()
    login(make_account(roles=["practitioner"], discipline="psychology"))
    assert client.get(f"/p/psychology/people/{person.id}/scores").status_code == 404


# --- every route that shows chart content, for another discipline ----------------------------

SECRET = "SECRET-GRIEF-WORK"
CHART_ROUTES = ["/people/{p}/chart", "/people/{p}/chart/print", "/people/{p}/chart/export.csv",
                "/people/{p}/chart/export.fhir.json", "/api/v1/people/{p}/entries",
                "/entries/{e}", "/api/v1/entries/{e}"]


@pytest.mark.parametrize("route", CHART_ROUTES)
def test_the_access_matrix_keeps_psychology_from_other_disciplines_on_every_route(
        route, client, login, write, nurse, colleague, client_person, make_account):
    entry = write("psychology.progress_note", {**NOTE, "content": SECRET})
    path = route.format(p=client_person.id, e=entry.id)
    # the chart's timeline shows the entry's summary line, every other route its content
    marker = "Séance (individuelle)" if route == "/people/{p}/chart" else SECRET
    for account in (nurse, make_account(roles=["practitioner"], discipline="physiotherapy")):
        client.post("/logout")
        login(account)
        response = client.get(path)
        assert marker not in response.get_data(as_text=True), (route, account.username)
        assert response.status_code in (200, 403)
    client.post("/logout")
    login(colleague)
    assert marker in client.get(path).get_data(as_text=True)


# --- the person's explicit consent: a transmission they authorised in writing -----------------

TRANSMISSION = {"recipient": "Isa Roy, infirmière de la coop", "purpose": "Continuity of care",
                "information": "CONSENTED-SUMMARY: weekly follow-up, sleep improving.",
                "legal_basis": "consent", "authorisation_signed_on": "2026-03-02",
                "authorisation_reference": "Signed form, scanned as document 4"}


def test_another_discipline_reads_only_what_the_person_authorised_in_writing(
        client, login, write, nurse, make_account, client_person):
    note = write("psychology.progress_note", {**NOTE, "content": SECRET},
                 confidentiality="sealed", shared_with=[nurse.id])
    sent = write("psychology.transmission", TRANSMISSION, confidentiality="sealed",
                 shared_with=[nurse.id])
    login(nurse)
    page = client.get(f"/entries/{sent.id}")
    assert page.status_code == 200 and "CONSENTED-SUMMARY" in page.get_data(as_text=True)
    chart = client.get(f"/people/{client_person.id}/chart").get_data(as_text=True)
    assert "Transmis à Isa Roy, infirmière de la coop" in chart
    # shared without consent: a progress note named to the nurse stays closed
    assert client.get(f"/entries/{note.id}").status_code == 403
    assert SECRET not in chart
    # a nurse who is not a named recipient reads nothing
    client.post("/logout")
    login(make_account(roles=["practitioner"], discipline="nursing"))
    assert client.get(f"/entries/{sent.id}").status_code == 403


@pytest.mark.parametrize("change", [
    {"legal_basis": "danger", "authorisation_signed_on": None, "authorisation_reference": None},
    {"legal_basis": "law", "authorisation_signed_on": None, "authorisation_reference": None},
])
def test_a_transmission_without_the_persons_consent_stays_with_psychologists(
        change, client, login, write, nurse):
    sent = write("psychology.transmission", {**TRANSMISSION, **change},
                 confidentiality="sealed", shared_with=[nurse.id])
    login(nurse)
    assert client.get(f"/entries/{sent.id}").status_code == 403


def test_consent_never_opens_an_unshared_transmission_to_other_disciplines(
        client, login, write, nurse):
    sent = write("psychology.transmission", TRANSMISSION)  # discipline level, no one named
    login(nurse)
    assert client.get(f"/entries/{sent.id}").status_code == 403
