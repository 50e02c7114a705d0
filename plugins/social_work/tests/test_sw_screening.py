"""Social-needs screening: the HRSN positive rules, the physically-hurt safety rule, UCLA-3
against the coop's threshold, and food read from the Hunger Vital Sign already on the record."""

import pytest

from core.api import EntryInvalid, findings_for, record_entry
from core.record.models import Action

from plugins.social_work import screening
from plugins.social_work.models import Referral, ScreenFact
from plugins.social_work.settings import set_loneliness_threshold


@pytest.mark.parametrize("changes, positives", [
    ({}, []),
    ({"housing_situation": "worried"}, ["housing"]),
    ({"housing_situation": "none"}, ["housing"]),
    ({"housing_problems": ["mold", "heat"]}, ["housing_quality"]),
    ({"transport": "yes"}, ["transport"]),
    ({"utilities": "already_shut_off"}, ["utilities"]),
])
def test_hrsn_positive_rules(hrsn, changes, positives):
    assert screening.score_hrsn(hrsn(**changes))["positives"] == positives


@pytest.mark.parametrize("changes, positive", [
    ({"insult": 4, "threaten": 3, "scream": 3}, True),               # sum 11 > 10
    ({"insult": 3, "threaten": 3, "scream": 3}, False),              # sum 10: not positive
])
def test_the_safety_sum_rule_is_scored_apart(hrsn, changes, positive):
    result = screening.score_hrsn(hrsn(**changes))
    assert result["safety_positive"] is positive and "safety" not in result["positives"]


@pytest.mark.parametrize("hurt, followup", [(1, False), (2, True), (3, True), (5, True)])
def test_physically_hurt_rarely_or_more_asks_for_follow_up_whatever_the_sum(hrsn, hurt, followup):
    result = screening.score_hrsn(hrsn(hurt=hurt))
    assert result["safety_total"] == 3 + hurt          # far below the published 11
    assert result["safety_followup"] is followup
    assert result["safety_positive"] is followup


def _safety_part(db, person):
    from core.api import Entry
    return db.query(Entry).filter_by(person_id=person.id, form_id=screening.HRSN_SAFETY).one()


def test_safety_rule_raises_an_urgent_finding_and_a_same_day_task(db, person, nurse, hrsn):
    record_entry(db, person=person, form_id=screening.HRSN, author=nurse, payload=hrsn(hurt=2))
    entry = _safety_part(db, person)   # the finding is kept with the answers it is about
    urgent = [f for f in findings_for(db, person.id, entry_ids=[entry.id])
              if f.severity == "urgent"]
    assert len(urgent) == 1
    assert "Rarely" in urgent[0].message or "Rarement" in urgent[0].message
    assert "whatever the total" in urgent[0].message or "quel que soit" in urgent[0].message
    task = db.query(Action).filter_by(entry_id=entry.id, kind="task").one()
    assert task.to_discipline == "social_work" and task.due_at is not None
    assert (task.due_at - task.created_at).total_seconds() <= 8 * 3600
    # and the need itself proposes a referral for safety, with agreement
    assert [r.need for r in db.query(Referral).filter_by(person_id=person.id)] == ["safety"]


def test_none_of_the_above_cannot_come_with_a_problem(db, person, nurse, hrsn):
    with pytest.raises(EntryInvalid) as refused:
        record_entry(db, person=person, form_id=screening.HRSN, author=nurse,
                     payload=hrsn(housing_problems=["none", "mold"]))
    assert "housing_problems" in refused.value.messages


def test_each_positive_domain_proposes_a_referral_naming_matching_services(
        db, person, nurse, hrsn, services):
    entry = record_entry(db, person=person, form_id=screening.HRSN, author=nurse,
                         payload=hrsn(housing_situation="worried", transport="yes"))
    warnings = {f.data.get("need"): f for f in entry.new_findings if f.severity == "warning"}
    assert set(warnings) == {"housing", "transport"}
    assert "Aide à la recherche de logement" in warnings["housing"].advice
    assert "Transport bénévole aux rendez-vous médicaux" in warnings["transport"].advice
    proposed = db.query(Referral).filter_by(person_id=person.id).order_by(Referral.id).all()
    assert [(r.need, r.status, r.source_entry_id) for r in proposed] == [
        ("housing", "proposed", entry.id), ("transport", "proposed", entry.id)]
    assert proposed[0].source_item == "hrsn.housing_situation"
    fact = db.query(ScreenFact).filter_by(entry_id=entry.id).one()
    assert fact.positives == ["housing", "transport"]


def test_a_second_positive_screen_keeps_one_referral_per_need(db, person, nurse, hrsn):
    for _ in range(2):
        record_entry(db, person=person, form_id=screening.HRSN, author=nurse,
                     payload=hrsn(transport="yes"))
    assert db.query(Referral).filter_by(person_id=person.id).count() == 1


