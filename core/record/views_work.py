"""Around the chart: emergency access, the shared summary, tasks and referrals, privacy review."""

from __future__ import annotations

from datetime import date

from flask import flash, g, redirect, render_template, request, url_for

from core import db
from core.audit.service import audit, events_for_person
from core.db import utcnow
from core.i18n import _
from core.identity.models import Person
from core.record import chart, consent, policy
from core.record.forms import EntryInvalid
from core.record.models import Action, BreakGlass, SummaryItem
from core.record.service import AccessDenied
from core.record.summary import add_summary_item, end_summary_item
from core.record.views import bp
from core.security.access import require
from core.web.lifecycle import act, attempt, commit_reads, form_page, get_or_404


@bp.route("/people/<int:person_id>/chart/break-glass", methods=["POST"])
@require(policy.BREAK_GLASS)
def break_glass(person_id: int):
    """Open emergency access for 60 minutes, with a reason; the privacy officer reviews it."""
    person = get_or_404(Person, person_id)

    def open_access():
        try:
            consent.break_glass(db.session(), account=g.user, person_id=person.id,
                                reason=request.form.get("reason", ""))
        except AccessDenied:
            chart.deny(person.id, "breakglass.start")
    outcome = attempt(open_access)
    if not outcome:
        return form_page("record/break_glass.html", outcome, person=person, values=request.form)
    flash(_("Emergency access is open for 60 minutes. Every access is recorded and will be reviewed."),
          "warning")
    return redirect(url_for("record.chart_page", person_id=person.id))


@bp.route("/people/<int:person_id>/chart/summary", methods=["POST"])
@require(policy.WRITE)
def add_summary(person_id: int):
    """Add a problem, medication, allergy, pregnancy or breastfeeding status."""
    person, _access = chart.open_chart(person_id, "summary.add")
    form = request.form
    try:
        since = date.fromisoformat(form["since"]) if form.get("since") else None
    except ValueError:
        since = None
    return act(lambda: add_summary_item(
        db.session(), person_id=person.id, kind=form.get("kind", ""),
        label=form.get("label", ""), code=form.get("code", ""),
        natural_product=bool(form.get("natural_product")),
        detail=form.get("detail", ""), since=since, author=g.user),
        _("The summary is updated."),
        url_for("record.chart_page", person_id=person.id) + "#summary")


@bp.route("/summary/<int:item_id>/end", methods=["POST"])
@require(policy.WRITE)
def end_summary(item_id: int):
    """Mark a summary line as no longer true (kept in the record)."""
    item = get_or_404(SummaryItem, item_id)
    chart.open_chart(item.person_id, "summary.end")
    return act(lambda: end_summary_item(db.session(), item, author=g.user), None,
               url_for("record.chart_page", person_id=item.person_id) + "#summary")


@bp.route("/record/tasks")
@require(policy.TASKS)
def tasks():
    """Tasks and referrals routed to my discipline or my roles (a coordinator gets theirs too).

    A task's title can carry health information ("Refer to ...: INR 5.0 or more"), so reading
    the list is audited like a chart read: one event per person shown."""
    sess = db.session()
    urgent = consent.urgent_action_ids(sess, g.user)
    # urgent first, then by due time (routed_to's order)
    actions = sorted(consent.routed_to(sess, g.user), key=lambda a: a.id not in urgent)
    shown: dict[int, list[int]] = {}
    for action in actions:
        shown.setdefault(action.person_id, []).append(action.id)
    for person_id, ids in shown.items():
        audit(sess, "tasks.read", person_id=person_id, detail={"actions": ids})
    commit_reads()
    return render_template("record/tasks.html", actions=actions, urgent=urgent, now=utcnow())


@bp.route("/record/actions/<int:action_id>/close", methods=["POST"])
@require(policy.TASKS)
def close_action(action_id: int):
    action = get_or_404(Action, action_id)

    def close():
        try:
            consent.close_action(db.session(), action, account=g.user,
                                 status=request.form.get("status", "done"))
        except (AccessDenied, EntryInvalid):
            chart.deny(action.person_id, "action.close")
    return act(close, None, url_for("record.tasks"))


@bp.route("/record/reviews")
@require(policy.REVIEW)
def reviews():
    """The privacy officer's queue: emergency accesses not reviewed yet, with what was read."""
    sess = db.session()
    items = []
    for grant in consent.pending_reviews(sess):
        trail = [e for e in events_for_person(sess, grant.person_id)
                 if e.break_glass_id == grant.id]
        items.append((grant, trail))
    return render_template("record/reviews.html", items=items)


@bp.route("/record/reviews/<int:grant_id>", methods=["POST"])
@require(policy.REVIEW)
def review(grant_id: int):
    grant = get_or_404(BreakGlass, grant_id)
    return act(lambda: consent.review_break_glass(db.session(), grant, reviewer=g.user,
                                                  note=request.form.get("note", "")),
               _("The review is recorded."), url_for("record.reviews"))


@bp.route("/people/<int:person_id>/chart/access-log")
@require(policy.REVIEW)
def access_log(person_id: int):
    """The privacy officer reads who accessed a person's chart (an access itself audited)."""
    from core.audit.service import audit

    person = get_or_404(Person, person_id)
    sess = db.session()
    events = events_for_person(sess, person.id)
    audit(sess, "audit.read", person_id=person.id)
    commit_reads()
    return render_template("record/access_log.html", person=person, events=events)


def _export_response(person_id: int, fmt: str):
    """Staff export at the person's request: what the viewer may read, audited as an export."""
    from core.record.export import download

    person, access = chart.open_chart(person_id, "chart.export")
    if not access.can_export:
        chart.deny(person.id, "chart.export")
    return download(db.session(), person, viewer=g.user, fmt=fmt, basename=f"record-{person.id}",
                    purpose=request.args.get("purpose") or str(_("At the person's request")))


@bp.route("/people/<int:person_id>/chart/export.fhir.json")
@require(policy.EXPORT)
def export_fhir(person_id: int):
    return _export_response(person_id, "fhir")


@bp.route("/people/<int:person_id>/chart/export.csv")
@require(policy.EXPORT)
def export_csv(person_id: int):
    return _export_response(person_id, "csv")


@bp.route("/people/<int:person_id>/consent", methods=["GET", "POST"])
@require(policy.REVIEW)
def person_consent(person_id: int):
    """The privacy officer records a person's consent choices for them (same rules as the
    portal: every change recorded and audited)."""
    person = get_or_404(Person, person_id)
    sess = db.session()
    outcome = None
    if request.method == "POST":
        outcome = attempt(
            lambda: consent.apply_consent_form(sess, person.id, request.form, actor=g.user))
        if outcome:
            flash(_("The choice is recorded."), "success")
            return redirect(url_for("record.person_consent", person_id=person.id))
    return form_page("portal/consent.html", outcome, person=person,
                     back=url_for("identity.person", person_id=person.id),
                     rules=consent.consent_rules(sess, person.id, include_revoked=True),
                     disciplines=consent.known_disciplines(sess),
                     practitioners=consent.practitioners(sess))
