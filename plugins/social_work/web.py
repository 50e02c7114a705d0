"""What every page of the plugin shares: the blueprint, loading rows, one transaction per action.

A view loads what it needs (404 when absent), checks access on the server, calls a rule of
``referrals.py`` or ``directory.py`` through :func:`attempt` (which commits once, or rolls back
and returns the errors to show next to the fields) and renders or redirects.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from flask import Blueprint, abort, current_app
from marshmallow import ValidationError

from core.api import current_session

from plugins.social_work.referrals import ReferralRefused
from plugins.social_work.settings import SettingRefused

bp = Blueprint("social_work", __name__, template_folder="templates")

REFUSALS = (ValidationError, ReferralRefused, SettingRefused)


def today() -> date:
    """Today in the coop's time zone (follow-up dates and freshness are the coop's days)."""
    return datetime.now(ZoneInfo(current_app.config.get("SOIN_TIMEZONE",
                                                        "America/Montreal"))).date()


def load(model, ident):
    """The row ``ident`` of ``model``, or 404 (also for an id that cannot be one)."""
    if ident is None or len(str(ident)) > 40:
        abort(404)
    try:
        row = current_session().get(model, ident)
    except (ValueError, OverflowError):
        row = None
    if row is None:
        abort(404)
    return row


def errors_of(exc) -> dict:
    """A refusal's messages as lists of plain strings per field."""
    messages = getattr(exc, "messages", exc)
    if not isinstance(messages, dict):
        messages = {"_": messages}
    return {k: [str(m) for m in (v if isinstance(v, list) else [v])] for k, v in messages.items()}


def attempt(action) -> dict:
    """Run ``action()``; commit and return ``{}``, or roll back and return errors by field."""
    db = current_session()
    try:
        action()
    except REFUSALS as exc:
        db.rollback()
        return errors_of(exc)
    db.commit()
    return {}


def parse_day(value: str | None, field: str) -> date | None:
    """A posted ISO date, None when empty; a refusal next to ``field`` when unreadable."""
    from plugins.social_work import _
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ReferralRefused({field: [str(_("Enter a valid date."))]}) from None
