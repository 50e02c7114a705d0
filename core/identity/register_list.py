"""The register of members as the coordinator reads it: filtered by standing and category,
searched by name or member number, in name order, a page at a time, each line with what
tells apart households of the same name (their address, the people in them).

The database decides each line's standing and whether it votes (:func:`standing_sql`,
:func:`refusal_sql`: the rules of :func:`register.standing` and :func:`register.refusal`,
written in SQL, on the shares paid each membership keeps, ``shares_paid``), counts the lines
and those that vote in one statement (:func:`register_counts`) and hands over the page's 50
lines only (:func:`register_rows`), in the order of the households' stored folded names
(``sort_name``, indexed). Deciding every standing in Python and sorting every member took
about 300 ms at 55,000 people (bench/README.md). Objects, with their household and payments,
are loaded for the page shown only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import and_, case, func, literal, or_, select, true, union_all
from sqlalchemy.orm import Session, selectinload

from core.db import read_rows
from core.identity import register
from core.identity.addresses import postal_code
from core.identity.models import (ACTIVE, CATEGORIES, Household, Membership, Person, addressed,
                                  name_key)
from core.identity.register_lines import Line

#: members on a page of the register
PAGE_SIZE = 50


def standing_sql(rules: register.Bylaws, today: date):
    """:func:`register.standing` as a SQL expression over ``core_memberships``."""
    m = Membership
    if rules.dues <= 0:
        return case_of((m.status != ACTIVE, m.status), else_=ACTIVE)
    # "until + grace >= today" is "until >= today - grace": whole days either way
    grace_from = today - timedelta(days=rules.grace_days)
    return case_of((m.status != ACTIVE, m.status), (m.dues_paid_until >= today, ACTIVE),
                   (m.dues_paid_until >= grace_from, "grace"),
                   (and_(m.dues_paid_until.is_(None), m.started_on >= grace_from), "due"),
                   else_="lapsed")


def refusal_sql(rules: register.Bylaws, state):
    """:func:`register.refusal` as a SQL expression, ``state`` being :func:`standing_sql`'s:
    the shares owed read from the stored ``shares_paid``, rounded to the cent as the amounts
    are (SQLite keeps them as floating-point numbers)."""
    m = Membership
    whens = [(m.status != ACTIVE, register.INACTIVE)]
    if rules.vote_needs_dues:
        whens.append((state == "lapsed", register.DUES_UNPAID))
    if rules.vote_needs_paid_shares:
        whens.append((func.round(m.share_amount - m.shares_paid, 2) > 0, register.SHARES_OWED))
    return case_of(*whens, else_="")


def case_of(*whens, else_):
    """``CASE`` whose results are typed values (a string result a ``VARCHAR``, compared as
    the stored status is)."""
    return case(*((when, literal(value) if isinstance(value, str) else value)
                  for when, value in whens), else_=literal(else_))


def standing_is(status: str, rules: register.Bylaws, today: date):
    """The memberships whose :func:`standing_sql` is ``status``, as plain conditions on the
    columns (the database estimates how many such rows there are, and which way to read
    them: a ``CASE`` compared to a value, it guessed 111 rows of 20,000 and read them all)."""
    m, until = Membership, Membership.dues_paid_until
    stored = m.status == status  # a status, or a derived one were it ever stored
    if status not in ("active", "grace", "due", "lapsed"):
        return stored
    active = m.status == ACTIVE
    if rules.dues <= 0:
        return active if status == ACTIVE else stored
    if status == ACTIVE:
        return and_(active, until.is_not(None), until >= today)
    grace_from = today - timedelta(days=rules.grace_days)
    unpaid = and_(until.is_not(None), until < today)
    ways = {"grace": and_(unpaid, until >= grace_from),
            "due": and_(until.is_(None), m.started_on >= grace_from),
            "lapsed": or_(and_(unpaid, until < grace_from),
                          and_(until.is_(None), m.started_on < grace_from))}
    return or_(stored, and_(active, ways[status]))


def _filtered(session: Session, stmt, status: str, category: str, query: str,
              rules: register.Bylaws, today: date):
    """``stmt`` keeping the members of ``category``, of standing ``status``, that ``query``
    names (:func:`searched`)."""
    if category in CATEGORIES:
        stmt = stmt.where(Membership.category == category)
    if status:
        stmt = stmt.where(standing_is(status, rules, today))
    if query.strip():
        stmt = stmt.where(searched(session, query, category))
    return stmt


def register_counts(session: Session, status: str = "", category: str = "",
                    query: str = "") -> tuple[int, int]:
    """How many members the filters keep, and how many of them vote today: one statement
    over the memberships, no household read unless a name is searched."""
    rules, today = register.bylaws(), register.coop_today()
    state = standing_sql(rules, today)
    votes = func.coalesce(func.sum(case_of((refusal_sql(rules, state) == "", 1), else_=0)), 0)
    stmt = select(func.count(), votes).select_from(Membership)
    total, voters = session.execute(_filtered(session, stmt, status, category, query, rules, today)).one()
    return int(total), int(voters)


def register_rows(session: Session, status: str = "", category: str = "", query: str = "",
                  by_name: bool = False, first: int = 0, size: int | None = None) -> list[dict]:
    """The register as rows (``line``: a :class:`Line`, ``standing``, ``votes``, ``refused``:
    the rule that refuses the vote, :func:`register.refusal`), in member-number order or,
    ``by_name``, in household-name order (accents and case set aside, then the name's own
    characters, then the member number); ``status`` may be a derived standing; ``query``
    keeps the members it names (:func:`searched`); ``first`` and ``size``: that slice only.
    :func:`with_memberships` adds the objects of the rows shown, and why each may not vote:
    worded for the 50 lines of a page, not for every member counted."""
    rules, today = register.bylaws(), register.coop_today()
    state = standing_sql(rules, today)
    refused = refusal_sql(rules, state)
    stmt = (select(Membership.id, Membership.number, Membership.household_id, Household.name,
                   Membership.status, Membership.category, Membership.started_on,
                   Membership.share_amount, Membership.dues_paid_until, Membership.shares_paid,
                   state, refused)
            .join(Household, Household.id == Membership.household_id))
    stmt = _filtered(session, stmt, status, category, query, rules, today)
    binary = _binary(session)
    if by_name:  # as Python compares (fold, name), then the number: code point by code point
        stmt = stmt.order_by(Household.sort_name, binary(Household.name),
                             binary(Membership.number))
    else:  # as the export always listed them: the database's order
        stmt = stmt.order_by(Membership.number)
    if size is not None:
        stmt = stmt.offset(first).limit(size)
    # fetched at once: a result iterated fetches its rows one by one
    return [{"line": Line._make(row[:10]), "standing": row[10], "votes": not row[11],
             "refused": row[11]} for row in read_rows(session, stmt).all()]


def _binary(session: Session):
    """A text column compared by code point, as Python compares strings (PostgreSQL: the
    ``C`` collation, whatever the database's; SQLite compares so already)."""
    if session.get_bind().dialect.name == "postgresql":
        return lambda column: column.collate("C")
    return lambda column: column


def with_memberships(session: Session, rows: list[dict]) -> list[dict]:
    """``rows`` with each one's membership (``m``), its household and payments loaded, in one
    statement each, and why it may not vote (``why``, translated): what a page of the register
    shows."""
    ids = [row["line"].id for row in rows]
    found = {m.id: m for m in session.scalars(
        select(Membership).where(Membership.id.in_(ids))
        .options(selectinload(Membership.payments), selectinload(Membership.household)))}
    return [{**row, "m": found[row["line"].id], "why": register.why_not(row["refused"])}
            for row in rows if row["line"].id in found]


#: apostrophes as :func:`~core.identity.models.name_key` writes them, in SQL
_APOSTROPHES = ("\u2019", "\u2018", "\u02bc")


def searched(session: Session, query: str, category: str = ""):
    """The condition keeping the memberships ``query`` names: a member number as written or
    by its digits ("42" finds 000042 and M00042), or names, every word of which appears in the
    household's name or in the name of one of its people, case and accents set aside as the
    people search does (:func:`~core.identity.models.name_key`: "levesque" finds "Lévesque")."""
    typed = query.strip()
    if any(char.isdigit() for char in typed):  # names have no digits: a member number
        return Membership.id.in_(_numbered(session, typed, category) or [0])
    return and_(true(), *(Membership.household_id.in_(_naming(word))
                          for word in name_key(typed).split()))


def _naming(word: str):
    """The households whose name, or the name of one of whose people, holds ``word``: each
    side read from its trigram index on PostgreSQL (a word of 3 letters or more)."""
    household = Household.sort_name  # the name folded; name_key also straightens apostrophes,
    if "'" in word:  # which matters only to a word holding one
        for apostrophe in _APOSTROPHES:
            household = func.replace(household, apostrophe, "'")
    return union_all(select(Household.id).where(household.contains(word, autoescape=True)),
                     select(Person.household_id).where(
                         Person.search_name.contains(word, autoescape=True),
                         Person.merged_into_id.is_(None), Person.household_id.is_not(None)))


def _numbered(session: Session, typed: str, category: str) -> list[int]:
    """The memberships whose number ``typed`` is, as written (case set aside) or by its digits:
    the database keeps the numbers holding those digits in that order (``LIKE '%4%2%'``, which
    each match does), Python decides among them."""
    wanted = typed.lstrip("0") if typed.isdigit() else typed
    pattern = "%" + "%".join(char for char in wanted if char.isdigit()) + "%"
    stmt = select(Membership.id, Membership.number).where(Membership.number.like(pattern))
    if category in CATEGORIES:
        stmt = stmt.where(Membership.category == category)
    return [ident for ident, number in session.execute(stmt)
            if number.casefold() == typed.casefold()
            or (typed.isdigit() and _digits(number) == typed.lstrip("0"))]


def _digits(number: str) -> str:
    """A member number's digits without its leading zeros ("M00042": "42")."""
    return "".join(char for char in number if char.isdigit()).lstrip("0")


@dataclass(frozen=True)
class Page:
    """One page of a list: its number (from 1), how many pages, and the slice's bounds."""

    number: int
    pages: int
    first: int
    last: int


def page_of(total: int, asked: str | None, size: int = PAGE_SIZE) -> Page:
    """The page ``asked`` (as typed in the address: anything not a page number is the first
    page, a number past the end the last one) of a list of ``total`` items."""
    pages = max(1, -(-total // size))
    typed = (asked or "").strip()
    number = 1
    if typed.isascii() and typed.isdigit():  # 18 digits and more: past any end
        number = int(typed) if len(typed) < 18 else pages
    number = min(max(number, 1), pages)
    first = (number - 1) * size
    return Page(number, pages, first, min(first + size, total))


def people_of(session: Session, households: list) -> dict[int, list[str]]:
    """The people of these households, in name order, as each is addressed, in one statement:
    what tells apart two households of the same name. Someone whose family name is the
    household's is named by their first name alone ("Bouchard": Anaïs, Liam), not the
    household's name again and again."""
    people: dict[int, list[str]] = {household.id: [] for household in households}
    if not households:
        return people
    family = {household.id: name_key(household.name) for household in households}
    for row in session.execute(
            select(Person.household_id, Person.first_name, Person.last_name,
                   Person.preferred_name, Person.pronouns)
            .where(Person.household_id.in_(people), Person.merged_into_id.is_(None))
            .order_by(Person.last_name_key, Person.first_name_key, Person.id)):
        last = "" if name_key(row.last_name) == family[row.household_id] else row.last_name
        people[row.household_id].append(
            " ".join(addressed(row.first_name, last, row.preferred_name, row.pronouns).split()))
    return people


def where(household) -> str:
    """A household's address on one line, short: the street, the city and the postal code
    ("2717 rue de la Visitation, Montréal H3K 4A7"), the empty parts left out."""
    street, city = " ".join((household.address or "").split()), " ".join(
        (household.city or "").split())
    place = " ".join(part for part in (city, postal_code(household.postal_code)[0]) if part)
    return ", ".join(part for part in (street, place) if part)
