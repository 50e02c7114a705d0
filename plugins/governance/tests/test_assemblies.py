"""Assemblies on the day: who signs in, who counts toward the quorum, when votes may open."""

from datetime import timedelta

import pytest

from plugins.governance import assemblies, ballots
from plugins.governance.assemblies import GovernanceError
from plugins.governance.tests.helpers import add_members, assembly_in_session


@pytest.fixture
def members(db, gov_on):
    return add_members(db, 5)


def test_quorum_counts_only_members_who_may_vote(db, members):
    lapsed = add_members(db, 1, prefix="Echu")[0]
    lapsed.dues_paid_until -= timedelta(days=400)
    assembly = assembly_in_session(db, members[:2] + [lapsed], quorum=3)
    count = assemblies.quorum(db, assembly)
    assert (count.present, count.attending, count.required, count.eligible) == (2, 3, 3, 5)
    assert not count.reached
    motion = ballots.add_motion(db, assembly, {"title": "Budget", "method": "hands"})
    with pytest.raises(GovernanceError, match="quorum"):
        ballots.open_vote(db, motion)
    assemblies.sign_in(db, assembly, members[2], None)
    assert assemblies.quorum(db, assembly).reached
    ballots.open_vote(db, motion)


def test_a_household_signs_in_once_and_the_phone_needs_the_room_code(db, members):
    assembly = assembly_in_session(db, members[:1])
    with pytest.raises(GovernanceError, match="déjà"):
        assemblies.sign_in(db, assembly, members[0], None)
    with pytest.raises(GovernanceError, match="code"):
        assemblies.sign_in(db, assembly, members[1], None, code="WRONG1")
    assemblies.sign_in(db, assembly, members[1], None, code=assembly.room_code.lower())
    assert assemblies.quorum(db, assembly).present == 2


def test_no_sign_in_before_the_assembly_opens(db, members):
    assembly = assemblies.convene(db, {"title": "AGA", "quorum": 2,
                                       "starts_at": members[0].household.created_at})
    with pytest.raises(GovernanceError):
        assemblies.sign_in(db, assembly, members[0], None)


def test_show_of_hands_counts_are_recorded_and_cannot_exceed_those_present(db, members):
    assembly = assembly_in_session(db, members, quorum=3)
    motion = ballots.add_motion(db, assembly, {"title": "Adopter l'ordre du jour"})
    ballots.open_vote(db, motion)
    with pytest.raises(GovernanceError):
        ballots.record_hands(db, motion, {"for": 5, "against": 1, "abstain": 0})
    ballots.record_hands(db, motion, {"for": 3, "against": 1, "abstain": 1})
    assert (motion.result, motion.counts["for"], motion.status) == ("adopted", 3, "closed")
    assert motion.number.endswith("-01")


def test_two_thirds_majority(db, members):
    assembly = assembly_in_session(db, members, quorum=3)
    motion = ballots.add_motion(db, assembly, {"title": "Modifier les règlements",
                                               "majority": "two_thirds"})
    ballots.open_vote(db, motion)
    ballots.record_hands(db, motion, {"for": 3, "against": 2, "abstain": 0})
    assert motion.result == "rejected" and motion.number is None


def test_minutes_adopted_at_the_next_assembly_no_longer_change(db, members):
    past = assembly_in_session(db, members, quorum=3)
    assemblies.save_minutes(db, past, "Procès-verbal : ouverture à 19 h.")
    assemblies.close_assembly(db, past)
    following = assembly_in_session(db, members, quorum=3)
    motion = ballots.add_motion(db, following, {"title": "Adopter le procès-verbal",
                                                "adopts_minutes_of_id": past.id})
    ballots.open_vote(db, motion)
    ballots.record_hands(db, motion, {"for": 5, "against": 0, "abstain": 0})
    assert assemblies.minutes_adoption(db, past) == motion
    with pytest.raises(GovernanceError, match="adopté"):
        assemblies.save_minutes(db, past, "Changé")
