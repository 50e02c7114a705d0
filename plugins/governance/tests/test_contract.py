"""The contract every plugin passes, run on this one."""

from core.testing.contract import *  # noqa: F401,F403

SOIN_CONTRACT_PLUGINS = ["governance"]
