"""How acupuncture entries read: a line on the timeline, plain words for the person, and the
full session (points by code and name) on the entry page."""

from __future__ import annotations

from core.api import RendererSpec, reader_language

from plugins.acupuncture import _, ngettext
from plugins.acupuncture.forms import ADVERSE_EVENT, EVENT_TYPES, OPENING, SERIOUS, SESSION
from plugins.acupuncture.points import shown
from plugins.acupuncture.rows import session_rows


def _short(text, limit: int = 70) -> str:
    text = " ".join(str(text or "").split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def session_summary(payload: dict) -> str:
    """"Session — Low back pain: BL23, GV4 (3 needles)", and a needle not found; the points
    named as the session's point table names them in the reader's language ("V23 (BL23)")."""
    locale = reader_language()
    codes = ", ".join(shown(code, locale)
                      for code in dict.fromkeys(p["code"] for p in payload.get("points", [])))
    line = str(ngettext("Session — %(indication)s: %(points)s (%(num)s needle)",
                        "Session — %(indication)s: %(points)s (%(num)s needles)",
                        payload.get("needles_inserted") or 0,
                        indication=_short(payload.get("indication"), 40), points=codes))
    if (payload.get("needle_incident") or "").strip():
        line += " — " + str(_("needle not accounted for"))
    return line


def event_summary(payload: dict) -> str:
    """"Adverse event: Haematoma" (serious ones say so)."""
    label = dict(EVENT_TYPES).get(payload.get("event_type"), payload.get("event_type"))
    if payload.get("event_type") in SERIOUS:
        return str(_("Serious adverse event: %(type)s", type=label))
    return str(_("Adverse event: %(type)s", type=label))


def session_plain(payload: dict) -> str:
    """For the person: what was treated and with how many points."""
    return str(ngettext("An acupuncture session for: %(indication)s. %(num)s point was used.",
                        "An acupuncture session for: %(indication)s. %(num)s points were used.",
                        len(payload.get("points", [])),
                        indication=_short(payload.get("indication"), 120)))


RENDERERS = [
    RendererSpec(OPENING, lambda p: str(_("Opening evaluation — %(opinion)s",
                                          opinion=_short(p.get("energetic_opinion")))),
                 plain_language=lambda p: str(_("Your first acupuncture evaluation."))),
    # the printed chart and the CSV read the points in words (``rows``), not as raw data
    RendererSpec(SESSION, session_summary, plain_language=session_plain,
                 template="acupuncture/entry_session.html", rows=session_rows),
    RendererSpec(ADVERSE_EVENT, event_summary,
                 plain_language=lambda p: str(_("A reaction after acupuncture was recorded, "
                                                "with what was done and the follow-up."))),
]
