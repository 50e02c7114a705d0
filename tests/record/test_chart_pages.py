"""The chart as a practitioner uses it: timeline, writing from a plugin's form, amending."""

from sqlalchemy import func, select

from core.audit.models import AuditEvent
from core.record.models import Entry
from tests.record.conftest import VITALS


def entries_count(db):
    return db.execute(select(func.count()).select_from(Entry)).scalar()


def test_form_is_rendered_from_the_schema(client, login, nurse, patient):
    login(nurse)
    page = client.get(f"/people/{patient.id}/chart/new/recordtest.vitals")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert 'type="number"' in html and 'min="60"' in html and 'max="260"' in html
    assert 'type="radio" name="mood"' in html and '<select id="f-position"' in html
    assert 'type="checkbox" name="symptoms" value="cough"' in html
    # dates typed in the coop's order, never the browser's (mm/dd/yyyy in an English browser)
    assert 'placeholder="AAAA-MM-JJ"' in html and 'placeholder="AAAA-MM-JJ HH:MM"' in html
    assert 'type="date"' not in html and 'type="datetime-local"' not in html and "<textarea" in html
    assert 'aria-describedby="h-systolic u-systolic"' in html and "Seated, after 5 minutes" in html


def test_the_author_chooses_whether_the_person_reads_the_entry(client, db, login, nurse, patient):
    login(nurse)
    shown = 'name="member_visible" value="1" aria-describedby="h-member-visible" checked'
    assert shown in client.get(f"/people/{patient.id}/chart/new/recordtest.vitals").get_data(as_text=True)
    assert shown not in client.get(f"/people/{patient.id}/chart/new/recordtest.note").get_data(as_text=True)
    client.post(f"/people/{patient.id}/chart/new/recordtest.vitals", data=VITALS)  # no box: default
    assert db.execute(select(Entry).order_by(Entry.id.desc())).scalars().first().member_visible
    client.post(f"/people/{patient.id}/chart/new/recordtest.vitals",
                data={**VITALS, "member_visible_shown": "1"})  # the box shown, left unticked
    kept = db.execute(select(Entry).order_by(Entry.id.desc())).scalars().first()
    assert kept.member_visible is False
    amended = client.post(f"/entries/{kept.id}/amend",
                          data={**VITALS, "member_visible_shown": "1", "member_visible": "1"})
    new_id = int(amended.headers["Location"].split("/entries/")[1].split("?")[0])
    assert db.get(Entry, new_id).member_visible is True


def test_bad_input_shows_translated_errors_and_writes_nothing(client, db, login, nurse, patient):
    login(nurse)
    before = entries_count(db)
    page = client.post(f"/people/{patient.id}/chart/new/recordtest.vitals",
                       data={"systolic": "douze", "temperature": "99", "mood": "good"})
    html = page.get_data(as_text=True)
    assert page.status_code == 422
    assert 'id="e-systolic"' in html and "Entrez un nombre entier." in html
    assert "Entrez une valeur entre 30 et 45." in html and 'value="douze"' in html
    assert entries_count(db) == before


def test_record_then_see_findings_timeline_and_amend(client, db, login, nurse, patient):
    login(nurse)
    response = client.post(f"/people/{patient.id}/chart/new/recordtest.vitals",
                           data={**VITALS, "systolic": "195", "symptoms": ["cough", "fever"],
                                 "encounter": "new"})
    assert response.status_code == 302
    saved = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Very high blood pressure" in saved and "Medical assessment within the hour" in saved
    assert "Cough, Fever" in saved
    chart = client.get(f"/people/{patient.id}/chart").get_data(as_text=True)
    assert "BP 195 mmHg" in chart and "Very high blood pressure" in chart
    assert "See a physician today" in chart and "Visite du" in chart
    assert "Nadia Nurse · Record test" in chart  # the discipline by its plugin's title, not its code
    entry = db.execute(select(Entry).order_by(Entry.id.desc())).scalars().first()
    amended = client.post(f"/entries/{entry.id}/amend", data={**VITALS, "systolic": "150",
                                                               "reason": "misread"})
    assert amended.status_code == 302
    chart = client.get(f"/people/{patient.id}/chart").get_data(as_text=True)
    assert "BP 150 mmHg" in chart and "BP 195 mmHg" not in chart
    new_id = int(amended.headers["Location"].split("/entries/")[1].split("?")[0])
    history = client.get(f"/entries/{new_id}").get_data(as_text=True)
    assert "BP 195 mmHg" in history and "misread" in history


