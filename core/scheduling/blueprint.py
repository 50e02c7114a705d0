"""Scheduling's blueprints, found by convention (``core/<area>/blueprint.py``)."""

from core.scheduling import extra_models, models  # noqa: F401  (tables in the metadata)

blueprints = []
