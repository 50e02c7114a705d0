"""Demo data: a week of a nursing service, written through the same services as real work.

The demo nurse gets the trainings the shipped OCs require; a dozen people get vital signs
(two of them alarming), a flu vaccine, a wound, and one person an applied cystitis OC.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from core.api import Account, age_on, record_entry, today as coop_today

from plugins.nursing import NAME
from plugins.nursing.forms import IMMUNIZATION, VITALS, WOUND
from plugins.nursing.oc import registry
from plugins.nursing.service import apply_oc

DEMO_TRAININGS = "oc-cystite contraception-inspq-2024 oc-warfarine"
#: the demo wound's dressing is changed every this many days (its next change follows it: it
#: fell on the day of the assessment itself)
WOUND_CHANGE_DAYS = 3


def demo_nurse(session):
    """The demo's nursing practitioner, trained for the shipped OCs (None without one)."""
    nurse = session.execute(select(Account).where(Account.practitioner.has(discipline=NAME))
                            .order_by(Account.id).limit(1)).scalar()
    if nurse is not None:
        nurse.practitioner.trainings = DEMO_TRAININGS
        session.flush()
    return nurse


def _vitals(rng, alarming: bool) -> dict:
    if alarming:
        return {"temperature": 39.4, "pulse": 128, "respiratory_rate": 26, "systolic": 96,
                "diastolic": 58, "spo2": 91, "oxygen": "air", "consciousness": "C"}
    return {"temperature": round(rng.uniform(36.3, 37.6), 1), "pulse": rng.randint(58, 96),
            "respiratory_rate": rng.randint(12, 19), "systolic": rng.randint(108, 148),
            "diastolic": rng.randint(64, 92), "spo2": rng.randint(95, 99), "oxygen": "air",
            "consciousness": "A", "weight": round(rng.uniform(52, 98), 1)}


def add_demo(session, rng, people) -> None:
    """Vital signs, immunizations, a wound and an OC application for demo people."""
    registry.load_shipped(session)
    nurse = demo_nurse(session)
    if nurse is None or not people:
        return
    chosen = people[: min(12, len(people))]
    for i, person in enumerate(chosen):
        record_entry(session, person=person, form_id=VITALS, author=nurse,
                     payload=_vitals(rng, alarming=i in (3, 7)))
        record_entry(session, person=person, form_id=IMMUNIZATION, author=nurse, payload={
            "administered_on": coop_today().isoformat(), "product": "influenza",
            "lot": f"FLU{rng.randint(1000, 9999)}", "dose_number": 1, "dose_ml": 0.5,
            "site": "left_deltoid", "route": "IM", "piq_reference": "Inf", "consent": True,
            "observation_minutes": 15})
    record_entry(session, person=chosen[0], form_id=WOUND, author=nurse, payload={
        "location": "jambe gauche, malléole interne", "wound_type": "venous",
        "length_cm": 3.5, "width_cm": 2.0, "wound_bed": "granulation", "exudate": "moderate",
        "dressing": "Hydrofibre argentique + bandage compressif",
        "change_every": f"{WOUND_CHANGE_DAYS} jours",
        "next_change_on": (coop_today() + timedelta(days=WOUND_CHANGE_DAYS)).isoformat(),
        "goal": "heal"})
    # the cystitis OC asks about female anatomy: an adult woman of the demo, when there is one
    adults = [p for p in people if (age_on(p.date_of_birth, coop_today()) or 0) >= 18]
    adult = next((p for p in adults if p.sex_at_birth == "female"),
                 adults[0] if adults else chosen[0])
    apply_oc(session, person=adult, code="OC-CYSTITE", nurse=nurse, locale="fr_CA",
             treating_physician="Dre Exemple, GMF du quartier", answers={
                 "female_anatomy": True, "dysuria": True, "frequency": True, "urgency": False,
                 "temperature": 37.1, "flank_pain": False, "systemic_signs": False,
                 "possibly_pregnant": False, "vaginal_discharge": False,
                 "complicating_factor": False, "recurrent_or_recent_failure": False})
