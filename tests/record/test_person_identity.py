"""A person is addressed by the name they chose; the legal name shows where the law needs it;
sex assigned at birth and gender identity are kept apart, in the FHIR export too."""

from __future__ import annotations

from sqlalchemy import select

from core.identity.models import Person
from core.record.export import build_bundle


def test_registration_keeps_gender_identity_and_sex_at_birth_apart(client, db, login):
    login(role="reception")
    client.post("/people/new", data={
        "first_name": "Jean", "last_name": "Roy", "preferred_name": "Jeanne",
        "pronouns": "elle", "gender": "femme", "sex_at_birth": "male"})
    person = db.scalar(select(Person).where(Person.last_name == "Roy"))
    assert (person.gender, person.sex_at_birth) == ("femme", "male")
    page = client.get(f"/people/{person.id}").get_data(as_text=True)
    assert "<h1>Jeanne Roy (elle)</h1>" in page
    assert "Nom légal" in page and "Jean Roy" in page
    assert "Identité de genre" in page and "Sexe assigné à la naissance" in page
    refused = client.post("/people/new", data={"first_name": "A", "last_name": "B",
                                               "sex_at_birth": "unicorn"})
    assert refused.status_code == 422 and "Choisissez dans la liste." in refused.get_data(
        as_text=True)


def test_the_chart_addresses_the_person_by_their_chosen_name(client, db, login, nurse, patient):
    patient.preferred_name, patient.pronouns = "Lina", "elle"
    db.commit()
    login(nurse)
    chart = client.get(f"/people/{patient.id}/chart").get_data(as_text=True)
    assert "Dossier de Lina Gagnon (elle)" in chart
    assert "Nom légal" in chart and "Aline Gagnon" in chart


def test_the_fhir_export_carries_gender_identity_and_sex_at_birth_and_validates(db, nurse,
                                                                                patient):
    patient.preferred_name, patient.pronouns = "Lina", "elle"
    patient.gender, patient.sex_at_birth = "non binaire", "female"
    db.commit()
    bundle, builder = build_bundle(db, patient, viewer=nurse)
    assert builder.rejected == []                       # fhir.resources validated it
    resource = next(e["resource"] for e in bundle["entry"]
                    if e["resource"]["resourceType"] == "Patient")
    assert "gender" not in resource                     # never inferred
    by_url = {x["url"].rsplit("/", 1)[1]: x for x in resource["extension"]}
    assert by_url["individual-genderIdentity"]["extension"][0]["valueCodeableConcept"] == {
        "text": "non binaire"}
    recorded = {x["url"]: x["valueCodeableConcept"]
                for x in by_url["individual-recordedSexOrGender"]["extension"]}
    assert recorded["value"]["coding"][0]["code"] == "248152002"
    assert recorded["type"]["coding"][0]["code"] == "76689-9"
    assert [n.get("use") for n in resource["name"]] == ["official", "usual"]