def _food(entry):
    return next(f for f in entry.new_findings if f.data.get("need") == "food")


def test_food_comes_from_the_hunger_vital_sign_on_the_record(db, person, nurse, hrsn, activate):
    activate("food_security")
    hvs = record_entry(db, person=person, form_id="food_security.hunger_vital_sign",
                       author=nurse, payload={"hvs1": "often", "hvs2": "never"})
    entry = record_entry(db, person=person, form_id=screening.HRSN, author=nurse, payload=hrsn())
    food = _food(entry)
    assert food.data == {"need": "food", "hvs": "positive", "hvs_entry_id": hvs.id}
    # one HVS, one food referral: the one food security's protocol proposed
    assert [r.need for r in db.query(Referral).filter_by(person_id=person.id)] == ["food"]


def test_food_not_screened_is_said_not_silent(db, person, nurse, hrsn, activate):
    entry = record_entry(db, person=person, form_id=screening.HRSN, author=nurse, payload=hrsn())
    assert _food(entry).data["hvs"] == "unavailable"      # food security is not active here
    activate("food_security")
    entry = record_entry(db, person=person, form_id=screening.HRSN, author=nurse, payload=hrsn())
    assert _food(entry).data["hvs"] == "missing"
    assert "12" in _food(entry).message


def test_loneliness_uses_the_coops_threshold_and_keeps_the_raw_total(db, person, nurse,
                                                                     social_worker):
    answers = {"companionship": 2, "left_out": 1, "isolated": 2}    # total 5
    entry = record_entry(db, person=person, form_id=screening.UCLA3, author=nurse,
                         payload=answers)
    assert entry.payload["total"] == 5 and entry.new_findings == []
    set_loneliness_threshold(db, "4", by=social_worker)
    entry = record_entry(db, person=person, form_id=screening.UCLA3, author=nurse,
                         payload=answers)
    assert entry.payload["total"] == 5
    [finding] = entry.new_findings
    assert finding.data == {"need": "isolation", "total": 5, "threshold": 4}
    assert [r.need for r in db.query(Referral).filter_by(person_id=person.id)] == ["isolation"]


def test_a_positive_screen_is_kept_for_each_reader_in_their_own_language(
        db, person, nurse, hrsn, services):
    """The need's name and the advice were kept in the writer's language inside an English
    sentence: an English-speaking worker's list read "Social work: Logement"."""
    from core.record.models import Finding as Kept

    entry = record_entry(db, person=person, form_id=screening.HRSN, author=nurse,
                         payload=hrsn(housing_situation="worried"))
    referral = db.query(Action).filter_by(person_id=person.id, kind="referral").one()
    assert referral.texts["en"]["title"] == "Social work: Housing"
    assert referral.texts["fr_CA"]["title"] == "Travail social\u202f: Logement"
    kept = db.query(Kept).filter_by(entry_id=entry.id, severity="warning").one()
    english, french = kept.texts["en"], kept.texts["fr_CA"]
    assert english["message"] == "Positive social-needs screen: Housing."
    assert english["advice"].startswith("Ask the person whether they want a referral.")
    assert "Matching services: Aide à la recherche de logement" in english["advice"]
    assert french["advice"].startswith("Demandez à la personne")
    assert "Logement" in french["message"]


def test_a_refused_screen_that_says_physically_hurt_still_asks_for_follow_up_today(
        client, login, db, person, nurse, hrsn):
    """A question left blank refuses the screening: nothing is saved, so the same-day safety
    rule cannot run. The page said only "this field is required" while the person had just
    said someone hurts them; it says so at the top, with what to do today."""
    login(nurse)
    answers = {k: v for k, v in hrsn(hurt=4).items() if k != "housing_situation"}
    for language, said in (("fr_CA", "Blessures physiques"), ("en", "Physically hurt")):
        client.post("/language", data={"locale": language, "next": "/"})
        refused = client.post(f"/people/{person.id}/chart/new/{screening.HRSN}", data=answers)
        page = refused.get_data(as_text=True)
        assert refused.status_code == 422
        main = page[page.index("<h1>"):]
        top = main[:main.index("novalidate")]  # above the questions, seen at once
        assert said in top and "9-1-1" in top and "1 800 363-9010" in top
    assert findings_for(db, person.id) == [] and db.query(Action).count() == 0


def test_a_refused_screen_without_hurt_adds_no_alarm(client, login, person, nurse, hrsn):
    login(nurse)
    answers = {k: v for k, v in hrsn().items() if k != "housing_situation"}
    page = client.post(f"/people/{person.id}/chart/new/{screening.HRSN}",
                       data=answers).get_data(as_text=True)
    assert "363-9010" not in page
