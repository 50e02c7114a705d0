"""The home page after sign-in (the member's portal lives in core/record/portal.py)."""

from __future__ import annotations

from flask import Blueprint, g, redirect, render_template, url_for

from core.security.access import public
from core.web import worklist

bp = Blueprint("home", __name__)


@bp.route("/")
@public
def index():
    """Staff see their work list (core/web/worklist.py); members go to their portal; visitors
    to the sign-in page."""
    user = g.get("user")
    if user is None:
        return redirect(url_for("auth.login"))
    if user.person_id is not None and user.role_codes <= {"member"}:
        return redirect(url_for("portal.home"))
    return render_template("home.html", sections=worklist.sections(user))

