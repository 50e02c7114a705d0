"""Members for the register's tests: a household's membership with its shares paid."""

from datetime import date
from decimal import Decimal

from core.identity import service


def paid_member(db, person, *, started_on: date, paid_until: date | None, category="user",
                number=None):
    """A membership for ``person``'s household since ``started_on``: the 10 $ share paid
    that day, dues paid to ``paid_until``; committed."""
    values = {"started_on": started_on, "share_amount": Decimal("10.00"), "category": category}
    if number is not None:
        values["number"] = number
    membership = service.open_membership(db, person.household, values)
    service.record_payment(db, membership, {"amount": Decimal("10.00"), "paid_on": started_on})
    membership.dues_paid_until = paid_until
    db.commit()
    return membership
