"""The session pages (under /p/acupuncture/): start, treat, count, close; and the incident list.

Each request loads the session, opens the person's chart through core (audited 403/404), checks
that the account writes acupuncture entries, calls ``sessions.py`` and commits once. Refused
input re-renders the page with the messages next to the fields (422) and writes nothing.
"""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from sqlalchemy import select

from core.api import (Entry, EntryInvalid, audit, current_account, current_session, open_chart,
                      require)

from plugins.acupuncture import _, bodymap, cautions, incidents, points, sessions
from plugins.acupuncture.forms import FORMS, NEEDLE_TYPES, POSITIONS, SESSION, SIDES, \
    STIMULATIONS, TECHNIQUES
from plugins.acupuncture.models import AcuSession, Incident
from plugins.acupuncture.permissions import INCIDENTS, SESSIONS

bp = Blueprint("acupuncture", __name__, template_folder="templates", static_folder="static")
SESSION_SPEC = next(f for f in FORMS if f.id == SESSION)


def _locale() -> str:
    return str(get_locale() or "fr_CA")


def _chart_for_acupuncturist(person_id: int, action: str):
    """The person, when the account may open the chart and write acupuncture sessions;
    otherwise an audited 403 (404 when the person does not exist)."""
    person, access = open_chart(person_id, action)
    if not access.can_write(SESSION_SPEC):
        db = current_session()
        audit(db, action, person_id=person.id, outcome="denied")
        db.commit()
        abort(403)
    return person


def _session(session_id: int, action: str) -> tuple[AcuSession, object]:
    acu = current_session().get(AcuSession, session_id)
    if acu is None:
        abort(404)
    return acu, _chart_for_acupuncturist(acu.person_id, action)


def _amendable(person, entry_id: int):
    """The session entry to correct, when it belongs to the person and the account may amend
    it (core's rule); else 404 or an audited 403."""
    db = current_session()
    entry = db.get(Entry, entry_id)
    if entry is None or entry.person_id != person.id or entry.form_id != SESSION:
        abort(404)
    _person, access = open_chart(person.id, "entry.amend")
    if not access.can_amend(entry, SESSION_SPEC):
        audit(db, "entry.amend", person_id=person.id, entry_id=entry.id, outcome="denied")
        db.commit()
        abort(403)
    return entry


@bp.route("/people/<int:person_id>/sessions", methods=["GET", "POST"])
@require(SESSIONS)
def start(person_id: int):
    """The person's sessions; POST starts a new one (or goes back to the one still open);
    POST ``amend=<entry id>`` reopens that closed session's entry to correct it."""
    person = _chart_for_acupuncturist(person_id, "acupuncture.session.create"
                                      if request.method == "POST" else "chart.read")
    db = current_session()
    rows = list(db.scalars(select(AcuSession).where(AcuSession.person_id == person.id)
                           .order_by(AcuSession.started_at.desc())))
    amending = request.form.get("amend", type=int) if request.method == "POST" else None
    entry = _amendable(person, amending) if amending else None
    if entry is not None:
        acu = next((s for s in rows if s.status == "open" and s.amends_entry_id == entry.id),
                   None) or sessions.reopen_for_amendment(db, entry, author=current_account())
        audit(db, "acupuncture.session.reopen", person_id=person.id, entry_id=entry.id,
              detail={"session_id": acu.id})
        db.commit()
        return redirect(url_for("acupuncture.session_page", session_id=acu.id))
    if request.method == "POST":
        acu = next((s for s in rows if s.status == "open"
                    and s.practitioner_id == current_account().id), None)
        if acu is None:
            acu = sessions.open_session(db, person=person, author=current_account())
            audit(db, "acupuncture.session.create", person_id=person.id,
                  detail={"session_id": acu.id})
        db.commit()
        return redirect(url_for("acupuncture.session_page", session_id=acu.id))
    audit(db, "acupuncture.sessions.read", person_id=person.id)
    db.commit()
    return render_template("acupuncture/start.html", person=person, rows=rows)


def _render(acu, person, *, errors=None, values=None, candidates=(), needing=(), kept=False,
            status=200):
    """The session page: summary, cautions, points, body map, details, count and closing."""
    db, locale = current_session(), _locale()
    codes = [p.code for p in acu.points]
    summary, found = cautions.evaluate(sessions.summary_loader(db, acu.person_id), codes,
                                       acu.position)
    values = values if values is not None else {"query": request.args.get("point", "")}
    chosen = points.resolve(values["query"])[0] if values.get("query") else None
    preview = _preview(db, acu, chosen)
    audit(db, "acupuncture.session.read", person_id=person.id, detail={"session_id": acu.id})
    db.commit()
    return render_template(
        "acupuncture/session.html", acu=acu, person=person, summary=summary, cautions=found,
        errors=errors or {}, values=values, candidates=candidates, kept=kept,
        point=points.get, locale=locale, all_points=points.standard().points.values(),
        maps=bodymap.views(codes, locale), incident=sessions.needle_incident(db, acu),
        inserted=sessions.inserted_count(acu), sides=SIDES, techniques=TECHNIQUES,
        stimulations=STIMULATIONS, positions=POSITIONS, needle_types=NEEDLE_TYPES,
        chosen=chosen, preview=preview,
        needing_form=list(needing) or [c for c in preview if c.needs_ack],
        record=_record_values(acu, values if errors and "indication" in values else None)), status


