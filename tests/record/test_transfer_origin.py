"""A record that moves twice keeps its first coop as the origin: coop A's entries and summary
lines, imported by B (the lines confirmed there) and exported again, reach C still naming A and
A's author; every bundle is valid FHIR R4 (fhir.resources)."""

import json
from contextlib import contextmanager

import pytest
from sqlalchemy import select

from core.record import fhir
from core.record.export import build_bundle
from core.record.transfer import start_import
from core.record.transfer_models import ImportedEntry, ImportProposal
from core.record.transfer_read import decide_proposal, pending_proposals
from core.registry import plugin_host
from tests.record.test_transfer import other_coop_record

A_URI = "urn:soin-commun:coop:cooperative-de-solidarite-sante"
SUMMARY_TYPES = ("Condition", "MedicationStatement", "AllergyIntolerance", "Observation")


@pytest.fixture
def coop(app, soin_extra_plugins, tmp_path):
    """``with coop("Coop du Nord") as session:``: another coop on its own database."""
    from core import db as dbmod
    from core.admin.service import set_active
    from core.app import create_app
    from core.identity.accounts import sync_roles_and_permissions
    from core.migrate import upgrade
    from core.testing.plugin import new_database

    apps, stack = {}, []

    @contextmanager
    def inside(name):
        if name not in apps:
            database = new_database(tmp_path, f"soin_{len(apps)}_coop")
            stack.append(database)
            url = database.__enter__()
            other = create_app({"SOIN_DATABASE_URL": url, "TESTING": True, "SECRET_KEY": name,
                                "SOIN_COOP_NAME": name, "SOIN_MFA": "optional",
                                "SOIN_BACKUP_DIR": str(tmp_path)}, extra_plugins=soin_extra_plugins)
            upgrade(other)
            with other.app_context():
                sess = dbmod.session()
                sync_roles_and_permissions(sess, plugin_host(other))
                set_active(sess, plugin_host(other), "recordtest", True)
                sess.commit()
            apps[name] = other
        with apps[name].app_context():
            yield dbmod.session()

    yield inside
    for other in apps.values():
        other.extensions["soin_db"].engine.dispose()
    for database in reversed(stack):
        database.__exit__(None, None, None)


def _import_and_confirm(session, bundle):
    from core.testing.factories import Factories

    batch = start_import(session, json.dumps(bundle))
    session.commit()
    person_id = batch.person_id
    nurse_here = Factories(None, session).account(roles=["practitioner"], discipline="recordtest",
                                                  display_name="Noé Nouveau")
    for proposal in pending_proposals(session, person_id):
        decide_proposal(session, proposal, confirm=True, actor=nurse_here)
    session.commit()
    return person_id


def _origins(bundle, types):
    return [(e["resource"]["resourceType"], e["resource"]["meta"]["source"].split("#")[0],
             next(t.get("display") for t in e["resource"]["meta"]["tag"]
                  if t["system"] == fhir.ORIGIN_SYSTEM))
            for e in bundle["entry"] if e["resource"]["resourceType"] in types]


def _authors(bundle, types):
    """Who each resource names as its author (None: a plugin's mapped fact names nobody)."""
    out = []
    for e in bundle["entry"]:
        r = e["resource"]
        if r["resourceType"] in types:
            who = r.get("author") or r.get("recorder") or r.get("informationSource") or \
                (r.get("performer") or [{}])[0]
            out.append(who.get("display"))
    return out


def test_a_record_moved_twice_still_names_its_first_coop_and_author(
        db, write, nurse, patient, coop):
    sent = other_coop_record(db, write, nurse, patient)
    a_name = next(t["display"] for t in sent["entry"][1]["resource"]["meta"]["tag"]
                  if t["system"] == fhir.ORIGIN_SYSTEM)
    with coop("Coop du Nord") as b_db:
        from core.identity.models import Person

        person = b_db.get(Person, _import_and_confirm(b_db, sent))
        from_b, _builder = build_bundle(b_db, person)
    fhir.fhir_model("Bundle").model_validate(from_b)  # valid FHIR R4
    lines = _origins(from_b, SUMMARY_TYPES)
    # the 4 lines still true at A, confirmed at B, and the ended line and mapped vitals
    # imported as entries: A wrote every one, A's nurse too
    assert len(lines) == 6 and {(uri, name) for _t, uri, name in lines} == {(A_URI, a_name)}
    named = _authors(from_b, SUMMARY_TYPES)
    assert named.count("Nadia Nurse") == 5 and set(named) == {"Nadia Nurse", None}
    entries = _origins(from_b, ("QuestionnaireResponse",))
    assert entries and {(uri, name) for _t, uri, name in entries} == {(A_URI, a_name)}
    with coop("Coop du Sud") as c_db:
        person_id = _import_and_confirm(c_db, from_b)
        proposals = c_db.scalars(select(ImportProposal).where(
            ImportProposal.person_id == person_id)).all()
        assert len(proposals) == 4
        assert {(p.origin, p.origin_name, p.author) for p in proposals} == {
            (A_URI, a_name, "Nadia Nurse")}
        assert all(p.source.startswith(A_URI + "#") for p in proposals)
        rows = c_db.scalars(select(ImportedEntry).where(ImportedEntry.person_id == person_id)).all()
        assert rows and {(r.origin, r.origin_name) for r in rows} == {(A_URI, a_name)}
        assert {r.author for r in rows if r.resource_type == "QuestionnaireResponse"} == {
            "Nadia Nurse"}
        from core.identity.models import Person

        from_c, _builder = build_bundle(c_db, c_db.get(Person, person_id))
    fhir.fhir_model("Bundle").model_validate(from_c)
    assert {(uri, name) for _t, uri, name in _origins(from_c, SUMMARY_TYPES)} == {(A_URI, a_name)}
    assert _authors(from_c, SUMMARY_TYPES).count("Nadia Nurse") == 5
    assert "Noé Nouveau" not in json.dumps(from_c)  # who confirmed at B or C is not the author
    # and back home at A, nothing comes in twice: every resource was written there
    batch = start_import(db, json.dumps(from_c))
    db.commit()
    assert batch.counts["entries"] == 0 and batch.counts["proposals"] == 0


def test_a_line_confirmed_here_from_nowhere_else_names_this_coop(db, write, nurse, patient):
    from core.api import add_summary_item

    add_summary_item(db, person_id=patient.id, kind="allergy", label="Arachides", author=nurse)
    db.commit()
    bundle, _builder = build_bundle(db, patient)
    [line] = [e["resource"] for e in bundle["entry"]
              if e["resource"]["resourceType"] == "AllergyIntolerance"]
    assert line["meta"]["source"].startswith(A_URI) and line["recorder"]["display"] == "Nadia Nurse"
