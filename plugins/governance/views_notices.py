"""The notice of an assembly: send it, see the proof of sending, print the paper list."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for

from core.api import current_account, current_session, require

from plugins.governance import ngettext, notices
from plugins.governance.assemblies import notice_deadline
from plugins.governance.models import Assembly
from plugins.governance.permissions import CONVENE, VIEW
from plugins.governance.web import attempt, load

bp = Blueprint("notices", __name__, url_prefix="/assemblies/<int:assembly_id>/notices")


@bp.route("/")
@require(VIEW)
def show(assembly_id: int):
    """Each member household's notice: e-mailed (sent when, to whom) or on paper."""
    session = current_session()
    assembly = load(Assembly, assembly_id)
    rows = notices.proof(session, assembly)
    return render_template("governance/notices.html", assembly=assembly, rows=rows,
                           paper=[r for r in rows if r["notice"].channel == "paper"],
                           deadline=notice_deadline(assembly))


@bp.route("/", methods=["POST"])
@require(CONVENE)
def send(assembly_id: int):
    """Queue the notices not sent yet; the worker's mail job sends them within minutes."""
    assembly = load(Assembly, assembly_id)
    counts = []
    errors = attempt(lambda: counts.append(notices.send_notices(current_session(), assembly,
                                                                current_account())))
    if errors:
        for messages in errors.values():
            flash(messages[0], "error")
    else:
        emailed, paper = counts[0]
        flash(ngettext("Notices recorded: %(num)s household by e-mail, %(p)s on paper (see the "
                       "list to print).", "Notices recorded: %(num)s households by e-mail, "
                       "%(p)s on paper (see the list to print).", emailed, p=paper), "success")
    return redirect(url_for(".show", assembly_id=assembly.id))
