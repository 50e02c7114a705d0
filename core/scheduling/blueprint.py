"""Scheduling's blueprints, found by convention (``core/<area>/blueprint.py``)."""

from __future__ import annotations

from flask import url_for

from core.scheduling import extra_models, models  # noqa: F401  (tables in the metadata)
from core.scheduling import labels
from core.scheduling.api import bp as api
from core.scheduling.views_admin import bp as admin
from core.scheduling.views_calendar import bp as calendar
from core.scheduling.views_events import bp as events
from core.scheduling.views_feeds import bp as feeds
from core.scheduling.views_groups import bp as groups
from core.scheduling.views_portal import bp as portal
from core.scheduling.views_walkin import bp as walkin

blueprints = [calendar, admin, walkin, groups, portal, events, feeds, api]


def _appointments_link(person):
    """The person page links to their appointments for those who may see the calendar."""
    from core.i18n import _
    from core.security.access import has_permission

    if has_permission("core.schedule.view"):
        return {"title": _("Appointments"),
                "url": url_for("scheduling.person", person_id=person.id)}
    return None


def init_app(app) -> None:
    """Template filters and labels; the appointments link on the person page."""
    labels.register(app)
    app.extensions.setdefault("soin_person_links", []).append(_appointments_link)
