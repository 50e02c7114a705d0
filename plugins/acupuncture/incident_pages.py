"""The incident list (coordinators): open incidents first, each closed with a note."""

from __future__ import annotations

from flask import render_template, request, url_for

from core.api import (EntryInvalid, act, audit, commit_reads, current_account, current_session,
                      get_or_404, require)

from plugins.acupuncture import _, incidents
from plugins.acupuncture.models import Incident
from plugins.acupuncture.permissions import INCIDENTS
from plugins.acupuncture.views import bp


@bp.route("/incidents")
@require(INCIDENTS)
def incidents_page():
    """Every incident, newest first, open ones with their closing form."""
    db = current_session()
    rows = incidents.listing(db, status=None)
    audit(db, "acupuncture.incidents.read")
    commit_reads()
    return render_template("acupuncture/incidents.html", rows=rows)


@bp.route("/incidents/<int:incident_id>/close", methods=["POST"])
@require(INCIDENTS)
def close_incident(incident_id: int):
    """Close an incident with a note of what was done (the reason flashed when refused)."""
    row = get_or_404(Incident, incident_id)

    def close():
        incidents.close_incident(row, request.form.get("note", ""), author=current_account())
        audit(current_session(), "acupuncture.incident.close", person_id=row.person_id,
              detail={"incident_id": row.id})

    return act(close, _("Incident closed."), url_for("acupuncture.incidents_page"),
               refusals=(EntryInvalid,))
