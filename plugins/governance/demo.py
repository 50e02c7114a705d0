"""Demo data: a coop of 400 member households, last June's annual assembly (notices, sign-in,
resolutions, a board election by secret ballot, minutes to adopt), the special assembly coming
up, and the board's open proposal.

The households of core's demo are members already; the others join here, one or two people
each, most without ever booking a visit (as in a real health coop). Names are invented.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from decimal import Decimal

from sqlalchemy import func, select

from core.api import (Account, Household, Membership, OutboxMessage, Person, change_category,
                      coop_zone, eligible_voters, open_membership, record_payment, renew, today,
                      utcnow)

from plugins.governance import assemblies, ballots, decisions
from plugins.governance.models import Attendance, Notice
from plugins.governance.notices import notice_message

TARGET = 400
FIRST = ["Léa", "Noah", "Chloé", "Félix", "Zoé", "Thomas", "Alice", "Samuel", "Rosalie",
         "William", "Maëlle", "Nathan", "Jade", "Olivier", "Florence", "Amir", "Fatou", "Minh"]
LAST = ["Bergeron", "Caron", "Fortin", "Gauthier", "Lapointe", "Morin", "Nadeau", "Ouellet",
        "Paquette", "Roy", "Simard", "Thibault", "Vachon", "Diallo", "Nguyen", "Haddad"]


def load(session, rng, people) -> None:
    """Members up to 400, two assemblies, three groups and their proposals."""
    _members(session, rng)
    past = _past_assembly(session, rng)
    coming = assemblies.convene(session, {
        "title": "Assemblée générale extraordinaire", "kind": "special",
        "starts_at": _at(today() + timedelta(days=21), 19),
        "place": "Salle communautaire, 2e étage", "quorum": 40, "notice_days": 10,
        "video_link": "https://visio.example.org/coop-aga",
        "agenda": "Ouverture et quorum\nAdoption du procès-verbal de l’AGA\n"
                  "Règlement sur les heures d’ouverture\nLevée de l’assemblée",
        "documents": "Projet de règlement : https://coop.example.org/docs/reglement.pdf"})
    ballots.add_motion(session, coming, {
        "title": "Adopter le procès-verbal de l’assemblée générale annuelle", "agenda_position": 2,
        "adopts_minutes_of_id": past.id})
    _groups(session)


def _at(day: date, hour: int) -> datetime:
    """``hour`` o'clock in the coop's time zone, in UTC."""
    zone = coop_zone()
    return datetime.combine(day, time(hour), tzinfo=zone).astimezone(timezone.utc)


def _members(session, rng) -> None:
    """Categories and dues for the members already there, then new households up to 400."""
    now = today()
    for membership in session.scalars(select(Membership)):
        _standing(session, rng, membership, now)
    existing = session.scalar(select(func.count()).select_from(Membership))
    for i in range(max(0, TARGET - existing)):
        last = rng.choice(LAST)
        household = Household(name=last, city="Montréal",
                              address=f"{rng.randrange(100, 4999)} rue {rng.choice(LAST)}")
        size = rng.choice([1, 1, 1, 2])
        for _n in range(size):
            first = rng.choice(FIRST)
            person = Person(first_name=first, last_name=last, household=household,
                            language=rng.choice(["fr_CA"] * 4 + ["en"]),
                            email=f"{first.lower()}.{last.lower()}.{i}@example.org"
                            if rng.random() < 0.8 else "")
            person.refresh_search_name()
            session.add(person)
        session.add(household)
        session.flush()
        started = date(2015, 1, 1) + timedelta(days=rng.randrange(0, 3800))
        membership = open_membership(session, household, {
            "started_on": started, "share_amount": Decimal("10.00"),
            "category": rng.choices(["user", "worker", "support"], [85, 8, 7])[0],
            "number": f"M{2000 + i:05d}"})
        if rng.random() < 0.95:
            record_payment(session, membership, {"amount": Decimal("10.00"), "paid_on": started,
                                                 "method": rng.choice(["cash", "debit"])})
        _standing(session, rng, membership, now)


def _standing(session, rng, membership, now) -> None:
    """Most dues current; some in their grace period or lapsed; a few user members moved
    since to another category, through the register (its history says when)."""
    moved = rng.choice(["worker", "support"]) \
        if membership.category == "user" and rng.random() < 0.1 else None
    roll = rng.random()
    paid_on = now - timedelta(days=rng.randrange(10, 330) if roll < 0.85 else
                                rng.randrange(380, 700))
    last = membership.started_on
    if paid_on >= membership.started_on:
        _earlier_dues(session, membership, paid_on)
        renew(session, membership, Decimal("10.00"), paid_on, "cash")
        last = paid_on
    if moved:
        # halfway from the latest line of its history to today: after admission, never ahead
        change_category(session, membership, moved, last + (now - last) / 2)


def _earlier_dues(session, membership, last_paid_on) -> None:
    """The dues a member paid before their latest, as their start date says: the first on
    admission, then one each year on the anniversary of the latest (the second, paid once the
    first year was over, set that day), so the latest renews the period before it and the
    membership runs to the same day as when paid alone. A member admitted less than a year
    before the latest paid none: the latest are their first dues."""
    from dateutil.relativedelta import relativedelta  # python-dateutil, as core's renew

    first_ends = membership.started_on - timedelta(days=1) + relativedelta(years=1)
    if last_paid_on <= first_ends:
        return
    days, years = [], 1
    while (day := last_paid_on - relativedelta(years=years)) > first_ends:
        days.append(day)
        years += 1
    for day in [membership.started_on, *reversed(days)]:
        renew(session, membership, Decimal("10.00"), day, "cash")


def _past_assembly(session, rng):
    """Last June's annual assembly, closed, its minutes drafted (to adopt at the next one)."""
    year = today().year if today().month > 6 else today().year - 1
    past = assemblies.convene(session, {
        "title": f"Assemblée générale annuelle {year}", "kind": "annual",
        "starts_at": _at(date(year, 6, 12), 19), "place": "Salle communautaire", "quorum": 40,
        "agenda": "Ouverture et quorum\nRapport annuel\nÉtats financiers\n"
                  "Élection au conseil d’administration\nLevée de l’assemblée"})
    voters = _sent_notices(session, past)
    assemblies.open_assembly(session, past)
    present = rng.sample(voters, min(len(voters), 63))
    for membership in present:
        session.add(Attendance(assembly_id=past.id, membership_id=membership.id, votes=True,
                               person_id=membership.household.people[0].id,
                               signed_in_at=past.starts_at - timedelta(minutes=rng.randrange(30))))
    session.flush()
    for position, title, counts in ((1, "Adopter l’ordre du jour", (60, 0, 3)),
                                    (3, "Adopter les états financiers", (55, 2, 6))):
        motion = ballots.add_motion(session, past, {"title": title, "agenda_position": position})
        ballots.open_vote(session, motion)
        ballots.record_hands(session, motion, dict(zip(ballots.CHOICES, counts, strict=False)))
    election = ballots.add_motion(session, past, {
        "title": "Élection de deux membres du conseil d’administration", "agenda_position": 4,
        "method": "secret",
        "candidates": "Hélène Tremblay\nMarc Gagnon\nSophie Côté", "seats": 2})
    ballots.open_vote(session, election)
    for membership in present:
        ballots.cast_secret(session, election.id, membership,
                            rng.sample(election.candidates, rng.choice([1, 2, 2, 2])))
    ballots.close_secret(session, election.id)
    assemblies.save_minutes(session, past, (
        f"Procès-verbal de l’assemblée générale annuelle {year}\n\n"
        f"1. Ouverture à 19 h 05; {len(present)} personnes membres présentes, le quorum (40) "
        "est atteint.\n"
        "2. La coordonnatrice présente le rapport annuel.\n"
        "3. Les états financiers sont adoptés à main levée.\n"
        "4. Élection au conseil : voir la résolution.\n5. Levée de l’assemblée à 21 h 10."))
    assemblies.close_assembly(session, past)
    return past


