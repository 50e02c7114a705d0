"""The herbalism panel on a person's chart: the herbs in the summary and the ways in.

The herbs are named from the register in the reader's language (a summary line keeps the
language the herbalist wrote it in: the nurse reads "Valerian" where "Valériane" was written).
Their names are asked with the other panels' questions (``chart_panel_reads``: one statement
for the whole chart, none of the panel's own)."""

from __future__ import annotations

import json
from functools import cache

from flask import url_for
from sqlalchemy import String, bindparam, func, literal_column, select
from sqlalchemy.orm import aliased

from core.api import (PanelSpec, SummaryLine, has_permission, joined_rows, reader_language,
                      split_rows)

from plugins.herbalism import NAME, _
from plugins.herbalism.facts import HERB
from plugins.herbalism.knowledge import herb_name
from plugins.herbalism.models import MonographVersion
from plugins.herbalism.permissions import CHART_WRITE, RECOMMEND

NAMES = f"{NAME}.herb_names"


@cache
def panel_reads() -> dict:
    """The panel's question: the register's current names (code, common names as JSON, Latin
    binomial) of the herbs active in the person's summary, asked for every viewer (anyone who
    opens the chart reads the herbs in use). Short names: the chart's statement."""
    version, newer = aliased(MonographVersion, name="hv"), aliased(MonographVersion, name="hw")
    line = aliased(SummaryLine, name="hs")
    latest = select(func.max(newer.version)).where(newer.code == version.code).scalar_subquery()
    # only a medication line has an HERB: code (no kind asked: the chart's statement is short)
    in_use = select(line.code).where(line.person_id == bindparam("person"),
                                     line.ended_at.is_(None))
    names = joined_rows(version.code, version.document["common_names"],
                        version.document["latin_binomial"].as_string())
    return {NAMES: select(names).where(version.version == latest,
                                       (literal_column(f"'{HERB}'", String) + version.code).in_(in_use))
            .scalar_subquery()}


def answered_names(answer: str | None) -> dict[str, dict]:
    """Herb code -> ``{"common_names": {fr, en}, "latin_binomial"}`` from :func:`panel_reads`'
    answer (a herb whose names cannot be read is left out: its summary label is shown)."""
    found = {}
    for code, common, latin in split_rows(answer, 3):
        try:
            names = json.loads(common or "")
        except ValueError:
            continue
        if code and latin and isinstance(names, dict):
            found[code] = {"common_names": names, "latin_binomial": latin}
    return found


def shown(line, names: dict[str, dict], locale: str) -> str:
    """A summary line's herb in ``locale`` when the register has it, else its label as written."""
    doc = names.get((line.code or "")[len(HERB):])
    try:
        return herb_name(doc, locale) if doc else line.label
    except (KeyError, IndexError, TypeError):  # a register entry without a name in ``locale``
        return line.label


def chart_panel(person, viewer, summary, reads: dict) -> list[PanelSpec]:
    """The herbs recommended (from the summary, named from the register in the reader's
    language) and links to recommend or to add a medication with its ATC code; nothing for
    someone who can do neither and sees no herb."""
    names, locale = answered_names(reads.get(NAMES)), reader_language()
    herbs = [shown(m, names, locale) for m in summary.medications
             if (m.code or "").startswith(HERB)]
    links = []
    if has_permission(RECOMMEND, account=viewer) and getattr(
            getattr(viewer, "practitioner", None), "discipline", None) == NAME:
        links.append((url_for("herbalism.recommend_page", person_id=person.id),
                      str(_("Recommend an herb"))))
    if has_permission(CHART_WRITE, account=viewer):
        links.append((url_for("herbalism.medication_page", person_id=person.id),
                      str(_("Add a medication by name (ATC code)"))))
    if not herbs and not links:
        return []
    lines = tuple(str(_("Herb in use: %(herb)s", herb=h)) for h in herbs)
    return [PanelSpec(f"{NAME}.panel", _("Herbalism"), lines, "herbalism/_panel.html",
                      {"links": links})]
