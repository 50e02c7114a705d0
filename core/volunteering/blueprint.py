"""Volunteering's pages: the coordination's shifts and hours, the member's own in the portal."""

from core.volunteering import models  # noqa: F401  (tables in the metadata)  # isort: skip
from core.volunteering import http_api, views, views_hours, views_portal

blueprints = [views.bp, views_hours.bp, views_portal.bp, http_api.bp]


def init_app(app):
    from core.volunteering.programs import program_title
    from core.volunteering.wording import hours, hours_count, month

    app.jinja_env.globals["program_title"] = program_title
    app.jinja_env.filters.update(hours=hours, hours_count=hours_count, month=month)
