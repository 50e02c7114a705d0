"""A member's record moves with them: a FHIR bundle from another coop imported, matched,
audited, repeatable, and the same record when exported again from the new coop."""

import json
from contextlib import contextmanager
from datetime import date
from types import SimpleNamespace

import pytest
from flask_babel import force_locale
from sqlalchemy import func, select

from core.api import add_summary_item, start_encounter
from core.audit.models import AuditEvent
from core.identity.models import Person
from core.record.cli import import_fhir_command
from core.record.export import build_bundle
from core.record.summary import end_summary_item
from core.record.transfer import AlreadyDecided, BundleRefused, resolve, start_import
from core.record.transfer_models import ImportedEntry, ImportProposal, RecordImport
from core.record.transfer_read import decide_proposal, pending_proposals
from core.record.transfer_text import outcome_lines
from core.registry import plugin_host
from tests.record.bundles import other_system_bundle

#: what a bundle from another coop carries, elsewhere than in its clinical elements
NOT_CLINICAL = ("meta", "id", "managingOrganization")


def other_coop_record(db, write, nurse, patient):
    """A record as another coop keeps it: a visit, entries, a summary with an ended line."""
    visit = start_encounter(db, person=patient, author=nurse)
    write({"systolic": 150, "temperature": "37.2", "mood": "low", "smoker": True,
           "measured_at": "2026-01-05T10:30", "symptoms": ["cough"]}, encounter=visit)
    write(form_id="recordtest.note", payload={"text": "Suivi infirmier"})
    old = add_summary_item(db, person_id=patient.id, kind="problem", label="Entorse",
                           author=nurse)
    end_summary_item(db, old, author=nurse)
    for kind, label, code in (("problem", "Asthme", "ICD-10:J45"),
                              ("medication", "sertraline", "ATC:N06AB06"),
                              ("allergy", "Latex", ""), ("pregnancy", "pregnant", "")):
        add_summary_item(db, person_id=patient.id, kind=kind, label=label, code=code, author=nurse)
    patient.ramq = "GAGA80551712"
    db.commit()
    bundle, _builder = build_bundle(db, patient)
    return bundle


def clinical(bundle):
    """The bundle's clinical elements, comparable across coops: every resource but the
    patient's consents and appointments, without ids and origin stamps, references resolved."""
    by_url = {e["fullUrl"]: e["resource"] for e in bundle["entry"]}
    out = []
    for item in bundle["entry"]:
        resource = {k: v for k, v in item["resource"].items() if k not in NOT_CLINICAL}
        if resource["resourceType"] in ("Consent", "Appointment"):
            continue
        for name in ("subject", "patient"):
            resource.pop(name, None)
        if "encounter" in resource:
            resource["encounter"] = by_url[resource["encounter"]["reference"]]["period"]
        out.append(json.dumps(resource, sort_keys=True))
    return sorted(out)


@pytest.fixture
def other_coop(app, soin_extra_plugins, tmp_path):
    """A second coop: another application on another database (PostgreSQL too, when the
    suite runs on it); ``with other_coop() as session:`` works in it."""
    from core import db as dbmod
    from core.admin.service import set_active
    from core.app import create_app
    from core.identity.accounts import sync_roles_and_permissions
    from core.migrate import upgrade
    from core.testing.plugin import new_database

    with new_database(tmp_path, "soin_other") as url:
        other = create_app({"SOIN_DATABASE_URL": url, "TESTING": True, "SECRET_KEY": "other",
                            "SOIN_COOP_NAME": "Coop du Nord", "SOIN_MFA": "optional",
                            "SOIN_BACKUP_DIR": str(tmp_path)}, extra_plugins=soin_extra_plugins)
        upgrade(other)

        @contextmanager
        def inside():
            with other.app_context():
                yield dbmod.session()

        with inside() as sess:
            sync_roles_and_permissions(sess, plugin_host(other))
            set_active(sess, plugin_host(other), "recordtest", True)
            sess.commit()
        yield inside
        other.extensions["soin_db"].engine.dispose()