def _sent_notices(session, assembly) -> list:
    """The notices of the past assembly, recorded as sent (the demo sends no e-mail)."""
    voters = eligible_voters(session)
    sent_at = assembly.starts_at - timedelta(days=15)
    for membership in voters:
        keys = []
        for person in membership.household.people:
            if person.email:
                key = f"governance.notice:{assembly.id}:{person.id}"
                subject, body = notice_message(assembly, person)  # in the person's language
                session.add(OutboxMessage(key=key, recipient=person.email, status="sent",
                                          subject=subject, body=body,
                                          person_id=person.id, sent_at=sent_at,
                                          created_at=sent_at))
                keys.append(key)
        session.add(Notice(assembly_id=assembly.id, membership_id=membership.id,
                           channel="email" if keys else "paper", outbox_keys="\n".join(keys),
                           recorded_at=sent_at))
    session.flush()
    return voters


def _groups(session) -> None:
    """The board (with an open proposal), the nursing team and the garden committee."""
    accounts = {a.username: a for a in session.scalars(select(Account))}
    pick = [accounts[u].id for u in ("admin", "coordination", "accueil", "membre")
            if u in accounts]
    # the board: the demo's board member and secretary (governance's roles) with the staff
    officers = [accounts[u].id for u in ("conseil", "secretaire") if u in accounts]
    board = decisions.create_group(session, "Conseil d’administration",
                                   "Les décisions courantes entre deux assemblées.",
                                   officers + pick)
    decisions.create_group(session, "Équipe de soins infirmiers", "Horaires, matériel, "
                           "protocoles.", [a.id for a in accounts.values()
                                           if a.practitioner and a.practitioner.discipline
                                           == "nursing"] + pick[:2])
    decisions.create_group(session, "Comité du jardin", "Jardins collectifs et semis.", pick)
    if not pick:
        return
    author = session.get(Account, pick[0])
    done = decisions.propose(session, board, {
        "title": "Acheter un second défibrillateur", "details": "Pour la salle communautaire.",
        "closes_at": utcnow() + timedelta(days=1)}, author)
    decisions.take_position(session, done, author, "agree", "")
    decisions.close(session, done, "Adopté : achat autorisé jusqu’à 1 800 $.", author)
    proposal = decisions.propose(session, board, {
        "title": "Ouvrir la clinique le samedi matin",
        "details": "Essai de trois mois, de 9 h à 12 h, avec une infirmière et l’accueil.",
        "closes_at": utcnow() + timedelta(days=6)}, author)
    decisions.take_position(session, proposal, author, "agree", "Les familles le demandent.")
    if len(pick) > 1:
        decisions.take_position(session, proposal, session.get(Account, pick[1]), "disagree",
                                "Il faut d’abord trouver le personnel.")
