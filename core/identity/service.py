"""Rules and writes for people, households and memberships (views stay thin)."""

from __future__ import annotations

import re
from datetime import date

from sqlalchemy import column, func, select, table, text
from sqlalchemy.orm import Session, joinedload

from core.identity.models import Household, Membership, Person, SharePayment, fold
from core.identity.schemas import is_ramq, normalize_ramq

SEARCH_LIMIT = 20
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class DuplicateRamq(ValueError):
    """Another person already has this RAMQ number."""


def create_household(db: Session, data: dict) -> Household:
    household = Household(**data)
    db.add(household)
    db.flush()
    return household


def register_person(db: Session, data: dict, household: Household | None = None) -> Person:
    """Create a person (in ``household`` when given); the RAMQ number must be unique."""
    data = dict(data)
    data.pop("household_id", None)
    data["ramq"] = normalize_ramq(data.get("ramq"))
    if data["ramq"] and db.scalar(select(Person.id).where(Person.ramq == data["ramq"])):
        raise DuplicateRamq(data["ramq"])
    person = Person(**data, household=household)
    person.refresh_search_name()
    db.add(person)
    db.flush()
    return person


def update_person(db: Session, person: Person, data: dict) -> Person:
    data = dict(data)
    data.pop("household_id", None)
    data["ramq"] = normalize_ramq(data.get("ramq"))
    if data["ramq"] and db.scalar(select(Person.id).where(Person.ramq == data["ramq"],
                                                          Person.id != person.id)):
        raise DuplicateRamq(data["ramq"])
    for key, value in data.items():
        setattr(person, key, value)
    person.refresh_search_name()
    db.flush()
    return person


def open_membership(db: Session, household: Household, data: dict) -> Membership:
    """Open the household's membership (one per household, as Quebec health coops count)."""
    number = data.get("number") or f"{household.id:06d}"
    membership = Membership(household=household, number=number, started_on=data["started_on"],
                            share_amount=data["share_amount"])
    db.add(membership)
    db.flush()
    return membership


def record_payment(db: Session, membership: Membership, data: dict, recorded_by=None) -> SharePayment:
    payment = SharePayment(membership=membership, amount=data["amount"], paid_on=data["paid_on"],
                           method=data.get("method", ""),
                           recorded_by_id=recorded_by.id if recorded_by else None)
    db.add(payment)
    db.flush()
    return payment


def search_people(db: Session, query: str, limit: int = SEARCH_LIMIT) -> list[Person]:
    """Find people by RAMQ number (exact), date of birth (YYYY-MM-DD) or name fragments.

    Name search is case- and accent-insensitive ("Helene" finds "Hélène"); every word typed
    must appear in the name. RAMQ numbers are matched exactly, never by fragment.
    """
    query = (query or "").strip()
    if not query:
        return []
    stmt = select(Person).where(Person.merged_into_id.is_(None))  # duplicates folded away
    if is_ramq(query):
        stmt = stmt.where(Person.ramq == normalize_ramq(query))
    elif _DATE.match(query):
        try:
            stmt = stmt.where(Person.date_of_birth == date.fromisoformat(query))
        except ValueError:
            return []
    else:
        words = fold(query).split()
        if not words:
            return []
        for word in words:
            escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            stmt = stmt.where(Person.search_name.like(f"%{escaped}%", escape="\\"))
        dialect = db.get_bind().dialect.name
        if dialect == "sqlite" and _rare_on_sqlite(db, words):
            # the few matches from SQLite's trigram index, then sorted (see _rare_on_sqlite)
            matches = select(_FTS.c.rowid).where(_FTS.c.search_name.like(f"%{max(words, key=len)}%"))
            return list(db.scalars(stmt.where(Person.id.in_(matches)).order_by(
                func.lower(Person.last_name.concat("")), func.lower(Person.first_name), Person.id)
                .options(joinedload(Person.household)).limit(limit)))
        if dialect == "postgresql" and min(map(len, words)) >= 3:
            # Left to itself the planner walks the name-order index and tests every name until
            # it has 20: instant for a common fragment, but a rare one ("tremb") reads the whole
            # table (8 ms at 10,000 people, more as the coop grows). Words of 3 letters or more
            # have trigrams: sorting by an expression that index does not hold makes the
            # planner take the matches from the trigram index and sort only those (0.6 ms).
            return list(db.scalars(stmt.order_by(
                func.lower(Person.last_name.concat("")), func.lower(Person.first_name), Person.id)
                .options(joinedload(Person.household)).limit(limit)))
    stmt = stmt.order_by(func.lower(Person.last_name), func.lower(Person.first_name), Person.id)
    # the results list shows each person's household: load them in the same query, not 20 more
    return list(db.scalars(stmt.options(joinedload(Person.household)).limit(limit)))


#: SQLite's trigram index over ``core_persons.search_name`` (FTS5; migration 9a4f6d2e8c31)
_FTS = table("core_persons_fts", column("rowid"), column("search_name"))
#: above this many matches a fragment is common: walking the name order finds 20 at once
RARE = 1000


def _rare_on_sqlite(db: Session, words: list[str]) -> bool:
    """Should this search take its matches from SQLite's trigram index?

    Walking the name-order index stops at the 20th match: instant when matches are many, but a
    fragment with few matches late in the alphabet ("tremb": the Tremblays) reads the whole
    table (50-80 ms at 55,000 people). The index finds few matches in a millisecond; sorting
    them is cheap while they are few, so it is asked first how many there are (at most RARE).
    Only words of 3 letters or more have trigrams, and FTS5 uses its index for LIKE only
    without an ESCAPE clause: words holding ``%``, ``_`` or ``\\`` go the usual way.
    """
    longest = max(words, key=len)
    if len(longest) < 3 or any(c in longest for c in "%_\\"):
        return False
    if not db.scalar(text("SELECT 1 FROM sqlite_master WHERE name = 'core_persons_fts'")):
        return False  # an SQLite built without FTS5
    found = select(_FTS.c.rowid).where(_FTS.c.search_name.like(f"%{longest}%")).limit(RARE)
    return db.scalar(select(func.count()).select_from(found.subquery())) < RARE
