"""Builders shared by the governance tests: members in good standing, an assembly in session."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from core.api import Household, Membership, Person, open_membership, record_payment, today, utcnow
from core.testing.concurrency import at_once as run_at_once

from plugins.governance import assemblies, ballots
from plugins.governance.assemblies import GovernanceError


def add_members(db, count: int, prefix: str = "Membre", category: str = "user",
                email: bool = True) -> list[Membership]:
    """``count`` member households of one person each, shares paid, dues current."""
    found = []
    for i in range(count):
        household = Household(name=f"{prefix} {i}")
        person = Person(first_name=f"{prefix}{i}", last_name="Votant", household=household,
                        email=f"{prefix.lower()}{i}@example.org" if email else "")
        person.refresh_search_name()
        db.add_all([household, person])
        db.flush()
        membership = open_membership(db, household, {
            "started_on": date(2024, 1, 1), "share_amount": Decimal("10.00"),
            "category": category, "number": f"{prefix[:3].upper()}{i:04d}"})
        record_payment(db, membership, {"amount": Decimal("10.00"), "paid_on": date(2024, 1, 1)})
        membership.dues_paid_until = today() + timedelta(days=200)
        found.append(membership)
    db.flush()
    return found


def assembly_in_session(db, members, quorum: int = 3, **kw):
    """An open assembly where every membership of ``members`` signed in."""
    assembly = assemblies.convene(db, {"title": "Assemblée générale annuelle",
                                       "starts_at": utcnow() + timedelta(hours=1),
                                       "quorum": quorum, "agenda": "Ouverture\nÉlections", **kw})
    assemblies.open_assembly(db, assembly)
    for membership in members:
        assemblies.sign_in(db, assembly, membership, membership.household.people[0])
    return assembly


def secret_motion(db, assembly, **kw):
    """A secret motion, opened."""
    motion = ballots.add_motion(db, assembly, {"title": "Adopter le budget", "method": "secret",
                                               **kw})
    ballots.open_vote(db, motion)
    return motion


def at_once(app, keys, action):
    """``action(db, key)`` for every key at the same instant (``core.testing.concurrency``);
    a refused vote or sign-in counts as refused."""
    return run_at_once(app, keys, action, refused=GovernanceError)
