"""A destroyed chart takes with it what other coops' records brought into it."""

from sqlalchemy import func, select

from core.privacy.models import ChartDestruction, RetentionCandidate
from core.privacy.retention import destroy, refresh_candidates
from core.record.transfer_models import ImportedEntry, ImportProposal, RecordImport


def test_imported_entries_and_proposals_are_destroyed_with_the_chart(db, old_chart, officer):
    person = old_chart(3)
    batch = RecordImport(origin="urn:x", origin_name="Coop B", bundle_hash="a" * 64,
                         patient_key="b" * 64, state="done", patient={}, person_id=person.id,
                         how="matched")
    db.add(batch)
    db.flush()
    db.add_all([ImportedEntry(import_id=batch.id, person_id=person.id, source_key="c" * 64,
                              origin="urn:x", resource_type="Observation",
                              resource={"resourceType": "Observation"}),
                ImportProposal(import_id=batch.id, person_id=person.id, source_key="d" * 64,
                               kind="allergy", label="Latex")])
    db.commit()
    refresh_candidates(db)
    [candidate] = db.scalars(select(RetentionCandidate)).all()
    destroy(db, candidate, by=officer)
    db.commit()
    for model in (ImportedEntry, ImportProposal):
        assert db.scalar(select(func.count()).select_from(model)) == 0
    tomb = db.scalar(select(ChartDestruction))
    assert tomb.rows["record_imported_entries"] == 1 and tomb.rows["record_import_proposals"] == 1
