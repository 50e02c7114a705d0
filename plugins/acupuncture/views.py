"""The session pages (under /p/acupuncture/): the person's sessions, and the session itself.

Each request loads with ``get_or_404``, opens the person's chart through core (audited 403/404)
and checks that the account writes acupuncture sessions; changes go through
``session_actions.py`` and the incident list through ``incident_pages.py``, all on this
blueprint. Every change commits once (core's ``attempt``); a refusal re-renders the page with
the messages next to the fields (422).
"""

from __future__ import annotations

from flask import Blueprint, abort, redirect, render_template, request, url_for
from sqlalchemy import select

from core.api import (Entry, attempt, audit, commit_reads, current_account, current_session,
                      get_or_404, open_chart, reader_language, require, row_id)

from plugins.acupuncture import bodymap, cautions, points, sessions
from plugins.acupuncture.forms import (FORMS, NEEDLE_TYPES, POSITIONS, SESSION, SIDES, STIMULATIONS,
                                       TECHNIQUES)
from plugins.acupuncture.models import AcuSession
from plugins.acupuncture.permissions import SESSIONS

bp = Blueprint("acupuncture", __name__, template_folder="templates", static_folder="static")
SESSION_SPEC = next(f for f in FORMS if f.id == SESSION)


@bp.app_template_global("acupuncture_point")
def _shown_point(code: str) -> str:
    """A stored WHO code as the session's point table writes it in the reader's language, for
    the session entry that core's entry page includes (a blueprint's own context processor
    does not reach core's pages)."""
    return points.shown(code, reader_language())


def _denied(person_id: int, action: str, entry_id: int | None = None):
    """Audit a refused access on its own, then answer 403."""
    db = current_session()
    db.rollback()
    audit(db, action, person_id=person_id, entry_id=entry_id, outcome="denied")
    commit_reads()  # the refusal's audit event alone
    abort(403)


def chart_for_acupuncturist(person_id: int, action: str):
    """The person, when the account may open the chart and write acupuncture sessions;
    otherwise an audited 403 (404 when the person does not exist)."""
    person, access = open_chart(person_id, action)
    if not access.can_write(SESSION_SPEC):
        _denied(person.id, action)
    return person


def load_session(session_id: int, action: str) -> tuple[AcuSession, object]:
    """(the session, its person) for an acupuncturist who may treat them; 404 or 403."""
    acu = get_or_404(AcuSession, session_id)
    return acu, chart_for_acupuncturist(acu.person_id, action)


def _amendable(person, entry_id: int):
    """The session entry to correct, when it belongs to the person and the account may amend
    it (core's rule); else 404 or an audited 403."""
    entry = get_or_404(Entry, entry_id)
    if entry.person_id != person.id or entry.form_id != SESSION:
        abort(404)
    _person, access = open_chart(person.id, "entry.amend")
    if not access.can_amend(entry, SESSION_SPEC):
        _denied(person.id, "entry.amend", entry.id)
    return entry


def _open_or_reopen(db, person, rows, entry):
    """The session to go to: the correction of ``entry`` (reopened once), or the account's
    open session, or a new one."""
    me = current_account()
    if entry is not None:
        acu = next((s for s in rows if s.status == "open" and s.amends_entry_id == entry.id),
                   None) or sessions.reopen_for_amendment(db, entry, author=me)
        audit(db, "acupuncture.session.reopen", person_id=person.id, entry_id=entry.id,
              detail={"session_id": acu.id})
        return acu
    acu = next((s for s in rows if s.status == "open" and not s.amends_entry_id
                and s.practitioner_id == me.id), None)
    if acu is None:
        acu = sessions.open_session(db, person=person, author=me)
        audit(db, "acupuncture.session.create", person_id=person.id,
              detail={"session_id": acu.id})
    return acu


@bp.route("/people/<int:person_id>/sessions", methods=["GET", "POST"])
@require(SESSIONS)
def start(person_id: int):
    """The person's sessions; POST starts a new one (or goes back to the one still open);
    POST ``amend=<entry id>`` reopens that closed session's entry to correct it."""
    posting = request.method == "POST"
    person = chart_for_acupuncturist(person_id, "acupuncture.session.create" if posting
                                     else "chart.read")
    db = current_session()
    rows = list(db.scalars(select(AcuSession).where(AcuSession.person_id == person.id)
                           .order_by(AcuSession.started_at.desc())))
    if posting:
        amending = row_id(request.form.get("amend"))
        entry = _amendable(person, amending) if amending else None
        outcome = attempt(lambda: _open_or_reopen(db, person, rows, entry))
        return redirect(url_for("acupuncture.session_page", session_id=outcome.result.id))
    audit(db, "acupuncture.sessions.read", person_id=person.id)
    commit_reads()
    return render_template("acupuncture/start.html", person=person, rows=rows)


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


def _preview(db, acu, chosen) -> list:
    """The point-specific cautions of the point about to be added (map click or typed), shown
    before adding it, so a pregnancy acknowledgement is asked in one step."""
    if chosen is None or chosen.code in {p.code for p in acu.points}:
        return []
    _summary, found = cautions.evaluate(sessions.summary_loader(db, acu.person_id),
                                        [chosen.code], acu.position)
    return [c for c in found if c.point == chosen.code or c.rule == cautions.PNEUMOTHORAX]


def render_session(acu, person, *, errors=None, values=None, candidates=(), needing=(),
                   kept=False, status=200):
    """The session page: summary, cautions, points, body map, details, count and closing.

    ``values``: a refused post, shown as typed; ``needing``: cautions to acknowledge;
    ``kept``: the details were saved although the closing was refused."""
    db, locale = current_session(), reader_language()
    codes = [p.code for p in acu.points]
    summary, found = cautions.evaluate(sessions.summary_loader(db, acu.person_id), codes,
                                       acu.position)
    values = values if values is not None else {"query": request.args.get("point", "")}
    chosen = points.resolve(values["query"])[0] if values.get("query") else None
    preview = _preview(db, acu, chosen)
    audit(db, "acupuncture.session.read", person_id=person.id, detail={"session_id": acu.id})
    commit_reads()
    return render_template(
        "acupuncture/session.html", acu=acu, person=person, summary=summary, cautions=found,
        errors=errors or {}, values=values, candidates=candidates, kept=kept,
        point=points.get, locale=locale, all_points=points.standard().points.values(),
        maps=bodymap.views(codes, locale), legend=bodymap.legend(locale), incident=sessions.needle_incident(db, acu),
        sides=SIDES, techniques=TECHNIQUES, stimulations=STIMULATIONS, positions=POSITIONS,
        needle_types=NEEDLE_TYPES, chosen=chosen, preview=preview,
        needing_form=list(needing) or [c for c in preview if c.needs_ack],
        record=_record_values(acu, values if errors and "indication" in values else None)), status


@bp.route("/sessions/<int:session_id>")
@require(SESSIONS)
def session_page(session_id: int):
    """The session being treated (``?point=LI4`` fills in the add-point form: the body map)."""
    acu, person = load_session(session_id, "acupuncture.session.read")
    return render_session(acu, person)
