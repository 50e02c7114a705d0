"""Tables of the governance plugin (``governance_*``); they reference core's, never the reverse.

Secret ballots are two tables with nothing in common but the motion: ``governance_voters``
says *that* a member voted (its key, the motion and the membership, makes a second vote
impossible), ``governance_ballots`` holds *what* was chosen under a random key. Neither has a
time, a serial number or a reference to the other; on SQLite both are stored without rowid (in
key order, not in the order votes came), and closing the vote rewrites both in a shuffled order.
"""

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.api import Account, Base, JSONType, Membership, Person, UTCDateTime, utcnow

PLANNED, OPEN, CLOSED = "planned", "open", "closed"
HANDS, SECRET = "hands", "secret"
DRAFT = "draft"
ADOPTED, REJECTED = "adopted", "rejected"


class Assembly(Base):
    """A general assembly (annual or special) of the coop's members."""

    __tablename__ = "governance_assemblies"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    #: ``annual`` or ``special``
    kind: Mapped[str] = mapped_column(String(20), default="annual")
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    place: Mapped[str] = mapped_column(String(300), default="")
    video_link: Mapped[str] = mapped_column(String(300), default="")
    #: the documents members read before (titles and links, one per line)
    documents: Mapped[str] = mapped_column(Text, default="")
    #: days before the assembly the notice must go out (the coop's bylaws)
    notice_days: Mapped[int] = mapped_column(Integer, default=10)
    #: members present needed for the assembly to decide (the coop's bylaws)
    quorum: Mapped[int] = mapped_column(Integer)
    #: ``planned`` (convened), ``open`` (sign-in and votes), ``closed``
    status: Mapped[str] = mapped_column(String(20), default=PLANNED)
    #: shown in the room (and on the video): members type it to sign in from their phone
    room_code: Mapped[str] = mapped_column(String(12))
    #: drafted by the secretary; adopted by a motion of a later assembly (``adopts_minutes_of``)
    minutes: Mapped[str] = mapped_column(Text, default="")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("core_accounts.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    agenda: Mapped[list["AgendaItem"]] = relationship(order_by="AgendaItem.position",
                                                      cascade="all, delete-orphan")
    motions: Mapped[list["Motion"]] = relationship(
        foreign_keys="Motion.assembly_id", order_by="(Motion.agenda_position, Motion.id)",
        back_populates="assembly")


