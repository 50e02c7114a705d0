"""The privacy officer: a named role held by one designated account, never the administrator
acting as one. Administrators designate (and replace) the officer; the designation gives the
account the ``privacy_officer`` role, which holds the officer's permissions, and takes it from
the one replaced. Members read the officer's name and contact in their portal.
"""

from __future__ import annotations

from marshmallow import ValidationError, validate, validates_schema
from sqlalchemy import select

from core.db import utcnow
from core.i18n import _
from core.identity.models import Account, Role
from core.identity.schemas import BlankIsNone, Text, optional_text, required_text
from core.ids import IdField
from core.privacy.models import PrivacyOfficerDesignation
from core.refusal import Refused

#: the role the designation gives; no other page grants or removes it
ROLE = "privacy_officer"
#: the permission pages of the privacy officer require (``core.api.PRIVACY_OFFICER``)
PERMISSION = "core.privacy.officer"


class DesignationSchema(BlankIsNone):
    """What the administrator fills in to designate the officer."""

    account_id = IdField(required=True, error_messages={
        "required": _("Choose the account of the privacy officer."),
        "invalid": _("Choose the account of the privacy officer.")})
    title = optional_text(200)
    email = Text(load_default="", validate=[
        validate.Length(max=200, error=_("Enter at most %(n)s characters.", n=200)),
        validate.Email(error=_("Enter an e-mail address."))])
    phone = optional_text(40)
    delegation = required_text(300)

    @validates_schema
    def _reachable(self, values, **kwargs):
        if not values.get("email") and not values.get("phone"):
            raise ValidationError(_("Give an e-mail address or a telephone number: members "
                                    "must be able to reach the privacy officer."), "email")


def current(session) -> PrivacyOfficerDesignation | None:
    """The privacy officer now (None when none is designated)."""
    return session.scalar(select(PrivacyOfficerDesignation)
                          .where(PrivacyOfficerDesignation.ended_at.is_(None))
                          .order_by(PrivacyOfficerDesignation.id.desc()).limit(1))


def history(session) -> list[PrivacyOfficerDesignation]:
    """Every designation, newest first."""
    return list(session.scalars(select(PrivacyOfficerDesignation)
                                .order_by(PrivacyOfficerDesignation.id.desc())))


def designate(session, data, *, by: Account | None) -> PrivacyOfficerDesignation:
    """Designate the account ``data["account_id"]`` privacy officer with its public contact.

    The previous designation ends and its holder loses the role (unless it is the same
    account, whose contact is then updated). Refused for an unknown or disabled account.
    """
    values = DesignationSchema().load(dict(data))
    account = session.get(Account, values["account_id"])
    if account is None or not account.active:
        raise Refused(_("Choose an active account."), "account_id")
    if account.person_id is not None and not account.role_codes - {"member"}:
        raise Refused(_("A member's own account cannot be the privacy officer: choose a staff "
                        "account."), "account_id")
    role = session.get(Role, ROLE)
    if role is None:
        raise Refused(_("The privacy officer role is missing: restart the server so that core "
                        "declares it."))
    now = utcnow()
    before = current(session)
    if before is not None:
        before.ended_at = now
        if before.account_id != account.id and role in before.account.roles:
            before.account.roles.remove(role)
    if role not in account.roles:
        account.roles.append(role)
    designation = PrivacyOfficerDesignation(
        account=account, title=values["title"] or str(_("Privacy officer")),
        email=values["email"], phone=values["phone"], delegation=values["delegation"],
        designated_at=now, designated_by_id=by.id if by is not None else None)
    session.add(designation)
    session.flush()
    return designation


def keep_officer_role(session, account: Account, chosen: list[str]) -> list[str]:
    """The roles chosen on the accounts page, with the privacy officer role as it was: only a
    designation gives or takes it (a checkbox must not make a second officer)."""
    codes = [c for c in chosen if c != ROLE]
    if ROLE in account.role_codes:
        codes.append(ROLE)
    return codes


def contact() -> PrivacyOfficerDesignation | None:
    """The current officer for templates (the portal shows how to reach them)."""
    from core import db

    return current(db.session())
