"""The members' register and membership life: rules and writes (views, jobs and plugins call it).

A membership is one member of the coop (a household's, as Quebec health coops count): one vote.
Every change is written to ``core_membership_events`` with who made it and when it takes effect.

The coop's bylaws are read from settings (``SOIN_*``, see :func:`bylaws`): the annual dues, the
grace period after which an unpaid membership is flagged as lapsed, how long before the due
date renewal reminders go out, and whether voting asks for paid-up shares and current dues.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from flask import current_app, has_app_context
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from core.coop_time import today as coop_today
from core.i18n import _
from core.identity.models import (ACTIVE, CATEGORIES, DUES, REFUND, STATUSES, Membership,
                                  MembershipEvent, SharePayment)
from core.identity.register_lines import Line, read_lines
from core.refusal import Refused


class RegisterError(Refused):
    """A change the register refuses; ``message`` is translated, ``field`` names the input."""


@dataclass(frozen=True)
class Bylaws:
    """What the coop's bylaws say about membership, as set in its settings."""

    #: annual dues (0: the coop asks none, memberships never lapse)
    dues: Decimal
    #: days after the dues' end before a membership is flagged as lapsed
    grace_days: int
    #: days before the dues' end when the renewal reminder goes out
    reminder_days: int
    #: a member votes only when their shares are fully paid
    vote_needs_paid_shares: bool
    #: a member votes only when their dues are current (grace period included)
    vote_needs_dues: bool


def bylaws() -> Bylaws:
    """The coop's membership rules from ``SOIN_MEMBERSHIP_*`` settings (defaults otherwise)."""
    config = current_app.config if has_app_context() else {}
    return Bylaws(dues=Decimal(str(config.get("SOIN_MEMBERSHIP_DUES", "10.00"))),
                  grace_days=int(config.get("SOIN_MEMBERSHIP_GRACE_DAYS", 60)),
                  reminder_days=int(config.get("SOIN_MEMBERSHIP_REMINDER_DAYS", 30)),
                  vote_needs_paid_shares=bool(config.get("SOIN_VOTE_NEEDS_PAID_SHARES", True)),
                  vote_needs_dues=bool(config.get("SOIN_VOTE_NEEDS_DUES", True)))


def category_titles() -> dict:
    """Translated names of the member categories."""
    return {"user": _("User member"), "worker": _("Worker member"), "support": _("Support member")}


def status_titles() -> dict:
    """Translated names of the statuses, with the derived ``lapsed``, ``grace`` and ``due``."""
    return {"active": _("Active"), "withdrawn": _("Withdrawn"), "excluded": _("Excluded"),
            "deceased": _("Deceased"), "lapsed": _("Lapsed (dues unpaid)"),
            "grace": _("Renewal overdue (grace period)"), "due": _("Dues to collect")}


def awaits_first_dues(membership: Membership) -> bool:
    """No dues recorded yet: the next are the first, and renew nothing (whatever the standing:
    ``due`` while newly admitted, ``lapsed`` past the grace period)."""
    return membership.dues_paid_until is None


def standing(membership: Membership | Line, today: date | None = None,
             rules: Bylaws | None = None) -> str:
    """The status the register shows: the stored one, or for an active membership ``grace``
    (dues ended, within the grace period), ``due`` (newly admitted, first dues not recorded
    yet: no renewal was missed, reception collects them) or ``lapsed`` (past the grace
    period either way). For the vote, ``due`` counts as ``grace`` does."""
    if membership.status != ACTIVE:
        return membership.status
    rules = rules or bylaws()
    today = today or coop_today()
    until = membership.dues_paid_until
    if rules.dues <= 0 or (until is not None and until >= today):
        return ACTIVE
    if until is not None and until + timedelta(days=rules.grace_days) >= today:
        return "grace"
    if until is None and membership.started_on + timedelta(days=rules.grace_days) >= today:
        return "due"
    return "lapsed"


#: the rule that refuses a vote (:func:`refusal`): the membership is not active, its dues
#: lapsed, its shares are not fully paid
INACTIVE, DUES_UNPAID, SHARES_OWED = "inactive", "dues", "shares"


