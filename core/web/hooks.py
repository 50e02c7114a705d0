"""Request hooks: current account, CSRF, access, end of transaction, security headers."""

from __future__ import annotations

import hashlib
from functools import cache, lru_cache

from flask import current_app, g, request, session
from flask_wtf.csrf import CSRFProtect, generate_csrf
from itsdangerous import URLSafeTimedSerializer
from sqlalchemy import bindparam, select

from core import db
from core.security import access

#: Flask-WTF's CSRF check, called by :func:`check_csrf` (API requests with a token skip it)
csrf = CSRFProtect()

#: API clients authenticate with a bearer token instead of a cookie, and need no CSRF token
BEARER = "bearer"

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")


def load_account():
    """Put the signed-in account (cookie session or API token) in ``g.user``."""
    from core.identity.models import ApiToken

    # the objects behind Flask's proxies, once: each use of a proxy looks them up again
    request_g, opened = g._get_current_object(), session._get_current_object()
    request_g.user = None
    request_g.via_token = False
    request_g._soin_second_factor = None
    raw = bearer_token()
    request_g.bearer = raw is not None
    if raw is not None:
        digest = hashlib.sha256(raw.encode()).hexdigest()
        token = db.session().query(ApiToken).filter_by(token_hash=digest, revoked_at=None).first()
        if token is not None and token.account.active:
            request_g.user = token.account
            request_g.user_locale = token.account.locale
            request_g.via_token = True
        return
    account_id = getattr(opened, "account_id", None)
    if account_id is not None:
        account = getattr(opened, "account", None)  # read with the session row
        grants = getattr(opened, "grants", None)  # and its permissions, active plugins
        if account is None or account.id != account_id:
            account, grants = db.session().execute(_account_statement(), {"id": account_id}
                                                   ).unique().scalar_one_or_none(), None
        if account is not None and account.active:
            request_g.user = account
            request_g.user_locale = account.locale
            if grants is not None:
                access.remember_grants(account, *grants)
                request_g._soin_second_factor = (account.id, opened.second_factor)
                _keep_page_reads(account, opened.page_reads)
            else:
                access.read_grants(account)


def _keep_page_reads(account, values: dict) -> None:
    """Hand what the session's statement read for the page to whoever asked for it."""
    from core.security.sessions import PAGE_READS

    for name, value in values.items():
        PAGE_READS[name][1](account, value)


def bearer_token() -> str | None:
    """The token of an API request's ``Authorization: Bearer`` header (the scheme is
    case-insensitive, RFC 7235), or None for any other request."""
    if not request.path.startswith("/api/"):
        return None  # asked first: a page's path is at hand, its headers are parsed on demand
    scheme, _space, value = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != BEARER:
        return None
    return value.strip()


@cache
def _account_statement():
    """The signed-in account as a request reads it, when the session row did not bring it.
    Built once: building it costs more than running it."""
    from core.identity.accounts import request_loading
    from core.identity.models import Account

    return select(Account).where(Account.id == bindparam("id")).options(*request_loading())


def csrf_token() -> str:
    """The page's CSRF token (the ``csrf_token()`` of templates): Flask-WTF's, the signing of
    the session's secret kept per process.

    Flask-WTF signs it again on every page (a key derived, then a keyed hash): 3 % of a page.
    The signed token carries the time it was signed, which the check ignores here (the token
    lives as long as the server-side session: ``WTF_CSRF_TIME_LIMIT`` is None), so one signing
    per session serves all its pages. With a time limit configured, each page signs anew."""
    request_g = g._get_current_object()
    token = getattr(request_g, "csrf_token", None)
    if token is not None:
        return token
    config = current_app.config
    raw = session.get("csrf_token")
    if (not isinstance(raw, str) or config.get("WTF_CSRF_TIME_LIMIT") is not None
            or config.get("WTF_CSRF_FIELD_NAME", "csrf_token") != "csrf_token"):
        return generate_csrf()  # a new session's first token, or the configuration asks it
    secret = config.get("WTF_CSRF_SECRET_KEY") or current_app.secret_key
    request_g.csrf_token = token = _signed(secret, raw)
    return token


@lru_cache(maxsize=4096)
def _signed(secret_key, raw: str) -> str:
    """``raw`` signed as Flask-WTF signs it (the same serializer and salt)."""
    return _serializer(secret_key).dumps(raw)


@lru_cache(maxsize=8)
def _serializer(secret_key) -> URLSafeTimedSerializer:
    """Flask-WTF's serializer for ``secret_key``, made once (a new session's first page made
    it again: 30-odd calls; it keeps nothing between two ``dumps``)."""
    return URLSafeTimedSerializer(secret_key, salt="wtf-csrf-token")


def check_csrf():
    """Every state-changing request made with a cookie must carry the CSRF token.

    A bearer request is not a form, nor is an API request without a signed-in cookie: those
    are answered by the route's rule (401 without valid credentials), not "the form expired".
    """
    if request.method in ("GET", "HEAD", "OPTIONS") or g.get("bearer"):
        return
    if request.path.startswith("/api/") and g.get("user") is None:
        return
    csrf.protect()


def enforce_access():
    return access.enforce()


def end_request_transaction(response):
    """Commit a kept action with the session's row (:func:`core.web.lifecycle.finish_request`),
    then roll back whatever the view did not commit, before the session is saved."""
    from core.web.lifecycle import finish_request

    finish_request()
    db.close_session()
    return response


#: the headers from security.md every answer carries, unless the view set its own
SECURITY_HEADERS = (("Content-Security-Policy", CSP), ("X-Content-Type-Options", "nosniff"),
                    ("X-Frame-Options", "DENY"), ("Referrer-Policy", "same-origin"))
HSTS = ("Strict-Transport-Security", "max-age=31536000; includeSubDomains")


def security_headers(response):
    """Headers from security.md: CSP, nosniff, frame-ancestors, referrer, no-store when signed in."""
    headers = response.headers
    # the names present, read once: each setdefault searched the headers twice
    present = {name.lower() for name in headers.keys()}
    wanted = (*SECURITY_HEADERS, HSTS) if request.is_secure else SECURITY_HEADERS
    for name, value in wanted:
        if name.lower() not in present:
            headers.add(name, value)
    if g.get("user") is not None or request.path.startswith("/api/"):
        headers["Cache-Control"] = "no-store"
    return response
