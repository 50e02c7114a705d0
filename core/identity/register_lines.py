"""The register's memberships as plain rows (:class:`Line`): what deciding a standing and a
vote reads (:func:`core.identity.register.standing`, :func:`~core.identity.register.voting_rights`),
in one statement, the shares paid summed by the database. Reading every membership as objects,
with their payments and households, took 12-18 s at 20,000 members; these rows, a few hundred
milliseconds. The register's page and an assembly's quorum both read them."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import NamedTuple

from sqlalchemy import Numeric, String, case, func, literal_column, select, type_coerce
from sqlalchemy.orm import Session

from core.db import read_rows
from core.identity.models import (ACTIVE, CATEGORIES, REFUND, SHARE, Household, Membership,
                                  SharePayment)


class Line(NamedTuple):
    """A membership as the register needs it to decide its standing and vote
    (:func:`register.standing` and :func:`register.refusal` read these names). A tuple, not a
    dataclass: made 20,000 times for a count, a frozen dataclass took four times as long."""

    id: int
    number: str
    household_id: int
    household_name: str
    status: str
    category: str
    started_on: date
    share_amount: Decimal
    dues_paid_until: date | None
    paid: Decimal

    @property
    def balance(self) -> Decimal:
        """Shares still owed, as :attr:`Membership.balance`."""
        return self.share_amount - self.paid


#: each membership's shares paid less shares refunded, as :attr:`Membership.paid` sums them
#: (dues are not shares), summed once for all and joined: a sum per membership, 20,000 times,
#: cost the database twice as much and PostgreSQL compiled it (JIT) on every count
_SUMS = (select(SharePayment.membership_id.label("membership_id"),
                func.sum(case((SharePayment.kind == SHARE, SharePayment.amount),
                              (SharePayment.kind == REFUND, -SharePayment.amount),
                              else_=0)).label("paid"))
         .group_by(SharePayment.membership_id).subquery("paid_sums"))
#: typed as the amounts are, so that SQLite too answers a Decimal of cents, not a float
_PAID = type_coerce(func.coalesce(_SUMS.c.paid, 0), Numeric(10, 2))
_COLUMNS = (Membership.id, Membership.number, Membership.household_id)
_STATE = (Membership.status, Membership.category, Membership.started_on,
          Membership.share_amount, Membership.dues_paid_until, _PAID)

_LINES = (select(*_COLUMNS, Household.name, *_STATE)
          .join(Household, Household.id == Membership.household_id)
          .outerjoin(_SUMS, _SUMS.c.membership_id == Membership.id))
#: without the household's name (``""``): who votes is decided without it
_UNNAMED = (select(*_COLUMNS, literal_column("''", String()), *_STATE)
            .outerjoin(_SUMS, _SUMS.c.membership_id == Membership.id))


def read_lines(session: Session, category: str = "", active_only: bool = False,
               named: bool = True) -> list[Line]:
    """Every membership (of ``category``, if one; only the active ones, ``active_only``) as a
    :class:`Line`, in member-number order, in one statement; ``named=False``: with no
    household name (a count, which needs none, reads the households not at all)."""
    stmt = _LINES if named else _UNNAMED
    if category in CATEGORIES:
        stmt = stmt.where(Membership.category == category)
    if active_only:
        stmt = stmt.where(Membership.status == ACTIVE)
    # fetched at once: a result iterated fetches its rows one by one (48 ms at 20,000)
    return list(map(Line._make, read_rows(session, stmt.order_by(Membership.number)).all()))