def test_timeline_filters(client, db, login, nurse, patient, write):
    write()
    write(form_id="recordtest.shared", payload={"text": "hello there"})
    login(nurse)
    only_vitals = client.get(f"/people/{patient.id}/chart?form=recordtest.vitals").get_data(as_text=True)
    assert "BP 128 mmHg" in only_vitals and only_vitals.count('<li class="entry">') == 1
    future = client.get(f"/people/{patient.id}/chart?from=2999-01-01").get_data(as_text=True)
    assert "BP 128 mmHg" not in future
    other = client.get(f"/people/{patient.id}/chart?discipline=psychology").get_data(as_text=True)
    assert "BP 128 mmHg" not in other


def test_a_long_timeline_comes_in_pages_of_50_newest_first(client, db, login, nurse, patient,
                                                            write):
    for n in range(1, 56):
        write(payload={**VITALS, "systolic": 100 + n})
    login(nurse)
    first = client.get(f"/people/{patient.id}/chart").get_data(as_text=True)
    assert first.count('<li class="entry">') == 50
    assert "BP 155 mmHg" in first and "BP 106 mmHg" in first and "BP 105 mmHg" not in first
    assert "Page 1, 55 entrées en tout" in first and "Entrées plus anciennes" in first
    second = client.get(f"/people/{patient.id}/chart?form=recordtest.vitals&page=2")
    body = second.get_data(as_text=True)
    assert body.count('<li class="entry">') == 5 and "BP 101 mmHg" in body
    assert "Entrées plus récentes" in body and "Entrées plus anciennes" not in body
    assert "form=recordtest.vitals" in body.split("Entrées plus récentes")[0].rsplit("href", 1)[1]
    nonsense = client.get(f"/people/{patient.id}/chart?page=abc")
    assert nonsense.status_code == 200 and "BP 155 mmHg" in nonsense.get_data(as_text=True)


def test_date_filters_use_the_coops_day_not_utcs(client, db, login, nurse, patient):
    from datetime import datetime, timezone

    evening = datetime(2026, 1, 6, 2, 0, tzinfo=timezone.utc)  # 21:00 on 5 January in Montreal
    db.add(Entry(person_id=patient.id, author_id=nurse.id, discipline="recordtest",
                 form_id="recordtest.vitals", form_version=1, payload={"systolic": 111},
                 confidentiality="team", member_visible=True, created_at=evening,
                 occurred_at=evening))
    db.commit()
    login(nurse)
    chart = f"/people/{patient.id}/chart"
    assert "BP 111 mmHg" in client.get(f"{chart}?from=2026-01-05&to=2026-01-05").get_data(as_text=True)
    assert "BP 111 mmHg" not in client.get(f"{chart}?from=2026-01-06").get_data(as_text=True)


def test_chart_read_is_audited(client, db, login, nurse, patient):
    login(nurse)
    client.get(f"/people/{patient.id}/chart")
    event = db.execute(select(AuditEvent).where(AuditEvent.action == "chart.read")).scalars().one()
    assert (event.actor_id, event.person_id, event.outcome) == (nurse.id, patient.id, "success")
    assert event.source_address == "127.0.0.1"


def test_entered_in_error_from_the_page(client, db, login, nurse, patient, write):
    entry = write()
    login(nurse)
    refused = client.post(f"/entries/{entry.id}/error", data={"reason": ""})
    assert refused.status_code == 303 and entries_count(db) == 1
    client.post(f"/entries/{entry.id}/error", data={"reason": "wrong patient"})
    chart = client.get(f"/people/{patient.id}/chart").get_data(as_text=True)
    assert "BP 128 mmHg" not in chart


