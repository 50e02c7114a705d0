"""Volunteering's pages as people use them: a member on their phone, the coordination."""

from __future__ import annotations

import re

from sqlalchemy import func, select

from core.volunteering import ledger, service
from core.volunteering.models import HoursEntry, ShiftSignup, VolunteerShift
from tests.volunteering.conftest import at


def _member(make_person, make_account, login, first="Maya", last="Côté"):
    person = make_person(first, last)
    login(make_account(roles=["member"], person=person))
    return person


def test_a_member_reads_how_many_places_are_still_open(client, db, make_person, make_account,
                                                      login, shift_of):
    """The portal read "Places prises : 0 sur 3" ("0 of 3 places taken"): what a volunteer looks
    for is the places still open, in words that agree with their number."""
    shift_of(title="Peinture", needed=3)
    shift_of(title="Accueil", needed=1, days=4)
    partly = shift_of(title="Jardin", needed=3, days=5)
    partly.taken = 2
    db.commit()
    _member(make_person, make_account, login)
    lines = {}
    for lang in ("fr-CA", "en"):
        page = client.get("/portal/volunteering/", headers={"Accept-Language": lang}).get_data(
            as_text=True)
        lines[lang] = re.findall(r'<p class="places">(.*?)</p>', page)
    assert lines == {"fr-CA": ["3 places libres", "1 place libre", "1 place libre sur 3"],
                     "en": ["3 places open", "1 place open", "1 of 3 places open"]}


def test_a_member_signs_up_from_the_portal_and_the_last_place_goes_to_nobody_else(
        client, db, make_person, make_account, login, shift_of):
    shift = shift_of(program="core.upkeep", title="Ménage du printemps", needed=1)
    person = _member(make_person, make_account, login)
    page = client.get("/portal/volunteering/").get_data(as_text=True)
    assert "Ménage du printemps" in page and "<p class=\"places\">1 place libre</p>" in page
    response = client.post(f"/portal/volunteering/shifts/{shift.id}/signup")
    assert response.status_code == 302
    page = client.get("/portal/volunteering/").get_data(as_text=True)
    assert "Votre inscription est faite" in page
    db.expire_all()
    assert db.get(VolunteerShift, shift.id).taken == 1
    assert db.scalar(select(ShiftSignup.person_id)) == person.id
    # someone else is told the shift is full, and nothing changes
    other = make_person("Noé", "Lavoie")
    client.get("/logout")
    login(make_account(roles=["member"], person=other))
    client.post(f"/portal/volunteering/shifts/{shift.id}/signup")
    page = client.get("/portal/volunteering/").get_data(as_text=True)
    assert "Ce quart a toutes les personnes dont il a besoin." in page
    assert db.scalar(select(func.count()).select_from(ShiftSignup)) == 1


def test_the_portal_refuses_a_reception_shift_until_the_undertaking_is_signed(
        client, db, make_person, make_account, login, shift_of):
    shift = shift_of(program="core.reception", title="Accueil du mardi", personal_info=True)
    _member(make_person, make_account, login)
    client.post(f"/portal/volunteering/shifts/{shift.id}/signup")
    page = client.get("/portal/volunteering/").get_data(as_text=True)
    assert "demande l’engagement de confidentialité" in page
    assert db.scalar(select(func.count()).select_from(ShiftSignup)) == 0
    # reading it and not ticking the box signs nothing
    client.post("/portal/volunteering/undertaking", data={})
    assert "Cochez la case" in client.get("/portal/volunteering/profile").get_data(as_text=True)
    client.post("/portal/volunteering/undertaking", data={"agree": "y"})
    client.post(f"/portal/volunteering/shifts/{shift.id}/signup")
    assert db.scalar(select(func.count()).select_from(ShiftSignup)) == 1


