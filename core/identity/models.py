"""People, households, memberships (parts sociales), accounts, roles and practitioners."""

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (Boolean, Column, Date, ForeignKey, Index, Numeric, String, Table, Text,
                        UniqueConstraint)
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from core.db import Base, UTCDateTime, utcnow
from core.rows import row_values
from core.typography import fold

#: the apostrophes people type (typographic, left quote, modifier letter) -> the straight one
_APOSTROPHES = str.maketrans(dict.fromkeys("\u2019\u2018\u02bc", "'"))


def name_key(text: str | None) -> str:
    """:func:`fold`, and any apostrophe the straight one: what a name search matches, on both
    sides. A phone's keyboard writes "O’Brien" (U+2019), a computer's "O'Brien": each finds
    the other. (:func:`fold` alone keeps them apart: it also names the coop in the records it
    sends, which must not change.)"""
    return fold(text).translate(_APOSTROPHES)


def search_name_of(first_name, last_name, preferred_name) -> str:
    """:attr:`Person.search_name` of these names (what name searches match against)."""
    return name_key(f"{first_name} {last_name} {preferred_name}")


#: the length of a stored sort key (a folded name can be longer than the name: "ß" is "ss")
KEY_LENGTH = 200
#: the length of a household's stored sort key: its name (200 characters) folded
HOUSEHOLD_KEY_LENGTH = 400
#: compared character by character (code points) on PostgreSQL as Python compares strings,
#: whatever the database's collation; SQLite compares so already
BINARY_KEY = String(HOUSEHOLD_KEY_LENGTH).with_variant(
    String(HOUSEHOLD_KEY_LENGTH, collation="C"), "postgresql")


def household_sort_name(name: str | None) -> str:
    """:attr:`Household.sort_name` of this name: folded as :func:`core.typography.sort_key`
    folds it (accents and case set aside, "Élodie" with "Elodie")."""
    return fold(name)[:HOUSEHOLD_KEY_LENGTH]


def household_row(given: dict) -> dict:
    """A household's row written without the ORM (:func:`core.rows.row_values`), its sort key
    made from its name as :meth:`Household._named` makes it."""
    return row_values(Household.__table__,
                      {**given, "sort_name": household_sort_name(given.get("name"))})


def name_columns(first_name, last_name, preferred_name) -> dict[str, str]:
    """The stored folded forms of a person's names: ``search_name`` (what name searches
    match) and the keys lists sort by, family name first (:attr:`Person.last_name_key`,
    :attr:`Person.first_name_key`)."""
    return {"search_name": search_name_of(first_name, last_name, preferred_name),
            "last_name_key": name_key(last_name)[:KEY_LENGTH],
            "first_name_key": name_key(first_name)[:KEY_LENGTH]}


