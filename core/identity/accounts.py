"""Accounts, roles and permissions: creation, sign-in and syncing declared defaults."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from core.db import utcnow
from core.identity.models import Account, KnownPermission, Practitioner, Role, RolePermission
from core.security.passwords import hash_password, password_problem, verify_password


def request_loading() -> tuple:
    """How an account is read for a request: with its roles and practitioner record (every
    page needs all three; one statement instead of three)."""
    return joinedload(Account.roles), joinedload(Account.practitioner)


class AccountError(ValueError):
    """A translated reason an account cannot be created or changed."""


def sync_roles_and_permissions(db: Session, host) -> None:
    """Create declared roles and grant each new permission to its default roles, once.

    A permission already known keeps whatever admins decided since; a plugin installed later
    brings its defaults the first time it is seen. A role seen for the first time gets every
    permission declared for it, known or not (nobody has decided anything about it yet: a role
    a plugin adds in a later release must not arrive empty).
    """
    new_roles = set()
    for spec in host.declarations("register_roles", active_only=False):
        role = db.get(Role, spec.code)
        if role is None:
            db.add(Role(code=spec.code, title=str(spec.title), clinical=spec.clinical))
            new_roles.add(spec.code)
    db.flush()
    known = set(db.scalars(select(KnownPermission.code)))
    existing_roles = set(db.scalars(select(Role.code)))
    for spec in host.declarations("register_permissions", active_only=False):
        if spec.code in known:
            defaults = new_roles.intersection(spec.default_roles)
        else:
            db.add(KnownPermission(code=spec.code))
            defaults = existing_roles.intersection(spec.default_roles)
        for role in sorted(defaults):
            if not db.get(RolePermission, (role, spec.code)):
                db.add(RolePermission(role_code=role, permission=spec.code))
    db.flush()


def create_account(db: Session, *, username: str, display_name: str, password: str,
                   roles: list[str] = (), email: str = "", person=None, practitioner: dict | None = None,
                   is_demo: bool = False) -> Account:
    """Create an account with roles; a practitioner gets discipline, order and licence."""
    username = username.strip().lower()
    problem = password_problem(password)
    if problem:
        raise AccountError(problem)
    if db.scalar(select(Account.id).where(Account.username == username)):
        from core.i18n import _
        raise AccountError(_("This username is taken."))
    account = Account(username=username, display_name=display_name, email=email,
                      password_hash=hash_password(password), person=person, is_demo=is_demo)
    account.roles = [db.get(Role, code) for code in roles if db.get(Role, code) is not None]
    db.add(account)
    if practitioner:
        account.practitioner = Practitioner(**practitioner)
    db.flush()
    return account


def set_roles(db: Session, account: Account, roles: list[str]) -> None:
    account.roles = [r for r in (db.get(Role, code) for code in roles) if r is not None]
    db.flush()


def authenticate(db: Session, username: str, password: str) -> Account | None:
    """The active account matching these credentials, or None (same work either way)."""
    account = db.scalar(select(Account).where(Account.username == (username or "").strip().lower()))
    ok = verify_password(account.password_hash if account else None, password or "")
    if not ok or account is None or not account.active:
        return None
    account.last_login_at = utcnow()
    return account


def find_account(db: Session, username: str) -> Account | None:
    return db.scalar(select(Account).where(Account.username == (username or "").strip().lower()))
