"""iCalendar feeds: public events, each practitioner's private feed at a secret URL."""

from __future__ import annotations

from flask import Blueprint, Response, abort, flash, g, redirect, render_template, url_for
from sqlalchemy import select

from core import db
from core.i18n import _
from core.scheduling import feeds
from core.scheduling.declarations import VIEW
from core.scheduling.models import Resource
from core.security.access import public, require

bp = Blueprint("scheduling_feeds", __name__, template_folder="templates")
ICS = "text/calendar; charset=utf-8"


@bp.route("/events.ics")
@public
def public_feed():
    """The coop's community events, for any calendar app."""
    return Response(feeds.public_feed(db.session()), mimetype=ICS)


@bp.route("/calendar/<token>.ics")
@public
def private_feed(token: str):
    """A practitioner's private feed; the secret token in the URL is the only key."""
    resource = feeds.resource_for_token(db.session(), token)
    if resource is None:
        abort(404)
    response = Response(feeds.practitioner_feed(db.session(), resource), mimetype=ICS)
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/schedule/my-feed", methods=["GET", "POST"])
@require(VIEW)
def my_feed():
    """Issue (or re-issue) the signed-in practitioner's private feed URL; shown once."""
    from flask import request

    sess = db.session()
    resource = sess.scalar(select(Resource).where(Resource.account_id == g.user.id))
    if resource is None:
        return render_template("scheduling/my_feed.html", resource=None, url=None)
    url = None
    if request.method == "POST":
        if request.form.get("action") == "revoke":
            feeds.revoke_token(sess, resource)
            flash(_("Your calendar feed is revoked."), "success")
        else:
            token = feeds.issue_token(sess, resource)
            url = url_for("scheduling_feeds.private_feed", token=token, _external=True)
        sess.commit()
        if url is None:
            return redirect(url_for("scheduling_feeds.my_feed"))
    return render_template("scheduling/my_feed.html", resource=resource, url=url)
