"""Screening on the chart: scoring, the finding a positive screen raises, the report's facts."""

import pytest

from core.api import AccessDenied, EntryInvalid, amend_entry, mark_entered_in_error, record_entry

from plugins.food_security import reports, screening
from plugins.food_security.models import ScreeningResult

NEGATIVE_USDA = {"hh3": "never", "hh4": "never", "ad1": "no"}


@pytest.mark.parametrize("answers, score, category", [
    (NEGATIVE_USDA, 0, "secure"),
    ({"hh3": "sometimes", "hh4": "dont_know", "ad1": "no", "ad2": "no", "ad3": "no"}, 1, "secure"),
    ({"hh3": "often", "hh4": "sometimes", "ad1": "no", "ad2": "no", "ad3": "no"}, 2, "low"),
    # AD1a counts only after AD1 = yes, and "only 1 or 2 months" is not affirmative
    ({"hh3": "often", "hh4": "often", "ad1": "yes", "ad1a": "one_or_two_months", "ad2": "yes",
      "ad3": "no"}, 4, "low"),
    ({"hh3": "often", "hh4": "often", "ad1": "yes", "ad1a": "some_months", "ad2": "yes",
      "ad3": "no"}, 5, "very_low"),
    ({"hh3": "often", "hh4": "often", "ad1": "yes", "ad1a": "almost_every_month", "ad2": "yes",
      "ad3": "yes"}, 6, "very_low"),
])
def test_usda_six_item_scoring(answers, score, category):
    result = screening.score_usda(answers)
    assert (result["score"], result["category"], result["positive"]) == (
        score, category, score >= 2)


def test_hunger_vital_sign_is_positive_when_either_statement_is_often_or_sometimes_true():
    assert screening.score_hvs({"hvs1": "never", "hvs2": "sometimes"})["positive"]
    assert not screening.score_hvs({"hvs1": "never", "hvs2": "dont_know"})["positive"]


@pytest.fixture
def nurse(activate, make_account):
    activate("food_security")
    return make_account(discipline="nursing")


def test_a_positive_screen_proposes_the_tier_and_social_work(db, nurse, make_person):
    from core.record.models import Action

    person = make_person()
    entry = record_entry(db, person=person, form_id=screening.HVS_FORM, author=nurse,
                         payload={"hvs1": "often", "hvs2": "never"})
    assert entry.payload["positive"] is True and entry.payload["scoring_rule"] == "hvs-hager-2010"
    assert [f.protocol_id for f in entry.new_findings] == [screening.PROTOCOL]
    actions = {(a.kind, a.to_discipline, a.to_role) for a in db.query(Action).filter_by(
        entry_id=entry.id)}
    assert actions == {("referral", "social_work", None),
                       ("task", None, "food_security.market_coordinator")}


def test_a_negative_screen_raises_nothing(db, nurse, make_person):
    entry = record_entry(db, person=make_person(), form_id=screening.USDA_FORM, author=nurse,
                         payload=NEGATIVE_USDA)
    assert entry.payload["score"] == 0 and entry.new_findings == []


def test_the_follow_up_question_is_asked_only_after_a_yes(db, nurse, make_person):
    person = make_person()
    with pytest.raises(EntryInvalid) as missing:
        record_entry(db, person=person, form_id=screening.USDA_FORM, author=nurse,
                     payload={"hh3": "often", "hh4": "never", "ad1": "yes", "ad2": "no",
                              "ad3": "no"})
    assert "ad1a" in missing.value.messages
    with pytest.raises(EntryInvalid) as extra:
        record_entry(db, person=person, form_id=screening.USDA_FORM, author=nurse,
                     payload={**NEGATIVE_USDA, "ad1a": "some_months"})
    assert "ad1a" in extra.value.messages


def test_volunteers_cannot_record_a_screen(db, activate, make_account, make_person):
    activate("food_security")
    volunteer = make_account(roles=["volunteer"])
    with pytest.raises(AccessDenied):
        record_entry(db, person=make_person(), form_id=screening.HVS_FORM, author=volunteer,
                     payload={"hvs1": "often", "hvs2": "often"})