def refusal(membership: Membership | Line, today: date | None = None,
            rules: Bylaws | None = None, state: str | None = None) -> str:
    """The rule that refuses this member a vote today (:data:`INACTIVE`, :data:`DUES_UNPAID`,
    :data:`SHARES_OWED`), or ``""``: they vote. The one place the voting rules are decided;
    :func:`voting_rights` words the answer, and counting who votes (an assembly's quorum, the
    register's total) asks this without building a translated reason for each of 20,000
    members (``state``: the :func:`standing` already known, not decided again)."""
    if membership.status != ACTIVE:
        return INACTIVE
    rules = rules or bylaws()
    if rules.vote_needs_dues and (state or standing(membership, today, rules)) == "lapsed":
        return DUES_UNPAID
    if rules.vote_needs_paid_shares and membership.balance > 0:
        return SHARES_OWED
    return ""


def why_not(refused: str) -> str:
    """A :func:`refusal` in words, translated (``""``: the member votes)."""
    if refused == INACTIVE:
        return str(_("The membership is not active."))
    if refused == DUES_UNPAID:
        return str(_("The annual dues are unpaid."))
    if refused == SHARES_OWED:
        return str(_("The shares are not fully paid."))
    return ""


def voting_rights(membership: Membership | Line, today: date | None = None,
                  rules: Bylaws | None = None) -> tuple[bool, str]:
    """May this member vote today, and if not, why (a translated reason)."""
    refused = refusal(membership, today, rules)
    return not refused, why_not(refused)


def eligible_ids(db: Session, today: date | None = None,
                 category: str | None = None) -> list[int]:
    """The memberships that may vote today (optionally of one category), in member-number
    order, decided on plain rows (:func:`core.identity.register_lines.read_lines`) by
    :func:`refusal`, no reason worded: an assembly's quorum screen asks on every showing, and
    reading each membership with its payments as objects took seconds at 20,000 members."""
    rules, today = bylaws(), today or coop_today()
    return [line.id for line in read_lines(db, category or "", active_only=True)
            if not refusal(line, today, rules)]


def eligible_voters(db: Session, today: date | None = None,
                    category: str | None = None) -> list[Membership]:
    """Members who may vote today (one per membership, with their household and payments),
    optionally of one category, in member-number order."""
    ids = eligible_ids(db, today, category)
    if not ids:
        return []
    return list(db.scalars(select(Membership).where(Membership.id.in_(ids))
                           .options(selectinload(Membership.payments),
                                    selectinload(Membership.household))
                           .order_by(Membership.number)))


def _event(db: Session, membership: Membership, kind: str, old: str, new: str, on: date,
           by=None, note: str = "") -> MembershipEvent:
    event = MembershipEvent(membership=membership, kind=kind, old_value=old, new_value=new,
                            effective_on=on, note=note[:500], by_id=by.id if by else None)
    db.add(event)
    return event


def admission(category: str, started_on: date, by=None) -> dict:
    """The admission's line in the register's history, as :class:`MembershipEvent` values
    (written with the membership, which gives its id)."""
    return {"kind": "admitted", "old_value": "", "new_value": category,
            "effective_on": started_on, "by_id": by.id if by else None}


def change_status(db: Session, membership: Membership, status: str, effective_on: date,
                  note: str = "", by=None) -> None:
    """Set the member's status (an exclusion or a death recorded, a withdrawal reversed)."""
    if status not in STATUSES:
        raise RegisterError(_("Choose a status from the list."), "status")
    if status == membership.status:
        raise RegisterError(_("The membership already has this status."), "status")
    _event(db, membership, "status", membership.status, status, effective_on, by, note)
    membership.status = status
    membership.ended_on = None if status == ACTIVE else effective_on
    db.flush()


def change_category(db: Session, membership: Membership, category: str, effective_on: date,
                    note: str = "", by=None) -> None:
    """Move the member to another category (a user member hired becomes a worker member)."""
    if category not in CATEGORIES:
        raise RegisterError(_("Choose a category from the list."), "category")
    if category == membership.category:
        raise RegisterError(_("The member is already in this category."), "category")
    _event(db, membership, "category", membership.category, category, effective_on, by, note)
    membership.category = category
    db.flush()


