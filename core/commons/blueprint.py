"""The commons area: shared protocols between coops."""

from core.commons import models as _models, views  # noqa: F401  (tables known to migrations)

blueprints = [views.bp]


def init_app(app):
    """Nothing to add to templates."""
