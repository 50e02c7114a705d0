"""Recommending an herb: the check decides, the summary shows it, an override leaves a task."""

import pytest
from sqlalchemy import select

from core.api import add_summary_item, clinical_summary, entries_for
from core.record.models import Action

from plugins.herbalism.forms import RECOMMENDATION
from plugins.herbalism.models import Check, MonographVersion
from plugins.herbalism.recommend import Advice, recommend

SJW = Advice("hypericum_perforatum", "Extrait sec", "300 mg, 3 fois par jour", "6 semaines")


def medication(db, person, author, label, atc=""):
    return add_summary_item(db, person_id=person.id, kind="medication", label=label,
                            code=f"ATC:{atc}" if atc else "", author=author)


def test_a_clear_recommendation_enters_the_summary_as_an_active_natural_product(db, herbalist, person):
    done = recommend(db, person=person, herbalist=herbalist, locale="fr_CA",
                     advice=Advice("matricaria_chamomilla", "Infusion", "2 g, 3 fois par jour", "2 semaines"))
    assert not done.refused and done.entry.payload["outcome"] == "clear"
    assert done.entry.payload["monograph_version"] == 1
    [line] = clinical_summary(db, person.id).medications
    assert line.natural_product and line.code == "HERB:matricaria_chamomilla"
    assert line.label.startswith("Camomille allemande")
    assert db.scalars(select(Check)).one().outcome == "clear"


def test_sertraline_blocks_st_johns_wort_without_a_reason(db, herbalist, nurse, person):
    medication(db, person, nurse, "sertraline", "N06AB06")
    done = recommend(db, person=person, herbalist=herbalist, locale="fr_CA", advice=SJW)
    assert done.refused and done.result.blocked and not done.result.absolute
    assert done.result.alerts[0]["rule"] == "hypericum_perforatum.serotonergic"
    assert entries_for(db, person.id, [RECOMMENDATION]) == []
    assert len(clinical_summary(db, person.id).medications) == 1  # sertraline only
    assert db.scalars(select(Check)).one().outcome == "blocked"


def test_an_override_needs_a_reason_and_creates_a_task_for_the_nurse(db, herbalist, nurse, person):
    medication(db, person, nurse, "sertraline", "N06AB06")
    reason = "Sertraline arrêtée par son médecin; sevrage terminé."
    done = recommend(db, person=person, herbalist=herbalist, locale="fr_CA",
                     advice=Advice(**{**SJW.__dict__, "override_reason": reason}))
    assert not done.refused and done.entry.payload["outcome"] == "overridden"
    assert done.entry.payload["override_reason"] == reason
    [task] = db.scalars(select(Action).where(Action.person_id == person.id)).all()
    assert task.to_discipline == "nursing" and "Millepertuis" in task.title and reason in task.detail
    assert "terminé.." not in task.detail  # the reason's own period, then the sentence's
    assert "St John's wort" in task.texts["en"]["title"]  # an English-speaking nurse reads hers
    assert done.entry.new_findings[0].severity == "urgent"
    check = db.scalars(select(Check)).one()
    assert check.outcome == "overridden" and check.override_reason == reason


def test_kava_is_refused_whatever_the_reason(db, herbalist, person):
    done = recommend(db, person=person, herbalist=herbalist, locale="fr_CA",
                     advice=Advice("piper_methysticum", "Extrait", "1 capsule", "1 semaine",
                                   override_reason="La personne insiste."))
    assert done.refused and done.result.absolute
    assert clinical_summary(db, person.id).medications == ()


@pytest.mark.parametrize("kind,label", [("pregnancy", "pregnant"), ("breastfeeding", "yes")])
def test_pregnancy_or_breastfeeding_in_the_summary_blocks_an_herb_to_avoid(db, herbalist, nurse, person,
                                                                            kind, label):
    add_summary_item(db, person_id=person.id, kind=kind, label=label, author=nurse)
    done = recommend(db, person=person, herbalist=herbalist, locale="fr_CA", advice=SJW)
    assert done.refused and done.result.alerts[0]["kind"] in ("pregnancy", "lactation")


def test_a_free_text_drug_is_reported_not_checked(db, herbalist, nurse, person):
    medication(db, person, nurse, "Pilule pour dormir du Mexique")
    done = recommend(db, person=person, herbalist=herbalist, locale="en",
                     advice=Advice("valeriana_officinalis", "Infusion", "2 g", "2 weeks"))
    assert not done.refused and done.result.not_checked == ["Pilule pour dormir du Mexique"]
    messages = [f.message for f in done.entry.new_findings]
    assert any("Pilule pour dormir du Mexique" in m and "aucun code ATC" in m for m in messages)


def test_a_check_that_cannot_run_refuses_and_is_registered(db, herbalist, nurse, person):
    medication(db, person, nurse, "warfarine", "B01AA03")
    row = db.scalars(select(MonographVersion).where(MonographVersion.code == "ginkgo_biloba")).one()
    row.document = {**row.document, "interactions": [{"id": "broken"}]}  # no classes
    db.flush()
    done = recommend(db, person=person, herbalist=herbalist, locale="fr_CA",
                     advice=Advice("ginkgo_biloba", "Extrait", "120 mg", "3 mois", override_reason="x"))
    assert done.refused and not done.result.ran
    assert db.scalars(select(Check)).one().outcome == "not_run"
