"""My account: change my password, set up or remove my authenticator app (second factor)."""

from __future__ import annotations

from flask import Blueprint, flash, g, redirect, render_template, request, session, url_for

from core import db
from core.i18n import _
from core.refusal import Refused
from core.security import totp
from core.security.access import authenticated
from core.security.passwords import hash_password, password_problem, verify_password
from core.security.sessions import end_sessions_of
from core.web.lifecycle import attempt

bp = Blueprint("account", __name__, url_prefix="/account")


def _page(errors=None, status=200):
    """The account page, with ``errors`` next to their fields (``status``: 422 when refused)."""
    sess = db.session()
    device = totp.device_of(sess, g.user)
    pending = device is not None and device.confirmed_at is None
    uri = totp.provisioning_uri(device, g.user) if pending else None
    return render_template("auth/account.html", errors=errors or {}, device=device,
                           pending=pending, uri=uri, qr=totp.qr_svg(uri) if uri else None,
                           required=totp.required(g.user)), status


@bp.route("")
@authenticated
def index():
    return _page()


@bp.route("/password", methods=["POST"])
@authenticated
def change_password():
    """A new password needs the current one (ASVS 6.2.3); every other session ends."""
    outcome = attempt(lambda: _change_password(request.form))
    if not outcome:
        return _page(outcome.errors, outcome.status)
    session.login(g.user.id)  # this browser goes on under a new session
    flash(_("Your password is changed. You were signed out everywhere else."), "success")
    return redirect(url_for("account.index"))


def _change_password(form) -> None:
    """Set the new password and end every session of the account; refuse with every reason."""
    errors = {}
    if not verify_password(g.user.password_hash, form.get("current", "")):
        errors["current"] = [_("This is not your current password.")]
    problem = password_problem(form.get("new", ""))
    if problem:
        errors["new"] = [problem]
    elif form.get("new") != form.get("confirm"):
        errors["confirm"] = [_("The two new passwords differ.")]
    if errors:
        raise Refused(messages=errors)
    g.user.password_hash = hash_password(form["new"])
    end_sessions_of(db.session(), g.user.id)


@bp.route("/two-step", methods=["POST"])
@authenticated
def two_step():
    """``start`` makes a new secret to scan; ``confirm`` checks the app's first code."""
    sess = db.session()
    if request.form.get("action") == "start":
        if totp.enrolled(sess, g.user) and not verify_password(
                g.user.password_hash, request.form.get("restart_current", "")):
            return _page({"restart_current": [_("This is not your current password.")]}, 422)
        outcome = attempt(lambda: totp.start_enrolment(sess, g.user))
        if not outcome:
            return _page(outcome.errors, outcome.status)
        return redirect(url_for("account.index") + "#two-step")
    device = totp.device_of(sess, g.user)
    if device is None or device.confirmed_at is not None:
        return redirect(url_for("account.index"))

    def confirm() -> None:
        if not totp.confirm(device, request.form.get("code", "")):
            raise Refused(_("This code is not right. Type the code your app shows now."), "code")

    outcome = attempt(confirm)
    if not outcome:
        return _page(outcome.errors, outcome.status)
    flash(_("Your authenticator app is set up: sign-ins will ask for its code."), "success")
    return redirect(url_for("home.index"))


@bp.route("/two-step/remove", methods=["POST"])
@authenticated
def remove_two_step():
    """Remove the app (current password needed); not allowed when the coop requires it."""
    sess = db.session()
    if totp.required(g.user):
        return _page({"remove_current": [_("The coop requires a second factor for your account.")]},
                     422)
    if not verify_password(g.user.password_hash, request.form.get("remove_current", "")):
        return _page({"remove_current": [_("This is not your current password.")]}, 422)
    device = totp.device_of(sess, g.user)
    outcome = attempt(lambda: sess.delete(device) if device is not None else None)
    if not outcome:
        return _page(outcome.errors, outcome.status)
    flash(_("Your authenticator app is removed."), "success")
    return redirect(url_for("account.index"))
