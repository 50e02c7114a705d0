"""Blueprints of the web shell: sign-in, home, the member portal and the JSON API."""

from core.apiv1 import bp as api
from core.web.auth import bp as auth
from core.web.home import bp as home, portal

blueprints = [auth, home, portal, api]
