"""``soin demo``'s people are plausible where the clinical demos read them."""

import random

from sqlalchemy import select

from core.coop_time import age_on, today
from core.demo import FEMALE, MALE, load_demo
from core.identity.models import Person
from core.record.models import Entry, SummaryItem


def test_the_demo_gives_a_pregnancy_and_a_cystitis_to_adult_women(app, db):
    # the pregnancy line went to whoever the draw gave: an 84-year-old "Mohamed" once
    assert load_demo(db, app)
    pregnant = db.scalars(select(Person).join(SummaryItem, SummaryItem.person_id == Person.id)
                          .where(SummaryItem.kind == "pregnancy",
                                 SummaryItem.label == "pregnant")).all()
    assert pregnant, "the acupuncture demo's pregnancy case is missing"
    for person in pregnant:
        assert person.sex_at_birth == "female"
        assert 18 <= age_on(person.date_of_birth, today()) <= 45
    cystitis = db.scalars(select(Person).join(Entry, Entry.person_id == Person.id)
                          .where(Entry.form_id == "nursing.oc_application")).all()
    assert cystitis and all(p.sex_at_birth == "female" for p in cystitis)
    assert all(age_on(p.date_of_birth, today()) >= 18 for p in cystitis)
    # and not the pregnant one, whose OC the rules refuse: the demo shows an OC applied
    assert not set(cystitis) & set(pregnant)
    outcomes = db.scalars(select(Entry.payload).where(
        Entry.form_id == "nursing.oc_application")).all()
    assert [o["outcome"] for o in outcomes] == ["applied"]


def test_a_demo_person_states_a_sex_at_birth_that_matches_the_first_name():
    from core.demo import _person

    drawn = [_person(random.Random(seed), "Roy") for seed in range(200)]
    assert {d["sex_at_birth"] for d in drawn if d["first_name"] in FEMALE} == {"female"}
    assert {d["sex_at_birth"] for d in drawn if d["first_name"] in MALE} == {"male"}
    assert {d["sex_at_birth"] for d in drawn if d["first_name"] not in FEMALE | MALE} <= {""}


def test_the_demo_psychology_caseload_is_of_questionnaire_age_and_its_alerts_adults(app, db):
    # the draw gave the PHQ-9's suicide-risk alert to a 9-year-old
    assert load_demo(db, app)
    answered = db.scalars(select(Entry).where(Entry.form_id == "psychology.phq9")).all()
    assert answered, "the psychology demo's questionnaires are missing"
    ages = {e.person_id: age_on(db.get(Person, e.person_id).date_of_birth, today())
            for e in answered}
    assert min(ages.values()) >= 14
    alerts = [e.person_id for e in answered if e.payload.get("item_9")]
    assert alerts and all(ages[person] >= 18 for person in alerts)
