"""The coop's crisis lines are data: a psychologist or the coordinator corrects them, the
suicide-risk rule shows what they wrote, and when the list cannot be read or is empty the
built-in lines are shown and the clinician is told."""

from sqlalchemy import select, text, update

from core.api import findings_for
from core.audit.models import AuditEvent

from plugins.psychology import crisis_lines
from plugins.psychology.models import CrisisLine

SAFETY = "psychology.phq9_item9_safety"
LIST = "/p/psychology/crisis-lines"


def post_phq9(client, person, answers):
    return client.post(f"/people/{person.id}/chart/new/psychology.phq9",
                       data={k: str(v) for k, v in answers.items()})


def line(db, code):
    return db.scalar(select(CrisisLine).where(CrisisLine.code == code))


def form_of(row, **changes):
    values = {k: ("1" if v is True else "" if v is False else str(v))
              for k, v in crisis_lines.values_of(row).items()}
    values.update(changes)
    if values.get("active") == "":
        values.pop("active")
    return values


def test_the_migration_seeds_todays_lines_with_their_sources_and_review_date(db, psy_on):
    rows = crisis_lines.in_use(db)
    assert [r.code for r in rows] == ["qc_suicide_prevention", "ca_988", "emergency_911"]
    assert rows[0].number == "1 866 APPELLE (1-866-277-3553)" and rows[0].dial == "tel:+18662773553"
    assert rows[0].title["en"].startswith("Quebec suicide prevention line")
    assert all(r.source.startswith("https://") and r.reviewed_on for r in rows)


def test_a_psychologist_edits_a_line_and_the_safety_rule_shows_it(
        client, login, db, psychologist, colleague, client_person, phq9):
    login(psychologist)
    listing = client.get(LIST).get_data(as_text=True)
    assert "Lignes de crise" in listing and "9-8-8" in listing
    row = line(db, "ca_988")
    response = client.post(f"{LIST}/{row.id}", data=form_of(
        row, number="9-8-8 (appels et textos)", title_en="988 Suicide Crisis Helpline",
        reviewed_on="2026-12-04"))
    assert response.status_code == 302
    db.expire_all()
    row = line(db, "ca_988")
    assert (row.version, row.number, row.title["en"]) == (2, "9-8-8 (appels et textos)",
                                                         "988 Suicide Crisis Helpline")
    event = db.scalars(select(AuditEvent).where(
        AuditEvent.action == "psychology.crisis_line.save")).all()[-1]
    assert event.detail["before"]["number"] == "9-8-8" and event.actor_id == psychologist.id

    saved = post_phq9(client, client_person, phq9(item9=1))
    page = client.get(saved.headers["Location"]).get_data(as_text=True)
    assert "9-8-8 (appels et textos)" in page and "1-866-277-3553" in page
    assert "pas pu être lue" not in page
    [finding] = [f for f in findings_for(db, client_person.id) if f.protocol_id == SAFETY]
    # each reader their language: the English reader sees the English title of the line
    assert "988 Suicide Crisis Helpline: 9-8-8 (appels et textos)" in finding.texts["en"]["advice"]

    client.post("/logout")
    login(colleague)  # the chart's panel, for any psychologist, lists the edited line too
    chart = client.get(f"/people/{client_person.id}/chart").get_data(as_text=True)
    assert "9-8-8 (appels et textos)" in chart


def test_bad_input_is_explained_next_to_the_field_and_nothing_changes(client, login, db,
                                                                      psychologist):
    login(psychologist)
    row = line(db, "ca_988")
    response = client.post(f"{LIST}/{row.id}", data=form_of(row, dial="988", number="",
                                                            reviewed_on="5 décembre"))
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert 'id="e-dial"' in html and "tel:+18662773553" in html
    assert 'id="e-number"' in html and 'id="e-reviewed_on"' in html
    db.expire_all()
    assert (line(db, "ca_988").version, line(db, "ca_988").dial) == (1, "tel:988")


