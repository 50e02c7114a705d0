"""The home page is a work list: what the signed-in person acts on, urgent first."""

from __future__ import annotations


def test_urgent_tasks_are_counted_in_the_menu_and_lead_the_home_page(client, db, login, nurse,
                                                                       patient, write,
                                                                       make_account):
    write(payload={"systolic": 200})          # urgent finding: a task for the coordinator
    write(payload={"systolic": 120})          # nothing to report
    login(make_account(roles=["coordinator"]))
    home = client.get("/").get_data(as_text=True)
    assert "1 urgente" in home                                      # the menu's count
    tasks = home.index("Mes tâches ouvertes (1, dont 1 urgente)")  # not "1 urgentes"
    assert "Call back tomorrow" in home[tasks:]
    assert home.index('class="panel notice urgent"') < tasks        # the urgent section leads
    assert "Urgent\u202f:" in home[tasks:]


def test_the_menus_urgent_count_leaves_out_people_who_refused_the_reader(client, db, login,
                                                                          nurse, patient, write,
                                                                          make_account):
    from core.record import consent

    write(payload={"systolic": 200})          # urgent finding: a task for the coordinator
    coordinator = make_account(roles=["coordinator"], discipline="nursing")  # one who may be refused
    rule = consent.add_consent_rule(db, person_id=patient.id, kind="refuse_practitioner",
                                    account_id=coordinator.id, actor=nurse)
    db.commit()
    login(coordinator)
    assert "1 urgente" not in client.get("/account").get_data(as_text=True)
    consent.revoke_consent_rule(db, rule, actor=nurse)
    db.commit()
    assert "1 urgente" in client.get("/account").get_data(as_text=True)  # the next page


def test_two_people_signed_in_at_once_each_see_only_their_own_urgent_count(app, client, login,
                                                                          write, make_account,
                                                                          nurse):
    """A page reads its reader's urgent tasks with the session row: the count of a coordinator
    signed in elsewhere reaches nobody else's menu (nor the other way round)."""
    from core.testing.plugin import TEST_PASSWORD

    write(payload={"systolic": 200})          # urgent finding: a task for the coordinator
    login(make_account(roles=["coordinator"]))
    assert "1 urgente" in client.get("/account").get_data(as_text=True)
    desk = app.test_client()
    assert desk.post("/login", data={"username": nurse.username,
                                     "password": TEST_PASSWORD}).status_code == 302
    assert "1 urgente" not in desk.get("/account").get_data(as_text=True)
    assert "1 urgente" in client.get("/account").get_data(as_text=True)


def test_a_quiet_home_says_so_without_alarm(client, db, login, nurse, patient):
    login(nurse)
    home = client.get("/").get_data(as_text=True)
    assert "1 urgente" not in home and 'notice urgent' not in home
    assert "Rien ne vous est adressé." in home


def test_reception_finds_and_registers_people_from_home(client, login):
    login(role="reception")
    home = client.get("/").get_data(as_text=True)
    assert "Trouver ou inscrire une personne" in home and 'action="/people"' in home
    assert "Sans rendez-vous (0 en attente)" in home and "L’horaire du jour" in home


def test_recently_opened_charts_are_one_click_away(client, db, login, nurse, patient):
    patient.preferred_name, patient.pronouns = "Ali", "iel"
    db.commit()
    login(nurse)
    client.get(f"/people/{patient.id}/chart")
    home = client.get("/").get_data(as_text=True)
    assert "Dossiers consultés récemment" in home and "Ali Gagnon (iel)" in home


def test_hook_home_sections_adds_a_plugins_section_to_the_home_page(client, login, nurse):
    login(nurse)
    home = client.get("/").get_data(as_text=True)
    assert "Seeds to sow" in home and "Tomatoes" in home


def test_a_tasks_due_date_and_time_stay_on_one_line(client, db, login, nurse, patient):
    """On a phone "2026-12-08 14 h 30" broke at its hyphens and spaces: the day on one line,
    the time on the next. The date and time of a task's line are kept together."""
    from datetime import datetime, timezone

    from core.record.models import Action

    db.add(Action(person_id=patient.id, kind="task", to_discipline="recordtest",
                  title="Rappeler", due_at=datetime(2030, 12, 8, 19, 30, tzinfo=timezone.utc)))
    db.commit()
    login(nurse)
    for headers, due in (({}, "échéance <span class=\"nowrap\">8 déc. 2030, 14\u00a0h\u00a030"
                              "</span>"),
                         ({"Accept-Language": "en"}, '· due <span class="nowrap">')):
        home = client.get("/", headers=headers).get_data(as_text=True)
        assert due in home, home[home.find("Rappeler"):][:300]


def test_a_same_day_deadline_reads_as_today_in_words(client, db, login, nurse, patient):
    """A task to do "today" is due at the local midnight that ends the day. The home page read
    "échéance 2026-12-08": tomorrow's date, and in figures in the middle of a sentence. It
    reads the last day it is on time, in words."""
    from datetime import datetime, timezone

    from core.record.models import Action

    # 9 December 2030 at 00:00 in Montreal (UTC-5): the end of 8 December
    db.add(Action(person_id=patient.id, kind="task", to_discipline="recordtest",
                  title="Voir aujourd’hui", due_at=datetime(2030, 12, 9, 5, 0, tzinfo=timezone.utc)))
    db.commit()
    login(nurse)
    for headers, due in (({}, "échéance <span class=\"nowrap\">8 déc. 2030</span>"),
                         ({"Accept-Language": "en"}, '· due <span class="nowrap">Dec 8, 2030</span>')):
        home = client.get("/", headers=headers).get_data(as_text=True)
        assert due in home, home[home.find("Voir aujourd"):][:300]
        assert "2030-12-09" not in home and "Dec 9, 2030" not in home


def test_a_task_past_its_time_says_it_is_late_on_the_home_page_and_the_task_list(
        client, db, login, nurse, patient, write, make_account):
    """An urgent assessment due within the hour read the same an hour after its time."""
    from datetime import timedelta

    from core.db import utcnow
    from core.record.models import Action

    write(payload={"systolic": 200})          # urgent finding: a task for the coordinator
    tasks = db.query(Action).all()            # the finding's task(s)
    for task in tasks:
        task.due_at = utcnow() + timedelta(hours=1)
    db.commit()
    login(make_account(roles=["coordinator"]))
    assert "en retard" not in client.get("/").get_data(as_text=True)
    assert "En retard" not in client.get("/record/tasks").get_data(as_text=True)
    for task in tasks:
        task.due_at = utcnow() - timedelta(minutes=20)
    db.commit()
    home = client.get("/").get_data(as_text=True)
    assert f"{patient.addressed_name} · en retard, échéance" in home
    assert '<strong class="sev late">En retard</strong>' in client.get("/record/tasks").get_data(
        as_text=True)
