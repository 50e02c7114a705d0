"""A page's messages ("Le rendez-vous est pris.") carried to the next page in a sealed cookie
of their own, not in the session's row.

Nearly every form post of a signed-in person ends with a message for the next page, and the
message was most often the session's only change: writing the row back cost each post an
UPDATE in its transaction (0.6 ms of a 3.4 ms booking, measured in-process on PostgreSQL), and
the next page, showing and removing the message, a second write. The messages of a session kept
as it is (not at sign-in or sign-out: those write the row anyway) now travel in this cookie:

* sealed (Fernet: AES and HMAC-SHA256) under a key derived from the secret key for this purpose
  alone: a message may name a person, and nobody but the server reads or alters it;
* bound to the session it was written in (a digest of its token): never shown in another one;
* five minutes at most (the token's own timestamp), removed by the page that shows them;
* ``HttpOnly``, ``SameSite=Lax``, ``Secure`` over HTTPS, as the session's cookie.

A cookie that does not open (altered, expired, another session's, the secret key changed) is
dropped: the messages are a courtesy, never a record (what was done is in the database).
"""

from __future__ import annotations

import json
from functools import lru_cache

COOKIE = "soin_flash"
#: HKDF label: this key serves only this purpose
PURPOSE = b"soin-commun/flash-messages/v1"
#: seconds a message waits for the next page
TTL = 300
#: Flask's key for the messages in the session
FLASHES = "_flashes"
#: the messages kept when no page shows them (a client that does not follow the redirect): a
#: browser drops a cookie past 4 KB whole, so the newest ten are kept, not every one
KEPT = 10


@lru_cache(maxsize=4)
def _fernet(secret_key: str):
    # cryptography is imported by the first message, not at start (tests/core/test_startup.py)
    from core.security.sealing import derive

    return derive(secret_key, PURPOSE)


def _binding(token_hash: str) -> str:
    # a part of the token's digest (never the token): enough to tell sessions apart
    return token_hash[:32]


def seal(flashes: list, token_hash: str, secret_key: str) -> str:
    """The cookie's value: ``flashes`` (Flask's ``(category, message)`` pairs, the newest
    :data:`KEPT`) for the session whose token has this digest."""
    payload = {"s": _binding(token_hash), "f": [[str(c), str(m)] for c, m in flashes[-KEPT:]]}
    return _fernet(secret_key).encrypt(json.dumps(payload).encode()).decode()


def unseal(value: str, token_hash: str, secret_key: str) -> list[tuple[str, str]]:
    """The messages sealed in ``value`` for this session, or none (see the module)."""
    from cryptography.fernet import InvalidToken

    try:
        payload = json.loads(_fernet(secret_key).decrypt(value.encode(), ttl=TTL))
    except (InvalidToken, ValueError):
        return []
    if not isinstance(payload, dict) or payload.get("s") != _binding(token_hash):
        return []
    found = payload.get("f")
    if not isinstance(found, list):
        return []
    return [(c, m) for pair in found if isinstance(pair, list) and len(pair) == 2
            for c, m in [pair] if isinstance(c, str) and isinstance(m, str)]
