"""The register's memberships as plain rows (:class:`Line`): what deciding a standing and a
vote reads (:func:`core.identity.register.standing`, :func:`~core.identity.register.voting_rights`),
in one statement, the shares paid summed by the database. Reading every membership as objects,
with their payments and households, took 12-18 s at 20,000 members; these rows, a few hundred
milliseconds. The register's page and an assembly's quorum both read them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import Numeric, case, func, select, type_coerce
from sqlalchemy.orm import Session

from core.identity.models import (ACTIVE, CATEGORIES, REFUND, SHARE, Household, Membership,
                                  SharePayment)


@dataclass(frozen=True)
class Line:
    """A membership as the register needs it to decide its standing and vote
    (:func:`register.standing` and :func:`register.voting_rights` read these names)."""

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


#: shares paid less shares refunded, as :attr:`Membership.paid` sums them (dues are not shares)
#: (typed as the amounts are, so that SQLite too answers a Decimal of cents, not a float)
_PAID = type_coerce(
    select(func.coalesce(func.sum(case((SharePayment.kind == SHARE, SharePayment.amount),
                                       (SharePayment.kind == REFUND, -SharePayment.amount),
                                       else_=0)), 0))
    .where(SharePayment.membership_id == Membership.id).correlate(Membership)
    .scalar_subquery(), Numeric(10, 2))

_LINES = (select(Membership.id, Membership.number, Membership.household_id, Household.name,
                 Membership.status, Membership.category, Membership.started_on,
                 Membership.share_amount, Membership.dues_paid_until, _PAID)
          .join(Household, Household.id == Membership.household_id))


def read_lines(session: Session, category: str = "", active_only: bool = False) -> list[Line]:
    """Every membership (of ``category``, if one; only the active ones, ``active_only``) as a
    :class:`Line`, in member-number order, in one statement."""
    stmt = _LINES
    if category in CATEGORIES:
        stmt = stmt.where(Membership.category == category)
    if active_only:
        stmt = stmt.where(Membership.status == ACTIVE)
    return [Line(*row) for row in session.execute(stmt.order_by(Membership.number))]
