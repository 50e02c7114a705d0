"""Core's plugin contract, run on the herbalism plugin."""

from core.testing.contract import *  # noqa: F401,F403

SOIN_CONTRACT_PLUGINS = ["herbalism"]
