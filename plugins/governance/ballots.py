"""Motions and votes: show of hands (counts recorded by the chair) or secret ballot.

A secret vote writes two rows in one transaction: a ``Voter`` (motion, membership: the database
refuses a second one, so a member votes once even pressing twice at once on two screens) and a
``Ballot`` (a random key and the choice: no member, no time, no serial number). Closing the vote
counts the ballots, then deletes and rewrites both tables' rows of the motion in a shuffled
order within the closing transaction, so that neither the rows' physical order nor (on
PostgreSQL) their transaction ids still tell which ballot came with which voter; on PostgreSQL
the tables are then vacuumed so the old row versions go too. Until it closes, no page and no
function returns a count: results exist only once the vote is closed, for everyone.

While the vote is open, PostgreSQL's hidden columns (``xmin``), its write-ahead log or a backup
pair a voter's row with the ballot written in the same transaction: the ballot's choice is
therefore sealed until the close (:mod:`plugins.governance.sealing`), so that pairing shows
only that the member voted. What remains: a copy of the database taken during the vote *and*
the server's ``SOIN_SECRET_KEY`` together would read the votes cast until then.
"""

from __future__ import annotations

import random
import secrets

from sqlalchemy import delete, func, select, text
from sqlalchemy.exc import IntegrityError

from core.api import Membership, category_titles, utcnow

from plugins.governance import _, ngettext
from plugins.governance.assemblies import GovernanceError, quorum
from plugins.governance.models import (ADOPTED, CLOSED, DRAFT, HANDS, OPEN, REJECTED, SECRET,
                                       Assembly, Attendance, Ballot, Motion, Voter)

FOR, AGAINST, ABSTAIN = "for", "against", "abstain"
CHOICES = (FOR, AGAINST, ABSTAIN)


def add_motion(session, assembly: Assembly, data: dict) -> Motion:
    """Put a motion (an amendment, an election, the adoption of minutes) on the agenda."""
    if assembly.status == "closed":
        raise GovernanceError(_("This assembly is closed."))
    candidates = [c.strip() for c in data.pop("candidates", "").splitlines() if c.strip()]
    if len(set(candidates)) != len(candidates):
        raise GovernanceError(_("A candidate is listed twice."), "candidates")
    if candidates and data.get("seats", 1) > len(candidates):
        raise GovernanceError(_("There are more seats than candidates."), "seats")
    if candidates and data.get("method") != SECRET:
        raise GovernanceError(_("Elections are held by secret ballot."), "method")
    _check_references(session, assembly, data)
    motion = Motion(assembly_id=assembly.id, candidates=candidates, **data)
    session.add(motion)
    session.flush()
    return motion


def _check_references(session, assembly: Assembly, data: dict) -> None:
    """An amendment amends a motion of this assembly; minutes adopted are an earlier closed
    assembly's: the choices its page offers, whatever id the form sent."""
    amends = data.get("amends_id")
    if amends is not None and amends not in {m.id for m in assembly.motions}:
        raise GovernanceError(_("Choose from the list."), "amends_id")
    adopts = data.get("adopts_minutes_of_id")
    if adopts is not None and adopts not in set(session.scalars(select(Assembly.id).where(
            Assembly.starts_at < assembly.starts_at, Assembly.status == "closed"))):
        raise GovernanceError(_("Choose from the list."), "adopts_minutes_of_id")


def open_vote(session, motion: Motion) -> None:
    """Open the vote; the assembly must be open and its quorum reached."""
    if motion.status != DRAFT:
        raise GovernanceError(_("This vote was already opened."))
    if motion.assembly.status != OPEN:
        raise GovernanceError(_("Votes open once the assembly is open."))
    if not quorum(session, motion.assembly).reached:
        raise GovernanceError(_("The quorum is not reached: the assembly cannot decide."))
    motion.status = OPEN
    session.flush()


def _locked(session, motion_id: int, exclusive: bool) -> Motion:
    """The motion, its row locked (shared for a vote, exclusive for closing) on PostgreSQL; a
    vote and the closing never cross. SQLite serialises writers anyway."""
    motion = session.scalar(select(Motion).where(Motion.id == motion_id).with_for_update(
        read=not exclusive).execution_options(populate_existing=True))
    if motion is None:
        raise GovernanceError(_("This vote does not exist."))
    return motion


def _check_choice(motion: Motion, choice) -> str:
    """The ballot's content as stored; refuses anything not on the ballot."""
    if not motion.candidates:
        if choice not in CHOICES:
            raise GovernanceError(_("Choose for, against or abstain."), "choice")
        return choice
    chosen = sorted(set(choice or []))
    if any(c not in motion.candidates for c in chosen):
        raise GovernanceError(_("Choose among the candidates."), "choice")
    if len(chosen) > motion.seats:
        raise GovernanceError(ngettext("Choose at most %(num)s candidate.",
                                       "Choose at most %(num)s candidates.", motion.seats),
                              "choice")
    return "|".join(chosen) if chosen else ABSTAIN


def may_vote(session, motion: Motion, membership: Membership | None) -> tuple[bool, str]:
    """Whether this membership may vote on this motion now, and if not why."""
    if motion.status != OPEN:
        return False, str(_("This vote is not open."))
    if membership is None:
        return False, str(_("Only members of the coop vote."))
    present = session.scalar(select(Attendance.votes).where(
        Attendance.assembly_id == motion.assembly_id, Attendance.membership_id == membership.id))
    if present is None:
        return False, str(_("Sign in at the assembly first."))
    if not present:
        return False, str(_("Your membership does not give a vote today (see the register)."))
    if motion.category and membership.category != motion.category:
        return False, str(_("Only members of the category “%(category)s” vote for these seats.",
                            category=category_titles()[motion.category]))
    return True, ""


