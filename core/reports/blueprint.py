"""The reports pages (``/reports``)."""

from core.reports import views, views_federation  # noqa: F401  (routes on views.bp)

blueprints = [views.bp]
