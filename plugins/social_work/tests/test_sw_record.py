"""The social worker's record: the evaluation cannot be saved without analysis and opinion; its
forms stay with social workers; a transmission the person authorised in writing is the one way
across to another discipline; screens are shared care."""

import pytest

from core.api import EntryInvalid, record_entry

EVALUATION = {"reason": "Risk of losing the apartment.", "referral_source": "screening",
              "sources": "Two interviews.", "analysis": "ANALYSIS-TEXT: income fell.",
              "opinion": "Social functioning compromised by housing."}
TRANSMISSION = {"recipient": "Isa Roy, infirmière", "purpose": "Continuity of care",
                "information": "CONSENTED-SUMMARY: housing found.", "legal_basis": "consent",
                "authorisation_signed_on": "2026-11-02",
                "authorisation_reference": "Signed form, document 4"}


@pytest.mark.parametrize("missing", ["analysis", "opinion", "reason", "sources"])
def test_the_evaluation_needs_its_analysis_and_opinion(db, person, social_worker, missing):
    with pytest.raises(EntryInvalid) as refused:
        record_entry(db, person=person, form_id="social_work.evaluation", author=social_worker,
                     payload={**EVALUATION, missing: "   "})
    assert missing in refused.value.messages


def _write(db, person, author, form_id, payload, **kw):
    entry = record_entry(db, person=person, form_id=form_id, payload=payload, author=author, **kw)
    db.commit()
    return entry


def test_the_record_stays_with_social_workers(client, login, db, person, social_worker, nurse,
                                              make_account):
    evaluation = _write(db, person, social_worker, "social_work.evaluation", EVALUATION)
    colleague = make_account(roles=["practitioner"], discipline="social_work")
    login(nurse)
    assert client.get(f"/entries/{evaluation.id}").status_code == 403
    assert "ANALYSIS-TEXT" not in client.get(f"/people/{person.id}/chart").get_data(as_text=True)
    client.post("/logout")
    login(colleague)
    assert "ANALYSIS-TEXT" in client.get(f"/entries/{evaluation.id}").get_data(as_text=True)


def test_another_discipline_reads_only_a_transmission_the_person_authorised(
        client, login, db, person, social_worker, nurse):
    note = _write(db, person, social_worker, "social_work.progress",
                  {"contact": "meeting", "note": "NOT-FOR-NURSES"}, confidentiality="sealed",
                  shared_with=[nurse.id])
    sent = _write(db, person, social_worker, "social_work.transmission", TRANSMISSION,
                  confidentiality="sealed", shared_with=[nurse.id])
    without = _write(db, person, social_worker, "social_work.transmission",
                     {**TRANSMISSION, "legal_basis": "law", "information": "LAW-ONLY"},
                     confidentiality="sealed", shared_with=[nurse.id])
    login(nurse)
    assert "CONSENTED-SUMMARY" in client.get(f"/entries/{sent.id}").get_data(as_text=True)
    assert client.get(f"/entries/{note.id}").status_code == 403
    assert client.get(f"/entries/{without.id}").status_code == 403


def test_screens_are_shared_care(client, login, db, person, nurse, social_worker, hrsn):
    screen = _write(db, person, nurse, "social_work.hrsn", hrsn(transport="yes"))
    login(social_worker)
    assert client.get(f"/entries/{screen.id}").status_code == 200


def test_the_timeline_writes_the_plan_s_and_the_closing_s_days_for_the_reader(
        client, login, db, person, social_worker):
    _write(db, person, social_worker, "social_work.intervention_plan",
           {"objectives": "Keep the flat.", "means": "Rent subsidy.", "target_date": "2027-03-15"})
    _write(db, person, social_worker, "social_work.closing",
           {"closed_on": "2026-11-01", "reason": "goals_met", "summary": "Flat kept."})
    login(social_worker)
    chart = client.get(f"/people/{person.id}/chart").get_data(as_text=True)
    assert "15 mars 2027" in chart and "1er novembre 2026" in chart
    assert "2027-03-15" not in chart and "2026-11-01" not in chart


@pytest.mark.parametrize("form_id, payload, field", [
    ("social_work.closing", {"reason": "goals_met", "summary": "Flat kept."}, "closed_on"),
    ("social_work.transmission", TRANSMISSION, "authorisation_signed_on")])
def test_a_file_is_not_closed_nor_an_authorisation_signed_in_the_future(db, person, social_worker,
                                                                        form_id, payload, field):
    from datetime import timedelta

    from core.api import today

    with pytest.raises(EntryInvalid) as refused:
        record_entry(db, person=person, form_id=form_id, author=social_worker,
                     payload={**payload, field: (today() + timedelta(days=1)).isoformat()})
    assert refused.value.messages[field] == ["Cette date est dans le futur."]
    record_entry(db, person=person, form_id=form_id, author=social_worker,
                 payload={**payload, field: today().isoformat()})  # today is fine


@pytest.mark.parametrize("zone", ["Pacific/Kiritimati", "Pacific/Pago_Pago"])
def test_the_closing_note_shows_today_in_the_coops_time_zone(app, client, login, person,
                                                             social_worker, monkeypatch, zone):
    import re
    from datetime import datetime
    from zoneinfo import ZoneInfo

    # 25 hours apart: at any moment one of them is not on UTC's day
    monkeypatch.setitem(app.config, "SOIN_TIMEZONE", zone)
    login(social_worker)
    page = client.get(f"/people/{person.id}/chart/new/social_work.closing").get_data(as_text=True)
    today = datetime.now(ZoneInfo(zone)).date().isoformat()
    assert re.search(rf'name="closed_on"[^>]*value="{today}"', page)
