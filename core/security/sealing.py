"""Secrets kept in the database are sealed (encrypted and authenticated) with a key derived from
``SOIN_SECRET_KEY``: a copy of the database alone does not give away the TOTP secrets.

The cipher is ``cryptography``'s Fernet (AES-128-CBC with HMAC-SHA256, a timestamped token),
its key derived from the secret key by HKDF-SHA256 with a purpose label, so the same secret key
never serves two purposes as is. To change the secret key: start with the new key in
``SOIN_SECRET_KEY`` and the old one(s) in ``SOIN_OLD_SECRET_KEYS`` (comma-separated, still
read, never written), run ``soin secrets rotate`` (every sealed value re-sealed under the new
key, in one transaction), then remove the old keys.
"""

from __future__ import annotations

import base64

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from flask import current_app

#: HKDF "info": what the derived key is for (a new purpose gets a new label)
PURPOSE = b"soin-commun/totp-secret/v1"


class SecretUnreadable(Exception):
    """A sealed value no configured key opens (wrong key, or the old key was removed)."""


def derive(secret_key: str, purpose: bytes = PURPOSE) -> Fernet:
    """The Fernet key derived from one secret key, for ``purpose`` (an HKDF label)."""
    raw = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=purpose).derive(
        secret_key.encode())
    return Fernet(base64.urlsafe_b64encode(raw))


def keyring(config=None) -> MultiFernet:
    """The current key first (it seals), then the old ones (they only open)."""
    config = config if config is not None else current_app.config
    keys = [config["SECRET_KEY"], *old_keys(config)]
    return MultiFernet([derive(k) for k in keys])


def old_keys(config) -> list[str]:
    value = config.get("SOIN_OLD_SECRET_KEYS") or ""
    return [k.strip() for k in value.split(",") if k.strip()]


def seal(plain: str, config=None) -> str:
    """``plain`` encrypted under the current key (a Fernet token, ASCII)."""
    return keyring(config).encrypt(plain.encode()).decode()


def unseal(token: str, config=None) -> str:
    """The text sealed in ``token``; :class:`SecretUnreadable` when no key opens it."""
    try:
        return keyring(config).decrypt(token.encode()).decode()
    except InvalidToken as exc:
        raise SecretUnreadable("no configured key opens this secret") from exc


def reseal(token: str, config=None) -> str:
    """``token`` re-encrypted under the current key (for key rotation)."""
    try:
        return keyring(config).rotate(token.encode()).decode()
    except InvalidToken as exc:
        raise SecretUnreadable("no configured key opens this secret") from exc
