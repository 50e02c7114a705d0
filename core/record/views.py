"""Chart pages: timeline, writing from a plugin's form, an entry with its history, amending.

Each view: load, check access (core.record.policy through core.record.chart), call the service,
audit, commit once. Bad input re-renders the form with the errors (422) and writes nothing.
"""

from __future__ import annotations

from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for

from core import db
from core.audit.service import audit
from core.i18n import _
from core.ids import parse_id
from core.record import chart, policy, private_part, rendering, service
from core.record.forms import current_form, form_version
from core.security.access import require
from core.web.lifecycle import attempt, commit_reads, flat_messages, form_page

bp = Blueprint("record", __name__, template_folder="templates")


@bp.errorhandler(chart.BreakGlassOffer)
def offer_break_glass(exc):
    """Still a 403 with nothing from the chart: only the emergency-access form."""
    return render_template("record/break_glass.html", person=exc.person, errors={},
                           values={}), 403


@bp.route("/people/<int:person_id>/chart")
@require(policy.VIEW)
def chart_page(person_id: int):
    """The timeline, newest first, filtered and grouped by visit, with summary and findings."""
    page = render_template("record/chart.html",
                           **chart.chart_context(*chart.open_timeline(person_id)))
    # committed once the page is drawn: the menu's reads go in the same transaction, and the
    # audit chain's lock is only taken at the commit (a failed commit is still a 500)
    commit_reads()
    return page


@bp.route("/people/<int:person_id>/chart/print")
@require(policy.EXPORT)
def print_chart(person_id: int):
    """A printable chart (what the viewer may read, no filters); audited as a print."""
    person, access = chart.open_chart(person_id, "chart.print")
    if not access.can_export:
        chart.deny(person.id, "chart.print")
    sess = db.session()
    entries = service.entries_for(sess, person.id, viewer=g.user)
    items = [(card, rendering.display_rows(card.spec, card.entry.payload))
             for card in chart.cards(entries)]
    audit(sess, "chart.print", person_id=person.id, purpose=request.args.get("purpose", ""))
    commit_reads()
    return render_template("record/print.html", person=person, items=items)


def _encounter_choice(person, author):
    """The visit the form asked for: an existing one of this person, a new one, or none."""
    sess = db.session()
    choice = request.form.get("encounter", "")
    if choice == "new":
        return service.start_encounter(sess, person=person, author=author)
    if parse_id(choice):
        encounter = sess.get(chart.Encounter, parse_id(choice))
        if encounter is not None and encounter.person_id == person.id:
            return encounter
    return None


def _to_entry(outcome, message):
    """Once an entry is written: the message, and the entry just written."""
    flash(message, "success")
    return redirect(url_for("record.entry_page", entry_id=outcome.result.id, saved=1))


def _shares(form) -> list[int]:
    return [i for i in map(parse_id, form.getlist("shared_with")) if i]


@bp.route("/people/<int:person_id>/chart/new/<form_id>", methods=["GET", "POST"])
@require(policy.WRITE)
def new_entry(person_id: int, form_id: str):
    """Write an entry with a plugin's form, rendered from its schema."""
    person, access = chart.open_chart(person_id, "entry.create")
    spec = current_form(form_id)
    if spec is None or not service.written_by_hand(spec):
        abort(404)  # a workflow's form (an OC application) is written by its own page only
    if not access.can_write(spec):
        chart.deny(person.id, "entry.create")
    values, outcome = rendering.initial_values(spec.schema), None
    if request.method == "POST":
        values = rendering.posted_values(spec.schema, request.form)
        outcome = attempt(lambda: service.record_entry(
            db.session(), person=person, form_id=spec.id, author=g.user,
            payload=rendering.payload_from_form(spec.schema, request.form),
            encounter=_encounter_choice(person, g.user),
            confidentiality=request.form.get("confidentiality") or None,
            member_visible=_member_visible(request.form),
            shared_with=_shares(request.form)))
        if outcome:
            return _to_entry(outcome, _("The entry is saved."))
    return form_page("record/form.html", outcome, person=person, spec=spec, values=values,
                     fields=rendering.field_views(spec.schema),
                     member_default=spec.member_visible,
                     encounters=chart.recent_encounters(person.id),
                     colleagues=_colleagues(), levels=_levels(spec.confidentiality),
                     action_url=request.path)


