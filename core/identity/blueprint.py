"""Reception's pages and the members' register."""

from core.identity.views import bp
from core.identity.views_register import bp as register_bp

blueprints = [bp, register_bp]