def test_the_report_fact_follows_amendments_and_errors(db, nurse, make_person):
    person = make_person()
    entry = record_entry(db, person=person, form_id=screening.HVS_FORM, author=nurse,
                         payload={"hvs1": "often", "hvs2": "never"})
    fact = db.query(ScreeningResult).one()
    assert (fact.person_id, fact.instrument, fact.positive) == (person.id, "hvs", True)
    amended = amend_entry(db, entry, author=nurse, reason="Mauvaise case",
                          payload={"hvs1": "never", "hvs2": "never"})
    assert db.query(ScreeningResult).one().positive is False
    mark_entered_in_error(db, amended, author=nurse, reason="Mauvais dossier")
    assert db.query(ScreeningResult).one().in_error is True


def test_the_screening_report_hides_small_counts(db, nurse, make_person):
    for i in range(6):
        record_entry(db, person=make_person(last_name=f"P{i}"), form_id=screening.HVS_FORM,
                     author=nurse, payload={"hvs1": "often" if i < 2 else "never",
                                            "hvs2": "never"})
    rows = reports.reports()[5].run(db, reports.default_period()).rows
    current = [r for r in rows if r[1] != 0]
    assert current == [(current[0][0], 6, "< 5", "x")]


def test_the_screening_report_hides_a_small_count_of_food_secure_members(db, nurse, make_person):
    # 7 screened, 5 insecure: showing 5 would tell that 2 are food secure
    for i in range(7):
        record_entry(db, person=make_person(last_name=f"P{i}"), form_id=screening.HVS_FORM,
                     author=nurse, payload={"hvs1": "often" if i < 5 else "never",
                                            "hvs2": "never"})
    table = reports.reports()[5].run(db, reports.default_period())
    assert [r[1:] for r in table.rows if r[1] != 0] == [(7, "x", "x")]
    assert any("«\u202fx\u202f»" in str(note) for note in table.notes)  # explained to the reader


def test_a_nurse_records_the_usda_form_on_the_chart(client, login, db, nurse, make_person):
    person = make_person()
    login(nurse)
    url = f"/people/{person.id}/chart/new/{screening.USDA_FORM}"
    form = client.get(url).get_data(as_text=True)
    assert 'type="radio"' in form and "Nous n’avions pas les moyens" in form
    bad = client.post(url, data={"hh3": "often", "hh4": "often", "ad1": "yes"})
    assert bad.status_code == 422 and "Indiquez la fréquence" in bad.get_data(as_text=True)
    assert db.query(ScreeningResult).count() == 0
    good = client.post(url, data={"hh3": "often", "hh4": "often", "ad1": "yes",
                                  "ad1a": "some_months", "ad2": "yes", "ad3": "no"})
    assert good.status_code == 302
    chart = client.get(f"/people/{person.id}/chart").get_data(as_text=True)
    assert "5 sur 6, sécurité alimentaire très faible" in chart


def test_the_screens_export_as_valid_fhir_observations(db, nurse, make_person):
    from fhir.resources.R4B.observation import Observation

    from plugins.food_security import fhir

    person = make_person()
    hvs = record_entry(db, person=person, form_id=screening.HVS_FORM, author=nurse,
                       payload={"hvs1": "sometimes", "hvs2": "never"})
    usda = record_entry(db, person=person, form_id=screening.USDA_FORM, author=nurse,
                        payload=NEGATIVE_USDA)
    (risk,) = fhir.hvs_observation(hvs, person)
    (score,) = fhir.usda_observation(usda, person)
    for resource in (risk, score):
        Observation.model_validate({**resource, "subject": {"reference": "Patient/1"}})
    assert risk["valueCodeableConcept"]["coding"][0]["code"] == "LA19952-3"
    assert score["valueInteger"] == 0
