"""Pages of the privacy area: the administrator designates the privacy officer; members read
who it is in their portal (``core/record/templates/portal``)."""

from __future__ import annotations

from flask import Blueprint, flash, g, redirect, request, url_for
from sqlalchemy import select

from core import db
from core.i18n import _
from core.identity.models import Account
from core.privacy import officer
from core.security.access import has_permission, require
from core.web.lifecycle import attempt, form_page

bp = Blueprint("privacy", __name__, template_folder="templates")
ADMIN = "core.admin.accounts"


def anchor_warning() -> str | None:
    """For administrators and the privacy officer: a sentence when the newest audit anchor
    was mailed to nobody (``core.audit.anchors``), so a missing officer never goes unseen."""
    from core.audit.anchors import anchor_warning as warning

    if g.get("user") is None or not (has_permission(ADMIN) or has_permission(officer.PERMISSION)):
        return None
    return warning(db.session())


def _staff_accounts(session) -> list[Account]:
    """Active accounts that are not only a member's own."""
    return [a for a in session.scalars(select(Account).where(Account.active.is_(True))
                                       .order_by(Account.display_name))
            if a.role_codes - {"member"}]


@bp.route("/admin/privacy-officer", methods=["GET", "POST"])
@require(ADMIN)
def designation():
    """Who the privacy officer is, the history of designations, and designating a new one."""
    sess = db.session()
    outcome = None
    if request.method == "POST":
        outcome = attempt(lambda: officer.designate(sess, request.form, by=g.user))
        if outcome:
            flash(_("The privacy officer is designated."), "success")
            return redirect(url_for("privacy.designation"))
    current = officer.current(sess)
    values = dict(request.form) if outcome is not None else (
        {"account_id": current.account_id, "title": current.title, "email": current.email,
         "phone": current.phone, "delegation": current.delegation} if current else {})
    return form_page("privacy/designation.html", outcome, current=current, values=values,
                     history=officer.history(sess), accounts=_staff_accounts(sess))
