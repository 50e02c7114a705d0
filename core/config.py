"""Settings, read from the environment (``SOIN_*``) so that no secret lives in the repository."""

from __future__ import annotations

import os
import secrets
from datetime import timedelta
from decimal import Decimal
from pathlib import Path


def _env(name: str, default: str | None = None) -> str | None:
    return os.environ.get(f"SOIN_{name}", default)


def _bool(name: str, default: bool) -> bool:
    value = _env(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def instance_dir() -> Path:
    """The instance folder (``SOIN_INSTANCE_DIR``, default ``./instance``): the default SQLite
    file, the demo's key, backups. Created only when something is first kept there (see
    :func:`make_instance_dir`), so a command that stops early, or ``soin --help``, which starts
    the application to list plugins' commands, leaves no empty folder behind."""
    return Path(_env("INSTANCE_DIR", "instance")).resolve()


def default_database_url() -> str:
    """SQLite in ``./instance`` is the embedded default for a small coop."""
    return f"sqlite:///{instance_dir() / 'soin.sqlite'}"


def make_instance_dir(database: str | None) -> None:
    """Create the instance folder when the SQLite file ``database`` (a path) is kept there:
    called as SQLite first opens its file (:func:`core.db.make_engine`)."""
    if database and Path(database).resolve().parent == instance_dir():
        instance_dir().mkdir(parents=True, exist_ok=True)


def load_config(overrides: dict | None = None) -> dict:
    """Return the Flask configuration for this process.

    ``SOIN_SECRET_KEY`` must be set in production (see :func:`check_secret_key`): it signs the
    forms and seals the secrets kept in the database. ``SOIN_OLD_SECRET_KEYS`` lists earlier
    keys still accepted to open sealed secrets while ``soin secrets rotate`` runs.
    """
    config = {
        "SECRET_KEY": _env("SECRET_KEY"),
        "SOIN_OLD_SECRET_KEYS": _env("OLD_SECRET_KEYS"),
        # the default SQLite file only when no database is given (its ./instance folder is made
        # when the file is first opened): a plugin's tests pass theirs and leave no instance/
        "SOIN_DATABASE_URL": ((overrides or {}).get("SOIN_DATABASE_URL") or _env("DATABASE_URL")
                              or default_database_url()),
        "SOIN_LOAD_PLUGINS": _env("LOAD_PLUGINS"),
        "SOIN_DEFAULT_LOCALE": _env("DEFAULT_LOCALE", "fr_CA"),
        "SOIN_TIMEZONE": _env("TIMEZONE", "America/Montreal"),
        "SOIN_COOP_NAME": _env("COOP_NAME", "Coopérative de solidarité santé"),
        # names the coop in the records it sends to another coop (default: from its name)
        "SOIN_COOP_ID": _env("COOP_ID"),
        # the Ed25519 key file that signs the protocols the coop shares (``soin commons
        # new-key``); kept outside the repository and the database
        "SOIN_COMMONS_KEY": _env("COMMONS_KEY"),
        "SOIN_CURRENCY": _env("CURRENCY", "CAD"),
        "SOIN_DEMO": _bool("DEMO", False),
        # who must sign in with an authenticator app: "staff" (every role but member) or
        # "optional"; demo accounts never are (see core.security.totp)
        "SOIN_MFA": _env("MFA", "staff"),
        "SOIN_IDLE_TIMEOUT": timedelta(minutes=int(_env("IDLE_TIMEOUT_MINUTES", "30"))),
        "SOIN_ABSOLUTE_TIMEOUT": timedelta(hours=int(_env("ABSOLUTE_TIMEOUT_HOURS", "12"))),
        "SOIN_SCHEDULER": _bool("SCHEDULER", False),
        "SOIN_SMTP_HOST": _env("SMTP_HOST", "127.0.0.1"),
        "SOIN_SMTP_PORT": int(_env("SMTP_PORT", "25")),
        "SOIN_MAIL_FROM": _env("MAIL_FROM", "soin@localhost"),
        # a provider's server: encrypt with STARTTLS (certificate checked), then sign in
        "SOIN_SMTP_STARTTLS": _bool("SMTP_STARTTLS", False),
        "SOIN_SMTP_USER": _env("SMTP_USER"),
        "SOIN_SMTP_PASSWORD": _env("SMTP_PASSWORD"),
        # the audit chain's daily anchor goes to the designated privacy officer, to this
        # address only when none with an e-mail address is designated; SOIN_AUDIT_KEY (held
        # outside the database) signs the anchors and the purge checkpoints (core.audit)
        "SOIN_PRIVACY_OFFICER_EMAIL": _env("PRIVACY_OFFICER_EMAIL"),
        "SOIN_AUDIT_KEY": _env("AUDIT_KEY"),
        # years a destroyed chart's audit events stay whole before `soin audit purge` (min. 3)
        "SOIN_AUDIT_KEEP_YEARS": int(_env("AUDIT_KEEP_YEARS", "5")),
        "SOIN_TRUSTED_PROXIES": int(_env("TRUSTED_PROXIES", "0")),
        # the bylaws' membership rules (core.identity.register.bylaws); a bad value stops start-up
        "SOIN_MEMBERSHIP_DUES": Decimal(_env("MEMBERSHIP_DUES", "10.00")),
        "SOIN_MEMBERSHIP_GRACE_DAYS": int(_env("MEMBERSHIP_GRACE_DAYS", "60")),
        "SOIN_MEMBERSHIP_REMINDER_DAYS": int(_env("MEMBERSHIP_REMINDER_DAYS", "30")),
        "SOIN_VOTE_NEEDS_PAID_SHARES": _bool("VOTE_NEEDS_PAID_SHARES", True),
        "SOIN_VOTE_NEEDS_DUES": _bool("VOTE_NEEDS_DUES", True),
        # backups: where they go (keep it on another disk), the key that encrypts them (a Fernet
        # key: `soin backup new-key`; without it backups are plain files readable by their owner)
        "SOIN_BACKUP_DIR": _env("BACKUP_DIR") or str(instance_dir() / "backups"),
        "SOIN_BACKUP_KEY": _env("BACKUP_KEY"),
        # Cookies: Secure is set per request when served over HTTPS (see security.sessions).
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "MAX_CONTENT_LENGTH": 5 * 1024 * 1024,
        "WTF_CSRF_TIME_LIMIT": None,  # the token lives as long as the server-side session
        "WTF_CSRF_CHECK_DEFAULT": False,  # checked in core.security.csrf, API tokens exempt
        "BABEL_DEFAULT_TIMEZONE": "UTC",
    }
    if overrides:
        config.update(overrides)
    return config


class ConfigError(RuntimeError):
    """A setting the application cannot start without (the message says what to do)."""


def check_secret_key(config: dict) -> None:
    """Refuse to start without ``SOIN_SECRET_KEY``, except for the demo and tests.

    The key seals the TOTP secrets: a key made up at each start would make them unreadable
    after a restart. The demo (``SOIN_DEMO=1``) keeps a key of its own in the instance folder;
    tests get a throwaway one.
    """
    if config.get("SECRET_KEY"):
        return
    if config.get("TESTING"):
        config["SECRET_KEY"] = secrets.token_hex(32)
    elif config.get("SOIN_DEMO"):
        config["SECRET_KEY"] = _demo_secret_key()
    else:
        raise ConfigError(
            "SOIN_SECRET_KEY is not set. Set it to a long random value kept outside the "
            "database (for example: python3 -c 'import secrets; print(secrets.token_hex(32))'), "
            "the same for every process of the installation; SOIN_DEMO=1 runs the demo without "
            "one.")


def _demo_secret_key() -> str:
    """The demo's own key, made once and kept in the instance folder (readable by its owner)."""
    path = instance_dir() / "demo-secret-key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.touch(mode=0o600)
        path.write_text(secrets.token_hex(32))
    return path.read_text().strip()
