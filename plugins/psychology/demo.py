"""Demo data: a psychology caseload, written through core's record like real work.

Ten people have an open file; each answered a PHQ-9 and a GAD-7. One of them answered item 9
"several days": the safety rule raised a same-day assessment task that is still open. Another
did too earlier, and the psychologist recorded the risk estimate, which closed that task (as
it does on the chart page). One evaluation used a test whose raw data is sealed. Entries are
dated today: core records entries when they are written.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from core.api import Account, age_on, record_entry, today as coop_today

from plugins.psychology.access import DISCIPLINE
from plugins.psychology.instruments import GAD7, PHQ9

REASONS = ["Humeur triste depuis la perte d’emploi", "Anxiété envahissante au travail",
           "Difficultés de couple et insomnie", "Deuil récent", "Attaques de panique",
           "Épuisement chez une proche aidante", "Stress scolaire", "Isolement après un déménagement"]
REFERRERS = ["self", "physician", "nurse", "social_worker"]


def demo_psychologist(session):
    """The demo's psychologist (None when there is none, e.g. in the contract tests)."""
    return session.execute(select(Account).where(Account.practitioner.has(discipline=DISCIPLINE))
                           .order_by(Account.id)).scalars().first()


def _answers(rng, instrument, level: int, item9: int | None = None) -> dict:
    """Answers around ``level`` (0-3), to the French version; PHQ-9 item 9 is "not at all"
    unless given."""
    values = {item.key: max(0, min(3, level + rng.choice([-1, 0, 0, 1])))
              for item in instrument.items}
    values["language"] = "fr"
    if instrument is PHQ9:
        values["item_9"] = item9 or 0
        values["difficulty"] = min(3, level)
    return values


def _record(session, psychologist, person, form_id, payload):
    return record_entry(session, person=person, form_id=form_id, payload=payload,
                        author=psychologist)


def _age(person) -> int:
    """Full years today (0 without a birth date: never in the caseload)."""
    return age_on(person.date_of_birth, coop_today()) or 0


def add_demo_data(session, rng, people) -> None:
    """A caseload of up to ten people (no commit: ``soin demo`` commits)."""
    psychologist = demo_psychologist(session)
    if psychologist is None or not people:
        return
    # the PHQ-9 and GAD-7 are questionnaires for adolescents and adults, and the people whose
    # answers raise a suicide-risk alert are adults (the draw once gave it to a 9-year-old)
    old_enough = [p for p in people if _age(p) >= 14]
    caseload = rng.sample(old_enough, min(10, len(old_enough)))
    caseload.sort(key=lambda p: _age(p) < 18)  # adults first: indexes 0 and 1 answer item 9
    for index, person in enumerate(caseload):
        _record(session, psychologist, person, "psychology.opening", {
            "requested_on": (coop_today() - timedelta(days=rng.randrange(5, 60))).isoformat(),
            "referred_by": rng.choice(REFERRERS), "mandate": "Évaluation et suivi individuel",
            "reason": rng.choice(REASONS), "modalities": "Hebdomadaire, 50 minutes",
            "confidentiality_explained": True, "consent": True})
        level = rng.randrange(0, 4)
        item9 = 1 if index in (0, 1) else 0
        _record(session, psychologist, person, PHQ9.form_id, _answers(rng, PHQ9, level, item9))
        _record(session, psychologist, person, GAD7.form_id, _answers(rng, GAD7, level))
        if index == 1:  # this assessment was done: the risk estimate closes it
            _record(session, psychologist, person, "psychology.risk_estimate", {
                "level": "low", "safety_plan": "Signes précurseurs connus; appeler sa sœur; "
                "1 866 APPELLE en tout temps.", "informed": "Médecin de famille, avec accord.",
                "next_contact_on": (coop_today() + timedelta(days=7)).isoformat()})
        if index % 2 == 0:
            _record(session, psychologist, person, "psychology.progress_note", {
                "modality": "individual", "content": "Revue de la semaine; exercices de "
                "respiration pratiqués trois fois.", "next_steps": "Poursuivre l’exposition."})
        if index == 2:
            _record(session, psychologist, person, "psychology.raw_test_data", {
                "test_name": "WAIS-IV", "administered_on": coop_today().isoformat(),
                "raw_data": "Résultats bruts par sous-test (transcription).",
                "originals_kept": "Classeur verrouillé, bureau 2"})
