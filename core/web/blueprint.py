"""Blueprints of the web shell: sign-in, my account, home and the JSON API (the portal is the record's)."""

from core.apiv1 import bp as api
from core.web.account import bp as account
from core.web.auth import bp as auth
from core.web.home import bp as home

blueprints = [auth, account, home, api]
