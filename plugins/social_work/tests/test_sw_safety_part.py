"""The HRSN's interpersonal-safety answers are kept to social work (level 3, disciplines.md
§0.3): core stores them as an entry of their own (``FormSpec.private_part``), while the rest of
the screening stays with the care team. Checked through the pages, as each reader meets them."""

import html

from core.api import Entry

from plugins.social_work import screening

ANSWERS = {"housing_situation": "worried", "housing_problems": "none", "transport": "no",
           "utilities": "no", "hurt": "3", "insult": "1", "threaten": "1", "scream": "1"}


def _screen(client, person, **changes):
    saved = client.post(f"/people/{person.id}/chart/new/{screening.HRSN}",
                        data={**ANSWERS, **changes})
    assert saved.status_code == 302, saved.get_data(as_text=True)[:400]
    return saved.headers["Location"]


def _text(response):
    return html.unescape(response.get_data(as_text=True))


def test_the_author_sees_the_urgent_finding_and_the_kept_answers(client, login, db, person,
                                                                 nurse):
    login(nurse)
    page = _text(client.get(_screen(client, person)))
    assert "Blessures physiques" in page and "quel que soit" in page      # urgent, on the spot
    assert "Réponses confidentielles (Travail social)" in page
    main = db.query(Entry).filter_by(form_id=screening.HRSN).one()
    part = db.query(Entry).filter_by(form_id=screening.HRSN_SAFETY).one()
    assert "hurt" not in main.payload and "safety_total" not in main.payload
    assert main.payload["positives"] == ["housing"]
    assert (part.payload["hurt"], part.payload["of_entry"]) == (3, main.id)
    assert (part.confidentiality, part.discipline, part.author_id) == ("discipline",
                                                                       "social_work", nurse.id)


def test_a_colleague_of_another_discipline_reads_the_screen_but_not_the_safety_answers(
        client, login, db, person, nurse, make_account, social_worker):
    login(nurse)
    _screen(client, person)
    client.post("/logout")
    colleague = make_account(roles=["practitioner"], discipline="nursing",
                             display_name="Line Roy")
    login(colleague)
    main = db.query(Entry).filter_by(form_id=screening.HRSN).one()
    part = db.query(Entry).filter_by(form_id=screening.HRSN_SAFETY).one()
    page = _text(client.get(f"/entries/{main.id}"))
    assert "Logement" in page or "logement" in page                       # the shared screen
    assert "Certaines réponses de ce formulaire sont confidentielles (Travail social)" in page
    assert "Blessures physiques" not in page and "physiquement" not in page
    assert client.get(f"/entries/{part.id}").status_code == 403
    chart = _text(client.get(f"/people/{person.id}/chart"))
    assert "Sécurité interpersonnelle" not in chart and "physiquement" not in chart
    client.post("/logout")
    login(social_worker)
    assert "Sécurité interpersonnelle\u202f: 6 sur 20" in _text(client.get(f"/entries/{part.id}"))


def test_amending_the_screen_amends_its_safety_answers_and_keeps_the_old_ones(
        client, login, db, person, nurse):
    login(nurse)
    _screen(client, person)
    main = db.query(Entry).filter_by(form_id=screening.HRSN).one()
    amended = client.post(f"/entries/{main.id}/amend",
                          data={**ANSWERS, "hurt": "1", "reason": "Réponse mal notée"})
    assert amended.status_code == 302
    parts = db.query(Entry).filter_by(form_id=screening.HRSN_SAFETY).order_by(Entry.id).all()
    assert [p.payload["hurt"] for p in parts] == [3, 1]
    assert parts[1].supersedes_id == parts[0].id and parts[1].status == "amended"
    newest = db.query(Entry).filter_by(form_id=screening.HRSN).order_by(Entry.id.desc()).first()
    assert parts[1].payload["of_entry"] == newest.id


def test_the_safety_part_is_never_written_by_hand(client, login, person, nurse, social_worker):
    login(social_worker)
    assert client.get(f"/people/{person.id}/chart/new/{screening.HRSN_SAFETY}").status_code == 404


def test_a_screen_entered_in_error_takes_its_safety_answers_with_it(client, login, db, person,
                                                                    nurse, social_worker):
    """The social worker no longer reads safety answers from a screening its author withdrew."""
    login(nurse)
    _screen(client, person)
    main = db.query(Entry).filter_by(form_id=screening.HRSN).one()
    withdrawn = client.post(f"/entries/{main.id}/error", data={"reason": "Mauvaise personne"})
    assert withdrawn.status_code == 302
    parts = db.query(Entry).filter_by(form_id=screening.HRSN_SAFETY).order_by(Entry.id).all()
    assert [p.status for p in parts] == ["final", "entered_in_error"]
    assert parts[1].reason == "Mauvaise personne" and parts[1].supersedes_id == parts[0].id
    client.post("/logout")
    login(social_worker)
    chart = _text(client.get(f"/people/{person.id}/chart"))
    assert "Sécurité interpersonnelle" not in chart