def renew(db: Session, membership: Membership, amount: Decimal, paid_on: date, method: str = "",
          by=None) -> date:
    """Record the annual dues: the membership is covered one more year; returns the new end.

    A renewal paid late starts on the day it is paid (the lapsed months are not charged again).
    """
    from dateutil.relativedelta import relativedelta  # python-dateutil: not loaded by every start

    if membership.status != ACTIVE:
        raise RegisterError(_("Only an active membership can be renewed."), "amount")
    if amount <= 0:
        raise RegisterError(_("Enter an amount above 0."), "amount")
    current = membership.dues_paid_until
    start = current if current is not None and current >= paid_on - timedelta(days=1) else \
        paid_on - timedelta(days=1)
    until = start + relativedelta(years=1)
    db.add(SharePayment(membership=membership, amount=amount, paid_on=paid_on, method=method,
                        kind=DUES, recorded_by_id=by.id if by else None))
    _event(db, membership, "renewed", current.isoformat() if current else "", until.isoformat(),
           paid_on, by)
    membership.dues_paid_until = until
    db.flush()
    return until


def withdraw(db: Session, membership: Membership, effective_on: date, refund: Decimal,
             method: str = "", note: str = "", by=None) -> None:
    """The member leaves: status withdrawn and, when the coop repays them, the share refund."""
    if membership.status != ACTIVE:
        raise RegisterError(_("Only an active membership can be withdrawn."), "effective_on")
    if refund < 0 or refund > membership.paid:
        raise RegisterError(_("The refund cannot exceed the shares paid (%(paid)s).",
                              paid=membership.paid), "refund")
    if refund > 0:
        db.add(SharePayment(membership=membership, amount=refund, paid_on=effective_on,
                            method=method, kind=REFUND, recorded_by_id=by.id if by else None))
        _event(db, membership, "refund", "", str(refund), effective_on, by)
    change_status(db, membership, "withdrawn", effective_on, note, by)


def ask_renewal(db: Session, membership: Membership, by=None) -> None:
    """The member asks to renew from the portal; reception records the payment when it comes."""
    if membership.status != ACTIVE:
        raise RegisterError(_("Only an active membership can be renewed."))
    _event(db, membership, "renewal_asked", "", "", coop_today(), by)
    db.flush()


def renewal_asked(membership: Membership) -> bool:
    """A renewal asked from the portal and not yet paid."""
    for event in reversed(membership.events):
        if event.kind == "renewed":
            return False
        if event.kind == "renewal_asked":
            return True
    return False


def renewals_asked(db: Session) -> list[tuple[Membership, date]]:
    """Active memberships whose renewal was asked from the portal and not yet paid, with the
    day each was asked, oldest first (reception confirms them when the dues come in)."""
    latest: dict[int, tuple[str, date]] = {}
    for membership_id, kind, on in db.execute(
            select(MembershipEvent.membership_id, MembershipEvent.kind,
                   MembershipEvent.effective_on)
            .where(MembershipEvent.kind.in_(("renewal_asked", "renewed")))
            .order_by(MembershipEvent.id)):
        latest[membership_id] = (kind, on)
    asked = {m: on for m, (kind, on) in latest.items() if kind == "renewal_asked"}
    if not asked:
        return []
    found = db.scalars(select(Membership).where(Membership.id.in_(asked),
                                                Membership.status == ACTIVE)
                       .options(selectinload(Membership.household)))
    return sorted(((m, asked[m.id]) for m in found), key=lambda pair: (pair[1], pair[0].id))


def last_renewal(membership: Membership) -> MembershipEvent | None:
    """The latest renewal recorded (its ``effective_on`` is the day the dues were paid, its
    ``new_value`` the day the membership now runs to), for the member to see the outcome."""
    return next((e for e in reversed(membership.events) if e.kind == "renewed"), None)
