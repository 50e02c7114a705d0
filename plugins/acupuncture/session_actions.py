"""What the session page changes: points in and out, the details, a needle not found, closing.

Each action runs through core's ``attempt`` (one commit, or a rollback and the reasons); a
refusal shows the session page again with the messages next to the fields (422): the choices
when several points match, the acknowledgement a caution needs, what keeps a session open.
"""

from __future__ import annotations

from flask import flash, redirect, request, url_for

from core.api import EntryInvalid, attempt, audit, current_account, current_session, require

from plugins.acupuncture import _, points, sessions
from plugins.acupuncture.permissions import SESSIONS
from plugins.acupuncture.views import bp, load_session, render_session


class ClosingRefused(EntryInvalid):
    """Only the closing is refused (``messages``: what remains); the details are kept."""


def _act(session_id: int, action: str, work, done_message):
    """Run ``work(db, acu)`` on an open session and go back to the page (to the chart entry
    once closed), or show the page again with why."""
    acu, person = load_session(session_id, action)
    db = current_session()
    if acu.status != "open":
        flash(_("This session is closed: correct it from its page instead."), "error")
        return redirect(url_for("acupuncture.session_page", session_id=acu.id))

    def run():
        result = work(db, acu)
        audit(db, action, person_id=person.id, detail={"session_id": acu.id})
        return result

    outcome = attempt(run, refusals=(EntryInvalid,))
    if outcome:
        flash(done_message, "success")
        if getattr(outcome.result, "form_id", None):  # the chart entry of a closed session
            return redirect(url_for("record.entry_page", entry_id=outcome.result.id, saved=1))
        return redirect(url_for("acupuncture.session_page", session_id=acu.id))
    refusal, query = outcome.refusal, request.form.get("query", "")
    # typing is never lost: when only the closing was refused, the details are kept alone
    kept = isinstance(refusal, ClosingRefused) and bool(attempt(
        lambda: _save_details(db, acu, person)))
    return render_session(
        acu, person, errors=outcome.errors, values=request.form.to_dict(),
        needing=getattr(refusal, "cautions", ()), kept=kept,
        candidates=points.resolve(query)[1] if query else (), status=outcome.status)


def _save_details(db, acu, person) -> None:
    """The details posted, saved and audited on their own (the session stays open)."""
    sessions.save_details(acu, request.form.to_dict())
    audit(db, "acupuncture.session.update", person_id=person.id, detail={"session_id": acu.id})


@bp.route("/sessions/<int:session_id>/points", methods=["POST"])
@require(SESSIONS)
def add_point(session_id: int):
    """Add a point typed as a code, a French abbreviation or a pinyin name."""
    return _act(session_id, "acupuncture.point.add", lambda db, acu: sessions.add_point(
        db, acu, request.form.to_dict(), author=current_account()), _("Point added."))


@bp.route("/sessions/<int:session_id>/points/<int:point_id>/remove", methods=["POST"])
@require(SESSIONS)
def remove_point(session_id: int, point_id: int):
    """Take a point off the session."""
    return _act(session_id, "acupuncture.point.remove",
                lambda db, acu: sessions.remove_point(db, acu, point_id), _("Point removed."))


@bp.route("/sessions/<int:session_id>/details", methods=["POST"])
@require(SESSIONS)
def details(session_id: int):
    """Save the indication, needles, position, count, responses and TCM notes."""
    return _act(session_id, "acupuncture.session.update",
                lambda db, acu: sessions.save_details(acu, request.form.to_dict()),
                _("Session saved."))


@bp.route("/sessions/<int:session_id>/needle-incident", methods=["POST"])
@require(SESSIONS)
def needle_incident(session_id: int):
    """Record a needle not found, so that the session can close."""
    return _act(session_id, "acupuncture.incident.create",
                lambda db, acu: sessions.record_needle_incident(
                    db, acu, request.form.get("description", ""), author=current_account()),
                _("Incident recorded; the coordinator will follow it."))


def _save_then_close(db, acu):
    """Save the details, then close; when something keeps the session open, the closing is
    refused (and :func:`_act` keeps the details on their own)."""
    sessions.save_details(acu, request.form.to_dict())
    db.flush()
    problems = sessions.closing_problems(db, acu)
    if problems:
        raise ClosingRefused(problems)
    return sessions.close(db, acu, author=current_account())


@bp.route("/sessions/<int:session_id>/close", methods=["POST"])
@require(SESSIONS)
def close(session_id: int):
    """Save the last details, then close: the signed entry goes into the chart."""
    return _act(session_id, "acupuncture.session.close", _save_then_close,
                _("Session closed and recorded in the chart."))