class Household(Base):
    """A household: the unit of membership in a Quebec health coop (1 membership = 1 household)."""

    __tablename__ = "core_households"
    __table_args__ = (
        # the register's order (core.identity.register_list): the folded name, read in
        # order from here for a page of 50 instead of sorting every member (the name's own
        # characters and the member number then order the few households of one folded name)
        Index("ix_core_households_sort_name", "sort_name", "id"),
        # a name searched in the register (LIKE '%frag%'), as people's names are searched
        Index("ix_core_households_sort_name_trgm", "sort_name", postgresql_using="gin",
              postgresql_ops={"sort_name": "gin_trgm_ops"},
              postgresql_with={"fastupdate": "off"}).ddl_if(dialect="postgresql"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    #: how reception names it, usually the family name(s)
    name: Mapped[str] = mapped_column(String(200))
    #: the name folded (:func:`household_sort_name`), written with the name (:meth:`_named`
    #: and, for rows written without the ORM, :func:`household_sort_name`): the register's order
    sort_name: Mapped[str] = mapped_column(BINARY_KEY, default="", server_default="")
    address: Mapped[str] = mapped_column(String(300), default="")
    city: Mapped[str] = mapped_column(String(120), default="")
    postal_code: Mapped[str] = mapped_column(String(10), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    people: Mapped[list["Person"]] = relationship(back_populates="household")
    membership: Mapped["Membership | None"] = relationship(back_populates="household", uselist=False)

    @validates("name")
    def _named(self, _key: str, name: str) -> str:
        """The sort key follows the name, in the same write."""
        self.sort_name = household_sort_name(name)
        return name


def addressed(first_name: str, last_name: str, preferred_name: str | None,
              pronouns: str | None) -> str:
    """:attr:`Person.addressed_name` from the columns alone (a page that reads them as rows)."""
    name = f"{preferred_name or first_name} {last_name}"
    return f"{name} ({pronouns})" if pronouns else name


class Person(Base):
    """Someone the coop knows: a member, a patient, a participant in a community program.

    Sex and gender are never inferred from the RAMQ number; the person states them if they wish.
    """

    __tablename__ = "core_persons"
    __table_args__ = (
        Index("ix_core_persons_search_name", "search_name"),
        # Name fragments are matched anywhere in the name (LIKE '%frag%'), which a btree cannot
        # serve: on PostgreSQL a trigram index keeps search fast at 55,000 people (bench/);
        # without a pending list, which every search would read until the next vacuum
        Index("ix_core_persons_search_name_trgm", "search_name", postgresql_using="gin",
              postgresql_ops={"search_name": "gin_trgm_ops"},
              postgresql_with={"fastupdate": "off"}).ddl_if(dialect="postgresql"),
        # The order search results are listed in: with it a common fragment ("anc") reads the
        # first 20 matches in order instead of sorting every match (bench/README.md).
        Index("ix_core_persons_name_order", "last_name_key", "first_name_key", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    household_id: Mapped[int | None] = mapped_column(ForeignKey("core_households.id"), index=True)
    first_name: Mapped[str] = mapped_column(String(120))
    last_name: Mapped[str] = mapped_column(String(120))
    #: the name the person wants to be called by
    preferred_name: Mapped[str] = mapped_column(String(120), default="")
    date_of_birth: Mapped[date | None] = mapped_column(Date, index=True)
    #: RAMQ health-insurance number, 4 letters + 8 digits, stored upper-case without spaces
    ramq: Mapped[str | None] = mapped_column(String(12), unique=True)
    #: sex assigned at birth (female | male | intersex | "" not stated): clinical rules read it,
    #: apart from the gender the person identifies with
    sex_at_birth: Mapped[str] = mapped_column(String(20), default="")
    #: gender identity, in the person's own words
    gender: Mapped[str] = mapped_column(String(60), default="")
    pronouns: Mapped[str] = mapped_column(String(40), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    language: Mapped[str] = mapped_column(String(8), default="fr_CA")
    #: folded "first last preferred" for accent-insensitive search
    search_name: Mapped[str] = mapped_column(String(400), default="")
    #: the folded family and first names (:func:`name_key`), the order lists of people are
    #: in: accents and case set aside ("Ève" among the E, "Léa" before "Liam"), where the
    #: names' own bytes put every accented letter after the Z
    last_name_key: Mapped[str] = mapped_column(String(KEY_LENGTH), default="", server_default="")
    first_name_key: Mapped[str] = mapped_column(String(KEY_LENGTH), default="", server_default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    #: a duplicate registration folded into this person (see core.identity.merge); kept so
    #: audit events and old links still name someone, never found by search
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("core_persons.id"))

    household: Mapped[Household | None] = relationship(back_populates="people")

    @property
    def full_name(self) -> str:
        """The legal name (first and last names as registered): where the law needs it."""
        return f"{self.first_name} {self.last_name}"

    @property
    def addressed_name(self) -> str:
        """How the person is addressed: the name they chose (else their first name), their
        family name, and their pronouns when they gave them."""
        return addressed(self.first_name, self.last_name, self.preferred_name, self.pronouns)

    @property
    def goes_by_another_name(self) -> bool:
        """Does the name the person is addressed by differ from the legal one?"""
        return bool(self.preferred_name) and self.preferred_name != self.first_name

    def refresh_search_name(self) -> None:
        """The folded names (search name and sort keys) written again from the names."""
        for column, value in name_columns(self.first_name, self.last_name,
                                          self.preferred_name).items():
            setattr(self, column, value)


#: categories of members in a Quebec solidarity coop (user, worker, support members)
CATEGORIES = ("user", "worker", "support")
#: a member's status in the register; "lapsed" is never stored: it is derived from the dues
ACTIVE, WITHDRAWN, EXCLUDED, DECEASED = "active", "withdrawn", "excluded", "deceased"
STATUSES = (ACTIVE, WITHDRAWN, EXCLUDED, DECEASED)
#: what a payment is for; a refund of shares on withdrawal is recorded as a positive amount
SHARE, DUES, REFUND = "share", "dues", "refund"


class Membership(Base):
    """A household's membership in the coop and its share (part sociale).

    One membership is one member of the register: one vote, whatever the household's size.
    """

    __tablename__ = "core_memberships"

    id: Mapped[int] = mapped_column(primary_key=True)
    household_id: Mapped[int] = mapped_column(ForeignKey("core_households.id"), unique=True)
    number: Mapped[str] = mapped_column(String(20), unique=True)
    started_on: Mapped[date] = mapped_column(Date)
    #: the share the coop asks for (the amount owed)
    share_amount: Mapped[Decimal] = mapped_column(Numeric(10, 2))
    status: Mapped[str] = mapped_column(String(20), default="active")
    ended_on: Mapped[date | None] = mapped_column(Date)
    category: Mapped[str] = mapped_column(String(20), default="user", server_default="user")
    #: the annual dues cover the membership up to this day (None: never paid)
    dues_paid_until: Mapped[date | None] = mapped_column(Date)
    #: :attr:`paid` as stored, kept by the database's triggers on ``core_share_payments``
    #: (core migration 5b7d9e1f3a24) in the payment's own transaction: the register counts who
    #: votes without summing every payment (33-45 ms at 20,000 members on PostgreSQL)
    shares_paid: Mapped[Decimal] = mapped_column(Numeric(10, 2), default=Decimal("0"),
                                                 server_default="0")

    household: Mapped[Household] = relationship(back_populates="membership")
    payments: Mapped[list["SharePayment"]] = relationship(back_populates="membership",
                                                          order_by="SharePayment.paid_on")
    events: Mapped[list["MembershipEvent"]] = relationship(
        back_populates="membership", order_by="MembershipEvent.id")

    @property
    def paid(self) -> Decimal:
        """Shares paid, less shares refunded (dues are not shares)."""
        return sum((p.amount if p.kind == SHARE else -p.amount for p in self.payments
                    if p.kind in (SHARE, REFUND)), Decimal("0"))

    @property
    def balance(self) -> Decimal:
        return self.share_amount - self.paid


class SharePayment(Base):
    """A payment toward a membership share."""

    __tablename__ = "core_share_payments"

    id: Mapped[int] = mapped_column(primary_key=True)
    membership_id: Mapped[int] = mapped_column(ForeignKey("core_memberships.id"), index=True)
    amount: Mapped[Decimal] = mapped_column(Numeric(10, 2))
    paid_on: Mapped[date] = mapped_column(Date)
    method: Mapped[str] = mapped_column(String(30), default="")
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("core_accounts.id"))
    #: ``share``, ``dues`` or ``refund`` (of shares, on withdrawal)
    kind: Mapped[str] = mapped_column(String(10), default=SHARE, server_default=SHARE)

    membership: Mapped[Membership] = relationship(back_populates="payments")


class MembershipEvent(Base):
    """One change in the register (admission, status, category, renewal, refund): who, when, what.

    Never updated: the register's history as the cooperatives act asks it to be kept.
    """

    __tablename__ = "core_membership_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    membership_id: Mapped[int] = mapped_column(ForeignKey("core_memberships.id"), index=True)
    #: ``admitted``, ``status``, ``category``, ``renewed``, ``renewal_asked``, ``refund``
    kind: Mapped[str] = mapped_column(String(20))
    old_value: Mapped[str] = mapped_column(String(40), default="")
    new_value: Mapped[str] = mapped_column(String(40), default="")
    #: the day the change takes effect (a withdrawal dated at the board's decision)
    effective_on: Mapped[date] = mapped_column(Date)
    note: Mapped[str] = mapped_column(String(500), default="")
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    by_id: Mapped[int | None] = mapped_column(ForeignKey("core_accounts.id"))

    membership: Mapped[Membership] = relationship(back_populates="events")
    by: Mapped["Account | None"] = relationship()

    @property
    def first_dues(self) -> bool:
        """A ``renewed`` line that recorded the membership's first dues: no period before it,
        so nothing was renewed (the member and reception read "first dues", not "renewal")."""
        return self.kind == "renewed" and not self.old_value


account_roles = Table(
    "core_account_roles",
    Base.metadata,
    Column("account_id", ForeignKey("core_accounts.id", ondelete="CASCADE"), primary_key=True),
    Column("role_code", ForeignKey("core_roles.code", ondelete="CASCADE"), primary_key=True),
)


class Role(Base):
    """A role: a named set of permissions (declared by core or a plugin, or made by admins)."""

    __tablename__ = "core_roles"

    code: Mapped[str] = mapped_column(String(80), primary_key=True)
    title: Mapped[str] = mapped_column(String(200), default="")
    #: False: a volunteer-like role that never reaches clinical data
    clinical: Mapped[bool] = mapped_column(Boolean, default=False)


class RolePermission(Base):
    """One permission granted to one role."""

    __tablename__ = "core_role_permissions"

    role_code: Mapped[str] = mapped_column(ForeignKey("core_roles.code", ondelete="CASCADE"),
                                           primary_key=True)
    permission: Mapped[str] = mapped_column(String(120), primary_key=True)


class KnownPermission(Base):
    """Permissions whose defaults were applied once (so admins' later choices stand)."""

    __tablename__ = "core_known_permissions"

    code: Mapped[str] = mapped_column(String(120), primary_key=True)
    first_seen_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Account(Base):
    """Someone who signs in: staff, volunteer or member (linked to their person record)."""

    __tablename__ = "core_accounts"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(120), unique=True)
    display_name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str] = mapped_column(String(200), default="")
    password_hash: Mapped[str] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    locale: Mapped[str | None] = mapped_column(String(8))
    #: the member's own person record (members read their chart through it)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("core_persons.id"), unique=True)
    #: made by ``soin demo``: its password is public, the login page says so
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    roles: Mapped[list[Role]] = relationship(secondary=account_roles, lazy="selectin")
    person: Mapped[Person | None] = relationship()
    practitioner: Mapped["Practitioner | None"] = relationship(back_populates="account",
                                                               uselist=False, lazy="selectin")

    #: (role codes, whether one is clinical) as a signed-in request read them with its session
    #: row (core.security.sessions), ``roles`` left unloaded: once ``roles`` is loaded or
    #: changed in the request, it answers instead
    request_roles = None

    @property
    def role_codes(self) -> set[str]:
        if self.request_roles is not None and "roles" not in self.__dict__:
            return set(self.request_roles[0])
        return {r.code for r in self.roles}

    @property
    def has_clinical_role(self) -> bool:
        """Whether one of the account's roles is clinical."""
        if self.request_roles is not None and "roles" not in self.__dict__:
            return self.request_roles[1]
        return any(role.clinical for role in self.roles)


class Practitioner(Base):
    """A practitioner's professional identity: discipline, order and licence."""

    __tablename__ = "core_practitioners"

    account_id: Mapped[int] = mapped_column(ForeignKey("core_accounts.id", ondelete="CASCADE"),
                                            primary_key=True)
    #: the discipline code declared by a plugin (``nursing``, ``psychology``...)
    discipline: Mapped[str] = mapped_column(String(60), index=True)
    professional_order: Mapped[str] = mapped_column(String(120), default="")
    licence_number: Mapped[str] = mapped_column(String(40), default="")
    #: trainings relevant to protocols (ordonnances collectives), as codes
    trainings: Mapped[str] = mapped_column(Text, default="")

    account: Mapped[Account] = relationship(back_populates="practitioner")


class ApiToken(Base):
    """A bearer token for API clients; only its SHA-256 is stored."""

    __tablename__ = "core_api_tokens"
    __table_args__ = (UniqueConstraint("token_hash"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("core_accounts.id", ondelete="CASCADE"),
                                            index=True)
    name: Mapped[str] = mapped_column(String(120))
    token_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    account: Mapped[Account] = relationship()
