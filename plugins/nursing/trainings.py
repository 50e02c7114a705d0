"""Which nurse holds which training an ordonnance collective requires (element 3).

The engine refuses an OC to a nurse whose practitioner profile lacks one of its required
trainings; this is where the register's keepers record them, without a developer. Codes the
OCs do not ask for are left as they are on the profile.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from core.api import Account, audit

from plugins.nursing import NAME
from plugins.nursing.oc import registry
from plugins.nursing.oc.engine import training_codes


def required(session, today: date) -> dict[str, list[str]]:
    """Training code -> the OC codes (governing today) that require it."""
    out: dict[str, list[str]] = {}
    for row in registry.catalogue(session, today):
        for code in row.document["authorized"].get("required_trainings", []):
            out.setdefault(code.lower(), []).append(row.code)
    return dict(sorted(out.items()))


def nurses(session) -> list:
    """Active nursing practitioners, by name."""
    return list(session.execute(select(Account).where(
        Account.active.is_(True), Account.practitioner.has(discipline=NAME))
        .order_by(Account.display_name)).scalars())


def held(account) -> set[str]:
    """The training codes on a nurse's practitioner profile."""
    return set(training_codes(account.practitioner.trainings))


def set_trainings(session, account, chosen: set[str], managed: set[str]) -> bool:
    """Replace the ``managed`` codes of ``account`` by ``chosen`` (audited; no commit).

    Returns whether anything changed.
    """
    before = held(account)
    after = (before - managed) | (chosen & managed)
    if after == before:
        return False
    account.practitioner.trainings = " ".join(sorted(after))
    audit(session, "nursing.trainings.update", detail={
        "account_id": account.id, "added": sorted(after - before),
        "removed": sorted(before - after)})
    session.flush()
    return True
