"""The register's memberships as plain rows (:class:`Line`): what deciding a standing and a
vote reads (:func:`core.identity.register.standing`, :func:`~core.identity.register.voting_rights`),
in one statement. Reading every membership as objects, with their payments and households,
took 12-18 s at 20,000 members; these rows, a few hundred milliseconds. An assembly's quorum
reads them; the register's page decides in SQL (:mod:`core.identity.register_list`) and
hands its lines over as :class:`Line` too."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import NamedTuple

from sqlalchemy import String, literal_column, select
from sqlalchemy.orm import Session

from core.db import read_rows
from core.identity.models import ACTIVE, CATEGORIES, Membership


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


#: who votes is decided without the household's name (``""``): the households are not read;
#: the shares paid are the ones each membership keeps (``shares_paid``, kept by the database
#: in each payment's transaction), not summed again over every payment
_LINES = select(Membership.id, Membership.number, Membership.household_id,
                literal_column("''", String()), Membership.status, Membership.category,
                Membership.started_on, Membership.share_amount, Membership.dues_paid_until,
                Membership.shares_paid)


def read_lines(session: Session, category: str = "", active_only: bool = False) -> list[Line]:
    """Every membership (of ``category``, if one; only the active ones, ``active_only``) as a
    :class:`Line` with no household name, in member-number order, in one statement."""
    stmt = _LINES
    if category in CATEGORIES:
        stmt = stmt.where(Membership.category == category)
    if active_only:
        stmt = stmt.where(Membership.status == ACTIVE)
    # fetched at once: a result iterated fetches its rows one by one (48 ms at 20,000)
    return list(map(Line._make, read_rows(session, stmt.order_by(Membership.number)).all()))
