"""The herbalism panel on a person's chart: the herbs in the summary and the ways in."""

from __future__ import annotations

from flask import url_for

from core.api import PanelSpec, has_permission

from plugins.herbalism import NAME, _
from plugins.herbalism.permissions import CHART_WRITE, RECOMMEND


def chart_panel(person, viewer, summary) -> list[PanelSpec]:
    """The herbs recommended (from the summary) and links to recommend or to add a medication
    with its ATC code; nothing for someone who can do neither and sees no herb."""
    herbs = [m.label for m in summary.medications if (m.code or "").startswith("HERB:")]
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
