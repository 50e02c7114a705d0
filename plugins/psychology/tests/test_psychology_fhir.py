"""FHIR R4 export of the questionnaires, validated with ``fhir.resources.R4B``."""

from datetime import datetime, timezone

import pytest
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.observation import Observation
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse
from flask_babel import force_locale

from plugins.psychology.fhir import resources_for
from plugins.psychology.instruments import GAD7, PHQ9, Gad7Schema, Phq9Schema

WHEN = datetime(2026, 3, 2, 14, 30, tzinfo=timezone.utc)


def phq9_payload(language="fr"):
    answers = {f"item_{i}": v for i, v in enumerate([3, 2, 2, 1, 1, 1, 0, 0, 1], start=1)}
    return Phq9Schema().load({**answers, "difficulty": 2, "language": language})


def test_a_phq9_becomes_a_loinc_coded_questionnaire_response_and_total_observation(app):
    with app.test_request_context():
        qr, obs = resources_for(PHQ9, phq9_payload("en"), entry_id=41, when=WHEN,
                                subject="Patient/1")
    response = QuestionnaireResponse.model_validate(qr)
    observation = Observation.model_validate(obs)
    assert response.questionnaire == "http://loinc.org/q/44249-1"
    link_ids = [item.linkId for item in response.item]
    assert link_ids == ["44250-9", "44255-8", "44259-0", "44254-1", "44251-7", "44258-2",
                        "44252-5", "44253-3", "44260-8", "69722-7", "44261-6"]
    first = response.item[0].answer[0].valueCoding
    assert (first.system, first.code, first.display) == ("http://loinc.org", "LA6571-9",
                                                         "Nearly every day")
    assert response.item[9].answer[0].valueCoding.code == "LA6575-0"  # very difficult
    assert response.item[10].answer[0].valueInteger == 11
    assert observation.code.coding[0].code == "44261-6"
    assert observation.valueQuantity.value == 11 and observation.valueQuantity.code == "{score}"
    assert observation.derivedFrom[0].identifier.value == response.identifier.value


def test_item_text_is_in_the_language_the_person_answered_in(app):
    with app.test_request_context(), force_locale("en"):
        [qr, obs] = resources_for(PHQ9, phq9_payload("fr"), entry_id=1, when=WHEN)
    assert qr["item"][8]["text"].startswith("Vous avez pensé que vous seriez mieux mort(e)")
    assert qr["item"][0]["answer"][0]["valueCoding"]["display"] == "Nearly every day"
    assert obs["interpretation"][0]["text"] == "Modérée"


@pytest.mark.parametrize("schema,instrument,code", [(Gad7Schema, GAD7, "70274-6"),
                                                    (Phq9Schema, PHQ9, "44261-6")])
def test_both_totals_carry_their_loinc_code(app, schema, instrument, code):
    payload = schema().load({**{item.key: 1 for item in instrument.items}, "language": "en"})
    with app.test_request_context():
        qr, obs = resources_for(instrument, payload, entry_id=5, when=WHEN, subject="Patient/2")
    QuestionnaireResponse.model_validate(qr)
    assert Observation.model_validate(obs).code.coding[0].code == code


def test_the_chart_export_carries_the_questionnaires_and_validates(
        client, login, write, psychologist, client_person):
    gad = {**{f"item_{i}": 2 for i in range(1, 8)}, "language": "fr"}
    write("psychology.gad7", gad)
    login(psychologist)
    bundle = client.get(f"/people/{client_person.id}/chart/export.fhir.json").get_json()
    Bundle.model_validate(bundle)
    resources = [e["resource"] for e in bundle["entry"]]
    totals = [r for r in resources if r["resourceType"] == "Observation"
              and r["code"]["coding"][0]["code"] == "70274-6"]
    assert len(totals) == 1 and totals[0]["valueQuantity"]["value"] == 14
    patient = next(e["fullUrl"] for e in bundle["entry"]
                   if e["resource"]["resourceType"] == "Patient")
    assert totals[0]["subject"]["reference"] == patient
