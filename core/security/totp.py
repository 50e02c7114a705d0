"""Second sign-in factor: an authenticator app (TOTP, RFC 6238) through ``pyotp``.

Who must have one is the coop's setting ``SOIN_MFA``: ``staff`` (the default: every account
with a role other than ``member`` reaches no page before enrolling, ASVS 5.0 L2 6.3.3) or
``optional`` (anyone may enrol; nobody is made to). Demo accounts are never made to: their
password is printed on the sign-in page, so a second factor would protect nothing real.
API tokens are separate credentials created by an administrator and are not asked for a code.
"""

from __future__ import annotations

import time

from flask import current_app

from core.db import utcnow
from core.security.models import TotpDevice

#: codes from the step before and after the current one are accepted (clock drift)
DRIFT_STEPS = 1


def device_of(db, account) -> TotpDevice | None:
    return db.get(TotpDevice, account.id)


def enrolled(db, account) -> bool:
    """True when the account has a confirmed authenticator app."""
    device = device_of(db, account)
    return device is not None and device.confirmed_at is not None


def required(account) -> bool:
    """True when the coop's setting makes this account use a second factor."""
    if current_app.config.get("SOIN_MFA", "staff") != "staff" or account.is_demo:
        return False
    return bool(account.role_codes - {"member"})


def start_enrolment(db, account) -> TotpDevice:
    """A new secret for the account (replacing an unconfirmed one); confirmed by a first code."""
    import pyotp  # only enrolment and second-factor codes need it: not loaded by every start

    device = device_of(db, account)
    if device is None:
        device = TotpDevice(account_id=account.id)
        db.add(device)
    device.secret = pyotp.random_base32()
    device.confirmed_at = None
    device.last_step = 0
    return device


def provisioning_uri(device: TotpDevice, account) -> str:
    """The ``otpauth://`` address the authenticator app reads from the QR code."""
    import pyotp

    issuer = current_app.config.get("SOIN_COOP_NAME", "Soin commun")
    return pyotp.TOTP(device.secret).provisioning_uri(name=account.username, issuer_name=issuer)


def qr_svg(uri: str) -> str:
    """The QR code of ``uri`` as an inline SVG (no image file, nothing sent anywhere)."""
    import segno  # only enrolment draws a QR code: not loaded by every process at start

    return segno.make(uri, error="m").svg_inline(scale=4, dark="#1d1d1b", light="#ffffff")


def check_code(device: TotpDevice | None, code: str, *, now: float | None = None) -> bool:
    """True for a current code never used before; remembers its step so it cannot be replayed."""
    import pyotp

    code = "".join(code.split())
    if device is None or not code.isdigit() or len(code) != 6:
        return False
    totp = pyotp.TOTP(device.secret)
    current = int((time.time() if now is None else now) // totp.interval)
    for step in range(current - DRIFT_STEPS, current + DRIFT_STEPS + 1):
        if step > device.last_step and pyotp.utils.strings_equal(totp.generate_otp(step), code):
            device.last_step = step
            return True
    return False


def confirm(device: TotpDevice, code: str) -> bool:
    """Finish an enrolment with the app's first code."""
    if not check_code(device, code):
        return False
    device.confirmed_at = utcnow()
    return True

