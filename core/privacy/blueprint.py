"""The privacy area's pages (the officer's designation, incidents, retention)."""

from core.privacy import (models as _models, officer,  # noqa: F401  (tables known to migrations)
                          views)

blueprints = [views.bp]


def init_app(app):
    """Templates everywhere may show how to reach the privacy officer."""
    app.add_template_global(officer.contact, "privacy_officer")
