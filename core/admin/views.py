"""Admin pages: the service catalogue and accounts."""

from __future__ import annotations

from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for
from sqlalchemy import select

from core import db
from core.admin import service
from core.i18n import _
from core.identity.accounts import AccountError, create_account, set_roles
from core.identity.models import Account, Person, Role
from core.ids import parse_id
from core.plugins import CORE
from core.privacy.officer import ROLE as OFFICER_ROLE, keep_officer_role
from core.registry import plugin_host
from core.security.access import require
from core.security.sessions import end_sessions_of
from core.web.lifecycle import act, attempt, get_or_404

bp = Blueprint("admin", __name__, url_prefix="/admin")


@bp.route("/services")
@require("core.admin.plugins")
def catalogue():
    """Installed services with their state; faulty and refused ones say why."""
    host, sess = plugin_host(), db.session()
    # the decisions active plugins keep (governance's resolutions): offered when citing, and
    # a citation that names one becomes a link to it
    records = {r.citation: r for _name, found in host.call_each("decision_records", session=sess)
               for r in found}
    return render_template("admin/catalogue.html", plugins=host.installed(), refused=host.refused,
                           faults=host.faults, states=service.states(sess), records=records)


@bp.route("/services/<name>", methods=["POST"])
@require("core.admin.plugins")
def toggle(name: str):
    sess = db.session()
    active = request.form.get("active") == "1"
    if name == CORE or name not in plugin_host().plugins:
        abort(404)  # what set_active refuses as UnknownPlugin, checked first for the title
    title = plugin_host().plugins[name].info.title
    return act(lambda: service.set_active(sess, plugin_host(), name, active, by=g.user,
                                          resolution=request.form.get("resolution", "").strip()),
               _("%(service)s is now active.", service=title) if active
               else _("%(service)s is now inactive; its data is kept.", service=title),
               url_for("admin.catalogue"))


def _disciplines():
    host = plugin_host()
    codes = sorted({p.info.discipline for p in host.installed() if p.info and p.info.discipline})
    return [(c, c) for c in codes]


@bp.route("/accounts", methods=["GET", "POST"])
@require("core.admin.accounts")
def accounts():
    """List accounts and create one (practitioners with discipline, order and licence)."""
    sess = db.session()
    roles = list(sess.scalars(select(Role).order_by(Role.code)))
    errors: dict = {}
    if request.method == "POST":
        form = request.form
        practitioner = None
        if "practitioner" in form.getlist("roles"):
            if not form.get("discipline"):
                errors["discipline"] = [str(_("A practitioner needs a discipline."))]
            practitioner = {"discipline": form.get("discipline", ""),
                            "professional_order": form.get("professional_order", "").strip(),
                            "licence_number": form.get("licence_number", "").strip()}
        person = None
        if form.get("person_id"):
            ident = parse_id(form["person_id"])
            person = sess.get(Person, ident) if ident else None
            if person is None:
                errors["person_id"] = [str(_("No person has this number."))]
        if not form.get("username", "").strip() or not form.get("display_name", "").strip():
            errors["username"] = [str(_("A username and a name are required."))]
        if not errors:
            outcome = attempt(lambda: create_account(
                sess, username=form["username"], display_name=form["display_name"],
                password=form.get("password", ""),
                roles=[r for r in form.getlist("roles") if r != OFFICER_ROLE],
                email=form.get("email", ""), person=person, practitioner=practitioner),
                refusals=(AccountError,))
            if outcome:
                flash(_("Account created."), "success")
                return redirect(url_for("admin.accounts"))
            # an account's refusal (a weak password, a username taken) is shown by the password
            errors["password"] = [str(outcome.refusal)]
    listing = list(sess.scalars(select(Account).order_by(Account.username)))
    return render_template("admin/accounts.html", accounts=listing, roles=roles, errors=errors,
                           values=request.form, chosen_roles=request.form.getlist("roles"),
                           disciplines=_disciplines()), (422 if errors else 200)


@bp.route("/accounts/<int:account_id>", methods=["POST"])
@require("core.admin.accounts")
def update_account(account_id: int):
    """Change an account's roles, or disable it (which ends its sessions at once)."""
    sess = db.session()
    account = get_or_404(Account, account_id)

    def update() -> None:
        set_roles(sess, account, keep_officer_role(sess, account, request.form.getlist("roles")))
        account.active = request.form.get("active") == "1"
        if not account.active:
            end_sessions_of(sess, account.id)

    return act(update, _("Account updated."), url_for("admin.accounts"))


@bp.route("/roles", methods=["GET", "POST"])
@require("core.admin.accounts")
def roles():
    """Which permissions each role holds; plugins' permissions appear here when installed."""
    from core.identity.models import RolePermission

    sess = db.session()
    all_roles = list(sess.scalars(select(Role).order_by(Role.code)))
    permissions = sorted(plugin_host().declarations("register_permissions", active_only=False),
                         key=lambda p: p.code)
    if request.method == "POST":
        chosen = set(request.form.getlist("grant"))
        known = {f"{r.code}|{p.code}" for r in all_roles for p in permissions}

        def grant() -> None:
            sess.query(RolePermission).filter(
                RolePermission.permission.in_([p.code for p in permissions])).delete()
            for pair in chosen & known:
                role_code, permission = pair.split("|", 1)
                sess.add(RolePermission(role_code=role_code, permission=permission))

        return act(grant, _("Permissions saved."), url_for("admin.roles"))
    granted = {f"{rp.role_code}|{rp.permission}" for rp in sess.query(RolePermission)}
    return render_template("admin/roles.html", roles=all_roles, permissions=permissions,
                           granted=granted)
