"""The coop's crisis lines: read by anyone holding ``psychology.crisis_lines``, kept by the
coordinators and the psychologists among them (a practitioner of another discipline reads the
list, never changes it). Every change is a new version, audited."""

from __future__ import annotations

from flask import abort, flash, redirect, request, url_for
from sqlalchemy import select

from core.api import (PerLanguage, attempt, current_account, current_session, form_page, get_or_404,
                      require)

from plugins.psychology import _
from plugins.psychology.access import may_keep_crisis_lines
from plugins.psychology.crisis_lines import from_form, read_lines, save_line, values_of
from plugins.psychology.models import CrisisLine
from plugins.psychology.permissions import CRISIS_LINES
from plugins.psychology.views import bp


def _editor():
    account = current_account()
    if not may_keep_crisis_lines(account):
        abort(403)
    return account


@bp.route("/crisis-lines")
@require(CRISIS_LINES)
def crisis_lines():
    """The lines the suicide-risk rule shows, those set aside, and what is shown if not read."""
    session = current_session()
    rows = session.scalars(select(CrisisLine).order_by(
        CrisisLine.active.desc(), CrisisLine.position, CrisisLine.id)).all()
    return form_page("psychology/crisis_lines.html", lines=rows, shown=read_lines(session),
                     may_edit=may_keep_crisis_lines(current_account()), shown_title=PerLanguage)


@bp.route("/crisis-lines/new", methods=["GET", "POST"])
@require(CRISIS_LINES)
def crisis_line_new():
    """Add a line to the list."""
    return _edit(None)


@bp.route("/crisis-lines/<int:line_id>", methods=["GET", "POST"])
@require(CRISIS_LINES)
def crisis_line_edit(line_id: int):
    """Correct a line (its number, title, source, review date), or set it aside."""
    return _edit(get_or_404(CrisisLine, line_id))


def _edit(line: CrisisLine | None):
    account = _editor()
    if request.method == "GET":
        values = values_of(line) if line is not None else {"active": True}
        return form_page("psychology/crisis_line.html", line=line, values=values)
    outcome = attempt(lambda: save_line(current_session(), line, from_form(request.form),
                                        actor=account))
    if outcome:
        flash(_("The crisis line is saved: the suicide-risk rule shows it from now on.")
              if outcome.result.active else _("The crisis line is set aside: it is no longer "
                                              "shown."), "success")
        return redirect(url_for("psychology.crisis_lines"))
    return form_page("psychology/crisis_line.html", outcome, line=line, values=request.form)