def test_a_member_swaps_and_cancels_only_their_own_shift(
        client, db, make_person, make_account, login, shift_of):
    first, second = shift_of(days=2, title="Marché A"), shift_of(days=4, title="Marché B")
    someone = make_person("Autre", "Bénévole")
    theirs = service.sign_up(db, shift_of(days=5, title="Marché C"), someone)
    db.commit()
    person = _member(make_person, make_account, login)
    mine = service.sign_up(db, first, person)
    db.commit()
    assert client.post(f"/portal/volunteering/signups/{theirs.id}/cancel").status_code == 404
    client.post(f"/portal/volunteering/signups/{mine.id}/swap", data={"shift_id": second.id})
    db.expire_all()
    assert [s.shift_id for s in service.signups_of(db, person.id)] == [second.id]
    moved = service.signups_of(db, person.id)[0]
    client.post(f"/portal/volunteering/signups/{moved.id}/cancel")
    db.expire_all()
    assert service.signups_of(db, person.id) == [] and db.get(VolunteerShift, second.id).taken == 0


def test_a_coordinator_publishes_a_shift_and_bad_input_keeps_nothing(client, db, login):
    login(role="coordinator")
    day = (at(10, 9)).date().isoformat()
    bad = client.post("/volunteering/", data={"program": "core.upkeep", "title": "Peinture",
                                               "date": day, "start": "13:00", "end": "09:00",
                                               "needed": "0"})
    assert bad.status_code == 422
    text = bad.get_data(as_text=True)
    assert "Entrez un nombre entier de 1 à 500." in text or "de 1 à 500" in text
    assert db.scalar(select(func.count()).select_from(VolunteerShift)) == 0
    backwards = client.post("/volunteering/", data={
        "program": "core.upkeep", "title": "Peinture", "date": day, "start": "13:00",
        "end": "09:00", "needed": "3"})
    text = backwards.get_data(as_text=True)
    assert backwards.status_code == 422  # the service's "ends_at" is the form's "end"
    assert 'id="e-end">Le quart doit finir après son début.' in text
    assert 'value="Peinture"' in text and 'value="13:00"' in text
    assert db.scalar(select(func.count()).select_from(VolunteerShift)) == 0
    good = client.post("/volunteering/", data={"program": "core.upkeep", "title": "Peinture",
                                                "date": day, "start": "09:00", "end": "12:00",
                                                "needed": "3", "place": "Local 2"})
    assert good.status_code == 302
    assert db.scalar(select(VolunteerShift.title)) == "Peinture"
    assert "Peinture" in client.get("/volunteering/").get_data(as_text=True)


def test_a_coordinator_confirms_hours_and_the_member_sees_them(
        client, db, make_person, make_account, login, shift_of):
    shift = shift_of(program="core.upkeep", hours=3, title="Jardinage")
    person = make_person("Léa", "Gagné")
    signup = service.sign_up(db, shift, person)
    shift.starts_at, shift.ends_at = at(-2, 9), at(-2, 12)
    db.commit()
    login(role="coordinator")
    page = client.get("/volunteering/hours").get_data(as_text=True)
    assert "Léa Gagné" in page and "Jardinage" in page
    client.post(f"/volunteering/signups/{signup.id}/hours", data={"hours": "2,5"})
    assert db.scalar(select(HoursEntry.hours)) == ledger._hours("2.5")
    page = client.get("/volunteering/hours").get_data(as_text=True)
    assert "Heures confirmées pour Léa Gagné." in page and "<h3>Léa Gagné</h3>" not in page
    client.get("/logout")
    login(make_account(roles=["member"], person=person))
    page = client.get("/portal/volunteering/").get_data(as_text=True)
    assert "2,5" in page and "Entretien des locaux" in page


def test_the_coordination_pages_are_closed_to_members_and_volunteers(client, login):
    login(role="volunteer")
    assert client.get("/volunteering/").status_code == 403
    assert client.get("/volunteering/hours").status_code == 403


