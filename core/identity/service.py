"""Rules and writes for people, households and memberships (views stay thin)."""

from __future__ import annotations

import re
from contextlib import contextmanager
from datetime import date
from functools import cache

from marshmallow import ValidationError
from sqlalchemy import bindparam, case, column, func, literal_column, select, table, text, union_all
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, aliased, joinedload
from sqlalchemy.orm.attributes import set_committed_value

from core import rows
from core.db import read_rows
from core.i18n import _
from core.identity.models import (Household, Membership, MembershipEvent, Person, SharePayment,
                                  household_row, name_columns, name_key)
from core.identity.schemas import is_ramq, normalize_ramq
from core.refusal import Refused

SEARCH_LIMIT = 20
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class DuplicateRamq(Refused):
    """Another person already has this RAMQ number (shown next to the RAMQ field)."""

    default = _("Another person already has this RAMQ number.")


def create_household(db: Session, data: dict, *, flush: bool = True) -> Household:
    """A new household; ``flush=False`` leaves it to be written with what comes next (a person
    registered in it: both in one flush)."""
    household = Household(**data)
    db.add(household)
    if flush:
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


def register_person(db: Session, data: dict, household: Household | None = None, *,
                    alone: bool = False, new_household: dict | None = None) -> Person:
    """Create a person (in ``household`` when given, or in a new household of the values
    ``new_household``, written with the person); the RAMQ number must be unique.

    ``alone``: the caller rolls back its whole transaction on a refusal (a page's or the API's
    one action). The RAMQ number is then left to its unique constraint, one statement less
    than asking first, and the rows are written without the unit of work (:mod:`rows`: the
    person and a new household in one statement on PostgreSQL); a refused INSERT leaves the
    transaction to be rolled back, which callers that carry on after a refusal (the record
    import) cannot have."""
    data = dict(data)
    data.pop("household_id", None)
    data["ramq"] = normalize_ramq(data.get("ramq"))
    if not alone:
        if new_household is not None:
            household = create_household(db, new_household, flush=False)
        if data["ramq"]:
            with db.no_autoflush:  # a new household waits for the person's flush
                if db.scalar(select(Person.id).where(Person.ramq == data["ramq"])):
                    raise DuplicateRamq(field="ramq")
        person = Person(**data, household=household)
        person.refresh_search_name()
        db.add(person)
        with _ramq_refused(data["ramq"]):
            db.flush()  # one unit of work writes a new household and the person
        return person
    values = rows.row_values(PERSONS, data)
    values.update(name_columns(values["first_name"], values["last_name"],
                               values["preferred_name"]))
    with _ramq_refused(data["ramq"]):
        if new_household is None:
            if household is not None and household.id is None:
                db.flush()  # a household made for the person, not written yet
            values["household_id"] = household.id if household is not None else None
            ident = rows.insert_row(db, PERSONS, values)
        else:
            ident, values["household_id"] = rows.insert_pair(
                db, HOUSEHOLDS, household_row(new_household), PERSONS, values,
                "household_id")
    return rows.attach(db, Person, ident, values)


@contextmanager
def _ramq_refused(ramq: str | None):
    """The RAMQ number's unique constraint refusing a row, as :class:`DuplicateRamq`."""
    try:
        yield
    except IntegrityError as exc:
        if ramq and any(name in str(exc.orig) for name in _RAMQ_KEY):
            raise DuplicateRamq(field="ramq") from exc
        raise


PERSONS, HOUSEHOLDS = Person.__table__, Household.__table__
#: the unique constraint on the RAMQ number as the databases name it refusing a row
#: (PostgreSQL: the constraint; SQLite: the column)
_RAMQ_KEY = ("uq_core_persons_ramq", "core_persons.ramq")


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