def test_a_coordinator_adds_a_line_a_nurse_reads_the_list_but_cannot_change_it(
        client, login, db, make_account, nurse, psy_on):
    login(make_account(roles=["coordinator"]))
    response = client.post(f"{LIST}/new", data={
        "title_fr": "Tel-Aide, écoute 24 h sur 24", "number": "514 935-1101",
        "dial": "tel:+15149351101", "region": "Montréal", "source": "https://www.telaide.org",
        "reviewed_on": "2026-12-05", "active": "1"})
    assert response.status_code == 302
    added = line(db, "tel_aide_ecoute_24_h_sur_24")
    assert added.version == 1 and added.position == 4 and added.title["en"] == ""
    client.post("/logout")
    login(nurse)
    assert "Tel-Aide" in client.get(LIST).get_data(as_text=True)
    assert client.get(f"{LIST}/{added.id}").status_code == 403
    assert client.post(f"{LIST}/{added.id}", data=form_of(added, number="0")).status_code == 403
    client.post("/logout")
    login(make_account(roles=["reception"]))
    assert client.get(LIST).status_code == 403


def test_the_menu_offers_the_lines_to_those_who_keep_them_only(
        client, login, make_account, psychologist, nurse):
    """A nurse holds the permission (she reads the list), but the entry "Crisis lines" among
    the coop's administration is for a psychologist or a coordinator, who keep it."""
    entry = f'href="{LIST}"'
    for account, shown in ((psychologist, True), (make_account(roles=["coordinator"]), True),
                           (nurse, False)):
        login(account)
        page = client.get("/").get_data(as_text=True)
        assert (entry in page) is shown and ("Lignes de crise" in page) is shown, account
        client.post("/logout")
    login(nurse)
    assert client.get(LIST).status_code == 200  # she still reads the list


def test_the_menu_a_nurse_saw_first_does_not_hide_the_lines_from_a_psychologist(
        client, login, psychologist, nurse):
    """Both are practitioners (the same permissions); the menu drawn for the nurse, without
    the entry, is not the one the psychologist gets, nor the reverse."""
    entry = f'href="{LIST}"'
    for account, shown in ((nurse, False), (psychologist, True), (nurse, False)):
        login(account)
        page = client.get(LIST).get_data(as_text=True)  # not the home page: it lists them too
        menu = page[page.index("<nav"):page.index("</nav>")]
        assert (entry in menu) is shown, account
        client.post("/logout")


def test_an_empty_list_shows_the_built_in_lines_and_says_so(client, login, db, psychologist,
                                                            client_person, phq9):
    db.execute(update(CrisisLine).values(active=False))
    db.commit()
    login(psychologist)
    saved = post_phq9(client, client_person, phq9(item9=2))
    page = client.get(saved.headers["Location"]).get_data(as_text=True)
    assert "1-866-277-3553" in page and "9-8-8" in page and "9-1-1" in page
    assert "La liste des lignes de crise de la coop est vide" in page
    assert "est vide" in client.get(LIST).get_data(as_text=True)


def test_an_unreadable_list_never_silences_the_rule(client, login, db, psychologist,
                                                    client_person, phq9, monkeypatch):
    def broken(session):  # a real failed query, as when the table is missing
        session.execute(text("SELECT code FROM psychology_no_such_table"))
        return []
    monkeypatch.setattr(crisis_lines, "in_use", broken)
    login(psychologist)
    saved = post_phq9(client, client_person, phq9(item9=1))
    assert saved.status_code == 302  # the entry is saved: the failed read spoiled nothing
    page = client.get(saved.headers["Location"]).get_data(as_text=True)
    assert "1-866-277-3553" in page and "9-8-8" in page and "9-1-1" in page
    assert "pas pu être lue" in page and "les lignes intégrées sont affichées" in page
    [finding] = [f for f in findings_for(db, client_person.id) if f.protocol_id == SAFETY]
    assert finding.severity == "urgent" and "could not be read" in finding.texts["en"]["advice"]
    tasks = client.get("/record/tasks").get_data(as_text=True)
    assert "Estimation du risque suicidaire aujourd’hui" in tasks
    chart = client.get(f"/people/{client_person.id}/chart").get_data(as_text=True)
    assert "pas pu être lue" in chart and "1-866-277-3553" in chart


def test_the_member_reads_the_coops_lines_and_never_the_note_for_clinicians(
        client, login, db, write, phq9, member_account):
    row = line(db, "ca_988")
    row.number = "9-8-8 (appels et textos)"
    db.commit()
    write("psychology.phq9", phq9(item9=1))
    login(member_account)
    portal = client.get("/portal/record").get_data(as_text=True)
    assert "9-8-8 (appels et textos)" in portal
    db.execute(update(CrisisLine).values(active=False))
    db.commit()
    portal = client.get("/portal/record").get_data(as_text=True)
    assert "1 866 APPELLE" in portal and "Prévenez la coordination" not in portal
