"""The lines of a session on the printed chart and in the chart's CSV.

Core prints an entry and writes its CSV rows through the renderer's ``rows``; without them a
session's points and acknowledgements would print as raw data ("{'code': 'PC6', ...}"). Here
they read as the entry page reads them, each point named as the session's point table names it
("MC6 (PC6)" in French), with its side, technique, depth, retention, stimulation and needles.
"""

from __future__ import annotations

from core.api import format_number, reader_language

from plugins.acupuncture import _, ngettext
from plugins.acupuncture.forms import SessionSchema
from plugins.acupuncture.points import shown

LISTS = ("points", "acknowledgements")


def _value(field, value) -> str:
    """One stored value as the entry page shows it: a choice by its words, a number with its
    unit as the reader's language writes it, a list joined."""
    meta = field.metadata
    if isinstance(value, bool):
        return str(_("Yes") if value else _("No"))
    if isinstance(value, list):
        return "; ".join(map(str, value))
    if meta.get("choices"):
        return str(dict(meta["choices"]).get(value, value))
    if isinstance(value, int | float):
        return f"{format_number(value)} {meta.get('unit', '')}".strip()
    return str(value)


def point_line(point: dict, fields, locale: str) -> str:
    """"MC6 (PC6) · Bilatéral · Neutre · 10 mm · 20 min · Manuelle · 2 aiguilles"."""
    parts = [shown(point.get("code", ""), locale)]
    for name in ("side", "technique", "depth_mm", "retention_min", "stimulation"):
        if point.get(name) not in (None, ""):
            parts.append(_value(fields[name], point[name]))
    if point.get("needles") is not None:
        parts.append(str(ngettext("%(num)s needle", "%(num)s needles", point["needles"])))
    return " · ".join(parts)


def session_rows(payload: dict) -> list[tuple[str, str]]:
    """(label, value) lines of a session: one per point, the other fields, the cautions
    acknowledged with their rationale."""
    locale, fields = reader_language(), SessionSchema().fields
    points = fields["points"]
    inner = points.inner.schema.fields
    rows = [(str(points.metadata["label"]), point_line(p, inner, locale))
            for p in payload.get("points", [])]
    for name, field in fields.items():
        value = payload.get(name)
        if name in LISTS or value in (None, "", []):
            continue
        rows.append((str(field.metadata.get("label", name)), _value(field, value)))
    label = str(fields["acknowledgements"].metadata["label"])
    rows += [(label, str(_("%(point)s: %(rationale)s", point=shown(a.get("code", ""), locale),
                           rationale=a.get("rationale", ""))))
             for a in payload.get("acknowledgements", [])]
    return rows
