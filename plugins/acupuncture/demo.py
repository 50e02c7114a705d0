"""Demo data: an acupuncture caseload written through the plugin's own rules, like real work.

Four people have an opening evaluation and a closed session (points by WHO code, needles
counted). One takes an anticoagulant (the caution shows on her next session); one is pregnant
and had SP6 acknowledged with a rationale; one session has a needle that was not found, with its
incident; one person had a serious adverse event that waits in the coordinator's tasks and the
incident list. A last session is still open, to try the session page.
"""

from __future__ import annotations

from sqlalchemy import select

from core.api import Account, add_summary_item, age_on, record_entry, today

from plugins.acupuncture import NAME, sessions

CASES = [
    ("Lombalgie chronique", ["BL23", "BL40", "GV4"], "prone"),
    ("Céphalées de tension", ["GB20", "LI4", "LR3"], "seated"),
    ("Nausées de grossesse", ["PC6", "ST36", "SP6"], "side"),
    ("Insomnie", ["HT7", "SP6", "EX-HN3"], "supine"),
]
DETAILS = {"needle_type": "filiform", "needle_brand": "Seirin J", "needle_lot": "J2411-07",
           "gauge_mm": "0.20", "length_mm": "30", "disinfection": "true",
           "response_favourable": "Détente, douleur 6/10 → 3/10."}
SIDE = {"midline": "midline"}


def demo_acupuncturist(session):
    """The demo's acupuncturist (None when there is none, e.g. in the contract tests)."""
    return session.execute(select(Account).where(Account.practitioner.has(discipline=NAME))
                           .order_by(Account.id)).scalars().first()


def _opening(session, who, person, indication):
    record_entry(session, person=person, form_id="acupuncture.opening", author=who, payload={
        "interview": f"{indication} depuis plusieurs mois; sommeil perturbé.",
        "examination": "Tensions paravertébrales, teint pâle.",
        "energetic_opinion": "Vide de qi de la Rate avec stagnation du qi du Foie.",
        "tongue": "Pâle, enduit blanc mince", "pulse_left": "Fin, en corde",
        "pulse_right": "Faible", "eight_principles": ["interior", "deficiency"],
        "pattern": "Vide de qi de la Rate", "principle": "Tonifier la Rate, harmoniser le Foie",
        "plan": "6 séances hebdomadaires, puis réévaluation."})


def _session(session, who, person, indication, codes, position, removed_delta=0):
    acu = sessions.open_session(session, person=person, author=who)
    for code in codes:
        sessions.add_point(session, acu, {
            "query": code, "side": "bilateral", "technique": "even", "stimulation": "manual",
            "depth_mm": "15", "retention_min": "20", "acknowledged": "1",
            "rationale": "Nausées sévères, bénéfice attendu discuté avec la personne et sa "
                         "sage-femme; puncture douce."}, author=who)
    sessions.save_details(acu, {**DETAILS, "indication": indication, "position": position,
                                "needles_removed": str(acu.needles_counted - removed_delta)})
    if removed_delta:
        sessions.record_needle_incident(session, acu, "Aiguille cherchée sur la table et dans "
                                        "les draps, non retrouvée; personne avisée.", author=who)
    return sessions.close(session, acu, author=who)


def _of_childbearing_age(people, chosen):
    """A woman aged 18 to 45 not already among ``chosen`` (None when there is none), sought
    from the end of the demo's people: other demos (the nursing OC) start from the front."""
    day = today()
    return next((p for p in reversed(people) if p not in chosen and p.sex_at_birth == "female"
                 and 18 <= (age_on(p.date_of_birth, day) or 0) <= 45), None)


def add_demo_data(session, rng, people) -> None:
    """Up to four people with a record, one open session (no commit: ``soin demo`` commits)."""
    who = demo_acupuncturist(session)
    if who is None or len(people) < 2:
        return
    chosen = rng.sample(list(people), min(len(CASES), len(people)))
    add_summary_item(session, person_id=chosen[0].id, kind="medication", label="Apixaban",
                     code="ATC:B01AF02", detail="5 mg deux fois par jour", author=who)
    expecting = _of_childbearing_age(people, chosen)
    if len(chosen) > 2 and expecting is not None:
        chosen[2] = expecting  # the pregnancy nausea case: a woman who could be pregnant
        add_summary_item(session, person_id=expecting.id, kind="pregnancy", label="pregnant",
                         author=who)
    for index, (person, (indication, codes, position)) in enumerate(zip(chosen, CASES, strict=False)):
        _opening(session, who, person, indication)
        _session(session, who, person, indication, codes, position,
                 removed_delta=1 if index == 1 else 0)
    record_entry(session, person=chosen[-1], form_id="acupuncture.adverse_event", author=who,
                 payload={"event_type": "infection", "occurred_on": "2026-12-01",
                          "points": "ST36", "description": "Rougeur et chaleur au point ST36 "
                          "trois jours après la séance.", "action_taken": "Référée à "
                          "l’infirmière; antibiotique prescrit par le médecin.",
                          "follow_up": "Appel de suivi dans 48 h."})
    sessions.open_session(session, person=chosen[0], author=who)
