"""The reports pages (``/reports``)."""

from core.reports import views

blueprints = [views.bp]
