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
from core.web.lifecycle import act, attempt, flat_messages

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
    if request.method == "POST" and request.form.get("action") == "revoke":
        return act(lambda: feeds.revoke_token(sess, resource), _("Your calendar feed is revoked."),
                   url_for("scheduling_feeds.my_feed"))
    url = None
    if request.method == "POST":
        outcome = attempt(lambda: feeds.issue_token(sess, resource))
        if not outcome:
            for text in flat_messages(outcome.errors):
                flash(text, "error")
            return redirect(url_for("scheduling_feeds.my_feed"))
        url = url_for("scheduling_feeds.private_feed", token=outcome.result, _external=True)
    return render_template("scheduling/my_feed.html", resource=resource, url=url)
