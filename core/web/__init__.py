"""The web shell: layout, navigation, sign-in, error pages, and core's blueprints."""

from importlib import import_module
from pathlib import Path

#: core areas whose ``blueprint.py`` is mounted, in this order (found by convention, like Indico)
CORE = Path(__file__).resolve().parent.parent


def register_core_blueprints(app):
    """Mount every ``core/<area>/blueprint.py``: its ``blueprints`` list, then ``init_app(app)``."""
    for path in sorted(CORE.glob("*/blueprint.py")):
        module = import_module(f"core.{path.parent.name}.blueprint")
        for blueprint in module.blueprints:
            app.register_blueprint(blueprint)
        if hasattr(module, "init_app"):
            module.init_app(app)
