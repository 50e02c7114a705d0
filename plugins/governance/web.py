"""What the plugin's pages share: core's request lifecycle (load or 404, act, commit once or
the translated reasons by field) and the signed-in member's membership."""

from __future__ import annotations

from core.api import attempt as core_attempt, current_account, get_or_404

from plugins.governance.assemblies import membership_of

#: the row, or 404
load = get_or_404


def attempt(action) -> dict:
    """Run ``action()`` through core's lifecycle: commit once and return ``{}``, or roll back
    and return the reasons by field (``_form`` for the whole form)."""
    return core_attempt(action).errors


def my_membership():
    """The signed-in member's membership (through their household), or None."""
    account = current_account()
    return membership_of(account.person if account else None)
