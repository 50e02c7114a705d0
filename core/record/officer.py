"""Who acts as the coop's privacy officer (responsable de la protection des renseignements
personnels) on the record's pages that are theirs: record imports and their review list.

One place to change: the named privacy officer role (:mod:`core.privacy.officer`), never the
administrator acting as one.
"""

from __future__ import annotations

from core.privacy.officer import PERMISSION as OFFICER_PERMISSION
from core.security.access import has_permission, require

__all__ = ["OFFICER_PERMISSION", "officer_only", "is_officer"]


def officer_only(view):
    """Route decorator: only the privacy officer reaches this page."""
    return require(OFFICER_PERMISSION)(view)


def is_officer(account=None) -> bool:
    """Does ``account`` (default: the signed-in one) act as the privacy officer?"""
    return has_permission(OFFICER_PERMISSION, account=account)
