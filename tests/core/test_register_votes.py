"""Who may vote is decided in one place (:func:`core.identity.register.refusal`): an assembly's
quorum (``eligible_ids``, on the register's plain rows) and the register's page count the
members who vote without wording a reason for each, and agree, member by member and under
every setting of the bylaws, with the reason a household's page gives from the membership
itself (``voting_rights``: its payments summed in Python, not by the database)."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import event

from core.identity import register, service
from core.identity.models import Membership, SharePayment
from core.identity.register_list import register_rows, with_memberships

TODAY = date(2026, 12, 5)
LONG_AGO = date(2020, 3, 1)
INACTIVE = "L’adhésion n’est pas active."
DUES = "La cotisation annuelle est impayée."
SHARES = "Les parts ne sont pas entièrement payées."
REASONS = ("The membership is not active.", "The annual dues are unpaid.",
           "The shares are not fully paid.")

#: name: (category, status, started on, shares subscribed, payments, dues paid until,
#:        standing and reason under the default bylaws: 10 $ of dues, 60 days of grace)
MEMBERS = {
    "Paid up": ("user", "active", LONG_AGO, "10", [("share", "10")], TODAY, "active", ""),
    "Grace": ("worker", "active", LONG_AGO, "10", [("share", "10")],
              TODAY - timedelta(days=10), "grace", ""),
    "Grace, last day": ("support", "active", LONG_AGO, "10", [("share", "10")],
                        TODAY - timedelta(days=60), "grace", ""),
    "Lapsed": ("user", "active", LONG_AGO, "10", [("share", "10")],
               TODAY - timedelta(days=61), "lapsed", DUES),
    "New, first dues to collect": ("user", "active", TODAY - timedelta(days=5), "10",
                                   [("share", "10")], None, "due", ""),
    "Admitted long ago, never paid dues": ("worker", "active", LONG_AGO, "10",
                                           [("share", "10")], None, "lapsed", DUES),
    "Shares half paid": ("user", "active", LONG_AGO, "10", [("share", "5")], TODAY, "active",
                         SHARES),
    "Shares refunded": ("user", "active", LONG_AGO, "10", [("share", "10"), ("refund", "10")],
                        TODAY, "active", SHARES),
    "Shares partly refunded": ("support", "active", LONG_AGO, "10",
                               [("share", "10"), ("refund", "2.50")], TODAY, "active", SHARES),
    "Shares paid twice": ("worker", "active", LONG_AGO, "10", [("share", "10"), ("share", "5")],
                          TODAY, "active", ""),
    "Dues are not shares": ("user", "active", LONG_AGO, "10", [("dues", "25")], TODAY,
                            "active", SHARES),
    "No shares asked": ("support", "active", LONG_AGO, "0", [], TODAY, "active", ""),
    "Lapsed and owing": ("user", "active", LONG_AGO, "10", [], LONG_AGO, "lapsed", DUES),
    "Withdrawn": ("support", "withdrawn", LONG_AGO, "10", [("share", "10"), ("refund", "10")],
                  TODAY, "withdrawn", INACTIVE),
    "Excluded": ("worker", "excluded", LONG_AGO, "10", [("share", "10")], TODAY, "excluded",
                 INACTIVE),
    "Deceased": ("user", "deceased", LONG_AGO, "10", [("share", "10")], None, "deceased",
                 INACTIVE),
}

#: the bylaws a coop may set (``SOIN_*``), beside the defaults
BYLAWS = [{}, {"SOIN_MEMBERSHIP_DUES": 0}, {"SOIN_MEMBERSHIP_GRACE_DAYS": 0},
          {"SOIN_VOTE_NEEDS_DUES": False}, {"SOIN_VOTE_NEEDS_PAID_SHARES": False},
          {"SOIN_VOTE_NEEDS_DUES": False, "SOIN_VOTE_NEEDS_PAID_SHARES": False}]


@pytest.fixture
def members(db, make_person, monkeypatch) -> dict[str, Membership]:
    """One membership of each kind in :data:`MEMBERS`, the coop's day :data:`TODAY`."""
    monkeypatch.setattr(register, "coop_today", lambda: TODAY)
    made = {}
    for n, (name, (category, status, started, shares, payments, until, *_)) in enumerate(
            MEMBERS.items()):
        person = make_person("Anne", name)
        membership = service.open_membership(db, person.household, {
            "started_on": started, "share_amount": Decimal(shares), "category": category,
            "number": f"V{n:03d}"})
        db.add_all([SharePayment(membership=membership, amount=Decimal(amount), kind=kind,
                                 paid_on=started) for kind, amount in payments])
        membership.status, membership.dues_paid_until = status, until
        made[name] = membership
    db.commit()
    return made


def test_each_member_has_the_standing_and_reason_the_bylaws_give(app, db, members):
    """What a coordinator reads on each household's page, under the default bylaws."""
    for name, membership in members.items():
        state, why = MEMBERS[name][-2:]
        assert register.standing(membership) == state, name
        assert register.voting_rights(membership) == (not why, why), name


@pytest.mark.parametrize("bylaws", BYLAWS, ids=lambda b: ",".join(b) or "default")
def test_the_quorum_and_the_register_agree_with_each_members_page(app, db, members,
                                                                 monkeypatch, bylaws):
    """Under every setting: the members the quorum counts are those whose page says they vote,
    and each line of the register shows the standing and reason their page shows."""
    for key, value in bylaws.items():
        monkeypatch.setitem(app.config, key, value)
    on_their_page = {m.id: (register.standing(m), register.voting_rights(m))
                     for m in members.values()}
    assert register.eligible_ids(db) == [
        m.id for m in sorted(members.values(), key=lambda m: m.number)
        if on_their_page[m.id][1][0]]
    rows = with_memberships(db, register_rows(db))
    assert len(rows) == len(members)
    assert {row["line"].id: (row["standing"], (row["votes"], row["why"]))
            for row in rows} == on_their_page
    for state in ("active", "grace", "due", "lapsed", "withdrawn"):
        assert {row["line"].id for row in register_rows(db, status=state)} == {
            ident for ident, (standing, _votes) in on_their_page.items() if standing == state}


def test_counting_who_votes_words_no_reason_and_a_page_only_its_own(db, members, monkeypatch):
    """The quorum screen counts the members who vote without translating why each of the
    others may not (20,000 reasons at a coop's scale, counted and thrown away); the register
    words the reasons of the lines it shows only."""
    worded: list[str] = []
    translate = register._

    def counted(text, **kw):
        if text in REASONS:
            worded.append(text)
        return translate(text, **kw)

    monkeypatch.setattr(register, "_", counted)
    eligible = register.eligible_ids(db)
    assert len(eligible) == 6 and worded == []
    rows = register_rows(db)
    assert sum(row["votes"] for row in rows) == 6 and worded == []
    shown = with_memberships(db, rows[:3])
    assert len(worded) == sum(not row["votes"] for row in shown)


def test_counting_who_votes_reads_one_statement_and_no_household(db, members):
    """The quorum's count is one statement over the memberships and their payments, summed
    once for all: it needs no household's name, and reads none."""
    statements: list[str] = []

    def keep(_conn, _cursor, statement, *_args):
        statements.append(statement)

    engine = db.get_bind().engine
    event.listen(engine, "before_cursor_execute", keep)
    try:
        assert len(register.eligible_ids(db)) == 6
    finally:
        event.remove(engine, "before_cursor_execute", keep)
    reads = [statement for statement in statements if not statement.startswith("SAVEPOINT")]
    assert len(reads) == 1 and "core_households" not in reads[0]
