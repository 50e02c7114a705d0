"""The plugin's pages under ``/p/governance/``: assemblies (staff), voting (members and the
tablet), decisions (groups). Each part is a nested blueprint of its own module."""

from __future__ import annotations

from flask import Blueprint

from plugins.governance.views_annual import bp as annual_bp
from plugins.governance.views_assemblies import bp as assemblies_bp
from plugins.governance.views_decisions import bp as decisions_bp
from plugins.governance.views_notices import bp as notices_bp
from plugins.governance.views_vote import bp as vote_bp

bp = Blueprint("governance", __name__, template_folder="templates")
bp.register_blueprint(assemblies_bp)
bp.register_blueprint(vote_bp)
bp.register_blueprint(decisions_bp)
bp.register_blueprint(notices_bp)
bp.register_blueprint(annual_bp)
