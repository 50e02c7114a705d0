"""The register of members decides in the database what it once decided in Python for every
member (55,000 people: 300 ms a page): each line's standing and vote, the count of members and
of voters, the order of the households' names, a page at a time. These tests hold it to the
rules a household's page applies in Python (:func:`register.standing`,
:func:`register.voting_rights`, :attr:`Membership.paid`) and to the order Python gives
(:func:`core.typography.sort_key`: "Élodie" with "Elodie"), after every kind of write."""

import html
import importlib.util
import re
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import delete, select, update

from core.identity import register, service
from core.identity.models import Household, Membership, SharePayment
from core.identity.register_list import register_counts, register_rows
from core.testing.statements import selects, statements_sent
from core.typography import fold, sort_key
from tests.core.members import paid_member

TODAY = date(2026, 12, 5)
#: names the register sorts as a reader looks for them: accents and case set aside, then the
#: name's own characters, then the member number (two "Elodie" households)
NAMES = ["élodie", "Elodie", "Zoé", "Élodie", "ELODIE", "Éthier", "Ethier", "Eve", "Ève",
         "O’Brien", "O'Brien", "Obrien", "zoe", "Abel", "Straße", "Strasse", "Elodie", "Åsa"]


@pytest.fixture
def today(monkeypatch):
    """The coop's day, :data:`TODAY`."""
    monkeypatch.setattr(register, "coop_today", lambda: TODAY)
    return TODAY


@pytest.fixture
def enrol(db, make_person, today):
    """A membership for a new household ``name``: shares of 10 $ paid, dues paid to ``until``."""
    def enrol(name, number, until=TODAY + timedelta(days=200), category="user",
              started_on=date(2020, 3, 1)):
        return paid_member(db, make_person("Anne", name), started_on=started_on,
                           paid_until=until, category=category, number=number)
    return enrol


def _as_python_decides(db) -> dict[int, tuple]:
    """Each membership's (standing, votes, shares paid) as its household's page decides them."""
    db.expire_all()
    return {m.id: (register.standing(m), register.voting_rights(m)[0], m.paid)
            for m in db.scalars(select(Membership))}


def _as_the_register_shows(db, **filters) -> dict[int, tuple]:
    return {row["line"].id: (row["standing"], row["votes"], row["line"].paid)
            for row in register_rows(db, **filters)}


def test_each_page_lists_the_households_in_folded_name_order_then_by_number(db, enrol):
    """Pages of 4 put together give the order Python's sort gives: "Élodie" among the E with
    "Elodie", "Ève" with "Eve", "Zoé" with "zoe"; two households of one name by number."""
    members = [enrol(name, f"M{(7 * n) % 19:03d}") for n, name in enumerate(NAMES)]
    expected = [m.id for m in sorted(members, key=lambda m: (sort_key(m.household.name),
                                                             m.number))]
    pages = [row["line"].id for first in range(0, len(NAMES), 4)
             for row in register_rows(db, by_name=True, first=first, size=4)]
    assert pages == expected
    names = [row["line"].household_name for row in register_rows(db, by_name=True)]
    assert names.index("Élodie") - names.index("Elodie") in (1, 2, 3, 4)
    assert names[-2:] == ["Zoé", "zoe"] and names[0] == "Abel" and names[1] == "Åsa"


def test_the_pages_html_keeps_that_order_and_its_counts(client, login, db, enrol):
    """What a coordinator reads: the households in that order, page 2 going on from page 1,
    and the count of members and of those who vote (one lapsed: no vote)."""
    login(role="coordinator")
    for n, name in enumerate(NAMES):
        enrol(name, f"M{n:03d}", until=TODAY - timedelta(days=90) if name == "Abel" else
              TODAY + timedelta(days=30))
    page = client.get("/members?all=1").get_data(as_text=True)
    shown = [html.unescape(name) for name in re.findall(
        r'<td class="household"><a href="/households/\d+">([^<]+)</a>', page)]
    assert shown == sorted(NAMES, key=sort_key)
    assert "18 membres dans la liste, dont 17 peuvent voter aujourd’hui." in page
    lapsed = client.get("/members?status=lapsed").get_data(as_text=True)
    assert re.search(r"1 membre dans la liste, dont 0 (peut|peuvent) voter", lapsed)


@pytest.mark.parametrize("bylaws", [{}, {"SOIN_MEMBERSHIP_DUES": 0},
                                    {"SOIN_MEMBERSHIP_GRACE_DAYS": 0},
                                    {"SOIN_VOTE_NEEDS_DUES": False},
                                    {"SOIN_VOTE_NEEDS_PAID_SHARES": False}],
                         ids=lambda b: ",".join(b) or "default")
