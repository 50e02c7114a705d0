"""The walk-in queue page: tickets, triage, calling, waiting times."""

from __future__ import annotations

from flask import Blueprint, flash, g, redirect, render_template, request, url_for

from core import db
from core.i18n import _
from core.identity.models import Person
from core.scheduling import walkin
from core.scheduling.declarations import WALKIN
from core.scheduling.extra_models import WalkInTicket
from core.scheduling.schemas import TicketSchema
from core.scheduling.webutil import act, load, person_choice
from core.security.access import require
from core.web.lifecycle import attempt, flat_messages

bp = Blueprint("scheduling_walkin", __name__, url_prefix="/schedule/walk-in",
               template_folder="templates")
QUEUE = lambda: url_for("scheduling_walkin.queue")  # noqa: E731


def _page(errors=None, values=None, status=200):
    sess = db.session()
    person, query, matches = person_choice(values)
    return render_template(
        "scheduling/walkin.html", tickets=walkin.queue(sess), closed=walkin.closed_today(sess),
        waiting_time=walkin.waiting_time, person=person, query=query, matches=matches,
        errors=errors or {}, values=values or {"priority": "3"}), status


@bp.route("/")
@require(WALKIN)
def queue():
    return _page()


@bp.route("/tickets", methods=["POST"])
@require(WALKIN)
def add():
    """A person arrives: give them a ticket with a triage priority."""
    def give():
        data = TicketSchema().load(request.form)
        person = load(Person, data["person_id"]) if data["person_id"] else None
        return walkin.add_ticket(db.session(), person=person, label=data["label"],
                                 priority=data["priority"], discipline=data["discipline"],
                                 by=g.user)
    outcome = attempt(give)
    if not outcome:
        return _page(outcome.errors, request.form, outcome.status)
    flash(_("Ticket %(n)s given.", n=outcome.result.number), "success")
    return redirect(url_for("scheduling_walkin.queue"))


@bp.route("/next", methods=["POST"])
@require(WALKIN)
def call_next():
    """Call the first person in line (most urgent, then earliest)."""
    outcome = attempt(lambda: walkin.call_next(db.session(), g.user))
    if not outcome:
        for text in flat_messages(outcome.errors):
            flash(text, "error")
    elif outcome.result is None:
        flash(_("Nobody is waiting."), "info")
    else:
        flash(_("Ticket %(n)s called.", n=outcome.result.number), "success")
    return redirect(url_for("scheduling_walkin.queue"))


@bp.route("/tickets/<int:ticket_id>/call", methods=["POST"])
@require(WALKIN)
def call(ticket_id: int):
    ticket = load(WalkInTicket, ticket_id)
    return act(lambda: walkin.call(db.session(), ticket, g.user),
               _("Ticket %(n)s called.", n=ticket.number), QUEUE())


@bp.route("/tickets/<int:ticket_id>/close", methods=["POST"])
@require(WALKIN)
def close(ticket_id: int):
    ticket = load(WalkInTicket, ticket_id)
    return act(lambda: walkin.close(db.session(), ticket, request.form.get("outcome", "")),
               _("Saved."),
               QUEUE())


@bp.route("/tickets/<int:ticket_id>/priority", methods=["POST"])
@require(WALKIN)
def priority(ticket_id: int):
    ticket = load(WalkInTicket, ticket_id)
    value = request.form.get("priority", type=int)
    return act(lambda: walkin.set_priority(db.session(), ticket, value), _("Priority changed."),
               QUEUE())

