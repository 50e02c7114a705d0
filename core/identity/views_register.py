"""The members' register: the list (printable, CSV), a membership's life (status, category,
renewal, withdrawal with refund) and the member's own membership in the portal.

Each request loads or 404s, checks access on the server (``require``/``member``), acts through
``core.identity.register`` and commits once; a refused change shows its translated reason and
changes nothing.
"""

from __future__ import annotations

from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for

from core import db
from core.i18n import _
from core.identity import register
from core.identity.models import Household, Membership
from core.identity.register_list import (PAGE_SIZE, page_of, people_of, register_counts,
                                         register_rows, where, with_memberships)
from core.identity.renewals import queue_renewal_confirmation
from core.identity.schemas import (CategorySchema, DuesSchema, StatusSchema, WithdrawalSchema,
                                   method_titles)
from core.reports.views import _csv
from core.security.access import member, require
from core.specs import ReportTable
from core.web.lifecycle import act, attempt, form_page, get_or_404

bp = Blueprint("register", __name__)
VIEW, MANAGE, EDIT = "core.register.view", "core.register.manage", "core.people.edit"


def register_table(rows) -> ReportTable:
    """The register as a table (CSV export): no health data, but personal information."""
    # each title translated once, not once a line (62,000 lookups at 20,000 members)
    cats = {code: str(title) for code, title in register.category_titles().items()}
    states = {code: str(title) for code, title in register.status_titles().items()}
    answers = {True: str(_("yes")), False: str(_("no"))}
    return ReportTable(
        (_("Member number"), _("Household"), _("Category"), _("Member since"),
         _("Shares subscribed"), _("Shares paid"), _("Status"), _("Dues paid until"),
         _("Votes")),
        [(r["line"].number, r["line"].household_name, cats[r["line"].category],
          r["line"].started_on.isoformat(), r["line"].share_amount, r["line"].paid,
          states[r["standing"]],
          r["line"].dues_paid_until.isoformat() if r["line"].dues_paid_until else "",
          answers[r["votes"]]) for r in rows])


@bp.route("/members")
@require(VIEW)
def members():
    """The register of members, filtered by status or category and searched by name or member
    number, in name order, 50 a page (``?all=1``: on one page, to print); ``?format=csv``
    exports every member the filters keep, in member-number order."""
    status, category = request.args.get("status", ""), request.args.get("category", "")
    query = request.args.get("q", "").strip()[:200]
    csv = request.args.get("format") == "csv"
    whole = request.args.get("all") == "1"
    sess = db.session()
    if csv:
        return _csv("register", register_table(
            register_rows(sess, status, category, query)))
    filters = {key: value for key, value in (("q", query), ("status", status),
                                             ("category", category)) if value}
    total, voters = register_counts(sess, status, category, query)
    page = page_of(total, request.args.get("page"), (total or 1) if whole else PAGE_SIZE)
    shown = with_memberships(sess, register_rows(
        sess, status, category, query, by_name=True, first=page.first,
        size=page.last - page.first)) if total else []
    return render_template("identity/members.html", rows=shown, total=total, page=page,
                           filters=filters, query=query, status=status,
                           category=category, categories=register.category_titles(),
                           statuses=register.status_titles(),
                           people=people_of(sess, [r["m"].household for r in shown]),
                           where=where, voters=voters)


def _membership(household_id: int) -> Membership:
    household = get_or_404(Household, household_id)
    if household.membership is None:
        abort(404)
    return household.membership


def _change(household_id: int, schema, act, done):
    """Load the membership, validate the form, act, commit once; or show the errors (422)."""
    sess = db.session()
    membership = _membership(household_id)
    outcome = attempt(lambda: act(sess, membership, schema().load(request.form)))
    if outcome:
        flash(done, "success")
        return redirect(url_for("identity.household", household_id=household_id))
    return form_page("identity/household.html", outcome, household=membership.household,
                     values=request.form)


@bp.route("/households/<int:household_id>/membership/status", methods=["POST"])
@require(MANAGE)
def change_status(household_id: int):
    return _change(household_id, StatusSchema, lambda s, m, d: register.change_status(
        s, m, d["status"], d["effective_on"], d["note"], g.user), _("Status changed."))


@bp.route("/households/<int:household_id>/membership/category", methods=["POST"])
@require(MANAGE)
def change_category(household_id: int):
    return _change(household_id, CategorySchema, lambda s, m, d: register.change_category(
        s, m, d["category"], d["effective_on"], d["note"], g.user), _("Category changed."))


@bp.route("/households/<int:household_id>/membership/dues", methods=["POST"])
@require(EDIT)
def renew(household_id: int):
    """Reception records the dues (a renewal asked from the portal is confirmed this way); the
    household is told by e-mail until when it runs. A new member's first dues renew nothing:
    the membership is active from them (``due`` until then)."""
    first = register.awaits_first_dues(_membership(household_id))

    def confirm(s, m, d):
        register.renew(s, m, d["amount"], d["paid_on"], d["method"], g.user)
        queue_renewal_confirmation(s, m)
    return _change(household_id, DuesSchema, confirm,
                   _("First annual dues recorded: the membership is active.") if first
                   else _("Membership renewed."))


@bp.route("/households/<int:household_id>/membership/withdrawal", methods=["POST"])
@require(MANAGE)
def withdraw(household_id: int):
    return _change(household_id, WithdrawalSchema, lambda s, m, d: register.withdraw(
        s, m, d["effective_on"], d["refund"], d["method"], d["note"], g.user),
        _("Withdrawal recorded."))


def _my_membership() -> Membership | None:
    person = g.user.person
    return person.household.membership if person and person.household else None


@bp.route("/portal/membership", methods=["GET", "POST"])
@member
def my_membership():
    """The member's membership, shares and dues; they ask to renew here."""
    sess = db.session()
    membership = _my_membership()
    if request.method == "POST":
        if membership is None:
            abort(404)
        first = register.awaits_first_dues(membership)  # a new member: nothing to renew
        return act(lambda: register.ask_renewal(sess, membership, g.user),
                   _("Your notice is recorded. Reception will confirm your membership when the "
                     "first dues are paid.") if first else
                   _("Your renewal request is recorded. Reception will confirm it when the dues "
                     "are paid."), url_for("register.my_membership"))
    state = register.standing(membership) if membership else None
    votes = register.voting_rights(membership) if membership else (False, "")
    return render_template("identity/my_membership.html", m=membership, standing=state,
                           votes=votes, rules=register.bylaws(),
                           categories=register.category_titles(),
                           statuses={**register.status_titles(),  # the member pays them
                                     "due": _("First dues to pay")},
                           asked=membership is not None and register.renewal_asked(membership),
                           first=membership is not None and register.awaits_first_dues(membership),
                           renewed=register.last_renewal(membership) if membership else None,
                           methods=method_titles())



@bp.app_template_global()
def membership_facts(membership: Membership) -> dict:
    """What a page shows about a membership: standing, right to vote (and why not), whether
    its next dues are the first, titles."""
    votes, why = register.voting_rights(membership)
    return {"standing": register.standing(membership), "votes": votes, "why": why,
            "categories": register.category_titles(), "statuses": register.status_titles(),
            "asked": register.renewal_asked(membership), "today": register.coop_today(),
            "first": register.awaits_first_dues(membership),
            "methods": method_titles(), "dues": register.bylaws().dues}
