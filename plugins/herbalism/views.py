"""The herbalist's pages about one person (under /p/herbalism/): recommending an herb with its
check, the recommendation and its printable page, adding a medication by name with its ATC code.

Views stay thin and follow core's request lifecycle: load, check access (``open_chart``), act
through ``attempt`` (one commit, or a rollback and the reasons next to the fields, 422).
"""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from marshmallow import Schema, fields, validate
from sqlalchemy import select

from core.api import (AccessDenied, Entry, add_summary_item, attempt, audit, commit_reads,
                      current_account, current_session, entries_for, form_page, get_or_404,
                      open_chart, reader_language, require)

from plugins.herbalism import _, knowledge, monographs, words
from plugins.herbalism.facts import named
from plugins.herbalism.forms import RECOMMENDATION
from plugins.herbalism.models import MonographVersion
from plugins.herbalism.permissions import CHART_WRITE, RECOMMEND
from plugins.herbalism.recommend import Advice, preview, recommend

bp = Blueprint("herbalism", __name__, template_folder="templates", static_folder="static")
REQUIRED = {"required": _("This field is required.")}


@bp.context_processor
def _helpers():
    """Bilingual texts and herb names, for this plugin's pages."""
    return {"text": knowledge.text, "herb_name": knowledge.herb_name, "word": words.word,
            "class_name": words.class_name}


@bp.app_template_global("herbalism_helpers")
def _global_helpers() -> dict:
    """The same helpers for this plugin's templates that core's pages include (the re-check
    entry): a blueprint's context processor reaches only the blueprint's own pages."""
    return {**_helpers(), "named": _named}


def _named(code: str, written: str) -> str:
    """An herb of the register by its name in the reader's language (see :func:`facts.named`)."""
    return named(code, written)


def _line(**kw):
    return fields.String(error_messages=REQUIRED, **kw)


class AdviceSchema(Schema):
    """What the recommendation page asks."""

    herb = _line(required=True)
    preparation = _line(required=True, validate=validate.Length(min=1, max=120))
    dose = _line(required=True, validate=validate.Length(min=1, max=200))
    duration = _line(required=True, validate=validate.Length(min=1, max=120))
    instructions = _line(load_default="", validate=validate.Length(max=2000))
    override_reason = _line(load_default="", validate=validate.Length(max=2000))


@bp.route("/people/<int:person_id>/recommend", methods=["GET", "POST"])
@require(RECOMMEND)
def recommend_page(person_id: int):
    """Choose an herb; "Check" shows the check; "Recommend" records it (or shows the block).

    A refusal of the check (a contraindication without a reason, kava, a check that did not
    run) is itself registered, so it is committed like a recommendation."""
    person, _access = open_chart(person_id, "entry.create")
    session = current_session()
    values, outcome, shown = dict(request.values), None, None
    if request.method == "POST":
        values = {k: v for k, v in request.form.items() if k != "csrf_token"}
        saving = request.form.get("action") == "save"

        def run():
            data = AdviceSchema().load({k: v.strip() for k, v in values.items()
                                        if k in AdviceSchema().fields and v.strip()})
            if saving:
                return recommend(session, person=person, advice=Advice(**data),
                                 herbalist=current_account(), locale=reader_language())
            return preview(session, person=person, herb=data["herb"], viewer=current_account())[0]

        outcome = _or_403(run)
        if outcome and saving and not outcome.result.refused:
            flash(_("%(herb)s is recommended and in the shared summary.",
                    herb=outcome.result.herb_name), "success")
            return redirect(url_for("herbalism.recommendation_page",
                                    entry_id=outcome.result.entry.id))
        if outcome:
            shown = outcome.result.result if saving else outcome.result
    page, status = form_page("herbalism/recommend.html", outcome, person=person, values=values,
                             result=shown.as_dict() if shown else None, locale=reader_language(),
                             catalogue=monographs.catalogue(session))
    return page, (422 if shown is not None and shown.blocked else status)