def test_round_trip_between_two_databases_keeps_every_clinical_element(db, write, nurse, patient,
                                                                       other_coop):
    from core.testing.factories import Factories

    sent = other_coop_record(db, write, nurse, patient)
    with other_coop() as other_db:
        batch = start_import(other_db, json.dumps(sent))
        other_db.commit()
        assert batch.state == "done" and batch.how == "created"
        assert batch.counts["entries"] == 5 and batch.counts["proposals"] == 4
        assert batch.counts["left"] == {}
        person = other_db.get(Person, batch.person_id)
        assert (person.full_name, person.ramq) == ("Aline Gagnon", "GAGA80551712")
        nurse_here = Factories(None, other_db).account(roles=["practitioner"],
                                                       discipline="recordtest")
        for proposal in pending_proposals(other_db, person.id):
            decide_proposal(other_db, proposal, confirm=True, actor=nurse_here)
        other_db.commit()
        again, _builder = build_bundle(other_db, person)
    assert clinical(again) == clinical(sent)
    # what came from the first coop still says so
    entries = [e["resource"] for e in again["entry"]
               if e["resource"]["resourceType"] == "QuestionnaireResponse"]
    assert {r["meta"]["source"].split("#")[0] for r in entries} == {
        "urn:soin-commun:coop:cooperative-de-solidarite-sante"}
    assert {r["author"]["display"] for r in entries} == {"Nadia Nurse"}


def test_importing_twice_adds_nothing_and_goes_to_the_same_person(db, write, nurse, patient,
                                                                   other_coop):
    sent = json.dumps(other_coop_record(db, write, nurse, patient))
    with other_coop() as other_db:
        first = start_import(other_db, sent)
        other_db.commit()
        second = start_import(other_db, sent)
        other_db.commit()
        assert second.person_id == first.person_id and second.how == "matched"
        assert second.counts["entries"] == 0 and second.counts["proposals"] == 0
        assert second.counts["already"] == first.counts["entries"] + first.counts["proposals"]
        assert other_db.scalar(select(func.count()).select_from(ImportedEntry)) == 5
        assert other_db.scalar(select(func.count()).select_from(Person)) == 1
        actions = other_db.scalars(select(AuditEvent.action).where(
            AuditEvent.action == "record.import")).all()
        assert len(actions) == 2


def test_someone_who_only_looks_alike_waits_for_the_officer(app, db, write, nurse, patient,
                                                             make_person, make_account,
                                                             monkeypatch):
    with monkeypatch.context() as elsewhere:  # the bundle as another coop would send it
        elsewhere.setitem(app.config, "SOIN_COOP_ID", "coop-du-sud")
        sent = json.dumps(other_coop_record(db, write, nurse, patient))
    patient.ramq = None  # the bundle's person is not recognised by number here...
    twin = make_person("Aline", "Gagnon", date_of_birth=date(1980, 5, 17))  # ...but looks like
    db.commit()
    batch = start_import(db, sent.replace("GAGA80551712", "GAGA80551799"))
    db.commit()
    assert batch.state == "review" and set(batch.candidates) == {patient.id, twin.id}
    assert db.scalar(select(func.count()).select_from(ImportedEntry)) == 0
    with force_locale("fr_CA"):  # two people here look alike: the plural, in words
        assert "ressemble à 2 personnes d’ici" in outcome_lines(batch)[0]
    with force_locale("en"):
        assert "looks like 2 people here" in outcome_lines(batch)[0]
        one = SimpleNamespace(state="review", id=batch.id, candidates=[twin.id])
        assert "looks like 1 person here" in outcome_lines(one)[0]
    officer = make_account(roles=["privacy_officer"])
    resolve(db, batch, choice=str(twin.id), actor=officer)
    db.commit()
    assert batch.state == "done" and batch.person_id == twin.id and batch.how == "chosen"
    assert db.scalar(select(func.count()).select_from(ImportProposal).where(
        ImportProposal.person_id == twin.id)) == 4
    with pytest.raises(AlreadyDecided):
        resolve(db, batch, choice="new", actor=officer)


