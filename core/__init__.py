"""Soin commun core: identity, scheduling and the shared care record, plus the plugin machinery.

Plugins never import from here directly except through :mod:`core.api`.
"""

__version__ = "0.1.0"
