"""Recording, amending and correcting entries through core.api, as plugins and views do."""

import pytest
from sqlalchemy import func, select, text

from core.api import (AccessDenied, EntryInvalid, add_summary_item, amend_entry, clinical_summary,
                      entries_for, findings_for, mark_entered_in_error, record_entry)
from core.audit.models import AuditEvent
from core.record.models import Action, Entry
from core.record.service import history
from tests.record.conftest import VITALS


def count(db, model):
    return db.execute(select(func.count()).select_from(model)).scalar()


def test_entry_is_stored_with_form_version_and_json_payload(db, write, nurse, patient):
    entry = write({**VITALS, "measured_on": "2026-01-05", "symptoms": ["cough"]})
    stored = db.get(Entry, entry.id)
    assert (stored.form_id, stored.form_version, stored.discipline) == ("recordtest.vitals", 1, "recordtest")
    assert stored.payload["temperature"] == "36.8" and stored.payload["measured_on"] == "2026-01-05"
    assert stored.confidentiality == "team" and stored.member_visible is True
    if db.get_bind().dialect.name == "postgresql":  # JSONB there, so payloads can be indexed
        kind = db.execute(text("SELECT pg_typeof(payload)::text FROM record_entries WHERE id = :id"),
                          {"id": entry.id}).scalar()
        assert kind == "jsonb"
    event = db.execute(select(AuditEvent).where(AuditEvent.entry_id == entry.id)).scalar_one()
    assert (event.action, event.actor_id, event.person_id, event.discipline) == (
        "entry.create", nurse.id, patient.id, "recordtest")


def test_invalid_payload_raises_field_messages_and_writes_nothing(db, nurse, patient):
    before = (count(db, Entry), count(db, AuditEvent))
    with pytest.raises(EntryInvalid) as caught:
        record_entry(db, person=patient, form_id="recordtest.vitals",
                     payload={"systolic": "abc", "mood": "angry"}, author=nurse)
    assert set(caught.value.messages) == {"systolic", "mood"}
    assert caught.value.messages["systolic"] == ["Entrez un nombre entier."]
    assert (count(db, Entry), count(db, AuditEvent)) == before


def test_out_of_range_message_is_translated(db, nurse, patient):
    with pytest.raises(EntryInvalid) as caught:
        record_entry(db, person=patient, form_id="recordtest.vitals", payload={"systolic": 20},
                     author=nurse)
    assert caught.value.messages["systolic"] == ["Entrez une valeur entre 60 et 260."]


def test_a_range_with_decimals_is_written_the_way_the_reader_writes_numbers(app):
    """A plugin's form left with marshmallow's own range message: its bounds in French read
    "0,5", never "0.5"."""
    from core.record.forms import translate_message

    english = "Must be greater than or equal to 0.5 and less than or equal to 2.5."
    with app.test_request_context(headers={"Accept-Language": "fr-CA"}):
        assert translate_message(english) == "Entrez une valeur entre 0,5 et 2,5."
        assert (translate_message("Must be greater than or equal to 1500.")
                == "Entrez une valeur d’au moins 1\u00a0500.")
    with app.test_request_context(headers={"Accept-Language": "en"}):
        assert translate_message(english) == "Enter a value between 0.5 and 2.5."


def test_author_may_raise_confidentiality_but_not_lower_it(db, write):
    assert write(confidentiality="sealed").confidentiality == "sealed"
    with pytest.raises(EntryInvalid):
        write(form_id="recordtest.note", payload={"text": "x"}, confidentiality="team")


def test_other_discipline_cannot_write_this_discipline_form(db, write, other_discipline):
    with pytest.raises(AccessDenied):
        write(author=other_discipline)
    assert write(form_id="recordtest.shared", payload={"text": "hi"}, author=other_discipline)


def test_amendment_is_a_new_version_and_history_keeps_both(db, write, nurse, patient):
    first = write()
    second = amend_entry(db, first, payload={**VITALS, "systolic": 131}, author=nurse,
                         reason="typo")
    db.commit()
    assert db.get(Entry, first.id).payload["systolic"] == 128
    assert [e.id for e in history(db, second)] == [first.id, second.id]
    assert [e.id for e in entries_for(db, patient.id)] == [second.id]
    with pytest.raises(EntryInvalid):  # an old version cannot be amended again
        amend_entry(db, first, payload=VITALS, author=nurse)


