"""The home page after sign-in, and the member's portal entry."""

from __future__ import annotations

from flask import Blueprint, g, redirect, render_template, url_for

from core.security.access import authenticated, member, public

bp = Blueprint("home", __name__)
portal = Blueprint("portal", __name__, url_prefix="/portal")


@bp.route("/")
@public
def index():
    """Staff see their menus; members go to their portal; visitors to the sign-in page."""
    user = g.get("user")
    if user is None:
        return redirect(url_for("auth.login"))
    if user.person_id is not None and user.role_codes <= {"member"}:
        return redirect(url_for("portal.home"))
    return render_template("home.html")


@portal.route("/")
@member
def home():
    """The member's own space: who they are, their household and membership."""
    return render_template("portal/home.html", person=g.user.person)