def test_the_coordinator_records_an_undertaking_signed_on_paper(client, db, make_person, login):
    person = make_person("Papier", "Signé")
    login(role="coordinator")
    future = (at(3, 9)).date().isoformat()
    refused = client.post(f"/volunteering/volunteers/{person.id}",
                          data={"form": "undertaking", "signed_on": future})
    assert refused.status_code == 422 and not service.has_current_undertaking(db, person.id)
    client.post(f"/volunteering/volunteers/{person.id}",
                data={"form": "undertaking", "signed_on": (at(-3, 9)).date().isoformat()})
    assert service.has_current_undertaking(db, person.id)
    assert "Papier Signé" in client.get("/volunteering/volunteers").get_data(as_text=True)


def test_an_accompaniment_shows_the_volunteer_no_health_detail(
        client, db, make_person, make_account, login, signed):
    from core.scheduling.models import Appointment
    from core.volunteering.accompaniment import request_accompaniment

    accompanied = make_person("Rose", "Tanguay", phone="514-555-0199")
    visit = Appointment(type_code="psychology.followup", person_id=accompanied.id,
                        starts_at=at(3, 10), ends_at=at(3, 11), status="booked")
    db.add(visit)
    db.flush()
    shift = request_accompaniment(db, visit, "transport", place="Entrée principale",
                                  description="Fauteuil roulant pliant")
    db.commit()
    assert shift.personal_info
    volunteer = signed(make_person("Paul", "Ouellet"))
    login(make_account(roles=["member"], person=volunteer))
    # browsing the open shifts: the kind of help, the time and the place, not whom
    browsing = client.get("/portal/volunteering/").get_data(as_text=True)
    assert "Accompagnement\u202f: transport" in browsing and "Entrée principale" in browsing
    assert "Rose Tanguay" not in browsing and "514-555-0199" not in browsing
    client.post(f"/portal/volunteering/shifts/{shift.id}/signup")
    page = client.get("/portal/volunteering/").get_data(as_text=True)
    assert "Rose Tanguay" in page and "514-555-0199" in page and "Entrée principale" in page
    # her number dials with its country code (it was tel:514-555-0199), kept on one line
    assert '<a class="phone" href="tel:+15145550199">514-555-0199</a>' in page
    assert "Accompagnement\u202f: transport" in page
    for leak in ("psychology", "Psychologie", "followup", "Suivi"):
        assert leak not in page
    # and the coordinator's shift page says no more
    client.get("/logout")
    login(role="coordinator")
    page = client.get(f"/volunteering/shifts/{shift.id}").get_data(as_text=True)
    assert "Paul Ouellet" in page and "psychology" not in page


def test_the_api_keeps_the_same_rules(client, db, make_person, make_account, shift_of):
    from tests.scheduling.conftest import bearer

    headers = bearer(db, make_account(roles=["coordinator"]))
    db.commit()
    reception = shift_of(program="core.reception", personal_info=True, needed=1)
    unsigned, signed_one = make_person("Sans", "Engagement"), make_person("Avec", "Engagement")
    service.sign_undertaking(db, signed_one)
    db.commit()
    listed = client.get("/api/v1/volunteering/shifts", headers=headers).get_json()
    assert [s["id"] for s in listed] == [reception.id] and listed[0]["personal_info"] is True
    url = f"/api/v1/volunteering/shifts/{reception.id}/signups"
    refused = client.post(url, json={"person_id": unsigned.id}, headers=headers)
    assert refused.status_code == 422
    assert "engagement de confidentialité" in refused.get_json()["error"]["fields"]["person_id"][0]
    assert client.post(url, json={"person_id": signed_one.id}, headers=headers).status_code == 201
    late = make_person("Trop", "Tard")
    service.sign_undertaking(db, late)
    db.commit()
    full = client.post(url, json={"person_id": late.id}, headers=headers)
    assert full.status_code == 409
    assert db.scalar(select(func.count()).select_from(ShiftSignup)) == 1
