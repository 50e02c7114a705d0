"""Admin pages."""

from core.admin.views import bp

blueprints = [bp]