def test_plugin_panels_show_on_the_chart_and_print_is_audited(client, db, login, nurse, patient, write):
    write()
    login(nurse)
    assert "Panel for Aline" in client.get(f"/people/{patient.id}/chart").get_data(as_text=True)
    printed = client.get(f"/people/{patient.id}/chart/print").get_data(as_text=True)
    assert "Systolic pressure" in printed and "128 mmHg" in printed
    event = db.execute(select(AuditEvent).where(AuditEvent.action == "chart.print")).scalar_one()
    assert event.actor_id == nurse.id and event.person_id == patient.id


def test_an_entry_of_a_form_version_no_longer_declared_still_renders(client, db, login, nurse, patient):
    from core.db import utcnow

    old = Entry(person_id=patient.id, author_id=nurse.id, discipline="recordtest",
                form_id="recordtest.vitals", form_version=0, payload={"systolic": 99, "old_field": "kept"},
                confidentiality="team", member_visible=True, created_at=utcnow(), occurred_at=utcnow())
    db.add(old)
    db.commit()
    login(nurse)
    page = client.get(f"/entries/{old.id}")
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and "old_field" in html and "kept" in html
    assert "BP 99 mmHg" in client.get(f"/people/{patient.id}/chart").get_data(as_text=True)


def test_open_actions_and_stored_findings_show_only_on_their_person_s_chart(
        client, db, login, nurse, patient, make_person):
    """The chart asks first whether the person has an open action or a stored finding (most
    have neither, and then neither is read): the answer must follow the rows."""
    from core.record.models import Action, Finding

    other = make_person("Autre", "Personne")
    login(nurse)
    client.post(f"/people/{patient.id}/chart/new/recordtest.vitals", data=VITALS)
    entry = db.execute(select(Entry).order_by(Entry.id.desc())).scalars().first()
    db.add(Action(person_id=patient.id, kind="task", title="Rappeler pour le suivi",
                  to_role="coordinator"))
    db.add(Action(person_id=patient.id, kind="task", title="Tâche terminée", status="done"))
    db.add(Finding(entry_id=entry.id, person_id=patient.id, protocol_id="recordtest.manual",
                   protocol_version="1", severity="warning", message="Constat gardé"))
    db.commit()
    chart = client.get(f"/people/{patient.id}/chart").get_data(as_text=True)
    assert "Rappeler pour le suivi" in chart and "Constat gardé" in chart
    assert "Tâche terminée" not in chart
    elsewhere = client.get(f"/people/{other.id}/chart").get_data(as_text=True)
    assert "Rappeler pour le suivi" not in elsewhere and "Constat gardé" not in elsewhere


def test_the_pager_counts_one_entry_in_the_singular(client, login, nurse, patient, write):
    write(payload={**VITALS, "systolic": 120})
    login(nurse)
    page = client.get(f"/people/{patient.id}/chart?page=2").get_data(as_text=True)
    assert "Page 2, 1 entrée en tout" in page
    english = client.get(f"/people/{patient.id}/chart?page=2", headers={"Accept-Language": "en"})
    assert "Page 2, 1 entry in all" in english.get_data(as_text=True)


def test_the_timeline_writes_each_entry_s_day_in_words_in_each_language(client, db, login, nurse,
                                                                         patient):
    """The timeline dated an entry "2026-12-13 11 h 56" in French (and "12/13/26, 11:56 AM"
    in English): it reads "13 déc. 2026, 11 h 56", "Dec 13, 2026, 11:56 AM"."""
    from datetime import datetime, timezone

    noon = datetime(2026, 12, 13, 16, 56, tzinfo=timezone.utc)  # 11:56 in Montreal
    db.add(Entry(person_id=patient.id, author_id=nurse.id, discipline="recordtest",
                 form_id="recordtest.vitals", form_version=1, payload={"systolic": 111},
                 confidentiality="team", member_visible=True, created_at=noon, occurred_at=noon))
    db.commit()
    login(nurse)
    chart = f"/people/{patient.id}/chart"
    french = client.get(chart, headers={"Accept-Language": "fr-CA"}).get_data(as_text=True)
    english = client.get(chart, headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "13 déc. 2026, 11\u00a0h\u00a056" in french
    assert "Dec 13, 2026, 11:56\u202fAM" in english
    for page in (french, english):
        assert "2026-12-13" not in page and "12/13/26" not in page
