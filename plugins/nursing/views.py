"""The nursing pages (under /p/nursing/): applying an OC to a person, and the OC register.

Views stay thin: load, check access (``open_chart`` for a person's chart), call the service,
commit once. Bad input re-renders the form with the errors next to the fields (422) and
writes nothing.
"""

from __future__ import annotations

from datetime import timedelta

from flask import Blueprint, abort, flash, jsonify, redirect, render_template, request, url_for
from marshmallow import ValidationError

from core.api import (AccessDenied, PanelSpec, attempt, authenticated, current_account,
                      current_session, entries_for, format_day, get_or_404, has_permission,
                      open_chart, reader_language, require, today as coop_today)

from plugins.nursing import _, ngettext, service, trainings
from plugins.nursing.forms import VITALS
from plugins.nursing.models import OcVersion
from plugins.nursing.oc import display, messages, registry
from plugins.nursing.oc.document import text
from plugins.nursing.oc.engine import Nurse, administrative_refusal
from plugins.nursing.permissions import APPLY_OC, MANAGE_OC
from plugins.nursing.protocols import news2
from plugins.nursing.registry_forms import RenewSchema, field_list, renewed_document

bp = Blueprint("nursing", __name__, template_folder="templates")


@bp.app_template_global("validity")
def validity(row) -> str:
    """An OC version's dates as a nurse reads them: in force until its last day, expired on,
    or in force from (an OC expires ON ``expires_on``: its last day is the day before)."""
    today, oc = coop_today(), registry.view(row)
    if today >= oc.expires_on:
        return str(_("expired on %(date)s", date=format_day(oc.expires_on, "long")))
    if today < oc.effective_date:
        return str(_("in force from %(date)s", date=format_day(oc.effective_date, "long")))
    return str(_("in force until %(date)s",
                 date=format_day(oc.expires_on - timedelta(days=1), "long")))


@bp.app_template_global("oc_entry_view")
def oc_entry_view(payload: dict) -> dict:
    """An OC application entry's values, labelled in the reader's language (its template)."""
    return display.oc_entry_view(payload, reader_language())


def _errors(exc: ValidationError) -> dict:
    """marshmallow messages as ``{field: [text]}`` (nested ones folded into their field), in
    the reader's language."""
    out: dict = {}

    def walk(key, value):
        if isinstance(value, dict):
            for sub_key, sub in value.items():
                walk(key if key != "_schema" else str(sub_key), sub)
        elif isinstance(value, (list, tuple)):
            for sub in value:
                walk(key, sub)
        else:
            out.setdefault(key, []).append(messages.translate(str(value)))

    walk("_schema", exc.messages)
    return out


def _form_values(form) -> dict:
    return {k: v for k, v in form.items() if k != "csrf_token"}


def _added(row):
    """Show a new OC version, committed."""
    flash(_("%(code)s version %(version)s is in the register.", code=row.code,
            version=row.version), "success")
    return redirect(url_for("nursing.oc_page", code=row.code))


# --- applying an OC ------------------------------------------------------------------------


@bp.route("/people/<int:person_id>/oc")
@require(APPLY_OC)
def choose_oc(person_id: int):
    """The OCs the nurse may try for this person (those governing today)."""
    _may_apply_or_403()
    person, _access = open_chart(person_id, "chart.read")
    today = coop_today()
    rows = registry.catalogue(current_session(), today)
    return render_template("nursing/choose_oc.html", person=person, rows=rows, today=today,
                           view=registry.view, text=text, locale=reader_language())


