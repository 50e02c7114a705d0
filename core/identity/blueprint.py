"""Reception's pages."""

from core.identity.views import bp

blueprints = [bp]
