"""A record from another system (no Soin commun origin stamp, an organisation's name with
spaces as its only origin) is exported again whole: nothing of it is rejected as invalid FHIR,
and it still names that organisation."""

import json

from sqlalchemy import select

from core.identity.models import Person
from core.record import fhir
from core.record.export import build_bundle
from core.record.transfer import start_import
from core.record.transfer_models import ImportProposal
from core.record.transfer_read import decide_proposal
from tests.record.bundles import other_system_bundle


def test_a_record_from_another_system_leaves_again_whole(db, nurse):
    bundle = other_system_bundle(organisation="Clinique du Parc", recorder="Dr Ève Caron")
    batch = start_import(db, json.dumps(bundle))
    db.commit()
    decide_proposal(db, db.scalars(select(ImportProposal)).one(), confirm=True, actor=nurse)
    db.commit()
    again, builder = build_bundle(db, db.get(Person, batch.person_id))
    assert builder.rejected == []
    fhir.fhir_model("Bundle").model_validate(again)
    kinds = {e["resource"]["resourceType"]: e["resource"] for e in again["entry"]}
    for kind in ("Observation", "Condition"):
        tag = next(t for t in kinds[kind]["meta"]["tag"] if t["system"] == fhir.ORIGIN_SYSTEM)
        assert tag["display"] == "Clinique du Parc" and " " not in kinds[kind]["meta"]["source"]
    assert kinds["Condition"]["recorder"]["display"] == "Dr Ève Caron"


def test_the_csv_export_names_where_a_confirmed_summary_line_was_written(db, nurse, patient):
    import csv
    import io

    from core.api import add_summary_item
    from core.record.export import export_csv

    batch = start_import(db, json.dumps(other_system_bundle(organisation="Clinique du Parc",
                                                            recorder="Dr Ève Caron")))
    db.commit()
    decide_proposal(db, db.scalars(select(ImportProposal)).one(), confirm=True, actor=nurse)
    person = db.get(Person, batch.person_id)
    add_summary_item(db, person_id=person.id, kind="allergy", label="Latex", author=nurse)
    db.commit()
    rows = [r for r in csv.reader(io.StringIO(export_csv(db, person))) if r[0] == "Sommaire clinique"]
    asthma = [r for r in rows if r[1] == rows[0][1]]
    # the line confirmed here names its author and coop there, not the nurse who confirmed it
    assert [(r[5], r[7], r[8]) for r in asthma] == [
        ("Dr Ève Caron", "SNOMED:195967001", "Asthma"),
        ("Dr Ève Caron", "Provenance", "Clinique du Parc")]
    # a line written here: its author, and no origin row
    assert [(r[5], r[7], r[8]) for r in rows[len(asthma):]] == [("Nadia Nurse", "", "Latex")]
