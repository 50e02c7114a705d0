"""Generated households, people, memberships, practitioners and their weekly hours."""

from __future__ import annotations

import unicodedata
from datetime import date, time, timedelta
from decimal import Decimal

from bench.coop import names as N
from core.identity.models import household_sort_name, name_columns

#: household sizes and their weights (singles and couples are most households)
SIZES, SIZE_WEIGHTS = (1, 2, 3, 4, 5), (35, 30, 15, 13, 7)
OPEN, CLOSE = time(8, 0), time(17, 0)


def _ascii(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if c.isalnum() and c.isascii())


def _last_name(rng) -> str:
    roll = rng.random()
    pool = N.LAST_FR if roll < 0.72 else N.LAST_EN if roll < 0.86 else N.LAST_OTHER
    return rng.choice(pool)


def _first_name(rng, english: bool) -> tuple[str, str]:
    """(first name, stated gender or "") — gender is left empty for most people."""
    roll = rng.random()
    if english or roll < 0.1:
        name, gender = rng.choice(N.FIRST_EN), ""
    elif roll < 0.2:
        name, gender = rng.choice(N.FIRST_OTHER), ""
    elif roll < 0.6:
        name, gender = rng.choice(N.FIRST_FR_F), "femme"
    else:
        name, gender = rng.choice(N.FIRST_FR_M), "homme"
    return name, (gender if rng.random() < 0.3 else "")


def _ramq(ctx, first: str, last: str, born: date, female: bool) -> str:
    """The shape of a RAMQ number (never checked against anything real), unique in the coop."""
    letters = (_ascii(last).upper() + "XXX")[:3] + (_ascii(first).upper() or "X")[0]
    month = born.month + (50 if female else 0)
    for serial in range(10, 100):
        value = f"{letters}{born:%y}{month:02d}{born.day:02d}{serial:02d}"
        if value not in ctx.ramqs:
            ctx.ramqs.add(value)
            return value
    return None


def add_households(ctx, count_people: int) -> list[tuple[int, date]]:
    """Households with their people, membership and share payment; returns (person id, birth)."""
    rng, w = ctx.rng, ctx.writer
    people: list[tuple[int, date]] = []
    while len(people) < count_people:
        size = min(rng.choices(SIZES, SIZE_WEIGHTS)[0], count_people - len(people))
        last = _last_name(rng)
        household_id = ctx.take("core_households")
        w.add("core_households", {
            "id": household_id, "name": last, "sort_name": household_sort_name(last),
            "address": f"{rng.randint(10, 9999)} {rng.choice(N.STREETS)}",
            "city": rng.choice(N.CITIES),
            "postal_code": f"{rng.choice('GHJK')}{rng.randint(0, 9)}{rng.choice('ABCEGHJKLMNPRSTV')} "
                           f"{rng.randint(0, 9)}{rng.choice('ABCEGHJKLMNPRSTV')}{rng.randint(0, 9)}",
            "phone": f"{rng.choice(('514', '438', '450', '418', '819'))}-555-{rng.randint(1000, 9999)}",
            "created_at": ctx.moment(ctx.start - timedelta(days=rng.randint(0, 3000)))})
        english = rng.random() < 0.18
        for index in range(size):
            people.append(_person(ctx, household_id, last, english, index))
        if rng.random() < 0.85:
            _membership(ctx, household_id)
    return people


def _person(ctx, household_id: int, last: str, english: bool, index: int) -> tuple[int, date]:
    rng = ctx.rng
    first, gender = _first_name(rng, english)
    adult = index < 2 or rng.random() < 0.2
    age_days = rng.randint(18 * 365, 92 * 365) if adult else rng.randint(0, 17 * 365)
    born = ctx.today - timedelta(days=age_days)
    if index >= 2 and rng.random() < 0.15:
        last = f"{last}-{_last_name(rng)}"
    preferred = rng.choice(("Béa", "Fred", "Alex", "Jo", "Max")) if rng.random() < 0.03 else ""
    person_id = ctx.take("core_persons")
    female = gender == "femme" or (not gender and rng.random() < 0.5)
    ctx.writer.add("core_persons", {
        "id": person_id, "household_id": household_id, "first_name": first, "last_name": last,
        "preferred_name": preferred, "date_of_birth": born,
        "ramq": _ramq(ctx, first, last, born, female) if rng.random() < 0.9 else None,
        "gender": gender, "pronouns": "", "language": "en" if english else "fr_CA",
        "email": f"{_ascii(first).lower()}.{_ascii(last).lower()}{person_id}@example.org"
        if rng.random() < 0.6 else "",
        "phone": f"514-555-{rng.randint(1000, 9999)}" if rng.random() < 0.7 else "",
        **name_columns(first, last, preferred),  # search name and sort keys, as registered
        "created_at": ctx.moment(ctx.start - timedelta(days=rng.randint(0, 3000)))})
    return person_id, born


def _membership(ctx, household_id: int) -> None:
    rng = ctx.rng
    membership_id = ctx.take("core_memberships")
    started = ctx.today - timedelta(days=rng.randint(30, 12 * 365))
    ctx.writer.add("core_memberships", {
        "id": membership_id, "household_id": household_id, "number": f"{household_id:06d}",
        "started_on": started, "share_amount": Decimal("50.00"), "status": "active"})
    if rng.random() < 0.9:
        ctx.writer.add("core_share_payments", {
            "id": ctx.take("core_share_payments"), "membership_id": membership_id,
            "amount": Decimal("50.00"), "paid_on": started,
            "method": rng.choice(("cash", "debit", "cheque", "transfer"))})


def add_practitioners(ctx, discipline: str, count: int, password_hash: str) -> list[dict]:
    """Practitioner accounts of one discipline, their resource and Monday-to-Friday hours."""
    rng, w = ctx.rng, ctx.writer
    made = []
    for _n in range(count):
        first, _gender = _first_name(rng, rng.random() < 0.15)
        last = _last_name(rng)
        account_id = ctx.take("core_accounts")
        display = f"{first} {last}"
        w.add("core_accounts", {
            "id": account_id, "username": f"{_ascii(first).lower()}.{_ascii(last).lower()}.{account_id}",
            "display_name": display, "password_hash": password_hash, "active": True,
            "created_at": ctx.moment(ctx.start)})
        w.add("core_account_roles", {"account_id": account_id, "role_code": "practitioner"})
        w.add("core_practitioners", {
            "account_id": account_id, "discipline": discipline,
            "professional_order": N.ORDERS.get(discipline, ""),
            "licence_number": f"{rng.randint(0, 9_999_999):07d}", "trainings": ""})
        resource_id = ctx.take("sched_resources")
        w.add("sched_resources", {"id": resource_id, "kind": "practitioner", "name": display,
                                  "account_id": account_id, "discipline": discipline,
                                  "active": True, "created_at": ctx.moment(ctx.start)})
        for weekday in range(5):
            w.add("sched_availability", {"id": ctx.take("sched_availability"),
                                         "resource_id": resource_id, "weekday": weekday,
                                         "starts": OPEN, "ends": CLOSE})
        made.append({"account_id": account_id, "resource_id": resource_id, "name": display,
                     "discipline": discipline})
    return made