def cast_secret(session, motion_id: int, membership: Membership, choice) -> None:
    """Cast a secret ballot for ``membership``; refuses a second one, even at the same instant."""
    motion = _locked(session, motion_id, exclusive=False)
    if motion.method != SECRET:
        raise GovernanceError(_("This vote is by show of hands."))
    allowed, why = may_vote(session, motion, membership)
    if not allowed:
        raise GovernanceError(why)
    stored = _check_choice(motion, choice)
    try:
        with session.begin_nested():
            session.add(Voter(motion_id=motion.id, membership_id=membership.id))
            session.flush()
    except IntegrityError:
        raise GovernanceError(_("You already voted on this question.")) from None
    # sealed until the close: the voter's row, written in this transaction, cannot tell it
    from plugins.governance import sealing  # (cryptography: loaded by a vote, not at start)

    session.add(Ballot(key=secrets.token_hex(16), motion_id=motion.id,
                       choice=sealing.seal(motion, stored)))
    session.flush()


def has_voted(session, motion: Motion, membership: Membership | None) -> bool:
    """Whether this membership voted on this secret motion (never what it chose)."""
    return membership is not None and session.get(Voter, (motion.id, membership.id)) is not None


def turnout(session, motion: Motion) -> int:
    """How many members voted so far (not what they chose)."""
    return session.scalar(select(func.count()).select_from(Voter).where(
        Voter.motion_id == motion.id))


def record_hands(session, motion: Motion, counts: dict) -> None:
    """Record the counts of a show of hands and close the vote."""
    if motion.method != HANDS or motion.status != OPEN:
        raise GovernanceError(_("This vote is not an open show of hands."))
    present = quorum(session, motion.assembly).present
    if sum(counts[c] for c in CHOICES) > present:
        raise GovernanceError(_("More votes than members present who may vote (%(n)s).",
                                n=present), "votes_for")
    motion.counts = {c: counts[c] for c in CHOICES}
    _decide(session, motion)


def close_secret(session, motion_id: int) -> Motion:
    """Close a secret vote: count, then rewrite voters and ballots in a shuffled order."""
    motion = _locked(session, motion_id, exclusive=True)
    if motion.method != SECRET or motion.status != OPEN:
        raise GovernanceError(_("This vote is not an open secret ballot."))
    from plugins.governance import sealing  # (cryptography: loaded by a vote, not at start)

    try:
        choices = [sealing.unseal(motion, c) for c in session.scalars(
            select(Ballot.choice).where(Ballot.motion_id == motion.id))]
    except sealing.BallotUnreadable:
        # said, never counted wrong: the key that sealed them must be configured again
        raise GovernanceError(_("The ballots cannot be opened: the server's secret key changed "
                                "during the vote. Put the former key in SOIN_OLD_SECRET_KEYS "
                                "and close the vote again.")) from None
    voters = list(session.scalars(select(Voter.membership_id).where(
        Voter.motion_id == motion.id)))
    counts = {c: 0 for c in (motion.candidates or [FOR, AGAINST])}
    counts[ABSTAIN] = 0
    for choice in choices:
        for part in choice.split("|"):
            counts[part] += 1
    session.execute(delete(Ballot).where(Ballot.motion_id == motion.id))
    session.execute(delete(Voter).where(Voter.motion_id == motion.id))
    session.flush()
    shuffle = random.SystemRandom().shuffle
    shuffle(choices)
    shuffle(voters)
    session.add_all(Ballot(key=secrets.token_hex(16), motion_id=motion.id, choice=c)
                    for c in choices)
    session.add_all(Voter(motion_id=motion.id, membership_id=m) for m in voters)
    motion.counts = counts
    _decide(session, motion)
    return motion


def vacuum_ballots(session) -> None:
    """On PostgreSQL, vacuum the ballot tables after a vote closed (committed): the row
    versions written while voting, which carried each vote's transaction id, are reclaimed."""
    bind = session.get_bind()
    if bind.dialect.name != "postgresql":
        return
    with bind.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text("VACUUM governance_voters, governance_ballots"))


def _decide(session, motion: Motion) -> None:
    """Close the motion with its result; an adopted motion becomes a numbered resolution."""
    motion.status, motion.closed_at = CLOSED, utcnow()
    counts = motion.counts
    if motion.candidates:
        ranked = sorted(motion.candidates, key=lambda c: -counts.get(c, 0))
        elected = ranked[:motion.seats]
        tie = len(ranked) > motion.seats and counts[ranked[motion.seats]] == counts[elected[-1]]
        motion.result = "tie" if tie else "; ".join(elected)
    else:
        yes, no = counts[FOR], counts[AGAINST]
        needed = (2 * (yes + no) / 3) if motion.majority == "two_thirds" else None
        adopted = yes > 0 and (yes >= needed if needed is not None else yes > no)
        motion.result = ADOPTED if adopted else REJECTED
    if motion.result == ADOPTED or (motion.candidates and motion.result != "tie"):
        assembly = motion.assembly
        done = session.scalar(select(func.count()).select_from(Motion).where(
            Motion.assembly_id == assembly.id, Motion.number.is_not(None)))
        motion.number = f"{assembly.starts_at:%Y}-{assembly.id:03d}-{done + 1:02d}"
    session.flush()


def results_visible(motion: Motion) -> bool:
    """Results are shown only once the vote is closed."""
    return motion.status == CLOSED