def _or_403(action):
    """:func:`core.api.attempt`, answering 403 when core says this chart is not writable."""
    try:
        return attempt(action)
    except AccessDenied:
        abort(403)


def _own_entry(entry_id: int):
    """The recommendation entry, if the reader may read it (else 404: nothing is revealed)."""
    entry = get_or_404(Entry, entry_id)
    if entry.form_id != RECOMMENDATION:
        abort(404)
    person, access = open_chart(entry.person_id, "entry.read")
    readable = {e.id for e in entries_for(current_session(), person.id, [RECOMMENDATION],
                                          viewer=current_account(), access=access)}
    if entry.id not in readable:
        abort(404)
    return entry, person


@bp.route("/recommendations/<int:entry_id>")
@require(RECOMMEND)
def recommendation_page(entry_id: int):
    """A recommendation, the check it passed or overrode, and the way to print it."""
    entry, person = _own_entry(entry_id)
    audit(current_session(), "entry.read", person_id=person.id, entry_id=entry.id)
    commit_reads()
    return render_template("herbalism/recommendation.html", entry=entry, p=entry.payload,
                           person=person, locale=reader_language(),
                           herb=named(entry.payload["herb"], entry.payload["herb_name"]))


@bp.route("/recommendations/<int:entry_id>/print")
@require(RECOMMEND)
def print_page(entry_id: int):
    """The recommendation for the person, in plain language, with the cautions that apply."""
    entry, person = _own_entry(entry_id)
    session = current_session()
    p = entry.payload
    version = session.scalars(select(MonographVersion).where(
        MonographVersion.code == p["herb"], MonographVersion.version == p["monograph_version"])).first()
    audit(session, "chart.print", person_id=person.id, entry_id=entry.id)
    commit_reads()
    return render_template("herbalism/print.html", entry=entry, p=p, person=person,
                           doc=version.document if version else None, locale=reader_language(),
                           herb=named(p["herb"], p["herb_name"]))


@bp.route("/people/<int:person_id>/medications", methods=["GET", "POST"])
@require(CHART_WRITE)
def medication_page(person_id: int):
    """Add a medication to the shared summary by its name; its ATC code comes with it."""
    person, _access = open_chart(person_id, "summary.add")
    value, outcome = (request.form.get("drug") or "").strip(), None
    choices = _drug_choices(reader_language())
    if request.method == "POST":
        atc = _atc_of(value, choices)
        outcome = _or_403(lambda: add_summary_item(
            current_session(), person_id=person.id, kind="medication", label=_name_of(value, atc),
            code=f"ATC:{atc}" if atc else "", detail=(request.form.get("detail") or "").strip(),
            author=current_account()))
        if outcome:
            if atc:
                flash(_("%(drug)s is in the shared summary (ATC %(atc)s).",
                        drug=_name_of(value, atc), atc=atc), "success")
            else:
                flash(_("%(drug)s is in the shared summary without an ATC code: interaction "
                        "checks will report it as not checked.", drug=value), "warning")
            return redirect(url_for("record.chart_page", person_id=person.id) + "#findings-title")
    return form_page("herbalism/medication.html", outcome, person=person, choices=choices,
                     value=value)


def _drug_choices(loc: str) -> list[tuple[str, str]]:
    """(label shown, ATC) for every shipped drug, in the reader's language, sorted."""
    return sorted(((f"{knowledge.text(d['name'], loc)} — {d['atc']}", d["atc"])
                   for d in knowledge.drugs()), key=lambda c: c[0].casefold())


def _atc_of(value: str, choices) -> str:
    """The ATC code of a picked line ("sertraline — N06AB06"), of a drug name in either
    language, or "" for free text."""
    folded = value.casefold()
    for label, atc in choices:
        if folded == label.casefold():
            return atc
    for drug in knowledge.drugs():
        if folded in (drug["name"]["fr"].casefold(), drug["name"]["en"].casefold()):
            return drug["atc"]
    return ""


def _name_of(value: str, atc: str) -> str:
    return (knowledge.drug_name(atc, reader_language()) or value) if atc else value
