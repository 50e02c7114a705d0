"""The plugin's own pages (entries themselves are written and read in core's chart).

* a person's PHQ-9 and GAD-7 trajectory, response and remission marked;
* the member's access to their psychology entries: delay one, with the written reason, or lift
  a delay.

Each request loads, checks access on the server (a psychologist who may read the entries),
acts through ``access.py``, audits and commits once.
"""

from __future__ import annotations

from datetime import date

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from sqlalchemy import select

from core.api import (act, attempt, audit, commit_reads, current_account, current_session,
                      entries_for, open_chart, require, today as coop_today)

from plugins.psychology import _
from plugins.psychology.access import (DelayRefused, delay_access, delays_of, is_psychologist,
                                       lift_delay)
from plugins.psychology.chart import scores_of
from plugins.psychology.forms import FORM_IDS
from plugins.psychology.instruments import GAD7, PHQ9
from plugins.psychology.models import AccessDelay
from plugins.psychology.permissions import DELAY, SCORES
from plugins.psychology.renderers import SUMMARIES
from plugins.psychology.reports import chart_geometry, trajectory

bp = Blueprint("psychology", __name__, template_folder="templates")


def _person_for_psychologist(person_id: int, action: str):
    """The person, for a psychologist who may open their chart; else an audited 403 (404 when
    the person does not exist)."""
    person, _access = open_chart(person_id, action)
    session = current_session()
    if not is_psychologist(current_account()):
        audit(session, action, person_id=person.id, outcome="denied")
        commit_reads()
        abort(403)
    return session, person


@bp.route("/people/<int:person_id>/scores")
@require(SCORES)
def scores(person_id: int):
    """PHQ-9 and GAD-7 over time, as far as the psychologist may read them."""
    session, person = _person_for_psychologist(person_id, "psychology.scores.read")
    found = scores_of(session, person.id, current_account())
    series = []
    for instrument in (PHQ9, GAD7):
        points = trajectory(found[instrument.code])
        series.append({"instrument": instrument, "points": points,
                       "geometry": chart_geometry(points, instrument.max_total)})
    audit(session, "psychology.scores.read", person_id=person.id)
    commit_reads()
    return render_template("psychology/scores.html", person=person, series=series)


def _member_entries(session, person):
    """The person's psychology entries they read in their portal (current versions)."""
    return [e for e in entries_for(session, person.id, form_ids=sorted(FORM_IDS),
                                   viewer=current_account()) if e.member_visible]


@bp.route("/people/<int:person_id>/access")
@require(DELAY)
def member_access(person_id: int):
    """Which psychology entries the person reads, and the delays, past and present."""
    session, person = _person_for_psychologist(person_id, "psychology.access.read")
    today = coop_today()  # the same day as the rule that hides the entry (access.py)
    rows = []
    for entry in _member_entries(session, person):
        delays = delays_of(session, entry)
        active = next((d for d in delays if d.active_on(today)), None)
        rows.append({"entry": entry, "summary": SUMMARIES[entry.form_id](entry.payload),
                     "active": active, "past": [d for d in delays if d is not active]})
    audit(session, "psychology.access.read", person_id=person.id)
    commit_reads()
    return render_template("psychology/access.html", person=person, rows=rows)


@bp.route("/people/<int:person_id>/entries/<int:entry_id>/delay", methods=["GET", "POST"])
@require(DELAY)
def delay(person_id: int, entry_id: int):
    """Delay the person's access to one entry, for a written reason of serious harm."""
    session, person = _person_for_psychologist(person_id, "psychology.delay.create")
    entry = next((e for e in _member_entries(session, person) if e.id == entry_id), None)
    if entry is None:
        abort(404)
    errors: dict = {}
    if request.method == "POST":

        def delay() -> None:
            until = _optional_date(request.form.get("until"))
            made = delay_access(session, entry, by=current_account(),
                                reason=request.form.get("reason", ""), until=until)
            audit(session, "psychology.delay.create", person_id=person.id, entry_id=entry.id,
                  detail={"delay_id": made.id, "until": until.isoformat() if until else None})

        outcome = attempt(delay, refusals=(DelayRefused,))
        if outcome:
            flash(_("The person's access to this entry is delayed."), "success")
            return redirect(url_for("psychology.member_access", person_id=person.id))
        errors = outcome.errors
    audit(session, "entry.read", person_id=person.id, entry_id=entry.id)
    commit_reads()
    return render_template("psychology/delay.html", person=person, entry=entry,
                           summary=SUMMARIES[entry.form_id](entry.payload), errors=errors,
                           values=request.form), (422 if errors else 200)


def _optional_date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        raise DelayRefused({"until": [str(_("Enter a date as YYYY-MM-DD."))]}) from None


@bp.route("/people/<int:person_id>/delays/<int:delay_id>/lift", methods=["POST"])
@require(DELAY)
def lift(person_id: int, delay_id: int):
    """End a delay now; the person reads the entry again."""
    session, person = _person_for_psychologist(person_id, "psychology.delay.lift")
    found = session.execute(select(AccessDelay).where(
        AccessDelay.id == delay_id, AccessDelay.person_id == person.id)).scalar()
    readable = {e.root_id or e.id for e in _member_entries(session, person)}
    if found is None or found.entry_id not in readable or found.lifted_at is not None:
        abort(404)

    def lift_now() -> None:
        lift_delay(session, found, by=current_account(), note=request.form.get("note", ""))
        audit(session, "psychology.delay.lift", person_id=person.id, entry_id=found.entry_id,
              detail={"delay_id": found.id})

    return act(lift_now, _("The delay is lifted: the person can read this entry again."),
               url_for("psychology.member_access", person_id=person.id))
