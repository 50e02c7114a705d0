"""Signing and checking packages with Ed25519 (``cryptography``): the private key lives in a
file outside the repository and the database (``SOIN_COMMONS_KEY``), the public key travels
with the package and the receiving coop trusts it explicitly."""

from __future__ import annotations

import base64
import hashlib
import json
import os
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey


def canonical(data) -> bytes:
    """The bytes that are signed: sorted keys, no spaces, UTF-8 (same data, same bytes)."""
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                      default=str).encode()


def new_key(path: Path) -> str:
    """Write a new private key to ``path`` (PEM, readable by its owner only); its public key."""
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                            serialization.NoEncryption())
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(pem)
    return public_of(key)


def load_key(path: str | Path) -> Ed25519PrivateKey:
    key = serialization.load_pem_private_key(Path(path).read_bytes(), password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise ValueError("not an Ed25519 private key")
    return key


def public_of(key: Ed25519PrivateKey) -> str:
    raw = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return base64.b64encode(raw).decode()


def fingerprint(public_key: str) -> str:
    """A short name for a public key people can compare aloud (16 hex digits in 4 groups)."""
    digest = hashlib.sha256(public_key.strip().encode()).hexdigest()[:16]
    return " ".join(digest[i:i + 4] for i in range(0, 16, 4))


def sign(key: Ed25519PrivateKey, data) -> str:
    return base64.b64encode(key.sign(canonical(data))).decode()


def verify(public_key: str, data, signature: str) -> bool:
    """Does ``signature`` (base64) sign ``data`` with ``public_key`` (base64, raw 32 bytes)?"""
    try:
        key = Ed25519PublicKey.from_public_bytes(base64.b64decode(public_key, validate=True))
        key.verify(base64.b64decode(signature, validate=True), canonical(data))
    except (InvalidSignature, ValueError, TypeError):
        return False
    return True
