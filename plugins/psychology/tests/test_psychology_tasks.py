"""The same-day assessment task as psychologists live it: one task per assessment under way,
however many positive answers come before it is done, and closed by the risk estimate that
answers it (on the chart page as in the demo)."""

import random
from datetime import timedelta
from zoneinfo import ZoneInfo

from babel.dates import format_date
from sqlalchemy import select, update

from core.api import Action, utcnow

SAFETY = "psychology.phq9_item9_safety"
TASK = "Estimation du risque suicidaire aujourd’hui"
ESTIMATE = {"level": "moderate", "safety_plan": "Plan written together",
            "informed": "Sister, with consent", "next_contact_on": "2030-01-08"}


def post_phq9(client, person, answers):
    return client.post(f"/people/{person.id}/chart/new/psychology.phq9",
                       data={k: str(v) for k, v in answers.items()})


def safety_tasks(db, person, status="open"):
    return list(db.scalars(select(Action).where(Action.person_id == person.id,
                                                Action.protocol_id == SAFETY,
                                                Action.status == status)))


def local_today():
    return utcnow().astimezone(ZoneInfo("America/Montreal")).date()


def test_a_second_positive_phq9_keeps_one_task_and_says_it_came_again(
        client, login, db, psychologist, client_person, phq9):
    login(psychologist)
    assert post_phq9(client, client_person, phq9(item9=1)).status_code == 302
    [first] = safety_tasks(db, client_person)
    due = first.due_at

    again = post_phq9(client, client_person, phq9(item9=2))
    page = client.get(again.headers["Location"]).get_data(as_text=True)
    # the safety rule still speaks on the second questionnaire, crisis lines and all
    assert "Urgent" in page and "1-866-277-3553" in page and "9-8-8" in page

    assert [t.id for t in safety_tasks(db, client_person)] == [first.id]  # no second task
    db.refresh(first)
    assert abs(first.due_at - due) < timedelta(seconds=5)  # still the end of today
    tasks = client.get("/record/tasks").get_data(as_text=True)
    assert tasks.count(TASK) == 1
    day = format_date(local_today(), "long", locale="fr_CA")
    assert f"Signalé de nouveau le {day}" in tasks
    assert "Plus de la moitié des jours" in tasks  # what the new answer was

    client.post("/language", data={"locale": "en", "next": "/"})
    english = client.get("/record/tasks").get_data(as_text=True)
    assert f"Raised again on {format_date(local_today(), 'long', locale='en')}" in english


def test_the_kept_task_is_brought_forward_never_pushed_later(
        client, login, db, psychologist, client_person, phq9):
    login(psychologist)
    post_phq9(client, client_person, phq9(item9=1))
    [task] = safety_tasks(db, client_person)
    today_due = task.due_at
    # a task due later than the new one would be (a deadline written by hand, say)
    db.execute(update(Action).where(Action.id == task.id).values(
        due_at=today_due + timedelta(days=3)))
    db.commit()
    post_phq9(client, client_person, phq9(item9=1))
    db.refresh(task)
    # the end of today, as the new answer asks (computed again: to the second)
    assert abs(task.due_at - today_due) < timedelta(seconds=5)

    # one already overdue stays as it is: the promise made earlier still holds
    yesterday = today_due - timedelta(days=1)
    db.execute(update(Action).where(Action.id == task.id).values(due_at=yesterday))
    db.commit()
    post_phq9(client, client_person, phq9(item9=3))
    db.refresh(task)
    assert task.due_at == yesterday and len(safety_tasks(db, client_person)) == 1


def test_the_risk_estimate_recorded_on_the_chart_closes_the_task(
        client, login, db, psychologist, client_person, phq9):
    login(psychologist)
    post_phq9(client, client_person, phq9(item9=1))
    assert TASK in client.get("/record/tasks").get_data(as_text=True)

    saved = client.post(f"/people/{client_person.id}/chart/new/psychology.risk_estimate",
                        data=ESTIMATE)
    assert saved.status_code == 302
    assert TASK not in client.get("/record/tasks").get_data(as_text=True)
    [done] = safety_tasks(db, client_person, status="done")
    assert done.closed_by_id == psychologist.id and safety_tasks(db, client_person) == []


def test_a_positive_answer_after_the_estimate_opens_a_new_task(
        client, login, db, psychologist, client_person, phq9):
    login(psychologist)
    post_phq9(client, client_person, phq9(item9=1))
    client.post(f"/people/{client_person.id}/chart/new/psychology.risk_estimate", data=ESTIMATE)
    post_phq9(client, client_person, phq9(item9=1))
    assert len(safety_tasks(db, client_person)) == 1
    assert TASK in client.get("/record/tasks").get_data(as_text=True)


def test_the_demo_closes_the_task_its_risk_estimate_answers(
        client, login, db, psychologist, make_person, psy_on):
    from plugins.psychology.demo import add_demo_data

    people = [make_person(f"Personne{i}", "Démo") for i in range(4)]
    add_demo_data(db, random.Random(7), people)
    db.commit()
    opened = db.scalars(select(Action).where(Action.protocol_id == SAFETY)).all()
    # two people answered item 9 above zero; one of them had the risk estimate recorded
    assert sorted(a.status for a in opened) == ["done", "open"]
    login(psychologist)
    assert client.get("/record/tasks").get_data(as_text=True).count(TASK) == 1