def test_counts_and_filters_agree_with_each_members_page_after_backdated_changes(
        app, db, enrol, monkeypatch, bylaws):
    """Renewals paid long ago, a status changed with an earlier date, a withdrawal with its
    refund, a payment corrected or deleted: each filter keeps, and each count counts, the
    members whose own page gives that standing and vote, under every setting of the bylaws."""
    for key, value in bylaws.items():
        monkeypatch.setitem(app.config, key, value)
    members = [enrol(f"Roy {n}", f"R{n:03d}", category=("user", "worker", "support")[n % 3])
               for n in range(12)]
    register.renew(db, members[0], Decimal("10"), TODAY - timedelta(days=400))  # grace
    register.renew(db, members[1], Decimal("10"), TODAY - timedelta(days=500))  # lapsed
    members[2].dues_paid_until = None  # admitted long ago, first dues never paid
    members[3].dues_paid_until, members[3].started_on = None, TODAY - timedelta(days=3)
    register.change_status(db, members[4], "excluded", TODAY - timedelta(days=40))
    register.change_status(db, members[5], "deceased", TODAY - timedelta(days=400))
    register.withdraw(db, members[6], TODAY - timedelta(days=10), Decimal("10.00"))
    register.withdraw(db, members[7], TODAY - timedelta(days=10), Decimal("0"))
    payments = {p.membership_id: p for p in db.scalars(select(SharePayment))}
    payments[members[8].id].amount = Decimal("4.50")  # corrected: shares owed
    db.delete(payments[members[9].id])  # deleted: shares owed
    service.record_payment(db, members[10], {"amount": Decimal("2.50"), "paid_on": TODAY})
    members[11].dues_paid_until = TODAY  # the last day of the dues
    db.commit()
    decided = _as_python_decides(db)
    assert _as_the_register_shows(db) == decided
    for state in ("active", "grace", "due", "lapsed", "withdrawn", "excluded", "deceased"):
        for category in ("", "user", "worker"):
            kept = {ident for ident, (standing, *_rest) in decided.items()
                    if standing == state and (not category or db.get(
                        Membership, ident).category == category)}
            assert set(_as_the_register_shows(db, status=state, category=category)) == kept
            assert register_counts(db, state, category) == (
                len(kept), sum(decided[ident][1] for ident in kept))
    assert register_counts(db) == (12, sum(votes for _s, votes, _p in decided.values()))


def test_shares_paid_follow_every_write_of_a_payment(db, enrol):
    """Stored beside the membership, the shares paid follow a payment written through the
    ORM, a refund, a payment's amount or kind changed, a payment moved or deleted, in SQL."""
    first, second = enrol("Lévesque", "L001"), enrol("Morin", "L002")

    def stored() -> list[Decimal]:
        return [Decimal(str(paid)).quantize(Decimal("0.01")) for paid in db.scalars(
            select(Membership.shares_paid).order_by(Membership.number))]

    assert stored() == [Decimal("10.00"), Decimal("10.00")]
    payment = service.record_payment(db, first, {"amount": Decimal("2.25"), "paid_on": TODAY})
    db.add(SharePayment(membership=first, amount=Decimal("25"), paid_on=TODAY, kind="dues"))
    db.flush()
    assert stored() == [Decimal("12.25"), Decimal("10.00")]
    db.execute(update(SharePayment).where(SharePayment.id == payment.id)
               .values(kind="refund"))
    assert stored() == [Decimal("7.75"), Decimal("10.00")]
    db.execute(update(SharePayment).where(SharePayment.id == payment.id)
               .values(membership_id=second.id, amount=Decimal("1.00")))
    assert stored() == [Decimal("10.00"), Decimal("9.00")]
    db.execute(delete(SharePayment).where(SharePayment.id == payment.id))
    assert stored() == [Decimal("10.00"), Decimal("10.00")]
    db.commit()
    assert stored() == [m.paid for m in db.scalars(select(Membership).order_by(Membership.number))]


def test_a_page_of_the_register_reads_a_page_not_every_member(client, login, db, enrol):
    """With 60 members, a page of 50 reads the count in one statement and the page's lines
    with a LIMIT: no statement hands over every membership (it did: 20,000 rows to Python at a
    coop's scale, for 50 shown)."""
    login(role="coordinator")
    for n in range(60):
        enrol(f"Roy{n:02d}", f"R{n:03d}")
    client.get("/members")  # the session's first page warms what is read once
    engine = db.get_bind().engine
    for path in ("/members", "/members?status=active", "/members?q=roy", "/members?page=2"):
        with statements_sent(engine) as sent:
            assert client.get(path).status_code == 200
        reading = [s for s in sent if "FROM core_memberships" in s]
        assert all("count(" in s or "LIMIT" in s or re.search(r"core_memberships\.id IN", s)
                   for s in reading), reading
        assert selects(sent) <= 7


def test_a_households_sort_key_is_written_with_its_name_however_it_is_written(db, make_person):
    """Through the ORM, or with the person registered in one statement (no unit of work): the
    folded name the register sorts by. The migration that filled the stored households folds
    as the code does."""
    orm = service.create_household(db, {"name": "Éthier-Côté"})
    alone = service.register_person(db, {"first_name": "Ève", "last_name": "Ouellet"},
                                    alone=True, new_household={"name": "ÖZTÜRK  Straße"})
    db.commit()
    keys = dict(db.execute(select(Household.id, Household.sort_name)).all())
    assert keys[orm.id] == "ethier-cote" and keys[alone.household_id] == "ozturk strasse"
    path = next(Path("core/migrations/versions").glob("*_5b7d9e1f3a24_*.py"))
    spec = importlib.util.spec_from_file_location("register_migration", path)
    migration = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(migration)
    for name in [*NAMES, "Nguyễn", "Ǆokić", "ﬁnn", "  Saint-Éloi  ", ""]:
        assert migration.fold(name) == fold(name), name
