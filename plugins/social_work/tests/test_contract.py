"""Core's contract, run on the social work plugin."""
from core.testing.contract import *  # noqa: F401,F403

SOIN_CONTRACT_PLUGINS = ["social_work"]