def open_membership(db: Session, household: Household | int, data: dict, by=None) -> Membership:
    """Open the household's membership (one per household, as Quebec health coops count); the
    admission is written to the register's history with it (one statement on PostgreSQL).
    ``household``: a Household or its id, not read: a household that is not there
    (:class:`NoHousehold`), already a member (:class:`AlreadyMember`), or a member number
    already given (:class:`DuplicateNumber`) is refused by the constraints, the refusal
    leaving the transaction to be rolled back (as a page's or the API's action is)."""
    from core.identity.register import admission

    if isinstance(household, int):
        ident = household
    else:
        if household.id is None:
            db.flush()  # a household made for the membership, not written yet
        ident = household.id
    values = rows.row_values(MEMBERSHIPS, {
        "household_id": ident, "number": data.get("number") or f"{ident:06d}",
        "started_on": data["started_on"], "share_amount": data["share_amount"],
        "category": data.get("category") or "user"})
    try:
        _event, membership_id = rows.insert_pair(
            db, MEMBERSHIPS, values, EVENTS,
            rows.row_values(EVENTS, admission(values["category"], values["started_on"], by)),
            "membership_id")
    except IntegrityError as exc:
        raise _membership_refusal(db, exc, ident) from exc
    membership = rows.attach(db, Membership, membership_id, values)
    if not isinstance(household, int):
        set_committed_value(household, "membership", membership)
    return membership


class AlreadyMember(Refused):
    """The household already has its membership (one per household)."""

    status = 409
    default = _("This household is already a member.")


class DuplicateNumber(Refused):
    """Another membership already has this member number (shown next to the number)."""

    default = _("Another membership already has this number.")


class NoHousehold(Refused):
    """No household has this id (a page answers 404)."""

    status = 404
    default = _("Choose a household.")


def _membership_refusal(db: Session, exc: IntegrityError, household_id: int) -> Exception:
    """The refusal a membership's broken constraint says (PostgreSQL names the constraint,
    SQLite the column, or only that a foreign key failed), else the error itself.

    A second membership of a household breaks two keys when its number is the household's
    default one: PostgreSQL checks the household's first (its index is the older) and names
    it; SQLite names the number's, and is asked then (its transaction goes on after a refused
    statement, and no other writer can have come in meanwhile)."""
    said = str(exc.orig)
    if any(name in said for name in ("uq_core_memberships_household_id",
                                     "core_memberships.household_id")):
        return AlreadyMember()
    if any(name in said for name in ("uq_core_memberships_number", "core_memberships.number")):
        if db.get_bind().dialect.name == "sqlite" and db.scalar(
                select(Membership.id).where(Membership.household_id == household_id)):
            return AlreadyMember()
        return DuplicateNumber(field="number")
    if "fk_core_memberships_household_id" in said or (
            "FOREIGN KEY constraint failed" in said  # SQLite: the membership's only key
            and str(exc.statement).startswith("INSERT INTO core_memberships")):
        return NoHousehold(field="household_id")
    return exc


