"""FHIR: screens, referrals and the directory as resources fhir.resources (R4B) accepts."""


from fhir.resources.R4B import get_fhir_model_class

from core.api import record_entry, today as coop_today

from plugins.social_work import fhir, referrals
from plugins.social_work.models import Referral


def _valid(resource):
    get_fhir_model_class(resource["resourceType"]).model_validate(resource)
    return resource


def test_an_hrsn_screen_is_a_questionnaire_response_on_loinc_codes(db, person, nurse, hrsn):
    entry = record_entry(db, person=person, form_id="social_work.hrsn", author=nurse,
                         payload=hrsn(hurt=2, housing_problems=["mold", "heat"]))
    [response] = [_valid(r) for r in fhir.hrsn_resources(entry, person)]
    items = {i["linkId"]: i["answer"] for i in response["item"]}
    assert response["questionnaire"].endswith("96777-8")
    assert [a["valueCoding"]["code"] for a in items["96778-6"]] == ["mold", "heat"]
    assert "95618-5" not in items          # the safety answers are their own entry
    from core.api import Entry
    part = db.query(Entry).filter_by(form_id="social_work.hrsn_safety").one()
    safety, total = [_valid(r) for r in fhir.hrsn_resources(part, person)]
    items = {i["linkId"]: i["answer"] for i in safety["item"]}
    assert items["95618-5"][0]["valueCoding"]["code"] == "LA10066-1"   # rarely
    assert total["code"]["coding"][0]["code"] == "95614-4"
    assert total["valueQuantity"]["value"] == 5


def test_the_record_export_carries_the_screens(db, person, nurse, hrsn):
    from core.record.export import export_fhir
    record_entry(db, person=person, form_id="social_work.ucla3", author=nurse,
                 payload={"companionship": 3, "left_out": 3, "isolated": 2})
    bundle = export_fhir(db, person, viewer=nurse, purpose="test")
    totals = [e["resource"] for e in bundle["entry"]
              if e["resource"]["resourceType"] == "Observation"
              and e["resource"]["code"]["coding"][0]["code"] == "ucla3-total"]
    assert [t["valueQuantity"]["value"] for t in totals] == [8]


def test_a_referral_is_a_service_request(db, person, social_worker, services):
    referral = referrals.propose(db, person_id=person.id, need="housing")
    target = next(s for s in services if s.name == "Aide à la recherche de logement")
    referrals.choose_service(db, referral, target.id, by=social_worker)
    assert _valid(fhir.service_request(referral))["status"] == "draft"
    referrals.record_consent(db, referral, what="Nom, téléphone", with_whom="Comité logement",
                             on=coop_today(), by=social_worker, today=coop_today())
    referrals.advance(db, referral, "sent", by=social_worker, today=coop_today())
    resource = _valid(fhir.service_request(referral))
    assert resource["status"] == "active"
    assert resource["performer"][0]["reference"] == f"HealthcareService/{target.id}"
    assert "Nom, téléphone" in resource["note"][0]["text"]


def test_the_directory_is_a_bundle_of_healthcare_services(db, services):
    bundle = _valid(fhir.directory_bundle(services))
    kinds = [e["resource"]["resourceType"] for e in bundle["entry"]]
    assert kinds.count("HealthcareService") == 20 and kinds.count("Location") == 20
    assert kinds.count("Organization") == 18      # two organizations offer two services each
    bank = next(e["resource"] for e in bundle["entry"]
                if e["resource"].get("name") == "Dépannage alimentaire")
    assert bank["availableTime"] == [{"daysOfWeek": ["wed", "fri"],
                                      "availableStartTime": "13:00:00",
                                      "availableEndTime": "16:00:00"}]
    assert [c["coding"][0] for c in bank["type"]] == [
        {"system": "http://terminology.hl7.org/CodeSystem/OpenEligibilityTaxonomy",
         "code": "1128", "display": "Emergency Food"},
        {"system": "http://terminology.hl7.org/CodeSystem/OpenEligibilityTaxonomy",
         "code": "1130", "display": "Food Pantry"}]


def test_fhir_pages(client, login, db, person, social_worker, services):
    referral = referrals.propose(db, person_id=person.id, need="food")
    db.commit()
    login(social_worker)
    assert client.get(f"/p/social_work/referrals/{referral.id}/fhir.json").json[
        "resourceType"] == "ServiceRequest"
    assert db.query(Referral).count() == 1
