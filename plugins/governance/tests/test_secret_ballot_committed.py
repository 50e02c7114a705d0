"""Secret ballots committed for real, from several threads, on SQLite and on PostgreSQL
(``SOIN_TEST_DATABASE_URL``): one vote per member at the same instant, and after the close,
nothing in the database that ties a ballot to its voter."""

import pytest
from sqlalchemy import select, text

from core.api import Membership, current_session
from core.registry import plugin_host

from plugins.governance import ballots
from plugins.governance.models import Ballot, Motion, Voter
from plugins.governance.tests.helpers import (add_members, assembly_in_session, at_once,
                                              secret_motion)

pytestmark = pytest.mark.concurrency


def _setup(app, count):
    from core.admin.service import set_active

    with app.app_context():
        db = current_session()
        set_active(db, plugin_host(app), "governance", True)
        members = add_members(db, count)
        motion = secret_motion(db, assembly_in_session(db, members))
        db.commit()
        return motion.id, [m.id for m in members]


def _vote(motion_id, choice="for"):
    def cast(db, membership_id):
        ballots.cast_secret(db, motion_id, db.get(Membership, membership_id), choice)
    return cast


def test_the_same_member_voting_on_two_screens_at_once_votes_once(fresh_app):
    motion_id, (member, *_others) = _setup(fresh_app, 3)
    results = at_once(fresh_app, [member] * 4, _vote(motion_id))
    assert results == {"ok": 1, "refused": 3, "errors": []}
    with fresh_app.app_context():
        db = current_session()
        assert db.scalar(select(Voter).where(Voter.motion_id == motion_id)) is not None
        assert len(db.scalars(select(Ballot).where(Ballot.motion_id == motion_id)).all()) == 1


def test_many_members_at_once_each_cast_one_ballot(fresh_app):
    motion_id, members = _setup(fresh_app, 12)
    assert at_once(fresh_app, members, _vote(motion_id)) == {"ok": 12, "refused": 0,
                                                             "errors": []}
    with fresh_app.app_context():
        db = current_session()
        motion = ballots.close_secret(db, motion_id)
        db.commit()
        assert motion.counts["for"] == 12


def test_after_the_close_no_ballot_can_be_traced_to_its_voter(fresh_app):
    """Twenty members vote one after another, the first ten for, the last ten against. Whoever
    reads the tables after the close (order of rows, keys, PostgreSQL's transaction ids) cannot
    pair voters with ballots better than chance."""
    motion_id, members = _setup(fresh_app, 20)
    with fresh_app.app_context():
        db = current_session()
        for i, membership_id in enumerate(members):
            _vote(motion_id, "for" if i < 10 else "against")(db, membership_id)
            db.commit()
        ballots.close_secret(db, motion_id)
        db.commit()
        ballots.vacuum_ballots(db)
        truth = {m: ("for" if i < 10 else "against") for i, m in enumerate(members)}
        voters = db.execute(text("SELECT membership_id FROM governance_voters "
                                 "WHERE motion_id = :m"), {"m": motion_id}).scalars().all()
        choices = db.execute(text("SELECT choice FROM governance_ballots "
                                  "WHERE motion_id = :m"), {"m": motion_id}).scalars().all()
        assert sorted(voters) == sorted(members) and sorted(choices) == ["against"] * 10 + ["for"] * 10
        # the rows as stored, paired in order, do not give back who chose what
        assert [truth[v] for v in voters] != choices
        # ballots' keys are random, not in the order votes came
        keys = db.execute(text("SELECT key FROM governance_ballots WHERE motion_id = :m"),
                          {"m": motion_id}).scalars().all()
        assert len(set(keys)) == 20 and all(len(k) == 32 for k in keys)
        if db.get_bind().dialect.name == "postgresql":
            # every row now carries the closing transaction's id, not its voter's
            stamps = db.execute(text(
                "SELECT DISTINCT xmin::text FROM governance_voters WHERE motion_id = :m "
                "UNION SELECT DISTINCT xmin::text FROM governance_ballots WHERE motion_id = :m"),
                {"m": motion_id}).scalars().all()
            assert len(stamps) == 1
        motion = db.get(Motion, motion_id)
        assert motion.counts == {"for": 10, "against": 10, "abstain": 0}


def test_while_the_vote_is_open_a_ballot_read_from_the_database_says_nothing(fresh_app):
    """The voter's row and the ballot's are written in one transaction (on PostgreSQL their
    xmin, the WAL or a backup pair them): what is stored of the ballot while the vote is open is
    sealed, so the pair tells only that the member voted. The close still counts right."""
    motion_id, members = _setup(fresh_app, 4)
    with fresh_app.app_context():
        db = current_session()
        for i, membership_id in enumerate(members):
            _vote(motion_id, "for" if i < 3 else "against")(db, membership_id)
            db.commit()
        stored = db.execute(text("SELECT choice FROM governance_ballots WHERE motion_id = :m"),
                            {"m": motion_id}).scalars().all()
        assert len(stored) == 4 and len(set(stored)) == 4  # same choice, different ciphertext
        # sealed, not a choice in the clear (a ciphertext may happen to spell "for" somewhere)
        assert all(c.startswith("sealed:") for c in stored)
        assert not set(stored) & {"for", "against", "abstain"}
        motion = ballots.close_secret(db, motion_id)
        db.commit()
        assert (motion.counts["for"], motion.counts["against"]) == (3, 1)
        opened = db.execute(text("SELECT choice FROM governance_ballots WHERE motion_id = :m"),
                            {"m": motion_id}).scalars().all()
        assert sorted(opened) == ["against", "for", "for", "for"]


def test_a_sealed_election_ballot_opens_to_the_candidates_chosen(fresh_app):
    from plugins.governance import sealing

    with fresh_app.app_context():
        motion = Motion(id=7, candidates=["Anne Roy", "Bruno Caron", "Chloé Paré"])
        sealed = sealing.seal(motion, "Anne Roy|Chloé Paré")
        assert "Anne" not in sealed and sealing.unseal(motion, sealed) == "Anne Roy|Chloé Paré"
        assert sealing.unseal(motion, "for") == "for"  # a ballot from before sealing
        fresh_app.config["SECRET_KEY"], old = "another key", fresh_app.config["SECRET_KEY"]
        try:
            with pytest.raises(sealing.BallotUnreadable):
                sealing.unseal(motion, sealed)
            fresh_app.config["SOIN_OLD_SECRET_KEYS"] = old
            assert sealing.unseal(motion, sealed) == "Anne Roy|Chloé Paré"
        finally:
            fresh_app.config["SECRET_KEY"] = old
            fresh_app.config.pop("SOIN_OLD_SECRET_KEYS", None)
