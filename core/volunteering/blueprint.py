"""Volunteering's pages: the coordination's shifts and hours, the member's own in the portal."""

from core.volunteering import models  # noqa: F401  (tables in the metadata)  # isort: skip
from core.volunteering import api, views, views_hours, views_portal

blueprints = [views.bp, views_hours.bp, views_portal.bp, api.bp]


def init_app(app):
    from core.volunteering.programs import program_title

    app.jinja_env.globals["program_title"] = program_title
