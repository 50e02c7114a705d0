"""The acupuncture panel on a person's chart, for acupuncturists only: the way into the session
page (the open session first), and the last session's points."""

from __future__ import annotations

from flask import url_for
from sqlalchemy import select

from core.api import PanelSpec, current_session, has_permission

from plugins.acupuncture import NAME, _
from plugins.acupuncture.models import AcuSession
from plugins.acupuncture.permissions import SESSIONS


def _acupuncturist(viewer) -> bool:
    practitioner = getattr(viewer, "practitioner", None)
    return bool(practitioner and practitioner.discipline == NAME
                and has_permission(SESSIONS, account=viewer))


def panel(person, viewer) -> list[PanelSpec]:
    """The panel (nothing for other viewers: they do not treat with acupuncture)."""
    if not _acupuncturist(viewer):
        return []
    rows = list(current_session().scalars(
        select(AcuSession).where(AcuSession.person_id == person.id)
        .order_by(AcuSession.started_at.desc()).limit(5)))
    open_ = next((s for s in rows if s.status == "open" and s.practitioner_id == viewer.id),
                 None)
    last = next((s for s in rows if s.status == "closed"), None)
    lines = []
    if last is not None:
        lines.append(_("Last session: %(points)s",
                       points=", ".join(p.code for p in last.points) or "—"))
    if open_ is not None:
        data = {"url": url_for("acupuncture.session_page", session_id=open_.id),
                "label": str(_("Continue the open session"))}
    else:
        data = {"url": url_for("acupuncture.start", person_id=person.id),
                "label": str(_("Acupuncture sessions"))}
    return [PanelSpec("acupuncture.panel", _("Acupuncture"), tuple(lines),
                      "acupuncture/_panel.html", data)]
