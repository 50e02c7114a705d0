"""The check again when the summary changes: a nurse adds sertraline to someone already taking
St John's wort; she sees the alert, the herbalist gets a task, the register keeps the check."""

from sqlalchemy import select

from core.api import add_summary_item, entries_for, findings_for
from core.record.models import Action
from core.record.service import evaluate_chart_protocols

from plugins.herbalism.forms import RECHECK
from plugins.herbalism.models import Check, MonographVersion
from plugins.herbalism.recommend import Advice, recommend

SJW = Advice("hypericum_perforatum", "Extrait sec", "300 mg, 3 fois par jour", "6 semaines")


def taking_st_johns_wort(db, herbalist, person):
    done = recommend(db, person=person, herbalist=herbalist, locale="fr_CA", advice=SJW)
    assert not done.refused
    return done


def test_a_medication_added_after_the_herb_alerts_the_nurse_and_tasks_the_herbalist(db, herbalist,
                                                                                    nurse, person):
    taking_st_johns_wort(db, herbalist, person)
    add_summary_item(db, person_id=person.id, kind="medication", label="sertraline",
                     code="ATC:N06AB06", author=nurse)
    check = db.scalars(select(Check).where(Check.trigger == "medication_change")).one()
    assert check.outcome == "blocked" and check.actor_id == nurse.id
    [entry] = entries_for(db, person.id, [RECHECK])
    assert entry.author_id == nurse.id and entry.payload["changed"] == "sertraline"
    stored = findings_for(db, person.id, entry_ids=[entry.id])
    assert any(f.severity == "urgent" and "sertraline" in f.message for f in stored)
    [task] = db.scalars(select(Action).where(Action.person_id == person.id)).all()
    assert task.to_discipline == "herbalism" and "sertraline" in task.title
    # what the nurse's chart shows, live, for as long as both lines are there
    live = evaluate_chart_protocols(db, person, nurse)
    assert any(f.severity == "urgent" and "sertraline" in str(f.message) for f in live)


def test_a_drug_without_interaction_raises_nothing(db, herbalist, nurse, person):
    taking_st_johns_wort(db, herbalist, person)
    add_summary_item(db, person_id=person.id, kind="medication", label="metformine",
                     code="ATC:A10BA02", author=nurse)
    assert db.scalars(select(Check).where(Check.trigger == "medication_change")).all() == []
    assert entries_for(db, person.id, [RECHECK]) == []


def test_a_free_text_drug_added_later_is_reported_not_checked(db, herbalist, nurse, person):
    taking_st_johns_wort(db, herbalist, person)
    add_summary_item(db, person_id=person.id, kind="medication", label="Remède de ma tante",
                     author=nurse)
    check = db.scalars(select(Check).where(Check.trigger == "medication_change")).one()
    assert check.result["not_checked"] == ["Remède de ma tante"]
    live = evaluate_chart_protocols(db, person, nurse)
    assert any("Remède de ma tante" in str(f.message) for f in live)


def test_pregnancy_recorded_later_blocks_and_tells_the_herbalist(db, herbalist, nurse, person):
    taking_st_johns_wort(db, herbalist, person)
    add_summary_item(db, person_id=person.id, kind="pregnancy", label="pregnant", author=nurse)
    assert db.scalars(select(Check).where(Check.trigger == "medication_change")).one().outcome == "blocked"


def test_when_the_check_cannot_run_the_chart_says_so(db, herbalist, nurse, person):
    taking_st_johns_wort(db, herbalist, person)
    row = db.scalars(select(MonographVersion).where(MonographVersion.code == "hypericum_perforatum")).one()
    row.document = {**row.document, "interactions": [{"id": "broken"}]}
    db.flush()
    add_summary_item(db, person_id=person.id, kind="medication", label="warfarine",
                     code="ATC:B01AA03", author=nurse)
    assert db.scalars(select(Check).where(Check.trigger == "medication_change")).one().outcome == "not_run"
    live = evaluate_chart_protocols(db, person, nurse)
    assert live[0].severity == "urgent" and "ne s’est pas exécutée" in str(live[0].message)