def test_only_the_author_amends(db, write, make_account):
    colleague = make_account(roles=["practitioner"], discipline="recordtest")
    with pytest.raises(AccessDenied):
        amend_entry(db, write(), payload=VITALS, author=colleague)


def test_entered_in_error_needs_a_reason_and_leaves_the_timeline(db, write, nurse, patient):
    entry = write()
    with pytest.raises(EntryInvalid) as caught:
        mark_entered_in_error(db, entry, author=nurse, reason="  ")
    assert "reason" in caught.value.messages
    marked = mark_entered_in_error(db, entry, author=nurse, reason="wrong person")
    db.commit()
    assert entries_for(db, patient.id) == []
    assert [e.id for e in entries_for(db, patient.id, include_errors=True)] == [marked.id]
    assert marked.status == "entered_in_error" and marked.reason == "wrong person"


def test_every_version_keeps_the_first_ones_place_on_the_timeline(db, write, nurse):
    """An amendment and the mark of an error keep the first version's ``occurred_at``: a
    month's superseded entries are found among that month's newer versions (its report)."""
    first = write()
    second = amend_entry(db, first, payload={**VITALS, "systolic": 131}, author=nurse)
    db.commit()
    marked = mark_entered_in_error(db, second, author=nurse, reason="wrong person")
    db.commit()
    assert second.created_at >= first.created_at
    assert second.occurred_at == marked.occurred_at == first.occurred_at


def test_entries_cannot_be_updated_or_deleted_in_place(db, write):
    entry = write()
    entry.payload = {"systolic": 1}
    with pytest.raises(ValueError, match="cannot be changed"):
        db.flush()
    db.rollback()
    db.delete(db.get(Entry, entry.id))
    with pytest.raises(ValueError, match="cannot be changed or deleted"):
        db.flush()
    db.rollback()
    assert db.get(Entry, entry.id).payload["systolic"] == 128


def test_entries_newest_first_filtered_by_form_and_viewer(db, write, nurse, other_discipline, patient):
    a = write()
    b = write(form_id="recordtest.note", payload={"text": "private"})
    c = write(form_id="recordtest.shared", payload={"text": "shared"})
    assert [e.id for e in entries_for(db, patient.id)] == [c.id, b.id, a.id]
    assert [e.id for e in entries_for(db, patient.id, form_ids=["recordtest.vitals"])] == [a.id]
    assert [e.id for e in entries_for(db, patient.id, viewer=other_discipline)] == [c.id, a.id]
    assert [e.id for e in entries_for(db, patient.id, viewer=nurse)] == [c.id, b.id, a.id]


def test_protocol_finding_and_routed_actions(db, write, patient):
    entry = write({**VITALS, "systolic": 190})
    assert [f.severity for f in entry.new_findings] == ["urgent"]
    actions = db.execute(select(Action).where(Action.entry_id == entry.id)
                         .order_by(Action.id)).scalars().all()
    assert [(a.kind, a.to_discipline, a.to_role) for a in actions] == [
        ("referral", "medicine", None), ("task", None, "coordinator")]
    assert actions[0].due_at is not None
    assert [f.protocol_id for f in findings_for(db, patient.id)] == ["recordtest.bp"]
    assert write().new_findings == []


def test_clinical_summary(db, nurse, patient):
    add_summary_item(db, person_id=patient.id, kind="medication", label="Ginkgo biloba",
                     natural_product=True, author=nurse)
    add_summary_item(db, person_id=patient.id, kind="allergy", label="Penicillin", author=nurse)
    add_summary_item(db, person_id=patient.id, kind="pregnancy", label="pregnant", author=nurse)
    add_summary_item(db, person_id=patient.id, kind="pregnancy", label="not_pregnant", author=nurse)
    summary = clinical_summary(db, patient.id)
    assert summary.has("medication", "ginkgo") and summary.medications[0].natural_product
    assert summary.has("allergy", "penicillin") and summary.pregnancy == "not_pregnant"
    assert summary.breastfeeding is None


