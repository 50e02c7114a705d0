"""The chart pages, the record's JSON API and the member portal."""

from core.audit import models as _audit_models  # noqa: F401  (tables known to migrations)
from core.record import views_work  # noqa: F401  (adds routes to the chart blueprint)
from core.record import api, consent, portal, views
from core.record.declarations import action_label

blueprints = [views.bp, api.bp, portal.bp]


def init_app(app):
    app.jinja_env.globals["action_label"] = action_label
    app.jinja_env.globals["discipline_name"] = consent.discipline_name
    app.jinja_env.globals["role_names"] = consent.role_names