MEMBERSHIPS, EVENTS = Membership.__table__, MembershipEvent.__table__


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
    must appear in the name. RAMQ numbers are matched exactly, never by fragment. The people
    found are listed by family name, then first name, accents and case set aside (the stored
    keys :func:`~core.identity.models.name_columns` writes: "Ève" among the E, "Léa" before
    "Liam"; the names' own bytes put them after the Z).
    """
    found = _search(db, query, limit, rows=False)
    return list(db.scalars(*found)) if found else []


def search_rows(db: Session, query: str, limit: int = SEARCH_LIMIT) -> list:
    """The people :func:`search_people` finds, in the same order, as rows of what a results
    list shows: ``id``, ``first_name``, ``last_name``, ``date_of_birth``, ``household_name``
    (None without a household). Reading 20 people and their households as ORM objects cost
    the reception's search page more Python than its statement."""
    found = _search(db, query, limit, rows=True)
    return list(read_rows(db, *found)) if found else []  # columns: no ORM layer needed


def _search(db: Session, query: str, limit: int, rows: bool):
    """The statement and parameters that read ``query``'s page (None: nothing can match)."""
    query = (query or "").strip()
    if not query:
        return None
    if is_ramq(query) or _DATE.match(query):
        stmt = select(Person).where(Person.merged_into_id.is_(None))  # duplicates folded away
        if is_ramq(query):
            stmt = stmt.where(Person.ramq == normalize_ramq(query))
        else:
            try:
                stmt = stmt.where(Person.date_of_birth == date.fromisoformat(query))
            except ValueError:
                return None
        return _page_statement(stmt, limit, Person.last_name_key, rows), {}
    words = name_key(query).split()
    if not words:
        return None
    values = {f"word{n}": "%{}%".format(word.replace("\\", "\\\\").replace("%", "\\%")
                                      .replace("_", "\\_")) for n, word in enumerate(words)}
    values["limit"] = limit
    trigrams = [word for word in words if len(word) >= 3]  # only these have trigrams
    dialect = db.get_bind().dialect.name
    if trigrams and dialect == "postgresql":
        return _trigram_page(len(words), RARE, limit, rows), values
    if trigrams and dialect == "sqlite" and _has_fts(db):
        values["match"] = " ".join('"{}"'.format(word.replace('"', '""')) for word in trigrams)
        return _fts_page(len(words), rows), {**values, "rare": RARE}
    return _name_page(len(words), limit, rows), values  # walk the name order


def _word_matches(n: int):
    return Person.search_name.like(bindparam(f"word{n}"), escape="\\")


@cache
def _name_page(words: int, limit: int, rows: bool):
    """The page's statement for ``words`` fragments (``word0``...), built once per page size
    (building it cost more than running it): the name-order walk, for fragments too short
    for the trigram index ("Ng", "Li") and SQLite without one.

    ``limit`` is written into the statement, as in :func:`_trigram_page`: as a parameter, the
    plan PostgreSQL keeps for a prepared statement did not know that only a page is read, and
    sorted every name holding the fragment (at 55,000 people a two-letter search took 40-65 ms;
    walking the name order, 0.3-1 ms, and 70 ms only when nobody matches)."""
    stmt = select(Person).where(Person.merged_into_id.is_(None),
                                *(_word_matches(n) for n in range(words)))
    return _page_statement(stmt, literal_column(str(int(limit))), Person.last_name_key, rows)


@cache
def _trigram_page(words: int, rare: int, limit: int, rows: bool):
    """On PostgreSQL, the first ``limit`` people matching ``words`` fragments (``word0``...) in
    name order, with their households, in one statement that picks its own way to them.

    pg_trgm's index (18c3d53e730f) finds the matches at once, but each is then read from the
    table and sorted: a common fragment ("mar", "ier": thousands of people at 55,000) read
    most of the table, where walking the name-order index finds 20 in a few hundred rows. So,
    as on SQLite (:func:`_fts_page`), up to ``rare`` matches are taken through the trigram
    index with their sort keys (a CTE, read once); fewer than ``rare``: the page is sorted
    from them; else the name order is walked. The branch not taken is cut by a one-time
    filter before it reads a row. Both check every word, so they find the same people in the
    same order. ``rare`` and ``limit`` are written into the statement (one per pair, built
    once): as parameters, a prepared generic plan would not know how few rows a branch gives."""
    matching = (Person.merged_into_id.is_(None), *(_word_matches(n) for n in range(words)))
    last, first = Person.last_name_key, Person.first_name_key
    rare_, limit_ = literal_column(str(int(rare))), literal_column(str(int(limit)))
    # the matches planned as if all were read (the trigram index), then read only up to
    # ``rare``: planned under the LIMIT, a fragment thought common read the table instead
    matches = (select(Person.id, last.label("last_key"), first.label("first_key"))
               .where(*matching).cte("matches").prefix_with("MATERIALIZED"))
    few = select(matches).limit(rare_).cte("few")
    count = select(func.count()).select_from(few).scalar_subquery()
    by_few = (select(few).where(count < rare_)
              .order_by(few.c.last_key, few.c.first_key, few.c.id).limit(limit_))
    by_walk = (select(Person.id, last.label("last_key"), first.label("first_key"))
               .where(count >= rare_, *matching).order_by(last, first, Person.id).limit(limit_))
    page = union_all(by_few, by_walk).subquery("page")
    return _listed(Person, page, rows, on=Person.id == page.c.id)


def _page_statement(stmt, limit, last_name, rows: bool):
    page = _branch(stmt, last_name, limit, name="page")
    return _listed(aliased(Person, page), page, rows)


def _listed(person, page, rows: bool, on=None):
    """The people of ``page`` (a subquery with ``id``, ``last_key`` and ``first_key``: read as
    ``person``, or joined to it ``on`` a condition) in name order, each with their household:
    as ORM objects, or as the rows of :func:`search_rows` when ``rows``.

    The households are joined to the page of people, not to every match: joined before the
    limit, PostgreSQL hashed the whole households table on every search (24,000 rows at 55,000
    people: 11-26 ms; 2-10 ms joined to the 20 shown)."""
    if rows:
        stmt = select(person.id, person.first_name, person.last_name, person.date_of_birth,
                      Household.name.label("household_name")).select_from(person)
    else:
        stmt = select(person).options(joinedload(person.household))
    if on is not None:
        stmt = stmt.join(page, on)
    if rows:
        stmt = stmt.outerjoin(Household, Household.id == person.household_id)
    return stmt.order_by(page.c.last_key, page.c.first_key, page.c.id)


#: SQLite's trigram index over ``core_persons.search_name`` (FTS5; migration 9a4f6d2e8c31)
_FTS = table("core_persons_fts", column("rowid"), column("search_name"))
#: from this many matches on, a fragment is common: walking the name order finds 20 at once
RARE = 1000


def _has_fts(db: Session) -> bool:
    """Does this SQLite database have the trigram table (an SQLite built without FTS5 has
    none)? Asked once per connection: the answer is kept with the connection."""
    info = db.connection().info
    if "soin_persons_fts" not in info:
        info["soin_persons_fts"] = bool(db.scalar(
            text("SELECT 1 FROM sqlite_master WHERE name = 'core_persons_fts'")))
    return info["soin_persons_fts"]


@cache
def _fts_page(words: int, rows: bool):
    """On SQLite, the first ``limit`` people matching ``words`` fragments (``word0``...) in name
    order, with their households, in one statement that picks its own way to them.

    Walking the name-order index stops at the 20th match: instant when matches are many, but a
    fragment with few matches late in the alphabet ("tremb": the Tremblays) reads the whole
    table (95 ms at 55,000 people). The FTS5 trigram table finds few matches at once, and
    sorting them is cheap, but sorting thousands is not. So the statement first takes up to
    ``rare`` people from the trigram table (``match``: every word of 3 letters or more, each a
    quoted phrase: a substring of the name), then runs one of two branches, the other one's
    LIMIT being 0 (SQLite then skips it before reading a row): fewer than ``rare``, sort
    those; else walk the name order. Each branch still checks every word with LIKE on
    ``core_persons``, so both find exactly the people the walk alone would find.

    MATCH, not LIKE, on the trigram table: FTS5 answers LIKE from its index too, but then
    checks each hit against the name read back from ``core_persons`` (twice the time), and
    not at all with an ESCAPE clause. Asking first how many match, in a statement of its own,
    cost a round trip and as much again in building statements (6 statements a search; now 4).
    """
    few = (select(_FTS.c.rowid.label("id"))
           .where(_FTS.c.search_name.match(bindparam("match")))
           .limit(bindparam("rare")).cte("few"))
    rare = select(func.count()).select_from(few).scalar_subquery() < bindparam("rare")
    limit = bindparam("limit")
    matching = select(Person).where(Person.merged_into_id.is_(None),
                                    *(_word_matches(n) for n in range(words)))
    # ordering the few by an expression no index holds keeps SQLite from walking the index
    by_few = _branch(matching.where(Person.id.in_(select(few.c.id))),
                     Person.last_name_key.concat(""), case((rare, limit), else_=0))
    by_walk = _branch(matching, Person.last_name_key, case((rare, 0), else_=limit))
    page = union_all(select(by_few), select(by_walk)).subquery("page")
    return _listed(aliased(Person, page), page, rows)


def _branch(stmt, last_name, limit, name: str | None = None):
    """The first ``limit`` people of ``stmt`` in name order (``last_name``: the family name's
    sort key), as a subquery with their ``last_key`` and ``first_key``."""
    keys = (last_name.label("last_key"), Person.first_name_key.label("first_key"))
    return stmt.add_columns(*keys).order_by(*keys, Person.id).limit(limit).subquery(name)
