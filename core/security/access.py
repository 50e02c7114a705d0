"""Every route declares who may call it; a request to a route without a rule is refused.

Decorators (also exported to plugins through :mod:`core.api`):

* ``@public``: anyone, signed in or not (login page, public events);
* ``@authenticated``: any signed-in account;
* ``@require("perm.code", ...)``: an account holding every listed permission;
* ``@member``: a signed-in account linked to its own person record (the member portal).

Object-level decisions (this chart, this entry) belong to the record's policy module; this one
only decides whether the route may be called at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from flask import abort, current_app, g, redirect, request, url_for

from core import db
from core.memo import APP_CONTEXT

STATIC_ENDPOINTS = {"static"}
#: what an account that must set up its second factor may still reach
SECOND_FACTOR_SETUP = {"account.index", "account.two_step", "auth.logout", "auth.language"}


@dataclass(frozen=True)
class AccessRule:
    kind: str  # public | authenticated | permission | member
    permissions: tuple[str, ...] = ()


def _declare(rule: AccessRule):
    def decorator(view):
        view._soin_access = rule
        return view
    return decorator


def public(view):
    """Anyone may call this route."""
    return _declare(AccessRule("public"))(view)


def authenticated(view):
    """Any signed-in account may call this route."""
    return _declare(AccessRule("authenticated"))(view)


def member(view):
    """A signed-in account linked to a person record (the member's own portal)."""
    return _declare(AccessRule("member"))(view)


def require(*permissions: str):
    """Only accounts holding every one of ``permissions`` may call this route."""
    return _declare(AccessRule("permission", tuple(permissions)))


def rule_of(view) -> AccessRule | None:
    return getattr(view, "_soin_access", None)


def current_account():
    """The signed-in account, or None."""
    context = APP_CONTEXT.get(None)  # asked several times a page: Flask's ``g`` costs more
    return context.g.__dict__.get("user") if context is not None else g.get("user")


def permissions_of(account) -> set[str]:
    """Permission codes held through the account's roles (read once per request)."""
    if account is None:
        return set()
    context = APP_CONTEXT.get(None)
    cache = (context.g if context is not None else g).__dict__.get("_soin_perms")
    if cache is None:
        cache = g.setdefault("_soin_perms", {})
    if account.id not in cache:
        from core.identity.models import RolePermission

        codes = account.role_codes
        rows = db.session().query(RolePermission.permission).filter(
            RolePermission.role_code.in_(codes)) if codes else []
        cache[account.id] = {r[0] for r in rows}
    return cache[account.id]


def read_grants(account) -> None:
    """The account's permissions and the coop's active plugins in one statement.

    Nearly every page needs both (the route's rule, the menus): this saves a round trip to
    the database on each request. Both stay cached for the request as before. (A signed-in
    browser's request reads them with its session row instead: :func:`grant_columns`.)
    """
    from core.plugins import remember_active

    rows = db.session().execute(_grants_statement(),
                                {"codes": sorted(account.role_codes) or ["-"]}).all()
    remember_active({value for kind, value in rows if kind == "plugin"})
    g.setdefault("_soin_perms", {})[account.id] = {
        value for kind, value in rows if kind == "permission"}


@cache
def _grants_statement():
    from sqlalchemy import bindparam, literal, select

    from core.admin.models import PluginState
    from core.identity.models import RolePermission

    active = select(literal("plugin").label("kind"), PluginState.name.label("value")).where(
        PluginState.active.is_(True))
    held = select(literal("permission"), RolePermission.permission).where(
        RolePermission.role_code.in_(bindparam("codes", expanding=True)))
    return active.union_all(held)


#: what separates the codes :func:`grant_columns` reads (never part of a code or a name)
GRANTS_SEPARATOR = " "


def grant_columns(account_id):
    """Two columns for a statement that reads an account (``account_id``: its id column): the
    permissions its roles hold and the active plugins, each as one string. The session store
    reads them with the session row and its account: one round trip less on every signed-in
    page than :func:`read_grants`, from the same tables in the same statement."""
    from sqlalchemy import select

    from core.admin.models import PluginState
    from core.db import joined
    from core.identity.models import RolePermission, account_roles

    # One level of subquery, joined, not an IN (SELECT ...) inside it: SQLAlchemy correlates a
    # subquery with the statement directly around it only, and a second level read the roles
    # of every account that had a session (tests/core/test_security.py, two signed in at once).
    held = (select(joined(RolePermission.permission, GRANTS_SEPARATOR))
            .join(account_roles, account_roles.c.role_code == RolePermission.role_code)
            .where(account_roles.c.account_id == account_id)
            .scalar_subquery().label("permissions"))
    active = (select(joined(PluginState.name, GRANTS_SEPARATOR))
              .where(PluginState.active.is_(True)).scalar_subquery().label("active_plugins"))
    return held, active


def split_codes(joined: str | None) -> set[str]:
    """The codes one of :func:`grant_columns`' columns joined (None: there were none)."""
    return set((joined or "").split(GRANTS_SEPARATOR)) - {""}


def remember_grants(account, permissions: str | None, active_plugins: str | None) -> None:
    """Keep for the request what :func:`grant_columns` read (as :func:`read_grants` does)."""
    from core.plugins import remember_active

    remember_active(split_codes(active_plugins))
    g.setdefault("_soin_perms", {})[account.id] = split_codes(permissions)


def has_permission(*permissions: str, account=None) -> bool:
    account = account if account is not None else current_account()
    held = permissions_of(account)
    return all(p in held for p in permissions)


def is_api_request() -> bool:
    return request.path.startswith("/api/")


def deny(status: int):
    """401 sends a browser to the sign-in page; the API and 403 get the error page or JSON."""
    if status == 401 and not is_api_request():
        return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
    abort(status)


def enforce():
    """before_request: apply the route's declared rule (fail closed when none is declared)."""
    if request.endpoint is None:
        return None  # 404/405 are answered by Flask itself
    if request.endpoint in STATIC_ENDPOINTS or request.endpoint.endswith(".static"):
        return None
    view = current_app.view_functions.get(request.endpoint)
    rule = rule_of(view)
    if rule is None:
        current_app.logger.error("route %s declares no access rule: refused", request.endpoint)
        abort(403)
    if rule.kind == "public":
        return None
    account = current_account()
    if account is None:
        return deny(401)
    if needs_second_factor(account):
        return None if request.endpoint in SECOND_FACTOR_SETUP else _to_second_factor_setup()
    if rule.kind == "member" and account.person_id is None:
        abort(403)
    if rule.kind == "permission" and not has_permission(*rule.permissions, account=account):
        abort(403)
    return None


def needs_second_factor(account) -> bool:
    """True for a cookie session whose account must use an authenticator app and has none."""
    from core.security import totp

    if g.get("via_token"):
        return False  # API tokens are credentials an administrator created, checked apart
    if not totp.required(account):
        return False
    read = g.get("_soin_second_factor")  # read with the session row, when it was
    if read is not None and read[0] == account.id:
        return not read[1]
    return not totp.enrolled(db.session(), account)


def _to_second_factor_setup():
    if is_api_request():
        abort(403)
    return redirect(url_for("account.index") + "#two-step")
