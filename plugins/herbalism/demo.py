"""Demo data: an herbalist's caseload, written through the same services as real work.

The shipped monographs enter the register. Five people have an intake: one takes chamomile with
nothing to report; one takes warfarin (with its ATC code) and is advised ginkgo with the
moderate bleeding alert; one takes a drug written as free text, reported "not checked"; one takes
sertraline and St John's wort was recommended anyway, with the override's reason and the task
for the nurse; one is followed up.
"""

from __future__ import annotations

from sqlalchemy import select

from core.api import Account, add_summary_item, record_entry

from plugins.herbalism import NAME, monographs
from plugins.herbalism.forms import CONSULTATION, FOLLOW_UP, INTAKE
from plugins.herbalism.recommend import Advice, recommend

CASES = [  # (reason, medications (label, ATC code or ""), advice, override reason)
    ("Sommeil léger et nervosité", [],
     Advice("matricaria_chamomilla", "Infusion", "2 g de fleurs, 3 fois par jour", "2 semaines"), ""),
    ("Mémoire qui flanche", [("warfarine", "B01AA03")],
     Advice("ginkgo_biloba", "Extrait normalisé", "120 mg par jour", "3 mois"), ""),
    ("Digestion difficile", [("Comprimés pour l’estomac (nom inconnu)", "")],
     Advice("mentha_piperita", "Infusion", "2 g de feuilles après les repas", "2 semaines"), ""),
    ("Humeur basse en hiver", [("sertraline", "N06AB06")],
     Advice("hypericum_perforatum", "Extrait sec", "300 mg, 3 fois par jour", "6 semaines",
            override_reason=""), "La sertraline est arrêtée par son médecin cette semaine "
                                  "(sevrage terminé le 10); début du millepertuis après."),
    ("Rhumes à répétition", [],
     Advice("echinacea_purpurea", "Jus pressé", "2,5 ml, 3 fois par jour", "10 jours"), ""),
]


def demo_herbalist(session):
    """The demo's herbalist (None when there is none, e.g. in the contract tests)."""
    return session.execute(select(Account).where(Account.practitioner.has(discipline=NAME))
                           .order_by(Account.id)).scalars().first()


def add_demo_data(session, rng, people) -> None:
    """The caseload (no commit: ``soin demo`` commits)."""
    monographs.seed(session)
    herbalist = demo_herbalist(session)
    if herbalist is None or not people:
        return
    for person, (reason, drugs, advice, override) in zip(rng.sample(list(people), min(5, len(people))),
                                                         CASES, strict=False):
        record_entry(session, person=person, form_id=INTAKE, author=herbalist, payload={
            "reason": reason, "current_drugs": ", ".join(d for d, _c in drugs),
            "pregnancy": "not_pregnant", "breastfeeding": "no"})
        for label, atc in drugs:
            add_summary_item(session, person_id=person.id, kind="medication", label=label,
                             code=f"ATC:{atc}" if atc else "", author=herbalist)
        record_entry(session, person=person, form_id=CONSULTATION, author=herbalist, payload={
            "reason": reason, "discussion": "Hygiène de vie revue; une plante proposée."})
        done = recommend(session, person=person, herbalist=herbalist, locale="fr_CA",
                         advice=Advice(**{**advice.__dict__, "override_reason": override}))
        if not done.refused and advice.herb == "echinacea_purpurea":
            record_entry(session, person=person, form_id=FOLLOW_UP, author=herbalist, payload={
                "herb": done.herb_name, "taken_as_advised": "yes",
                "effects": "Rhume plus court que d’habitude.", "decision": "stop"})
