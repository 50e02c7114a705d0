"""Reception's pages and the members' register."""

from core.identity.addresses import postal_address
from core.identity.views import bp
from core.identity.views_register import bp as register_bp

blueprints = [bp, register_bp]


def init_app(app) -> None:
    """A household's address as Quebec writes it, for any page (a plugin's notices too)."""
    app.jinja_env.filters["postal_address"] = postal_address
