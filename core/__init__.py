"""Soin commun core: identity, scheduling and the shared care record, plus the plugin machinery.

Plugins never import from here directly except through :mod:`core.api`.
"""

import os

__version__ = "0.1.0"

# Babel asks pytz for the machine's zone as it is imported (flask-babel brings pytz), and pytz
# then opened each of its ~600 zone files to list those present: 6-10 ms of every start.
# pytz's own documented switch for import speed skips that check; its wheel ships every zone,
# and nothing here lists pytz's zones (ours come from zoneinfo). Set first, before any import
# of Babel; a value already in the environment is kept.
os.environ.setdefault("PYTZ_SKIPEXISTSCHECK", "1")
