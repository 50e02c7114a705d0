"""Builders shared by the governance tests: members in good standing, an assembly in session."""

from __future__ import annotations

import threading
from datetime import date, timedelta
from decimal import Decimal

from core.api import (Household, Membership, Person, coop_today, current_session,
                      open_membership, record_payment, utcnow)

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
        membership.dues_paid_until = coop_today() + timedelta(days=200)
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
    """``action(db, key)`` for every key, each in its own thread and transaction, all at once;
    returns how many succeeded, how many were refused and any unexpected error."""
    barrier = threading.Barrier(len(keys))
    results = {"ok": 0, "refused": 0, "errors": []}
    lock = threading.Lock()

    def run(key):
        with app.app_context():
            db = current_session()
            barrier.wait()
            try:
                action(db, key)
                db.commit()
                outcome = "ok"
            except GovernanceError:
                db.rollback()
                outcome = "refused"
            except Exception as exc:  # anything else is a bug the test must show
                db.rollback()
                with lock:
                    results["errors"].append(repr(exc))
                return
            with lock:
                results[outcome] += 1

    threads = [threading.Thread(target=run, args=(key,)) for key in keys]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results
