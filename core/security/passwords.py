"""Passwords: argon2id with argon2-cffi's defaults (m=64 MiB, t=3, p=4: above ASVS 5.0 App. C).

No composition rules and no forced rotation (ASVS 6.2.5, 6.2.10); at least 8 characters, long
passphrases welcome, checked exactly as typed.
"""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from core.i18n import _

_hasher = PasswordHasher()
MIN_LENGTH = 8
MAX_LENGTH = 1024
#: hash of a random string, verified when the account is unknown so timing reveals nothing
_DUMMY = _hasher.hash("not-a-real-password-0f8a")

COMMON = frozenset({
    "password", "password1", "12345678", "123456789", "1234567890", "qwertyuiop", "azertyuiop",
    "motdepasse", "11111111", "iloveyou", "sunshine", "princess", "football", "baseball",
    "abc12345", "password123", "qwerty123", "admin123", "welcome1", "bonjour1", "soleil123",
    "00000000", "87654321", "letmein1", "trustno1", "passw0rd", "superman", "monkey123",
})


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(stored_hash: str | None, password: str) -> bool:
    """True when ``password`` matches; constant work when the account does not exist."""
    try:
        return _hasher.verify(stored_hash or _DUMMY, password) and stored_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def password_problem(password: str):
    """A translated reason the password is refused, or None when it is acceptable."""
    if len(password) < MIN_LENGTH:
        return _("Use at least %(n)s characters.", n=MIN_LENGTH)
    if len(password) > MAX_LENGTH:
        return _("Use at most %(n)s characters.", n=MAX_LENGTH)
    if password.casefold() in COMMON:
        return _("This password is too common; choose another one.")
    return None
