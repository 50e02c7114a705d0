"""Community events: the public page (no personal data) and coordinators' editing."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for

from core import db
from core.coop_time import to_local
from core.db import utcnow
from core.i18n import _
from core.scheduling import events
from core.scheduling.declarations import MANAGE
from core.scheduling.extra_models import CommunityEvent
from core.scheduling.schemas import EventSchema
from core.scheduling.timeutil import local_datetime
from core.scheduling.webutil import load
from core.security.access import public, require
from core.web.lifecycle import act, attempt, form_page

bp = Blueprint("scheduling_public", __name__, template_folder="templates")


@bp.route("/events")
@public
def upcoming():
    """Anyone can see what is coming up in the community (titles, places, times: no people)."""
    return render_template("scheduling/events.html",
                           occurrences=events.upcoming(db.session(), utcnow(), days=60))


@bp.route("/schedule/events")
@require(MANAGE)
def manage():
    return _manage_page()


@bp.route("/schedule/events/new", methods=["POST"])
@require(MANAGE)
def create():
    return _save(None)


@bp.route("/schedule/events/<int:event_id>", methods=["GET", "POST"])
@require(MANAGE)
def edit(event_id: int):
    event = load(CommunityEvent, event_id)
    if request.method == "POST":
        return _save(event)
    local = to_local(event.starts_at)
    values = {"title": event.title, "description": event.description, "location": event.location,
              "date": local.date().isoformat(), "time": local.strftime("%H:%M"),
              "duration_minutes": event.duration_minutes, "rrule": event.rrule,
              "published": "1" if event.published else ""}
    return render_template("scheduling/event_edit.html", event=event, values=values, errors={})


@bp.route("/schedule/events/<int:event_id>/delete", methods=["POST"])
@require(MANAGE)
def delete(event_id: int):
    event = load(CommunityEvent, event_id)
    return act(lambda: db.session().delete(event), _("The event is deleted."),
               url_for("scheduling_public.manage"))


def _manage_page(errors=None, values=None, status=200):
    return render_template("scheduling/events_manage.html", events=events.all_events(db.session()),
                           errors=errors or {}, values=values or {"duration_minutes": "120",
                                                                  "published": "1"}), status


def _save(event):
    """Save the event posted (a new one when ``event`` is None), or its form again with why."""
    def save():
        data = EventSchema().load(request.form)
        data["starts_at"] = local_datetime(data["date"], data["time"], field="time")
        return events.save_event(db.session(), data, event)
    outcome = attempt(save)
    if outcome:
        flash(_("The event is saved."), "success")
        return redirect(url_for("scheduling_public.manage"))
    if event is None:
        return _manage_page(outcome.errors, request.form, outcome.status)
    return form_page("scheduling/event_edit.html", outcome, event=event, values=request.form)
