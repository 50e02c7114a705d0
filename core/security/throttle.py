"""Login throttling that slows attackers without locking the real user out.

Three counters, each over a 15-minute window:

* address: 30 failures from one address, whatever the accounts (credential stuffing);
* account + address: 10 failures on one account from one address (guessing);
* account: 50 failures on one account from anywhere, which is skipped for a browser where
  the account already signed in successfully (its device cookie), so the owner still gets in.

Unknown usernames count only against the address, which keeps the store bounded.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import delete

from core.db import utcnow
from core.security.models import LoginThrottle

WINDOW = timedelta(minutes=15)
LIMITS = {"ip": 30, "acct-ip": 10, "acct": 50}


def _keys(address: str, account_id: int | None, known_device: bool) -> list[tuple[str, str]]:
    keys = [("ip", f"ip:{address}")]
    if account_id is not None:
        keys.append(("acct-ip", f"acct-ip:{account_id}:{address}"))
        if not known_device:
            keys.append(("acct", f"acct:{account_id}"))
    return keys


def is_blocked(db, address: str, account_id: int | None, known_device: bool) -> bool:
    """True when any counter that applies is at its limit within the window."""
    now = utcnow()
    for kind, key in _keys(address, account_id, known_device):
        row = db.get(LoginThrottle, key)
        if row and now - row.window_start < WINDOW and row.failures >= LIMITS[kind]:
            return True
    return False


def record_failure(db, address: str, account_id: int | None) -> None:
    """Count a failure against every counter that applies (the account-wide one included)."""
    now = utcnow()
    db.execute(delete(LoginThrottle).where(LoginThrottle.window_start < now - WINDOW))
    for _kind, key in _keys(address, account_id, known_device=False):
        row = db.get(LoginThrottle, key)
        if row is None:
            db.add(LoginThrottle(key=key, window_start=now, failures=1))
        else:
            row.failures += 1


def record_success(db, address: str, account_id: int) -> None:
    """A success clears this account's counters for this address (not the address-wide one)."""
    db.execute(delete(LoginThrottle).where(
        LoginThrottle.key.in_([f"acct-ip:{account_id}:{address}"])))
