"""What every page of the plugin shares: the blueprint, and a posted date read as a refusal.

Pages follow core's request lifecycle (``core.api``): ``get_or_404`` loads, ``open_chart`` or a
permission checks, ``attempt`` runs a rule of ``referrals.py`` or ``directory.py`` and commits
once (audit included) or rolls back and gives the messages by field, which ``form_page`` shows.
The coop's ``today()`` dates follow-ups and freshness.
"""

from __future__ import annotations

from datetime import date

from flask import Blueprint

from core.api import Refused

from plugins.social_work import _

bp = Blueprint("social_work", __name__, template_folder="templates")


def parse_day(value: str | None, field: str) -> date | None:
    """A posted ISO date, None when empty; a refusal next to ``field`` when unreadable."""
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise Refused(_("Enter a valid date."), field) from None
