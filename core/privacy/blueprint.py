"""The privacy area's pages (the officer's designation, incidents, retention)."""

# models: tables known to migrations; views_*: routes added to views.bp
from core.privacy import (models as _models, officer, views, views_incidents,  # noqa: F401
                          views_retention)

blueprints = [views.bp]


def init_app(app):
    """Templates everywhere may show how to reach the privacy officer, and whether the
    audit anchor reached anyone."""
    app.add_template_global(officer.contact, "privacy_officer")
    app.add_template_global(views.anchor_warning, "audit_anchor_warning")
