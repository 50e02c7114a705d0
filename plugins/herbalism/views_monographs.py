"""The monograph register's pages: the list, one monograph (any version), its history, and the
coordinator's editor, where every save is a new version with a note saying what changed."""

from __future__ import annotations

import json

from flask import abort, flash, redirect, render_template, request, url_for

from core.api import (Refused, act, attempt, current_account, current_session, form_page,
                      has_permission, reader_language, require)

from plugins.herbalism import _, monograph_form, monographs, shipped
from plugins.herbalism.alerts import SEVERITY_WORDS
from plugins.herbalism.knowledge import KnowledgeError
from plugins.herbalism.monograph_schema import FORMS, SEVERITIES
from plugins.herbalism.permissions import MANAGE_MONOGRAPHS, READ_MONOGRAPHS
from plugins.herbalism.views import bp
from plugins.herbalism.words import word


@bp.route("/monographs")
@require(READ_MONOGRAPHS)
def monographs_page():
    """Every herb's current monograph: names, version, its sources' kinds."""
    lang = "fr" if reader_language().startswith("fr") else "en"
    rows = sorted(monographs.catalogue(current_session()),
                  key=lambda r: r.document["common_names"][lang][0].casefold())
    return render_template("herbalism/monographs.html", rows=rows, locale=reader_language(),
                           **_release_changes())


def _release_changes() -> dict:
    """For a coordinator: what the release's shipped monographs would change in the register
    (or why they could not be read: never a silent "nothing to take in")."""
    if not has_permission(MANAGE_MONOGRAPHS):
        return {"release": None, "release_error": None}
    try:
        return {"release": shipped.changes(current_session()), "release_error": None}
    except KnowledgeError as exc:
        return {"release": None, "release_error": str(exc)}


@bp.route("/monographs/release", methods=["POST"])
@require(MANAGE_MONOGRAPHS)
def take_in_release():
    """Take in the release's new and corrected monographs, each as a new version."""
    return act(lambda: shipped.take_in(current_session(), author=current_account()),
               _("The monographs of this release are in the register."),
               url_for("herbalism.monographs_page"), refusals=(KnowledgeError,))


@bp.route("/monographs/<code>")
@require(READ_MONOGRAPHS)
def monograph_page(code: str):
    """One monograph (``?version=N`` for an older one) and the list of its versions."""
    session = current_session()
    versions = monographs.history(session, code)
    if not versions:
        abort(404)
    wanted = request.args.get("version", type=int)
    row = next((v for v in versions if v.version == wanted), None) if wanted else versions[0]
    if row is None:
        abort(404)
    return render_template("herbalism/monograph.html", row=row, doc=row.document,
                           versions=versions, locale=reader_language())


@bp.route("/monographs/<code>/edit", methods=["GET", "POST"])
@bp.route("/monographs/new", methods=["GET", "POST"], defaults={"code": None})
@require(MANAGE_MONOGRAPHS)
def monograph_editor(code: str | None):
    """Correct a monograph (or write a new herb's) field by field; saving adds a version."""
    session = current_session()
    base = monographs.current(session, code) if code else None
    if code and base is None:
        abort(404)
    start = base.document if base else _blank()
    values, counts, note, outcome = (monograph_form.values(start),
                                     monograph_form.row_counts(start), "", None)
    if request.method == "POST":
        values, note = request.form.to_dict(), request.form.get("note", "")
        counts = monograph_form.row_counts(start, request.form)
        document = monograph_form.document(start, request.form)
        if code:
            document["code"] = code  # a correction keeps the herb's code

        def save():
            try:
                return monographs.add_version(session, document, author=current_account(),
                                              note=note, expected_code=code)
            except Refused as refused:
                raise Refused(messages=monograph_form.renumber(refused.messages, request.form))\
                    from None
        outcome = attempt(save)
        if outcome:
            flash(_("Version %(version)s of %(code)s is saved.", version=outcome.result.version,
                    code=outcome.result.code), "success")
            return redirect(url_for("herbalism.monograph_page", code=outcome.result.code))
    return form_page("herbalism/monograph_form.html", outcome, base=base, values=values,
                     counts=counts, note=note, **_choices())


def _choices() -> dict:
    """The editor's lists, each value with its name in the reader's language."""
    return {"forms": {f: word("form", f) for f in FORMS},
            "evidence": {"clinical": _("clinical evidence"), "traditional": _("traditional use")},
            "severities": {s: SEVERITY_WORDS[s] for s in SEVERITIES},
            "kinds": {"nnhpd": _("Health Canada NNHPD monograph"), "who": _("WHO monograph"),
                      "ema": _("EMA/HMPC monograph"), "literature": _("Literature")}}


@bp.route("/monographs/<code>/edit/json", methods=["GET", "POST"])
@bp.route("/monographs/new/json", methods=["GET", "POST"], defaults={"code": None})
@require(MANAGE_MONOGRAPHS)
def edit_monograph(code: str | None):
    """Correct a monograph (or write a new herb's) as its JSON document, every field at once
    (doses, pregnancy...: what the field-by-field editor keeps as they were)."""
    session = current_session()
    base = monographs.current(session, code) if code else None
    if code and base is None:
        abort(404)
    document = json.dumps(base.document if base else _blank(), ensure_ascii=False, indent=1)
    note, outcome = "", None
    if request.method == "POST":
        document, note = request.form.get("document", ""), request.form.get("note", "")
        outcome = attempt(lambda: monographs.add_version(
            session, _parsed(document), author=current_account(), note=note, expected_code=code))
        if outcome:
            flash(_("Version %(version)s of %(code)s is saved.", version=outcome.result.version,
                    code=outcome.result.code), "success")
            return redirect(url_for("herbalism.monograph_page", code=outcome.result.code))
    return form_page("herbalism/edit_monograph.html", outcome, base=base, document=document,
                     note=note)


def _parsed(document: str) -> dict:
    """The JSON the coordinator wrote, or a refusal shown next to it."""
    try:
        parsed = json.loads(document)
    except ValueError:
        parsed = None
    if not isinstance(parsed, dict):
        raise Refused(_("This is not a valid JSON document."), "document")
    return parsed


def _blank() -> dict:
    """The skeleton of a new monograph: every field, to be filled in both languages."""
    empty = {"fr": "", "en": ""}
    return {"code": "", "latin_binomial": "", "family": "", "common_names": {"fr": [""], "en": [""]},
            "part_used": empty, "preparations": [{"form": "infusion", "ratio": "", "solvent": ""}],
            "uses": [{"claim": empty, "evidence": "traditional"}],
            "doses": [{"population": "adults", "dose": empty}], "max_duration": None,
            "contraindications": [], "warnings": [],
            "pregnancy": {"advice": "caution", "note": empty},
            "lactation": {"advice": "caution", "note": empty}, "paediatric": empty,
            "adverse_effects": [], "allergy_group": None, "interactions": [], "conditions": [],
            "always_blocked": None,
            "sources": {"hc": {"kind": "nnhpd", "title": "", "url": "https://webprod.hc-sc.gc.ca/nhpid-bdipsn/",
                               "published": None, "consulted": ""}}}

