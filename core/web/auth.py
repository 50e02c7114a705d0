"""Sign in, sign out and the language switcher."""

from __future__ import annotations

import hashlib
import secrets
import time
from urllib.parse import urlparse

from flask import Blueprint, current_app, g, redirect, render_template, request, session, url_for
from sqlalchemy import select

from core import db
from core.i18n import LOCALES, _
from core.identity.accounts import authenticate, find_account
from core.identity.models import Account
from core.security import throttle, totp
from core.security.access import authenticated, public
from core.security.models import KnownDevice
from core.web.lifecycle import attempt

bp = Blueprint("auth", __name__)
DEVICE_COOKIE = "soin_device"
#: seconds between the right password and the code before starting over
CODE_WAIT = 300


def safe_next(target: str | None, default: str) -> str:
    """Only same-site relative paths: no open redirect through ``next``."""
    if not target:
        return default
    parts = urlparse(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return default
    return target


def _known_device(sess, account) -> bool:
    token = request.cookies.get(DEVICE_COOKIE)
    if not token or account is None:
        return False
    row = sess.get(KnownDevice, hashlib.sha256(token.encode()).hexdigest())
    return row is not None and row.account_id == account.id


@bp.route("/login", methods=["GET", "POST"])
@public
def login():
    sess = db.session()
    demo = list(sess.scalars(select(Account.username).where(Account.is_demo.is_(True))
                             .order_by(Account.id)))
    if request.method == "GET":
        return render_template("auth/login.html", demo=demo, error=None)
    username = request.form.get("username", "")
    address = request.remote_addr or "unknown"
    account = find_account(sess, username)
    known = _known_device(sess, account)
    if throttle.is_blocked(sess, address, account.id if account else None, known):
        return render_template("auth/login.html", demo=demo,
                               error=_("Too many attempts. Please wait a few minutes and try again.")), 429

    def check_password():
        """(account, device token): None for a wrong password (the failure counted), no
        token while the authenticator app's code is still to come."""
        signed_in = authenticate(sess, username, request.form.get("password", ""))
        if signed_in is None:
            throttle.record_failure(sess, address, account.id if account else None)
            return None, None
        if totp.enrolled(sess, signed_in):
            return signed_in, None
        return signed_in, _remember_device(sess, signed_in, address)
    signed_in, device = attempt(check_password).result
    if signed_in is None:
        return render_template("auth/login.html", demo=demo,
                               error=_("Unknown username or wrong password.")), 401
    if device is None:
        # the password was right; the session is not signed in until the app's code is
        session["mfa_pending"] = {"account": signed_in.id, "at": time.time(),
                                  "next": request.args.get("next")}
        return redirect(url_for("auth.login_code"))
    return _signed_in(signed_in, device, request.args.get("next"))


@bp.route("/login/code", methods=["GET", "POST"])
@public
def login_code():
    """Second step for accounts with an authenticator app: the current six-digit code."""
    sess = db.session()
    pending = session.get("mfa_pending") or {}
    account = sess.get(Account, pending.get("account", 0))
    if account is None or not account.active or time.time() - pending.get("at", 0) > CODE_WAIT:
        session.pop("mfa_pending", None)
        return redirect(url_for("auth.login"))
    if request.method == "GET":
        return render_template("auth/code.html", error=None)
    address = request.remote_addr or "unknown"
    if throttle.is_blocked(sess, address, account.id, _known_device(sess, account)):
        return render_template("auth/code.html", error=_(
            "Too many attempts. Please wait a few minutes and try again.")), 429
    from core.security.sealing import SecretUnreadable  # (cryptography: not loaded at start)

    try:
        good = totp.check_code(totp.device_of(sess, account), request.form.get("code", ""))
    except SecretUnreadable:
        # the server's key changed without `soin secrets rotate`: say so, never a silent "wrong"
        current_app.logger.error("TOTP secret of account %s cannot be opened: check "
                                 "SOIN_SECRET_KEY / SOIN_OLD_SECRET_KEYS", account.id)
        return render_template("auth/code.html", error=_(
            "Your code cannot be checked: the server's secret key was changed. Tell the "
            "coop's administrator.")), 503
    if not good:
        sess.rollback()
        attempt(lambda: throttle.record_failure(sess, address, account.id))
        return render_template("auth/code.html", error=_(
            "This code is not right, or was already used. Type the code your app shows now.")), 401
    session.pop("mfa_pending", None)
    device = attempt(lambda: _remember_device(sess, account, address)).result
    return _signed_in(account, device, pending.get("next"))


def _remember_device(sess, account, address: str) -> str:
    """Both factors passed: this address's failures forgotten, and a known-device token (the
    caller commits)."""
    throttle.record_success(sess, address, account.id)
    device = secrets.token_urlsafe(32)
    sess.add(KnownDevice(token_hash=hashlib.sha256(device.encode()).hexdigest(),
                         account_id=account.id))
    return device


def _signed_in(account, device: str, next_url: str | None):
    """A new session bound to the account, and the known-device cookie."""
    session.login(account.id)
    if account.locale:
        session["locale"] = account.locale
    default = url_for("portal.home") if _is_member_only(account) else url_for("home.index")
    response = redirect(safe_next(next_url, default))
    response.set_cookie(DEVICE_COOKIE, device, max_age=180 * 24 * 3600, httponly=True,
                        samesite="Lax", secure=request.is_secure)
    return response


def _is_member_only(account) -> bool:
    return account.person_id is not None and account.role_codes <= {"member"}


@bp.route("/logout", methods=["POST"])
@authenticated
def logout():
    session.logout()
    return redirect(url_for("auth.login"))


@bp.route("/language", methods=["POST"])
@public
def language():
    """Switch language; remembered on the account, or in the session before signing in."""
    choice = request.form.get("locale")
    if choice in LOCALES:
        session["locale"] = choice
        g.user_locale = choice
        if g.user is not None:
            attempt(lambda: setattr(g.user, "locale", choice))
    return redirect(safe_next(request.form.get("next"), url_for("home.index")))
