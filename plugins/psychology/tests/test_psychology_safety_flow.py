"""The item-9 rule through the platform: recorded in the chart, a same-day task for psychology,
the crisis lines on screen, and an assessment that only a risk estimate closes."""

import re
from datetime import timedelta
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_datetime

from core.api import findings_for, utcnow

SAFETY = "psychology.phq9_item9_safety"


def post_phq9(client, person, answers):
    data = {k: str(v) for k, v in answers.items()}
    return client.post(f"/people/{person.id}/chart/new/psychology.phq9", data=data)


def test_a_phq9_with_item9_above_zero_shows_the_crisis_lines_and_routes_a_task_today(
        client, login, psychologist, colleague, nurse, client_person, phq9):
    login(psychologist)
    saved = post_phq9(client, client_person, phq9(item9=1))  # total 1: "minimal"
    assert saved.status_code == 302
    page = client.get(saved.headers["Location"]).get_data(as_text=True)
    assert "Urgent" in page and "1-866-277-3553" in page and "9-8-8" in page and "9-1-1" in page
    assert "quel que soit le total" in page

    client.post("/logout")
    login(colleague)  # any psychologist, not only the author, receives it
    tasks = client.get("/record/tasks").get_data(as_text=True)
    assert "Estimation du risque suicidaire aujourd’hui" in tasks
    assert client_person.full_name in tasks

    client.post("/logout")
    login(nurse)
    assert "risque suicidaire" not in client.get("/record/tasks").get_data(as_text=True)


def test_the_task_is_due_at_local_midnight(client, login, write, phq9, psychologist):
    write("psychology.phq9", phq9(item9=3, others=3))
    local_now = utcnow().astimezone(ZoneInfo("America/Montreal"))
    midnight = (local_now + timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0)
    login(psychologist)
    client.post("/language", data={"locale": "en", "next": "/"})
    tasks = client.get("/record/tasks").get_data(as_text=True)
    # written in French, read in English: each reader sees the task in their language
    assert "Suicide-risk assessment today" in tasks
    assert "Estimation du risque suicidaire" not in tasks
    # due by the end of today: today alone, in words, never tomorrow or a time of midnight
    assert format_date(local_now.date(), "medium", locale="en") in tasks
    assert format_date(midnight.date(), "medium", locale="en") not in tasks
    assert format_datetime(midnight, "short", locale="en") not in tasks


def test_a_refused_phq9_with_item9_above_zero_still_shows_the_crisis_lines(
        client, login, psychologist, client_person, phq9, db):
    """An item left blank refuses the questionnaire: nothing is saved, so the safety rule does
    not run. The page said only "answer this question" under the blank items while item 9
    reported thoughts of self-harm; it says so at the top, with the crisis lines."""
    login(psychologist)
    answers = phq9(item9=2)
    del answers["item_3"]
    for language, said in (("fr_CA", "Énoncé 9 répondu « Plus de la moitié des jours » : idées de mort"),
                           ("en", 'Item 9 answered "More than half the days"')):
        client.post("/language", data={"locale": language, "next": "/"})
        refused = post_phq9(client, client_person, answers)
        page = refused.get_data(as_text=True)
        assert refused.status_code == 422
        main = page[page.index("<h1>"):]
        top = main[:main.index("novalidate")]  # above the questions, seen at once
        assert said in top.replace("\u202f", " ").replace("&#34;", '"').replace("&quot;", '"')
        assert "1-866-277-3553" in top and "9-8-8" in top and "9-1-1" in top
    assert findings_for(db, client_person.id) == []  # nothing half-written


def test_a_refused_phq9_with_item9_at_zero_adds_no_alarm(client, login, psychologist,
                                                           client_person, phq9):
    login(psychologist)
    answers = phq9(item9=0)
    del answers["item_3"]
    page = post_phq9(client, client_person, answers).get_data(as_text=True)
    assert "1-866-277-3553" not in page and "Énoncé 9" not in page


def test_item9_at_zero_never_closes_an_assessment_under_way(
        client, login, write, phq9, psychologist, client_person):
    write("psychology.phq9", phq9(item9=2))
    later = write("psychology.phq9", phq9(item9=0))
    [finding] = [f for f in later.new_findings if f.protocol_id == SAFETY]
    assert finding.severity == "warning"
    login(psychologist)
    chart = client.get(f"/people/{client_person.id}/chart").get_data(as_text=True)
    assert "Une estimation du risque suicidaire est en cours" in chart
    assert "1 866 APPELLE" in chart

    write("psychology.risk_estimate", {"level": "moderate", "safety_plan": "Plan written together",
                                       "informed": "Sister, with consent",
                                       "next_contact_on": "2030-01-08"})
    chart = client.get(f"/people/{client_person.id}/chart").get_data(as_text=True)
    assert "Une estimation du risque suicidaire est en cours" not in chart


def test_a_zero_with_no_assessment_under_way_raises_nothing(write, phq9):
    entry = write("psychology.phq9", phq9(item9=0, others=1))
    assert [f for f in entry.new_findings if f.protocol_id == SAFETY] == []


def test_a_disclosure_in_a_progress_note_asks_for_the_same_assessment(
        client, login, write, psychologist):
    entry = write("psychology.progress_note", {"modality": "individual",
                                               "content": "Talked about the week.",
                                               "suicide_risk_disclosed": True})
    assert [f.severity for f in entry.new_findings if f.protocol_id == SAFETY] == ["urgent"]
    login(psychologist)
    assert "Estimation du risque suicidaire aujourd" in client.get("/record/tasks").get_data(
        as_text=True)


def test_an_incomplete_phq9_is_refused_next_to_the_question_and_nothing_is_saved(
        client, login, db, psychologist, client_person, phq9):
    login(psychologist)
    answers = phq9(item9=1)
    del answers["item_9"]
    response = post_phq9(client, client_person, answers)
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert re.search(r'id="[^"]*item_9[^"]*"', page)
    assert "chaque énoncé est nécessaire pour obtenir un total" in page
    assert findings_for(db, client_person.id) == []


def test_the_chart_draws_the_questionnaire_as_radio_buttons(client, login, psychologist,
                                                            client_person):
    login(psychologist)
    page = client.get(f"/people/{client_person.id}/chart/new/psychology.phq9").get_data(
        as_text=True)
    assert page.count('type="radio"') >= 9 * 4
    assert "Vous avez pensé que vous seriez mieux mort(e)" in page
    assert "Au cours des deux dernières semaines" in page


def test_the_crisis_lines_titles_are_written_in_french_typography(
        client, login, psychologist, client_person, phq9):
    """The titles are values filled into the catalog's text: "Ligne d'aide" kept its typewriter
    apostrophe next to "d’automutilation" in the same urgent finding."""
    login(psychologist)
    saved = post_phq9(client, client_person, phq9(item9=1))
    page = client.get(saved.headers["Location"]).get_data(as_text=True)
    assert "Ligne d’aide en cas de crise de suicide" in page
    assert "Ligne d&#39;aide" not in page and "Ligne d'aide" not in page
