"""The plugin contract, run on every installed plugin (``--soin-contract NAME`` for one).

The tests themselves live in :mod:`core.testing.contract`, so a plugin outside this repository
runs exactly the same ones on itself.
"""

from core.testing.contract import *  # noqa: F401,F403
