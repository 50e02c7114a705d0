"""Coordinators' setup: practitioners and rooms, weekly hours, closures, online booking."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from sqlalchemy import select

from core import db
from core.i18n import _
from core.identity.models import Account, Practitioner
from core.ids import parse_id
from core.scheduling import apptypes, feeds
from core.scheduling.availability import (add_exception, add_window, create_room,
                                          resource_for_account, resources)
from core.scheduling.declarations import MANAGE
from core.scheduling.models import Availability, AvailabilityException, Resource
from core.scheduling.schemas import ClosureSchema, RoomSchema, WindowSchema
from core.scheduling.webutil import load
from core.security.access import require
from core.web.lifecycle import attempt

bp = Blueprint("scheduling_admin", __name__, url_prefix="/schedule/setup",
               template_folder="templates")


def _setup_page(errors=None, values=None, status=200):
    sess = db.session()
    with_resource = set(sess.scalars(select(Resource.account_id).where(
        Resource.account_id.is_not(None))))
    waiting = [a for a in sess.scalars(select(Account).join(Practitioner).where(
        Account.active.is_(True)).order_by(Account.display_name)) if a.id not in with_resource]
    closures = sess.scalars(select(AvailabilityException).order_by(
        AvailabilityException.first_day.desc())).all()
    return render_template("scheduling/setup.html", resources=resources(sess), waiting=waiting,
                           types=apptypes.declared_types(),
                           online=lambda t: apptypes.online_allowed(sess, t),
                           closures=closures, errors=errors or {}, values=values or {}), status


@bp.route("/")
@require(MANAGE)
def resources_page():
    return _setup_page()


@bp.route("/rooms", methods=["POST"])
@require(MANAGE)
def add_room():
    return _save(lambda s: create_room(s, RoomSchema().load(request.form)["name"]),
                 _("Room added."))


@bp.route("/practitioners/<int:account_id>", methods=["POST"])
@require(MANAGE)
def add_practitioner(account_id: int):
    return _save(lambda s: resource_for_account(s, load(Account, account_id)),
                 _("The practitioner can now be booked."))


@bp.route("/closures", methods=["POST"])
@require(MANAGE)
def add_closure():
    ident = parse_id(request.form.get("resource_id"))
    target = load(Resource, ident) if ident else None

    def act(sess):
        data = ClosureSchema().load(request.form)
        add_exception(sess, target, data["kind"], data["first_day"], data["last_day"], data["note"])
    # from a resource's page, a mistake is shown on that page, next to its form
    page = (lambda e, v, s: _resource_page(target, e, v, s)) if target else None
    return _save(act, _("Closure recorded."), back=request.form.get("back"), page=page)


@bp.route("/closures/<int:closure_id>/delete", methods=["POST"])
@require(MANAGE)
def delete_closure(closure_id: int):
    return _save(lambda s: s.delete(load(AvailabilityException, closure_id)),
                 _("Closure removed."), back=request.form.get("back"))


@bp.route("/types/<code>", methods=["POST"])
@require(MANAGE)
def set_online(code: str):
    return _save(lambda s: apptypes.set_online(s, code, request.form.get("online") == "1"),
                 _("Online booking updated."))


@bp.route("/resources/<int:resource_id>")
@require(MANAGE)
def resource(resource_id: int):
    return _resource_page(load(Resource, resource_id))


@bp.route("/resources/<int:resource_id>/windows", methods=["POST"])
@require(MANAGE)
def add_window_view(resource_id: int):
    target = load(Resource, resource_id)

    def act(sess):
        data = WindowSchema().load(request.form)
        add_window(sess, target, data["weekday"], data["starts"], data["ends"])
    return _save(act, _("Opening hours added."),
                 back=url_for("scheduling_admin.resource", resource_id=target.id),
                 page=lambda e, v, s: _resource_page(target, e, v, s))


@bp.route("/windows/<int:window_id>/delete", methods=["POST"])
@require(MANAGE)
def delete_window(window_id: int):
    window = load(Availability, window_id)
    back = url_for("scheduling_admin.resource", resource_id=window.resource_id)
    return _save(lambda s: s.delete(window), _("Opening hours removed."), back=back)


@bp.route("/resources/<int:resource_id>/active", methods=["POST"])
@require(MANAGE)
def set_active(resource_id: int):
    target = load(Resource, resource_id)
    value = request.form.get("active") == "1"
    return _save(lambda s: setattr(target, "active", value), _("Saved."),
                 back=url_for("scheduling_admin.resource", resource_id=target.id))


@bp.route("/resources/<int:resource_id>/feed/revoke", methods=["POST"])
@require(MANAGE)
def revoke_feed(resource_id: int):
    target = load(Resource, resource_id)
    return _save(lambda s: feeds.revoke_token(s, target), _("The calendar feed is revoked."),
                 back=url_for("scheduling_admin.resource", resource_id=target.id))


def _resource_page(target, errors=None, values=None, status=200):
    closures = db.session().scalars(select(AvailabilityException).where(
        AvailabilityException.resource_id == target.id).order_by(
        AvailabilityException.first_day.desc())).all()
    return render_template("scheduling/resource.html", resource=target, closures=closures,
                           errors=errors or {}, values=values or {}), status


def _save(action, message, back=None, page=None):
    """Run one change and commit once (the request lifecycle's :func:`attempt`); on bad input
    show ``page`` (the setup page by default) with the message."""
    sess = db.session()

    def change():
        action(sess)
        sess.flush()
    outcome = attempt(change)
    if not outcome:
        return (page or _setup_page)(outcome.errors, request.form, outcome.status)
    flash(message, "success")
    return redirect(back if back and back.startswith("/") and not back.startswith("//")
                    else url_for("scheduling_admin.resources_page"))
