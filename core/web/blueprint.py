"""Blueprints of the web shell: sign-in, home and the JSON API (the portal is the record's)."""

from core.apiv1 import bp as api
from core.web.auth import bp as auth
from core.web.home import bp as home

blueprints = [auth, home, api]
