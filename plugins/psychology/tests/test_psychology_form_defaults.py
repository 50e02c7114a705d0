"""What the psychologist's new forms show filled in: the questionnaire's language, the day a
file is closed. Shown, so what is saved is what the psychologist saw and could change."""

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from core.api import entries_for


def new_form(client, person, form_id):
    return client.get(f"/people/{person.id}/chart/new/{form_id}").get_data(as_text=True)


@pytest.mark.parametrize("form_id", ["psychology.phq9", "psychology.gad7"])
def test_the_questionnaire_language_is_shown_selected_in_the_language_it_is_shown_in(
        client, login, psychologist, client_person, form_id):
    login(psychologist)
    page = new_form(client, client_person, form_id)
    assert '<option value="fr" selected>' in page and '<option value="en" selected>' not in page
    client.post("/language", data={"locale": "en", "next": "/"})
    page = new_form(client, client_person, form_id)
    assert '<option value="en" selected>' in page and '<option value="fr" selected>' not in page


def test_a_questionnaire_posted_without_its_language_is_refused_and_nothing_saved(
        client, login, db, psychologist, client_person, phq9):
    login(psychologist)
    client.post("/language", data={"locale": "en", "next": "/"})
    answers = {**phq9(item9=0, others=1), "language": ""}  # the blank option chosen
    refused = client.post(f"/people/{client_person.id}/chart/new/psychology.phq9",
                          data={k: str(v) for k, v in answers.items()})
    assert refused.status_code == 422
    assert "Choose the language the person answered in." in refused.get_data(as_text=True)
    assert entries_for(db, client_person.id, form_ids=["psychology.phq9"]) == []

    client.post("/language", data={"locale": "fr_CA", "next": "/"})
    saved = client.post(f"/people/{client_person.id}/chart/new/psychology.phq9",
                        data={k: str(v) for k, v in {**answers, "language": "en"}.items()})
    assert saved.status_code == 302  # chosen by the psychologist, whatever the interface's
    [entry] = entries_for(db, client_person.id, form_ids=["psychology.phq9"])
    assert entry.payload["language"] == "en"


@pytest.mark.parametrize("zone", ["Pacific/Kiritimati", "Pacific/Pago_Pago"])
def test_the_closure_note_shows_today_in_the_coops_time_zone(
        app, client, login, psychologist, client_person, monkeypatch, zone):
    # 25 hours apart: at any moment one of them is not on UTC's day
    monkeypatch.setitem(app.config, "SOIN_TIMEZONE", zone)
    login(psychologist)
    page = new_form(client, client_person, "psychology.closure_note")
    today = datetime.now(ZoneInfo(zone)).date().isoformat()
    assert re.search(rf'name="closed_on"[^>]*value="{today}"', page)
