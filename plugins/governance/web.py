"""What the plugin's pages share: load or 404, one transaction per action, the member's
membership."""

from __future__ import annotations

from flask import abort
from marshmallow import ValidationError

from core.api import current_account, current_session

from plugins.governance.assemblies import GovernanceError, membership_of
from plugins.governance.schemas import form_errors


def load(model, ident: int):
    """The row, or 404."""
    found = current_session().get(model, ident)
    if found is None:
        abort(404)
    return found


def attempt(action) -> dict:
    """Run ``action()`` and commit once; or roll back and return the errors by field."""
    session = current_session()
    try:
        action()
    except ValidationError as exc:
        session.rollback()
        return form_errors(exc)
    except GovernanceError as exc:
        session.rollback()
        return {exc.field or "_": [str(exc.message)]}
    session.commit()
    return {}


def my_membership():
    """The signed-in member's membership (through their household), or None."""
    account = current_account()
    return membership_of(account.person if account else None)
