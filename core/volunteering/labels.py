"""Translated titles of volunteering's codes."""

from __future__ import annotations

from core.i18n import _


def accompaniment_titles() -> dict:
    return {"transport": _("transport"), "language": _("language (interpreting)"),
            "support": _("support")}


def recognition_titles() -> dict:
    return {"dues": _("Credited against the annual dues"),
            "solidarity_tier": _("Market's solidarity tier"), "other": _("Other recognition")}


def signup_titles() -> dict:
    return {"confirmed": _("Signed up"), "cancelled": _("Cancelled"), "no_show": _("Did not come")}
