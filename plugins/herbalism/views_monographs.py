"""The monograph register's pages: the list, one monograph (any version), its history, and the
coordinator's editor, where every save is a new version with a note saying what changed."""

from __future__ import annotations

import json

from flask import abort, flash, redirect, render_template, request, url_for

from core.api import EntryInvalid, current_account, current_session, require
from plugins.herbalism import _, monographs
from plugins.herbalism.permissions import MANAGE_MONOGRAPHS, READ_MONOGRAPHS
from plugins.herbalism.views import bp, locale


@bp.route("/monographs")
@require(READ_MONOGRAPHS)
def monographs_page():
    """Every herb's current monograph: names, version, its sources' kinds."""
    return render_template("herbalism/monographs.html",
                           rows=monographs.catalogue(current_session()), locale=locale())


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
                           versions=versions, locale=locale())


@bp.route("/monographs/<code>/edit", methods=["GET", "POST"])
@bp.route("/monographs/new", methods=["GET", "POST"], defaults={"code": None})
@require(MANAGE_MONOGRAPHS)
def edit_monograph(code: str | None):
    """Correct a monograph (or write a new herb's) as its JSON document; saving adds a version."""
    session = current_session()
    base = monographs.current(session, code) if code else None
    if code and base is None:
        abort(404)
    document = json.dumps(base.document if base else _blank(), ensure_ascii=False, indent=1)
    note, errors = "", {}
    if request.method == "POST":
        document, note = request.form.get("document", ""), request.form.get("note", "")
        try:
            parsed = json.loads(document)
            if not isinstance(parsed, dict):
                raise ValueError
        except ValueError:
            errors = {"document": [str(_("This is not a valid JSON document."))]}
        else:
            try:
                row = monographs.add_version(session, parsed, author=current_account(),
                                             note=note, expected_code=code)
            except EntryInvalid as exc:
                session.rollback()
                errors = exc.messages
            else:
                session.commit()
                flash(_("Version %(version)s of %(code)s is saved.", version=row.version,
                        code=row.code), "success")
                return redirect(url_for("herbalism.monograph_page", code=row.code))
    return render_template("herbalism/edit_monograph.html", base=base, document=document,
                           note=note, errors=errors), (422 if errors else 200)


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

