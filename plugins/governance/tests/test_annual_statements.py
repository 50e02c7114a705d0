"""Governance's part of the annual report counts in the database: attendance and resolutions
of every assembly of the year, decided and open proposals of every group, in as many
statements for three assemblies and six groups as for one and two (each assembly read two
more, each group one more, its proposals brought into Python to be counted)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from core.api import local_day
from core.testing.statements import selects, statements_sent

from plugins.governance import annual, ballots
from plugins.governance.models import Attendance, Group, Proposal
from plugins.governance.tests.helpers import add_members, assembly_in_session


def _groups(db, author, names, year):
    """Each group: two proposals decided this year, one open, one decided the year before."""
    made = []
    for name in names:
        group = Group(name=name)
        db.add(group)
        db.flush()
        this_year = datetime(year, 3, 1, tzinfo=timezone.utc)
        for outcome, created in (("adopted", this_year), ("refused", this_year),
                                 ("", this_year), ("adopted", this_year - timedelta(days=365))):
            db.add(Proposal(group_id=group.id, title=f"{name} {outcome}", outcome=outcome,
                            closes_at=created + timedelta(days=7), created_at=created,
                            created_by_id=author.id))
        made.append(group)
    db.flush()
    return made


def _statements(db, run) -> int:
    with statements_sent(db.get_bind().engine) as sent:
        run()
    return selects(sent)


def test_each_assembly_and_group_shows_its_figures(db, gov_on, make_account):
    members = add_members(db, 6)
    first = assembly_in_session(db, members[:4], quorum=3)
    db.add(Attendance(assembly_id=first.id, membership_id=members[4].id, votes=False))
    motion = ballots.add_motion(db, first, {"title": "Adopter les états financiers"})
    ballots.open_vote(db, motion)
    ballots.record_hands(db, motion, {"for": 4, "against": 0, "abstain": 0})
    second = assembly_in_session(db, members[:2], quorum=5, title="Assemblée extraordinaire")
    year = first.starts_at.year
    _groups(db, make_account(roles=["admin"]), ["Comité B", "Comité A"], year)
    db.commit()
    start, end = annual._bounds(year)
    assert annual.attendance_rows(db, start, end) == [
        (local_day(first.starts_at).isoformat(), "Assemblée générale annuelle", 4, 5, 3, "oui", 1),
        (local_day(second.starts_at).isoformat(), "Assemblée extraordinaire", 2, 2, 5, "non", 0)]
    assert annual.decisions_rows(db, start, end) == [("Comité A", 2, 1), ("Comité B", 2, 1)]
    assert annual.decisions_rows(db) == [("Comité A", 3, 1), ("Comité B", 3, 1)]  # every year
    db.add(Group(name="Comité C"))  # a group with no proposal yet is listed, at zero
    assert ("Comité C", 0, 0) in annual.decisions_rows(db, start, end)


def test_three_assemblies_and_six_groups_read_no_more_statements_than_one_and_two(
        db, gov_on, make_account):
    members = add_members(db, 4)
    author = make_account(roles=["admin"])
    year = assembly_in_session(db, members, quorum=3).starts_at.year
    _groups(db, author, ["Comité 1", "Comité 2"], year)
    db.commit()
    annual.sections(db, year)
    few = _statements(db, lambda: annual.sections(db, year))
    for n in range(2):
        assembly_in_session(db, members, quorum=3, title=f"Assemblée {n}")
    _groups(db, author, [f"Comité {n}" for n in range(3, 7)], year)
    db.commit()
    assert _statements(db, lambda: annual.sections(db, year)) == few
