"""Scheduling's blueprints, found by convention (``core/<area>/blueprint.py``)."""

from __future__ import annotations

from core.scheduling import extra_models, models  # noqa: F401  (tables in the metadata)  # isort: skip
from core.scheduling import day_table, labels
from core.scheduling.http_api import bp as api
from core.scheduling.views_admin import bp as admin
from core.scheduling.views_calendar import bp as calendar
from core.scheduling.views_events import bp as events
from core.scheduling.views_feeds import bp as feeds
from core.scheduling.views_groups import bp as groups
from core.scheduling.views_portal import bp as portal
from core.scheduling.views_walkin import bp as walkin

blueprints = [calendar, admin, walkin, groups, portal, events, feeds, api]


def init_app(app) -> None:
    """Template filters and labels, and the agenda's lines."""
    labels.register(app)
    app.jinja_env.globals.update(day_rows=day_table.day_rows, item_line=day_table.item_line)