class AgendaItem(Base):
    """One point of the agenda, in order."""

    __tablename__ = "governance_agenda_items"
    __table_args__ = (UniqueConstraint("assembly_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    assembly_id: Mapped[int] = mapped_column(ForeignKey("governance_assemblies.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(300))


class Attendance(Base):
    """A member household signed in at an assembly (one per membership: one vote)."""

    __tablename__ = "governance_attendances"
    __table_args__ = (UniqueConstraint("assembly_id", "membership_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    assembly_id: Mapped[int] = mapped_column(ForeignKey("governance_assemblies.id"), index=True)
    membership_id: Mapped[int] = mapped_column(ForeignKey("core_memberships.id"))
    #: who came for the household
    person_id: Mapped[int | None] = mapped_column(ForeignKey("core_persons.id"))
    #: may vote (checked against the register at sign-in); others attend without voting
    votes: Mapped[bool] = mapped_column(Boolean)
    signed_in_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    #: the member themselves (phone) or the staff member at the tablet
    signed_in_by_id: Mapped[int | None] = mapped_column(ForeignKey("core_accounts.id"))

    membership: Mapped[Membership] = relationship()
    person: Mapped[Person | None] = relationship()


class Motion(Base):
    """A proposal put to the assembly (or an amendment of one, or an election); adopted, it is
    a resolution, numbered, with its text, its counts and its meeting."""

    __tablename__ = "governance_motions"

    id: Mapped[int] = mapped_column(primary_key=True)
    assembly_id: Mapped[int] = mapped_column(ForeignKey("governance_assemblies.id"), index=True)
    agenda_position: Mapped[int] = mapped_column(Integer, default=0)
    #: the motion this one amends
    amends_id: Mapped[int | None] = mapped_column(ForeignKey("governance_motions.id"))
    title: Mapped[str] = mapped_column(String(300))
    text: Mapped[str] = mapped_column(Text, default="")
    #: ``hands`` (counts recorded by the chair) or ``secret`` (ballots)
    method: Mapped[str] = mapped_column(String(10), default=HANDS)
    #: ``simple`` (more for than against) or ``two_thirds`` of the votes cast
    majority: Mapped[str] = mapped_column(String(12), default="simple")
    #: candidates of an election (empty: a motion voted for / against / abstain)
    candidates: Mapped[list] = mapped_column(JSONType, default=list)
    seats: Mapped[int] = mapped_column(Integer, default=1)
    #: only members of this category vote (seats on the board by category)
    category: Mapped[str] = mapped_column(String(20), default="")
    #: the assembly whose minutes this motion adopts
    adopts_minutes_of_id: Mapped[int | None] = mapped_column(ForeignKey("governance_assemblies.id"))
    #: ``draft``, ``open``, ``closed``
    status: Mapped[str] = mapped_column(String(10), default=DRAFT)
    #: counts once closed: {"for": n, "against": n, "abstain": n} or {candidate: n, "abstain": n}
    counts: Mapped[dict] = mapped_column(JSONType, default=dict)
    #: ``adopted`` / ``rejected`` (a motion), or the names elected (an election)
    result: Mapped[str] = mapped_column(String(300), default="")
    #: the resolution's number once adopted (``2026-AGA-03``)
    number: Mapped[str | None] = mapped_column(String(40), unique=True)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    assembly: Mapped[Assembly] = relationship(foreign_keys=[assembly_id], back_populates="motions")
    amends: Mapped["Motion | None"] = relationship(remote_side=[id])


class Voter(Base):
    """That a member voted on a secret motion (never what): its key forbids a second vote."""

    __tablename__ = "governance_voters"
    __table_args__ = {"sqlite_with_rowid": False}

    motion_id: Mapped[int] = mapped_column(ForeignKey("governance_motions.id"), primary_key=True)
    membership_id: Mapped[int] = mapped_column(ForeignKey("core_memberships.id"), primary_key=True)


class Ballot(Base):
    """What one anonymous ballot chose, under a random key: no member, no time, no order."""

    __tablename__ = "governance_ballots"
    __table_args__ = {"sqlite_with_rowid": False}

    key: Mapped[str] = mapped_column(String(32), primary_key=True)
    motion_id: Mapped[int] = mapped_column(ForeignKey("governance_motions.id"), index=True)
    #: ``for``, ``against``, ``abstain``, or the candidates chosen joined by ``|``
    choice: Mapped[str] = mapped_column(String(600))


class Notice(Base):
    """The notice of an assembly to one member household: e-mailed (the outbox row is the proof
    of sending) or to be handed or mailed on paper (no e-mail address)."""

    __tablename__ = "governance_notices"
    __table_args__ = (UniqueConstraint("assembly_id", "membership_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    assembly_id: Mapped[int] = mapped_column(ForeignKey("governance_assemblies.id"), index=True)
    membership_id: Mapped[int] = mapped_column(ForeignKey("core_memberships.id"))
    #: ``email`` or ``paper``
    channel: Mapped[str] = mapped_column(String(10))
    #: the outbox key of each e-mail sent to the household's people (one per line)
    outbox_keys: Mapped[str] = mapped_column(Text, default="")
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("core_accounts.id"))

    membership: Mapped[Membership] = relationship()


class Group(Base):
    """A team, committee or the board: its members decide together day to day."""

    __tablename__ = "governance_groups"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    description: Mapped[str] = mapped_column(Text, default="")
    members: Mapped[list[Account]] = relationship(secondary="governance_group_members")


class GroupMember(Base):
    """An account in a group."""

    __tablename__ = "governance_group_members"

    group_id: Mapped[int] = mapped_column(ForeignKey("governance_groups.id", ondelete="CASCADE"),
                                          primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("core_accounts.id", ondelete="CASCADE"),
                                            primary_key=True)


class Proposal(Base):
    """A proposal to a group, Loomio's way: positions with reasons until it closes."""

    __tablename__ = "governance_proposals"

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("governance_groups.id"), index=True)
    title: Mapped[str] = mapped_column(String(300))
    details: Mapped[str] = mapped_column(Text, default="")
    closes_at: Mapped[datetime] = mapped_column(UTCDateTime)
    #: what the group decided, written when it closes
    outcome: Mapped[str] = mapped_column(Text, default="")
    created_by_id: Mapped[int] = mapped_column(ForeignKey("core_accounts.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    group: Mapped[Group] = relationship()
    created_by: Mapped[Account] = relationship()
    positions: Mapped[list["Position"]] = relationship(order_by="Position.updated_at")


class Position(Base):
    """Where one member of the group stands on a proposal, and why (they may change it)."""

    __tablename__ = "governance_positions"
    __table_args__ = (UniqueConstraint("proposal_id", "account_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    proposal_id: Mapped[int] = mapped_column(ForeignKey("governance_proposals.id"), index=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("core_accounts.id"))
    #: ``agree``, ``abstain``, ``disagree``, ``block``
    stance: Mapped[str] = mapped_column(String(10))
    reason: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    account: Mapped[Account] = relationship()