def test_summary_medication_atc_code_is_normalised_and_a_misshapen_one_refused(db, nurse, patient):
    item = add_summary_item(db, person_id=patient.id, kind="medication", label="sertraline",
                            code=" atc:n06ab06 ", author=nurse)
    assert item.code == "ATC:N06AB06"
    assert clinical_summary(db, patient.id).medications[0].code == "ATC:N06AB06"
    with pytest.raises(EntryInvalid) as refused:
        add_summary_item(db, person_id=patient.id, kind="medication", label="sertraline",
                         code="ATC:sertraline", author=nurse)
    assert "N06AB06" in refused.value.messages["code"][0]
    assert len(clinical_summary(db, patient.id).medications) == 1


def test_a_plugin_ends_a_summary_line_by_its_id_and_the_line_is_kept(db, nurse, patient):
    from core.api import active_summary_items, end_summary_item

    item = add_summary_item(db, person_id=patient.id, kind="medication", label="Échinacée",
                            code="HERB:echinacea_purpurea", natural_product=True, author=nurse)
    [line] = active_summary_items(db, patient.id)
    assert line.id == item.id and line.code == "HERB:echinacea_purpurea"
    end_summary_item(db, line.id, author=nurse)
    assert clinical_summary(db, patient.id).medications == ()
    assert item.ended_at is not None and item.ended_by_id == nurse.id
    with pytest.raises(EntryInvalid):
        end_summary_item(db, 10**9, author=nurse)


def test_entry_saved_hook_is_called_for_writes_and_amendments(db, write, nurse):
    from tests.record import recordtest_plugin

    recordtest_plugin.SAVED.clear()
    first = write()
    second = amend_entry(db, first, payload=VITALS, author=nurse)
    assert recordtest_plugin.SAVED == [first.id, second.id]


def test_within_one_request_a_new_entry_and_a_new_refusal_are_seen_at_once(
        app, db, write, nurse, patient):
    """Reads are kept for the request (the chart, its panels and its audit ask the same
    questions); a write in the same request must not leave a stale answer behind."""
    from core.record.consent import add_consent_rule
    from core.record.policy import chart_access

    first = write()
    with app.test_request_context():
        assert [e.id for e in entries_for(db, patient.id, viewer=nurse)] == [first.id]
        second = write({**VITALS, "measured_on": "2026-02-01"})
        assert {e.id for e in entries_for(db, patient.id, viewer=nurse)} == {first.id, second.id}
        assert {e.id for e in entries_for(db, patient.id, form_ids=["recordtest.vitals"],
                                          viewer=nurse)} == {first.id, second.id}
        assert chart_access(db, nurse, patient.id).can_open
        add_consent_rule(db, person_id=patient.id, kind="refuse_practitioner", actor=nurse,
                         account_id=nurse.id)
        assert not chart_access(db, nurse, patient.id).can_open


def test_within_one_request_the_summary_is_read_again_after_a_write_or_a_rollback(
        app, db, nurse, patient):
    """The summary is read once per request (the chart, then a plugin's panel); a line added
    in the request shows at once, and a line whose write was rolled back no longer shows."""
    from core.record.summary import end_summary_item

    with app.test_request_context():
        assert clinical_summary(db, patient.id).allergies == ()
        add_summary_item(db, person_id=patient.id, kind="allergy", label="Pénicilline",
                         author=nurse)
        assert [a.label for a in clinical_summary(db, patient.id).allergies] == ["Pénicilline"]
        db.rollback()
        assert clinical_summary(db, patient.id).allergies == ()
        item = add_summary_item(db, person_id=patient.id, kind="allergy", label="Latex",
                                author=nurse)
        db.commit()
        assert [a.label for a in clinical_summary(db, patient.id).allergies] == ["Latex"]
        end_summary_item(db, item, author=nurse)
        assert clinical_summary(db, patient.id).allergies == ()