@bp.route("/people/<int:person_id>/oc/<code>", methods=["GET", "POST"])
@require(APPLY_OC)
def apply_oc(person_id: int, code: str):
    """The OC's questions; on submit, the engine's decision, recorded."""
    _may_apply_or_403()
    person, _access = open_chart(person_id, "entry.create")
    session, locale = current_session(), reader_language()
    row = registry.current(session, code, coop_today())
    if row is None:
        abort(404)
    refusal = administrative_refusal(registry.view(row), Nurse.from_account(current_account()),
                                     coop_today())
    if refusal is not None and request.method == "GET":
        # said before the nurse answers anything (a form posted anyway is refused by the
        # service, and the refusal kept in the register of applications)
        return render_template("nursing/oc_refused.html", person=person, row=row,
                               decision=refusal, name=text(row.document["name"], locale)), 409
    schema = service.answers_schema(row.document, locale)
    values, errors = {}, {}
    if request.method == "POST":
        values = _form_values(request.form)

        def apply():
            answers = schema().load({k: v for k, v in values.items()
                                     if k in schema().fields and v.strip()})
            return service.apply_oc(session, person=person, code=code, answers=answers,
                                    nurse=current_account(), locale=locale,
                                    treating_physician=values.get("treating_physician", ""))

        try:
            outcome = attempt(apply)
        except AccessDenied:  # rolled back by attempt
            abort(403)
        if outcome:
            return render_template("nursing/oc_result.html", person=person, row=row,
                                   applied=outcome.result, name=text(row.document["name"], locale))
        errors = _errors(outcome.refusal)
    return render_template("nursing/apply_oc.html", person=person, row=row, values=values,
                           errors=errors, fields=field_list(schema),
                           name=text(row.document["name"], locale)), (422 if errors else 200)


def may_apply_ocs(account, professions: set[str] | None = None) -> bool:
    """Whether the account may apply some OC in force: the permission (by role) and a
    profession that an OC names (by discipline; ``professions``: those the OCs in force name,
    as the chart read them with its other questions, else asked here)."""
    return has_permission(APPLY_OC, account=account) and (
        service.may_apply_some_oc(current_session(), account, coop_today()) if professions is None
        else Nurse.from_account(account).discipline in professions)


def _may_apply_or_403() -> None:
    if not may_apply_ocs(current_account()):
        abort(403)


def chart_panel(person, viewer, professions: set[str]) -> list[PanelSpec]:
    """On the chart: the latest NEWS2 the viewer may read, and the way to apply an OC (when
    the viewer's profession is among the ``professions`` the OCs in force name)."""
    lines, severity = [], "info"
    latest = entries_for(current_session(), person.id, [VITALS], viewer=viewer)[:1]
    if latest:
        score = news2(latest[0].payload)
        if len(score.missing) < 6:
            lines.append(_("Latest NEWS2: %(total)s", total=score.total))
            severity = "urgent" if score.risk != "low" else "info"
    data = {}
    if may_apply_ocs(viewer, professions):
        data = {"apply_url": url_for("nursing.choose_oc", person_id=person.id),
                "apply_label": str(_("Apply an ordonnance collective"))}
    if not lines and not data:
        return []
    return [PanelSpec("nursing.panel", _("Nursing"), tuple(lines), "nursing/_panel.html", data,
                      severity)]


def home_section(viewer) -> list[PanelSpec]:
    """OCs that expire within 30 days (or have expired), for whoever manages the register."""
    if not has_permission(MANAGE_OC, account=viewer):
        return []
    session, today = current_session(), coop_today()
    rows = [r for r in registry.catalogue(session, today) if r.status == "active"
            and r.expires_on <= today + timedelta(days=30)]
    items = [{"text": f"{text(r.document['name'], reader_language())} ({r.code})",
              "url": url_for("nursing.oc_page", code=r.code), "note": validity(r),
              "urgent": r.expires_on <= today} for r in rows]
    if not items:
        return []
    return [PanelSpec("nursing.oc_expiring", _("Ordonnances collectives to renew"),
                      data={"items": items, "more": (_("The register"),
                                                     url_for("nursing.registry_page"))},
                      severity="urgent" if any(i["urgent"] for i in items) else "warning")]


# --- the register --------------------------------------------------------------------------


@bp.route("/oc")
@require(MANAGE_OC)
def registry_page():
    """Every OC with the version governing today, its expiry, and the warnings sent."""
    session, today = current_session(), coop_today()
    rows = registry.catalogue(session, today)
    soon = {r.id for r in registry.expiring(session, today)}
    return render_template("nursing/registry.html", rows=rows, soon=soon, today=today,
                           view=registry.view, text=text, locale=reader_language())


