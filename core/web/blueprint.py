"""Blueprints of the web shell: sign-in, my account, home and the JSON API (the portal is the record's)."""

from core.web.account import bp as account
from core.web.auth import bp as auth
from core.web.home import bp as home
from core.web.http_api import bp as api

blueprints = [auth, account, home, api]
