"""Pages of a record that moves between coops: the privacy officer's imports and review list,
an imported entry, and the proposed summary lines a practitioner confirms on the chart."""

from __future__ import annotations

from flask import abort, g, redirect, render_template, request, url_for
from sqlalchemy import select

from core import db
from core.audit.service import audit
from core.i18n import _
from core.identity.models import Person
from core.record import chart, policy
from core.record.officer import officer_only
from core.record.transfer import BundleRefused, resolve, start_import
from core.record.transfer_models import ImportedEntry, ImportProposal, RecordImport
from core.record.transfer_read import can_read_imported, decide_proposal
from core.record.transfer_text import outcome_lines
from core.record.views import bp
from core.security.access import has_permission, require
from core.specs import PanelSpec
from core.web.lifecycle import act, attempt, commit_reads, form_page, get_or_404


def _imports_page(outcome=None):
    sess = db.session()
    waiting = sess.scalars(select(RecordImport).where(RecordImport.state == "review")
                           .order_by(RecordImport.id)).all()
    recent = sess.scalars(select(RecordImport).where(RecordImport.state != "review")
                          .order_by(RecordImport.id.desc()).limit(30)).all()
    return form_page("record/imports.html", outcome, waiting=waiting, recent=recent,
                     outcome_lines=outcome_lines)


@bp.route("/privacy/imports", methods=["GET", "POST"])
@officer_only
def imports():
    """Bring in a record another coop sent; the imports that wait for a decision."""
    if request.method == "GET":
        return _imports_page()
    upload = request.files.get("bundle")
    if upload is None or not upload.filename:
        outcome = attempt(lambda: _refuse_empty())
    else:
        raw = upload.read()
        outcome = attempt(lambda: start_import(db.session(), raw, actor=g.user))
    if not outcome:
        return _imports_page(outcome)
    return redirect(url_for("record.import_page", import_id=outcome.result.id))


def _refuse_empty():
    raise BundleRefused(_("Choose the bundle file the other coop sent."), field="bundle")


def _people(ids) -> list[Person]:
    return [p for p in (db.session().get(Person, i) for i in ids) if p is not None]


@bp.route("/privacy/imports/<int:import_id>", methods=["GET", "POST"])
@officer_only
def import_page(import_id: int):
    """One import: what it did, or who the person could be and the officer's decision."""
    batch = get_or_404(RecordImport, import_id)
    outcome = None
    if request.method == "POST":
        outcome = attempt(lambda: resolve(db.session(), batch, choice=request.form.get("choice", ""),
                                          actor=g.user))
        if outcome:
            return redirect(url_for("record.import_page", import_id=batch.id))
    # the candidates' identities are personal information read for this decision: audited
    for person in _people(batch.candidates) if batch.state == "review" else []:
        audit(db.session(), "record.import.candidate", person_id=person.id,
              detail={"import_id": batch.id})
    page = form_page("record/import.html", outcome, batch=batch,
                     candidates=_people(batch.candidates), lines=outcome_lines(batch))
    commit_reads()
    return page


@bp.route("/people/<int:person_id>/chart/imported/<int:entry_id>")
@require(policy.VIEW)
def imported_entry(person_id: int, entry_id: int):
    """An entry from another coop's record, as it came (read-only), audited."""
    person, access = chart.open_chart(person_id, "imported.read")
    row = get_or_404(ImportedEntry, entry_id)
    if row.person_id != person.id:
        abort(404)
    if not can_read_imported(access, row):
        chart.deny(person.id, "imported.read")
    audit(db.session(), "imported.read", person_id=person.id, detail={"imported_entry": row.id})
    commit_reads()
    return render_template("record/imported_entry.html", person=person, row=row,
                           resource=row.resource)


@bp.route("/imports/proposals/<int:proposal_id>", methods=["POST"])
@require(policy.WRITE)
def decide(proposal_id: int):
    """Confirm a summary line another coop's record proposes, or decline it."""
    proposal = get_or_404(ImportProposal, proposal_id)
    person, _access = chart.open_chart(proposal.person_id, "summary.add")
    confirm = request.form.get("decision") == "confirm"
    target = url_for("record.chart_page", person_id=person.id) + "#imported"
    return act(lambda: decide_proposal(db.session(), proposal, confirm=confirm, actor=g.user),
               _("Added to the summary.") if confirm else _("Not added to the summary."), target)


def imported_panel(person, viewer, reads) -> list[PanelSpec]:
    """The chart's panel of what other coops' records brought (nothing when there is none);
    ``reads``: the chart's answers, ``transfer_read.PANEL_READS`` among them (the rows it
    shows: the panel sends no statement)."""
    from core.record.transfer_read import panel_entries, panel_proposals

    found = panel_entries(reads["record.imported_rows"])
    offered = panel_proposals(reads["record.imported_proposals"])
    if not found and not offered:
        return []
    access = policy.chart_access(db.session(), viewer, person.id)
    rows = [row for row in found if can_read_imported(access, row)]
    proposals = offered if access.can_open else []
    if not rows and not proposals:
        return []
    shown = [r for r in rows if r.resource_type != "Encounter"]
    return [PanelSpec("record.imported", _("From another coop's record"),
                      template="record/_imported_panel.html",
                      data={"rows": shown, "proposals": proposals,
                            "can_decide": access.can_open and has_permission(policy.WRITE,
                                                                              account=viewer)})]
