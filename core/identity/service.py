"""Rules and writes for people, households and memberships (views stay thin)."""

from __future__ import annotations

import re
from datetime import date
from functools import cache

from marshmallow import ValidationError
from sqlalchemy import bindparam, column, func, select, table, text
from sqlalchemy.orm import Session, aliased, joinedload

from core.i18n import _
from core.identity.models import Household, Membership, Person, SharePayment, fold
from core.identity.schemas import is_ramq, normalize_ramq
from core.refusal import Refused

SEARCH_LIMIT = 20
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class DuplicateRamq(Refused):
    """Another person already has this RAMQ number (shown next to the RAMQ field)."""

    default = _("Another person already has this RAMQ number.")


def create_household(db: Session, data: dict) -> Household:
    household = Household(**data)
    db.add(household)
    db.flush()
    return household


def chosen_household(db: Session, data: dict) -> Household | None:
    """The household ``data["household_id"]`` names, None when none is named; a
    ValidationError on ``household_id`` when it names none that exists."""
    if not data.get("household_id"):
        return None
    household = db.get(Household, data["household_id"])
    if household is None:
        raise ValidationError({"household_id": [_("Choose a household.")]})
    return household


def register_person(db: Session, data: dict, household: Household | None = None) -> Person:
    """Create a person (in ``household`` when given); the RAMQ number must be unique."""
    data = dict(data)
    data.pop("household_id", None)
    data["ramq"] = normalize_ramq(data.get("ramq"))
    if data["ramq"] and db.scalar(select(Person.id).where(Person.ramq == data["ramq"])):
        raise DuplicateRamq(field="ramq")
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
        raise DuplicateRamq(field="ramq")
    for key, value in data.items():
        setattr(person, key, value)
    person.refresh_search_name()
    db.flush()
    return person


def open_membership(db: Session, household: Household, data: dict, by=None) -> Membership:
    """Open the household's membership (one per household, as Quebec health coops count); the
    admission is written to the register's history."""
    from core.identity.register import note_admission

    number = data.get("number") or f"{household.id:06d}"
    membership = Membership(household=household, number=number, started_on=data["started_on"],
                            share_amount=data["share_amount"],
                            category=data.get("category") or "user")
    db.add(membership)
    note_admission(db, membership, by)
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
        patterns = {f"word{n}": "%{}%".format(word.replace("\\", "\\\\").replace("%", "\\%")
                                            .replace("_", "\\_")) for n, word in enumerate(words)}
        if len(max(words, key=len)) >= 3 and db.get_bind().dialect.name == "postgresql":
            # the trigram index (see _few_matches): a statement built once per number of words
            return list(db.scalars(_name_page(len(words), True), {**patterns, "limit": limit}))
        stmt = stmt.where(*(_word_matches(n) for n in range(len(words)))).params(**patterns)
        few = _few_matches(db, stmt, words)
        if few is None:  # walking the name order finds the first 20
            return list(db.scalars(_name_page(len(words), False), {**patterns, "limit": limit}))
        # the few matches from the trigram index, then sorted: ordering by an expression no
        # index holds keeps the planner from walking the name order instead
        return _page_with_households(db, few, limit, func.lower(Person.last_name.concat("")))
    return _page_with_households(db, stmt, limit, func.lower(Person.last_name))


def _word_matches(n: int):
    return Person.search_name.like(bindparam(f"word{n}"), escape="\\")


@cache
def _name_page(words: int, trigram: bool):
    """:func:`_page_with_households`'s statement for ``words`` fragments (``word0``...) and a
    ``limit``, built once: building it cost more than running it."""
    stmt = select(Person).where(Person.merged_into_id.is_(None),
                                *(_word_matches(n) for n in range(words)))
    last_name = func.lower(Person.last_name.concat("") if trigram else Person.last_name)
    return _page_statement(stmt, bindparam("limit"), last_name)


def _page_with_households(db: Session, stmt, limit: int, last_name) -> list[Person]:
    """The first ``limit`` people of ``stmt`` in name order, each with their household (the
    results list shows it), in one statement.

    The households are joined to the page of people, not to every match: joined before the
    limit, PostgreSQL hashed the whole households table on every search (24,000 rows at 55,000
    people: 11-26 ms; 2-10 ms joined to the 20 shown)."""
    return list(db.scalars(_page_statement(stmt, limit, last_name)))


def _page_statement(stmt, limit, last_name):
    keys = (last_name.label("last_key"), func.lower(Person.first_name).label("first_key"))
    page = stmt.add_columns(*keys).order_by(*keys, Person.id).limit(limit).subquery("page")
    person = aliased(Person, page)
    return (select(person).options(joinedload(person.household))
            .order_by(page.c.last_key, page.c.first_key, page.c.id))


#: SQLite's trigram index over ``core_persons.search_name`` (FTS5; migration 9a4f6d2e8c31)
_FTS = table("core_persons_fts", column("rowid"), column("search_name"))
#: above this many matches a fragment is common: walking the name order finds 20 at once
RARE = 1000


def _few_matches(db: Session, stmt, words: list[str]):
    """``stmt`` narrowed to what a trigram index finds, when that beats walking the name order;
    None when it does not, or no trigram index can help.

    The list shows the first 20 in name order. Walking the name-order index stops at the 20th
    match: instant when matches are many, but a fragment with few matches late in the alphabet
    ("tremb": the Tremblays) reads the whole table. Only words of 3 letters or more have
    trigrams.

    PostgreSQL (pg_trgm, 18c3d53e730f): always the index. It finds the matches in about a
    millisecond and sorting even a few thousand costs less than the worst walks (measured on the
    bench databases: median 4.4 ms at 10,000 people, 10 ms at 55,000; asking first how many
    match cost more than it saved, its prepared plan often reading the table).
    SQLite (an FTS5 trigram table, 9a4f6d2e8c31): sorting thousands costs more there, so the
    index is first asked how many people match, up to RARE; few are taken from it, many go
    through the walk (median 10 ms and at most 20 at 55,000 people, against 7 and 94 for the
    walk alone). FTS5 uses its index for LIKE only without an ESCAPE clause, so words holding
    ``%``, ``_`` or ``\\`` go the usual way.
    """
    longest = max(words, key=len)
    if len(longest) < 3:
        return None
    dialect = db.get_bind().dialect.name
    if dialect == "postgresql":
        return stmt
    if dialect != "sqlite" or any(c in longest for c in "%_\\") or not db.scalar(
            text("SELECT 1 FROM sqlite_master WHERE name = 'core_persons_fts'")):
        return None  # another database, or an SQLite built without FTS5
    found = select(_FTS.c.rowid).where(_FTS.c.search_name.like(f"%{longest}%"))
    count = db.scalar(select(func.count()).select_from(found.limit(RARE).subquery()))
    return stmt.where(Person.id.in_(found)) if count < RARE else None
