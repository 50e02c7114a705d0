"""The privacy officer's retention page: charts past retention to approve for destruction,
legal holds (set and lifted with a reason), and the tombstones of destroyed charts.

Only the designated privacy officer reaches these pages (``core.privacy.officer``); every
change goes through :mod:`core.privacy.retention` and commits once.
"""

from __future__ import annotations

from flask import flash, g, redirect, request, url_for
from sqlalchemy import select

from core import db
from core.audit import purge
from core.i18n import _
from core.identity.models import Person
from core.privacy import retention
from core.privacy.models import LegalHold, RetentionCandidate
from core.privacy.officer import PERMISSION
from core.privacy.views import bp
from core.refusal import Refused
from core.security.access import require
from core.web.lifecycle import act, attempt, form_page, get_or_404, row_id


def _people(session, ids) -> dict[int, Person]:
    ids = set(ids)
    return {p.id: p for p in session.scalars(select(Person).where(Person.id.in_(ids)))} if ids else {}


def _page(outcome=None, values=None):
    sess = db.session()
    waiting, holds, gone = retention.pending(sess), retention.holds(sess), retention.tombstones(sess)
    people = _people(sess, [c.person_id for c in waiting] + [h.person_id for h in holds])
    return form_page("privacy/retention.html", outcome, pending=waiting, holds=holds,
                     tombstones=gone, people=people, values=values or {},
                     rules=sorted(retention.rules().values(), key=lambda r: r.discipline),
                     default=retention.DEFAULT, audit_keep=purge.keep_years(),
                     audit_due=purge.due(sess), purges=purge.checkpoints(sess))


@bp.route("/privacy/retention")
@require(PERMISSION)
def retention_page():
    """What waits for the officer's decision, the holds in force, what was destroyed."""
    return _page()


@bp.route("/privacy/retention/<int:candidate_id>/destroy", methods=["POST"])
@require(PERMISSION)
def destroy(candidate_id: int):
    """Approve the destruction of one chart (a confirmation box must be ticked)."""
    candidate = get_or_404(RetentionCandidate, candidate_id)

    def approve():
        if request.form.get("confirm") != "1":
            raise Refused(_("Tick the box to confirm that this chart is to be destroyed."))
        return retention.destroy(db.session(), candidate, by=g.user)

    return act(approve, _("The chart is destroyed; its tombstone is kept."),
               url_for("privacy.retention_page"))


@bp.route("/privacy/holds", methods=["POST"])
@require(PERMISSION)
def set_hold():
    """Put a person's chart under legal hold (their number and the reason)."""
    sess = db.session()

    def hold():
        person_id = row_id(request.form.get("person_id"))
        if person_id is None or sess.get(Person, person_id) is None:
            raise Refused(_("No person has this number."), "person_id")
        return retention.set_hold(sess, person_id, request.form.get("reason", ""), by=g.user)

    outcome = attempt(hold)
    if outcome:
        flash(_("The chart is under legal hold: it will not be destroyed."), "success")
        return redirect(url_for("privacy.retention_page"))
    return _page(outcome, dict(request.form))


@bp.route("/privacy/holds/<int:hold_id>/lift", methods=["POST"])
@require(PERMISSION)
def lift_hold(hold_id: int):
    """Lift a legal hold, with the reason."""
    hold = get_or_404(LegalHold, hold_id)
    return act(lambda: retention.lift_hold(db.session(), hold, request.form.get("lift_reason", ""),
                                           by=g.user),
               _("The legal hold is lifted."), url_for("privacy.retention_page"))
