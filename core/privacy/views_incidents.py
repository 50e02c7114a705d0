"""The privacy officer's register of confidentiality incidents: record one, follow it up
(assessment, notices, measures); the register itself is a report (``/reports/
core.privacy_incidents``, HTML and CSV)."""

from __future__ import annotations

from flask import flash, g, redirect, request, url_for

from core import db
from core.i18n import _
from core.privacy import incidents
from core.privacy.models import ConfidentialityIncident
from core.privacy.officer import PERMISSION
from core.privacy.views import bp
from core.security.access import require
from core.web.lifecycle import attempt, form_page, get_or_404


@bp.route("/privacy/incidents", methods=["GET", "POST"])
@require(PERMISSION)
def incidents_page():
    """The register, newest first, and the form to record an incident."""
    sess = db.session()
    outcome = None
    if request.method == "POST":
        outcome = attempt(lambda: incidents.record_incident(sess, request.form, by=g.user))
        if outcome:
            flash(_("The incident is in the register."), "success")
            return redirect(url_for("privacy.incident", incident_id=outcome.result.id))
    return form_page("privacy/incidents.html", outcome, incidents=incidents.listing(sess),
                     overdue=incidents.overdue, values=dict(request.form))


@bp.route("/privacy/incidents/<int:incident_id>", methods=["GET", "POST"])
@require(PERMISSION)
def incident(incident_id: int):
    """One incident: its record, and its follow-up (assessment, notices, measures)."""
    row = get_or_404(ConfidentialityIncident, incident_id)
    sess = db.session()
    outcome = None
    if request.method == "POST":
        outcome = attempt(lambda: incidents.follow_up(sess, row, request.form, by=g.user))
        if outcome:
            flash(_("The incident's follow-up is saved."), "success")
            return redirect(url_for("privacy.incident", incident_id=row.id))
    values = dict(request.form) if outcome is not None else {
        "risk_assessment": row.risk_assessment, "serious_harm": "yes" if row.serious_harm else "no",
        "cai_notified_on": row.cai_notified_on.isoformat() if row.cai_notified_on else "",
        "persons_notified_on": row.persons_notified_on.isoformat() if row.persons_notified_on else "",
        "public_notice": row.public_notice, "measures": row.measures}
    return form_page("privacy/incident.html", outcome, incident=row, values=values,
                     missing=incidents.overdue(row))
