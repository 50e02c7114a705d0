"""Who acts as the coop's privacy officer (responsable de la protection des renseignements
personnels) on the pages that are theirs: record imports and their review list.

One place to change: until the named privacy officer role exists, the holders of
``record.privacy.review`` (administrators on a new installation) act as the officer.
"""

from __future__ import annotations

from core.security.access import has_permission, require

OFFICER_PERMISSION = "record.privacy.review"


def officer_only(view):
    """Route decorator: only the privacy officer reaches this page."""
    return require(OFFICER_PERMISSION)(view)


def is_officer(account=None) -> bool:
    """Does ``account`` (default: the signed-in one) act as the privacy officer?"""
    return has_permission(OFFICER_PERMISSION, account=account)
