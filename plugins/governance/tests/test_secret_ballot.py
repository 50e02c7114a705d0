"""Secret ballots: once per member, results only when closed, and no link from ballot to voter."""

import pytest
from sqlalchemy import inspect

from plugins.governance import ballots
from plugins.governance.assemblies import GovernanceError
from plugins.governance.tests.helpers import add_members, assembly_in_session, secret_motion


@pytest.fixture
def members(db, gov_on):
    return add_members(db, 5)


def test_a_member_votes_once_and_results_wait_for_the_close(db, members):
    assembly = assembly_in_session(db, members)
    motion = secret_motion(db, assembly)
    ballots.cast_secret(db, motion.id, members[0], "for")
    with pytest.raises(GovernanceError, match="déjà voté"):
        ballots.cast_secret(db, motion.id, members[0], "against")
    ballots.cast_secret(db, motion.id, members[1], "against")
    ballots.cast_secret(db, motion.id, members[2], "for")
    assert ballots.turnout(db, motion) == 3 and motion.counts == {}
    assert not ballots.results_visible(motion)
    ballots.close_secret(db, motion.id)
    assert motion.counts == {"for": 2, "against": 1, "abstain": 0} and motion.result == "adopted"
    with pytest.raises(GovernanceError):
        ballots.cast_secret(db, motion.id, members[3], "for")


def test_only_members_signed_in_who_may_vote_cast_a_ballot(db, members):
    assembly = assembly_in_session(db, members[:3])
    motion = secret_motion(db, assembly)
    with pytest.raises(GovernanceError, match="Inscrivez-vous"):
        ballots.cast_secret(db, motion.id, members[4], "for")
    with pytest.raises(GovernanceError):
        ballots.cast_secret(db, motion.id, members[0], "peut-être")
    assert ballots.turnout(db, motion) == 0


def test_board_election_by_category(db, members):
    workers = add_members(db, 3, prefix="Trav", category="worker")
    assembly = assembly_in_session(db, members + workers)
    election = secret_motion(db, assembly, title="Siège des membres travailleurs",
                             candidates="Anne\nBruno\nCarole", seats=1, category="worker")
    with pytest.raises(GovernanceError, match="Membre travailleuse ou travailleur"):
        ballots.cast_secret(db, election.id, members[0], ["Anne"])
    with pytest.raises(GovernanceError):
        ballots.cast_secret(db, election.id, workers[0], ["Anne", "Bruno"])
    ballots.cast_secret(db, election.id, workers[0], ["Bruno"])
    ballots.cast_secret(db, election.id, workers[1], ["Bruno"])
    ballots.cast_secret(db, election.id, workers[2], [])
    ballots.close_secret(db, election.id)
    assert election.result == "Bruno" and election.counts["abstain"] == 1


def test_the_ballot_tables_hold_nothing_that_names_or_dates_a_voter(app, db, gov_on):
    columns = {t: {c["name"]: str(c["type"]) for c in inspect(db.get_bind()).get_columns(t)}
               for t in ("governance_ballots", "governance_voters")}
    assert set(columns["governance_ballots"]) == {"key", "motion_id", "choice"}
    assert set(columns["governance_voters"]) == {"motion_id", "membership_id"}
    assert not any("TIME" in kind.upper() or "DATE" in kind.upper()
                   for table in columns.values() for kind in table.values())


def test_a_member_of_another_category_is_told_who_elects_the_seats_in_a_sentence(app, db,
                                                                                 members):
    """English read "Only User member vote for these seats." (the category's title where a
    plural noun was needed); the category's name now sits in a sentence that reads in both
    languages."""
    from flask_babel import force_locale

    workers = add_members(db, 1, prefix="Trav", category="worker")
    assembly = assembly_in_session(db, members + workers)
    election = secret_motion(db, assembly, title="Siège des membres travailleurs",
                             candidates="Anne\nBruno", seats=1, category="worker")
    expected = {
        "fr_CA": "Le vote pour ces sièges est réservé aux membres de la catégorie "
                 "«\u202fMembre travailleuse ou travailleur\u202f».",
        "en": "Only members of the category “Worker member” vote for these seats."}
    for locale, text in expected.items():
        with app.test_request_context(), force_locale(locale):
            assert ballots.may_vote(db, election, members[0]) == (False, text)
