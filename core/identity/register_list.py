"""The register of members as the coordinator reads it: filtered by standing and category,
searched by name or member number, in name order, a page at a time, each line with what
tells apart households of the same name (their address, the people in them).

The standing is derived from the dues in Python (:func:`register.standing`), so filtering by
it, and counting who votes, reads every membership, as plain rows
(:mod:`core.identity.register_lines`); objects, with their household and payments, are loaded
for the page shown only.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from core.identity import register
from core.identity.addresses import postal_code
from core.identity.models import Membership, Person, addressed, name_key
from core.identity.register_lines import Line, read_lines
from core.typography import sort_key

#: members on a page of the register
PAGE_SIZE = 50


def register_rows(session: Session, status: str = "", category: str = "", query: str = "",
                  by_name: bool = False) -> list[dict]:
    """The register as rows (``line``: a :class:`Line`, ``standing``, ``votes``, ``refused``:
    the rule that refuses the vote, :func:`register.refusal`), in member-number order or,
    ``by_name``, in household-name order (accents and case set aside); ``status`` may be a
    derived standing; ``query`` keeps the members it names (:func:`searched`).
    :func:`with_memberships` adds the objects of the rows shown, and why each may not vote:
    worded for the 50 lines of a page, not for every member counted."""
    rules, today = register.bylaws(), register.coop_today()
    lines = read_lines(session, category)
    if query.strip():
        lines = searched(session, lines, query)
    rows: list[dict] = []
    for line in lines:
        state = register.standing(line, today, rules)
        if status and status != state:
            continue
        refused = register.refusal(line, today, rules, state)
        rows.append({"line": line, "standing": state, "votes": not refused, "refused": refused})
    if by_name:  # the rows kept, each name folded once (households share family names)
        keys = {name: sort_key(name) for name in {row["line"].household_name for row in rows}}
        rows.sort(key=lambda row: (keys[row["line"].household_name], row["line"].number))
    return rows


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


def searched(session: Session, lines: list[Line], query: str) -> list[Line]:
    """The memberships ``query`` names: a member number as written or by its digits ("42"
    finds 000042 and M00042), or names, every word of which appears in the household's name
    or in the name of one of its people, case and accents set aside as the people search does
    (:func:`~core.identity.models.name_key`: "levesque" finds "Lévesque")."""
    typed = query.strip()
    if any(char.isdigit() for char in typed):  # names have no digits: a member number
        return [m for m in lines if m.number.casefold() == typed.casefold()
                or (typed.isdigit() and _digits(m.number) == typed.lstrip("0"))]
    words = name_key(typed).split()
    names: dict[int, list[str]] = {m.household_id: [name_key(m.household_name)] for m in lines}
    for household_id, search_name in session.execute(
            select(Person.household_id, Person.search_name)
            .where(Person.household_id.in_(select(Membership.household_id)),
                   Person.merged_into_id.is_(None))):
        if household_id in names:  # a member of another category
            names[household_id].append(search_name)
    return [m for m in lines
            if all(any(word in name for name in names[m.household_id]) for word in words)]


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