def _member_visible(form) -> bool | None:
    """The author's choice when the form showed the box (unticked means no), else the default."""
    return bool(form.get("member_visible")) if form.get("member_visible_shown") else None


def _levels(default: str) -> list[str]:
    return list(policy.LEVELS[policy.LEVELS.index(default):])


def _colleagues():
    from core.record.consent import practitioners

    return [a for a in practitioners(db.session()) if a.id != g.user.id]


def _load_entry(entry_id: int, action: str):
    """(entry, access) when the viewer may read it; otherwise an audited 403 (see
    :func:`chart.readable_entry`: a missing entry is answered the same way)."""
    return chart.readable_entry(entry_id, action)


@bp.route("/entries/<int:entry_id>")
@require(policy.VIEW)
def entry_page(entry_id: int):
    """One entry: its fields, findings, and every version the viewer may read."""
    entry, access = _load_entry(entry_id, "entry.read")
    sess = db.session()
    spec = form_version(entry.form_id, entry.form_version)
    versions = [v for v in service.history(sess, entry) if access.can_read(v)]
    current = versions[-1].id == entry.id and not service.is_superseded(sess, entry)
    part = private_part.part_of(sess, entry, spec)  # answers kept apart, shown to who may read
    part_card = chart.cards([part])[0] if part is not None and access.can_read(part) else None
    audit(sess, "entry.read", person_id=entry.person_id, entry_id=entry.id)
    commit_reads()
    return render_template(
        "record/entry.html", entry=entry, spec=spec, person=entry.person, current=current,
        part=part, part_card=part_card,
        rows=rendering.display_rows(spec, entry.payload), card=chart.cards([entry])[0],
        versions=chart.cards(versions), template=rendering.entry_template(entry),
        template_catalog=rendering.entry_template_catalog(entry),
        can_amend=current and spec is not None and access.can_amend(entry, spec),
        by_hand=spec is None or service.written_by_hand(spec),
        just_saved=bool(request.args.get("saved")))


@bp.route("/entries/<int:entry_id>/amend", methods=["GET", "POST"])
@require(policy.WRITE)
def amend(entry_id: int):
    """Amend: a new version that supersedes this one (the old one stays in the history)."""
    entry, access = _load_entry(entry_id, "entry.amend")
    spec = form_version(entry.form_id, entry.form_version) or current_form(entry.form_id)
    if spec is None or not access.can_amend(entry, spec):
        chart.deny(entry.person_id, "entry.amend", entry_id=entry.id)
    if not service.written_by_hand(spec):
        abort(404)
    values, outcome = rendering.form_values(entry.payload), None
    if request.method == "POST":
        values = rendering.posted_values(spec.schema, request.form)
        outcome = attempt(lambda: service.amend_entry(
            db.session(), entry, author=g.user, reason=request.form.get("reason", ""),
            payload=rendering.payload_from_form(spec.schema, request.form),
            confidentiality=request.form.get("confidentiality") or None,
            member_visible=_member_visible(request.form)))
        if outcome:
            return _to_entry(outcome, _("The amendment is saved."))
    return form_page("record/form.html", outcome, person=entry.person, spec=spec, values=values,
                     fields=rendering.field_views(spec.schema),
                     member_default=entry.member_visible,
                     amending=entry, levels=_levels(entry.confidentiality),
                     action_url=request.path)


@bp.route("/entries/<int:entry_id>/error", methods=["POST"])
@require(policy.WRITE)
def entered_in_error(entry_id: int):
    """Mark an entry as written in error; a reason is required."""
    entry, _access = _load_entry(entry_id, "entry.error")

    def mark():
        try:
            return service.mark_entered_in_error(db.session(), entry, author=g.user,
                                                 reason=request.form.get("reason", ""))
        except service.AccessDenied:
            chart.deny(entry.person_id, "entry.error", entry_id=entry.id)
    outcome = attempt(mark)
    if not outcome:
        for text in flat_messages(outcome.errors):
            flash(text, "error")
        return redirect(url_for("record.entry_page", entry_id=entry.id)), 303
    flash(_("The entry is marked as entered in error."), "success")
    return redirect(url_for("record.entry_page", entry_id=outcome.result.id))
