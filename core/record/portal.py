"""The member's portal: their record in plain language, consent, privacy, who read it, export.

Every page works on the signed-in member's own person record (``g.user.person_id``): no page
takes a person id, so a member can never ask for someone else's record.
"""

from __future__ import annotations

from datetime import datetime, timezone

from flask import Blueprint, flash, g, redirect, render_template, request, url_for

from core import db
from core.audit.service import audit, events_for_person
from core.db import utcnow
from core.i18n import _
from core.record import consent, rendering
from core.record.export import appointments, download
from core.record.forms import form_version
from core.record.service import entries_for
from core.record.summary import active_items
from core.record.transfer_read import imported_rows, imported_title, member_imported_entries
from core.security.access import member
from core.web.lifecycle import attempt, commit_reads, form_page

#: where an imported entry with no date sorts (last)
EPOCH = datetime(1900, 1, 1, tzinfo=timezone.utc)
bp = Blueprint("portal", __name__, url_prefix="/portal", template_folder="templates")


@bp.route("/")
@member
def home():
    """The member's own space: who they are, their membership, their coming appointments (the
    scheduling area's page has the full list), their links."""
    now = utcnow()
    coming = [a for a in appointments(db.session(), g.user.person_id)
              if a.status != "cancelled" and a.ends_at > now]
    from core.web.worklist import sections

    return render_template("portal/home.html", person=g.user.person, appointments=coming,
                           sections=sections(g.user))


@bp.route("/record")
@member
def record():
    """Entries marked visible to the member, in the plain language their plugin provides, and
    those other coops' records brought that the member may read, with where they come from
    (read-only, as everywhere): one list, newest first."""
    sess = db.session()
    person = g.user.person
    items = []
    for entry in entries_for(sess, person.id, viewer=g.user):
        spec = form_version(entry.form_id, entry.form_version)
        items.append({"entry": entry, "title": str(spec.title) if spec else entry.form_id,
                      "plain": rendering.plain_language(entry), "when": entry.occurred_at,
                      "rows": rendering.display_rows(spec, entry.payload)})
    imported = member_imported_entries(sess, person.id)
    for row in imported:
        title = imported_title(row)
        items.append({"imported": row, "title": title, "when": row.occurred_at,
                      "rows": [(k, v) for k, v in imported_rows(row.resource) if v != title]})
    items.sort(key=lambda i: i["when"] or EPOCH, reverse=True)
    audit(sess, "portal.read", person_id=person.id,
          detail={"imported_entries": [r.id for r in imported]} if imported else None)
    commit_reads()
    return render_template("portal/record.html", person=person, items=items,
                           summary=active_items(sess, person.id))


@bp.route("/access")
@member
def access():
    """Who accessed my chart and when (my own visits to the portal left out)."""
    events = events_for_person(db.session(), g.user.person_id, exclude_actor=g.user.id)
    return render_template("portal/access.html", events=events)


@bp.route("/consent", methods=["GET", "POST"])
@member
def consent_page():
    """Restrict a discipline or refuse a named practitioner; withdraw a rule. Recorded."""
    sess = db.session()
    person_id = g.user.person_id
    outcome = None
    if request.method == "POST":
        outcome = attempt(
            lambda: consent.apply_consent_form(sess, person_id, request.form, actor=g.user))
        if outcome:
            flash(_("Your choice is recorded."), "success")
            return redirect(url_for("portal.consent_page"))
    return form_page("portal/consent.html", outcome, back=url_for("portal.home"),
                     rules=consent.consent_rules(sess, person_id, include_revoked=True),
                     disciplines=consent.known_disciplines(sess),
                     practitioners=consent.practitioners(sess))


@bp.route("/privacy", methods=["GET", "POST"])
@member
def privacy():
    """Optional sharing and notifications: every option starts off (the most private)."""
    sess = db.session()
    outcome = None
    if request.method == "POST":
        outcome = attempt(lambda: consent.update_privacy_settings(
            sess, g.user.person_id, request.form, actor=g.user))
        if outcome:
            flash(_("Your privacy settings are saved."), "success")
            return redirect(url_for("portal.privacy"))
    return form_page("portal/privacy.html", outcome,
                     settings=consent.privacy_settings(sess, g.user.person_id))


@bp.route("/export.fhir.json")
@member
def export_fhir_view():
    """My record as a FHIR R4 Bundle (what I may read in the portal)."""
    return download(db.session(), g.user.person, viewer=g.user, fmt="fhir",
                    purpose=str(_("Member's own copy")), basename="my-record")


@bp.route("/export.csv")
@member
def export_csv_view():
    """My record as CSV."""
    return download(db.session(), g.user.person, viewer=g.user, fmt="csv",
                    purpose=str(_("Member's own copy")), basename="my-record")