def test_a_bad_bundle_is_refused_with_a_reason_and_nothing_written(db):
    cases = {"not json": "pas du JSON",
             # nesting Python cannot follow, a number of 5,000 digits: each was a 500
             "[" * 100_000 + "]" * 100_000: "pas du JSON", "9" * 5000: "pas du JSON",
             json.dumps({"resourceType": "Patient"}): "pas un Bundle FHIR",
             json.dumps({"resourceType": "Bundle", "type": "collection",
                         "entry": [{"resource": {"resourceType": "Observation"}}]}):
                 "pas du FHIR R4 valide",
             json.dumps({"resourceType": "Bundle", "type": "collection", "entry": []}):
                 "une seule personne"}
    for raw, reason in cases.items():
        with pytest.raises(BundleRefused) as refused:
            start_import(db, raw)
        assert reason in str(refused.value)
    db.rollback()
    assert db.scalar(select(func.count()).select_from(RecordImport)) == 0


def test_a_bundle_from_another_system_comes_in_as_far_as_its_resources_allow(db):
    bundle = other_system_bundle()
    batch = start_import(db, json.dumps(bundle))
    db.commit()
    entry = db.scalars(select(ImportedEntry)).one()
    assert (entry.title, entry.author, entry.occurred_at.year) == ("Body weight", "Dr Ève Caron", 2025)
    proposal = db.scalars(select(ImportProposal)).one()
    assert (proposal.kind, proposal.label, proposal.code) == ("problem", "Asthma", "SNOMED:195967001")
    assert batch.how == "created"


def test_soin_import_fhir_from_the_shell(app, db, write, nurse, patient, tmp_path):
    path = tmp_path / "bundle.json"
    path.write_text(json.dumps(other_coop_record(db, write, nurse, patient)))
    result = app.test_cli_runner().invoke(import_fhir_command, [str(path)])
    assert result.exit_code == 0, result.output
    assert "Trouvé Aline Gagnon" in result.output  # the RAMQ number and birth date agree
    assert "Déjà dans le dossier" in result.output  # the exporting database is this one
    path.write_text("{}")
    result = app.test_cli_runner().invoke(import_fhir_command, [str(path)])
    assert result.exit_code == 1 and "pas un Bundle FHIR" in result.output


def test_the_officer_sees_why_a_new_person_cannot_be_registered(client, db, login, make_person):
    """The bundle's number belongs to someone here whose birth date differs: a review; choosing
    "someone else" would register the same number twice, which is refused on the page."""
    holder = make_person("Aline", "Gagnon", date_of_birth=date(1979, 1, 1), ramq="GAGA80551712")
    bundle = {"resourceType": "Bundle", "type": "collection", "entry": [{"resource": {
        "resourceType": "Patient", "name": [{"family": "Gagnon", "given": ["Aline"]}],
        "birthDate": "1980-05-17", "identifier": [
            {"system": "urn:oid:2.16.124.10.101.1.60.100", "value": "GAGA80551712"}]}}]}
    batch = start_import(db, json.dumps(bundle))
    db.commit()
    assert batch.state == "review" and batch.candidates == [holder.id]
    login(role="privacy_officer")
    response = client.post(f"/privacy/imports/{batch.id}", data={"choice": "new"})
    assert response.status_code == 422
    assert "RAMQ" in response.get_data(as_text=True)
    db.expire_all()
    assert db.get(RecordImport, batch.id).state == "review"


def test_a_bundle_naming_nobody_counts_its_patients_in_the_singular_in_french(app):
    """French read "celui-ci contient 0 ressources Patient"; French counts zero in the singular."""
    import json

    from flask_babel import force_locale

    from core.record.transfer_bundle import read_bundle

    empty = json.dumps({"resourceType": "Bundle", "type": "collection", "entry": []})
    expected = {"fr_CA": "celui-ci contient 0 ressource Patient.",
                "en": "this one has 0 Patient resources."}
    for locale, text in expected.items():
        with app.test_request_context(), force_locale(locale):
            with pytest.raises(BundleRefused) as refused:
                read_bundle(empty)
            assert str(refused.value.message).endswith(text), refused.value.message