def _preview(db, acu, chosen) -> list:
    """The point-specific cautions of the point about to be added (map click or typed), shown
    before adding it, so a pregnancy acknowledgement is asked in one step."""
    if chosen is None or chosen.code in {p.code for p in acu.points}:
        return []
    _summary, found = cautions.evaluate(sessions.summary_loader(db, acu.person_id),
                                        [chosen.code], acu.position)
    return [c for c in found if c.point == chosen.code or c.rule == cautions.PNEUMOTHORAX]


DETAIL_FIELDS = ("indication", "position", "needle_type", "needle_brand", "needle_lot",
                 "gauge_mm", "length_mm", "disinfection", "needles_removed", "tongue", "pulse",
                 "pattern", "principle", "response_favourable", "response_adverse",
                 "amend_reason")


def _record_values(acu, posted: dict | None) -> dict:
    """What the session-record form shows: the refused post as typed, else the session."""
    if posted is not None:
        return {**{k: posted.get(k, "") for k in DETAIL_FIELDS},
                "disinfection": bool(posted.get("disinfection")),
                "needles_inserted": posted.get("needles_inserted", "")}
    shown = {k: getattr(acu, k) for k in DETAIL_FIELDS}
    return {**{k: "" if v is None else v for k, v in shown.items()},
            "needles_inserted": sessions.inserted_count(acu)}


@bp.route("/sessions/<int:session_id>")
@require(SESSIONS)
def session_page(session_id: int):
    """The session being treated (``?point=LI4`` fills in the add-point form: the body map)."""
    acu, person = _session(session_id, "acupuncture.session.read")
    return _render(acu, person)


class ClosingRefused(EntryInvalid):
    """The details were saved; only the closing is refused (``messages``: what remains)."""


def _act(session_id: int, action: str, work, done_message):
    """Run ``work(db, acu)`` on an open session; commit and go back to the page, or re-render
    it with the messages (422) after rolling everything back."""
    acu, person = _session(session_id, action)
    db = current_session()
    if acu.status != "open":
        flash(_("This session is closed: amend its chart entry instead."), "error")
        return redirect(url_for("acupuncture.session_page", session_id=acu.id))
    try:
        result = work(db, acu)
    except sessions.NeedsAcknowledgement as exc:
        db.rollback()
        return _render(acu, person, errors=exc.messages, values=request.form.to_dict(),
                       needing=exc.cautions, status=422)
    except ClosingRefused as exc:
        return _render(acu, person, errors=exc.messages, values=request.form.to_dict(),
                       kept=True, status=422)
    except EntryInvalid as exc:
        db.rollback()
        query = request.form.get("query", "")
        return _render(acu, person, errors=exc.messages, values=request.form.to_dict(),
                       candidates=points.resolve(query)[1] if query else (), status=422)
    audit(db, action, person_id=person.id, detail={"session_id": acu.id})
    db.commit()
    flash(done_message, "success")
    if result is not None and getattr(result, "form_id", None):
        return redirect(url_for("record.entry_page", entry_id=result.id, saved=1))
    return redirect(url_for("acupuncture.session_page", session_id=acu.id))


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


@bp.route("/sessions/<int:session_id>/close", methods=["POST"])
@require(SESSIONS)
def close(session_id: int):
    """Save the last details, then close: the signed entry goes into the chart."""
    def work(db, acu):
        sessions.save_details(acu, request.form.to_dict())
        db.flush()
        problems = sessions.closing_problems(db, acu)
        if problems:  # keep what was typed: only the closing is refused, not the details
            audit(db, "acupuncture.session.update", person_id=acu.person_id,
                  detail={"session_id": acu.id})
            db.commit()
            raise ClosingRefused(problems)
        return sessions.close(db, acu, author=current_account())
    return _act(session_id, "acupuncture.session.close", work,
                _("Session closed and recorded in the chart."))


@bp.route("/incidents")
@require(INCIDENTS)
def incidents_page():
    """Open incidents first, then the closed ones."""
    db = current_session()
    rows = incidents.listing(db, status=None)
    audit(db, "acupuncture.incidents.read")
    db.commit()
    return render_template("acupuncture/incidents.html", rows=rows)


@bp.route("/incidents/<int:incident_id>/close", methods=["POST"])
@require(INCIDENTS)
def close_incident(incident_id: int):
    """Close an incident with a note of what was done."""
    db = current_session()
    row = db.get(Incident, incident_id)
    if row is None:
        abort(404)
    try:
        incidents.close_incident(row, request.form.get("note", ""), author=current_account())
    except EntryInvalid as exc:
        db.rollback()
        for message in exc.messages.get("note", []):
            flash(message, "error")
        return redirect(url_for("acupuncture.incidents_page")), 303
    audit(db, "acupuncture.incident.close", person_id=row.person_id,
          detail={"incident_id": row.id})
    db.commit()
    flash(_("Incident closed."), "success")
    return redirect(url_for("acupuncture.incidents_page"))