@bp.route("/oc/new", methods=["GET", "POST"])
@require(MANAGE_OC)
def add_oc():
    """Add an OC, or a new version of one, from a JSON file or pasted JSON."""
    errors, values = {}, {}
    if request.method == "POST":
        session = current_session()
        upload = request.files.get("file")
        raw = upload.read() if upload and upload.filename else request.form.get("document", "")
        values = {"document": request.form.get("document", "")}

        def add():
            if not raw.strip():
                raise ValidationError({"document": [str(_("Choose a file or paste a document."))]})
            return registry.add_version(session, raw, by=current_account(),
                                        source="upload" if upload and upload.filename else "form")

        outcome = attempt(add)
        if outcome:
            return _added(outcome.result)
        errors = _errors(outcome.refusal)
    return render_template("nursing/add_oc.html", errors=errors, values=values), (
        422 if errors else 200)


@bp.route("/oc/<code>")
@authenticated
def oc_page(code: str):
    """One OC: the 17 elements of the governing version, and every version."""
    if not (has_permission(MANAGE_OC) or has_permission(APPLY_OC)):
        abort(403)
    session, today = current_session(), coop_today()
    rows = registry.versions(session, code)
    if not rows:
        abort(404)
    row = registry.current(session, code, today) or rows[0]
    return render_template("nursing/oc.html", row=row, rows=rows, oc=registry.view(row),
                           today=today, text=text, locale=reader_language(),
                           can_manage=has_permission(MANAGE_OC))


@bp.route("/oc/<code>/renew", methods=["GET", "POST"])
@require(MANAGE_OC)
def renew_oc(code: str):
    """A new version of an OC with new dates and signatures (content unchanged)."""
    session = current_session()
    rows = registry.versions(session, code)
    if not rows:
        abort(404)
    values, errors = {}, {}
    if request.method == "POST":
        values = _form_values(request.form)

        def renew():
            data = RenewSchema().load({k: v for k, v in values.items() if v.strip()})
            return registry.add_version(session, renewed_document(rows[0].document, data),
                                        source="form", by=current_account())

        outcome = attempt(renew)
        if outcome:
            return _added(outcome.result)
        errors = _errors(outcome.refusal)
    return render_template("nursing/renew_oc.html", latest=rows[0], values=values, errors=errors,
                           fields=field_list(RenewSchema), text=text, locale=reader_language()), (
        422 if errors else 200)


@bp.route("/oc/trainings", methods=["GET", "POST"])
@require(MANAGE_OC)
def trainings_page():
    """Each nurse's trainings for the OCs in the register (checked by the engine)."""
    session = current_session()
    needed = trainings.required(session, coop_today())
    staff = trainings.nurses(session)
    if request.method == "POST":
        # set_trainings refuses nothing: a box ticked or not is always a valid answer
        changed = attempt(lambda: sum(trainings.set_trainings(
            session, nurse, set(request.form.getlist(f"t-{nurse.id}")), set(needed))
            for nurse in staff)).result
        flash(ngettext("Trainings saved (%(num)s nurse changed).",
                       "Trainings saved (%(num)s nurses changed).", changed), "success")
        return redirect(url_for("nursing.trainings_page"))
    return render_template("nursing/trainings.html", needed=needed, staff=staff,
                           held={n.id: trainings.held(n) for n in staff})


@bp.route("/oc/versions/<int:version_id>.json")
@require(MANAGE_OC)
def download_oc(version_id: int):
    """One version's document, to start a new OC or a new version from it."""
    row = get_or_404(OcVersion, version_id)
    response = jsonify(row.document)
    response.headers["Content-Disposition"] = (
        f'attachment; filename="{row.code}-v{row.version}.json"')
    return response


@bp.route("/oc/versions/<int:version_id>/withdraw", methods=["POST"])
@require(MANAGE_OC)
def withdraw_oc(version_id: int):
    """Stop using a version before it expires (it stays in the register)."""
    session = current_session()
    row = attempt(lambda: registry.withdraw(session, version_id)).result
    if row is None:  # no such version: nothing was written
        abort(404)
    flash(_("%(code)s version %(version)s is withdrawn.", code=row.code, version=row.version),
          "success")
    return redirect(url_for("nursing.oc_page", code=row.code))

