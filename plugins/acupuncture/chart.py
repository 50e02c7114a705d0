"""The acupuncture panel on a person's chart, for acupuncturists only: the way into the session
page (the open session first), and the last session's points, asked with the other panels'
questions (``chart_panel_reads``: no statement of its own, no savepoint)."""

from __future__ import annotations

from functools import cache

from flask import url_for
from sqlalchemy import String, bindparam, cast, select

from core.api import PanelSpec, has_permission, joined, reader_language

from plugins.acupuncture import NAME, _
from plugins.acupuncture.models import AcuSession, SessionPoint
from plugins.acupuncture.permissions import SESSIONS
from plugins.acupuncture.points import shown

OPEN, LAST, POINTS = f"{NAME}.open_session", f"{NAME}.last_closed", f"{NAME}.last_points"


def _acupuncturist(viewer) -> bool:
    practitioner = getattr(viewer, "practitioner", None)
    return bool(practitioner and practitioner.discipline == NAME
                and has_permission(SESSIONS, account=viewer))


def panel_reads(viewer) -> dict:
    """The panel's questions, asked with the other panels' (for acupuncturists only)."""
    return _reads() if _acupuncturist(viewer) else {}


@cache
def _reads() -> dict:
    """Among the person's five newest sessions: the viewer's open one, the newest closed one and
    its points as "id code" pairs (ordered by id here: an aggregate's order is not kept)."""
    recent = (select(AcuSession.id, AcuSession.status, AcuSession.practitioner_id,
                     AcuSession.started_at).where(AcuSession.person_id == bindparam("person"))
              .order_by(AcuSession.started_at.desc()).limit(5).subquery())
    open_ = (select(recent.c.id).where(recent.c.status == "open",
                                       recent.c.practitioner_id == bindparam("viewer"))
             .order_by(recent.c.started_at.desc()).limit(1).scalar_subquery())
    last = (select(recent.c.id).where(recent.c.status == "closed")
            .order_by(recent.c.started_at.desc()).limit(1).scalar_subquery())
    points = (select(joined(cast(SessionPoint.id, String) + " " + SessionPoint.code, ","))
              .where(SessionPoint.session_id == last).scalar_subquery())
    return {OPEN: open_, LAST: last, POINTS: points}


def panel(person, viewer, reads) -> list[PanelSpec]:
    """The panel (nothing for other viewers: they do not treat with acupuncture)."""
    if not _acupuncturist(viewer):
        return []
    lines = []
    if reads[LAST] is not None:
        pairs = sorted((int(i), code) for i, code in
                       (pair.split(" ", 1) for pair in (reads[POINTS] or "").split(",") if pair))
        # named as the session's point table names them ("GI4 (LI4)" read in French)
        locale = reader_language()
        lines.append(_("Last session: %(points)s",
                       points=", ".join(shown(code, locale) for _id, code in pairs) or "—"))
    if reads[OPEN] is not None:
        data = {"url": url_for("acupuncture.session_page", session_id=reads[OPEN]),
                "label": str(_("Continue the open session"))}
    else:
        data = {"url": url_for("acupuncture.start", person_id=person.id),
                "label": str(_("Acupuncture sessions"))}
    return [PanelSpec("acupuncture.panel", _("Acupuncture"), tuple(lines),
                      "acupuncture/_panel.html", data)]
