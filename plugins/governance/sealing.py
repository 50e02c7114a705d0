"""A secret ballot's choice is sealed while its vote is open.

The voter's row and the ballot's row are written in one transaction (a member votes once, even
pressing twice): while the vote is open, PostgreSQL's hidden columns (``xmin``), its
write-ahead log or a backup taken then pair the two rows. Sealing makes that pairing say
nothing: the choice is stored encrypted (AES-GCM, a random nonce, no time inside) under a key
derived from ``SOIN_SECRET_KEY`` and the motion, so a copy of the database alone never reads a
live ballot. Closing the vote opens every ballot, counts, and rewrites them in plain text in a
shuffled order (see :mod:`plugins.governance.ballots`).

What remains: someone holding both a copy of the database taken while the vote was open and
the server's secret key could read who chose what among the votes cast until then.
"""

from __future__ import annotations

import base64
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from flask import current_app

PREFIX = "sealed:"
_AAD = b"governance ballot"


class BallotUnreadable(Exception):
    """No configured secret key opens a sealed ballot (the key changed during the vote)."""


def _keys(motion_id: int) -> list[bytes]:
    """The motion's key from the current secret key, then from the old ones still read."""
    config = current_app.config
    secrets_ = [config["SECRET_KEY"], *[k.strip() for k in
                                        (config.get("SOIN_OLD_SECRET_KEYS") or "").split(",")
                                        if k.strip()]]
    info = b"soin-commun/ballot/v1/%d" % motion_id
    return [HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=info).derive(
        str(secret).encode()) for secret in secrets_]


def _compact(candidates: list, choice: str) -> str:
    # candidates by their place on the ballot: a sealed choice stays short whatever the names
    if not candidates or choice == "abstain":
        return choice
    return "|".join(str(candidates.index(name)) for name in choice.split("|"))


def _expand(candidates: list, compact: str) -> str:
    if not candidates or compact == "abstain":
        return compact
    return "|".join(candidates[int(i)] for i in compact.split("|"))


def seal(motion, choice: str) -> str:
    """``choice`` (as stored in the clear) sealed for ``motion``."""
    nonce = os.urandom(12)
    token = AESGCM(_keys(motion.id)[0]).encrypt(
        nonce, _compact(motion.candidates, choice).encode(), _AAD)
    return PREFIX + base64.urlsafe_b64encode(nonce + token).decode()


def unseal(motion, stored: str) -> str:
    """The choice in the clear (a ballot stored before sealing existed is returned as is)."""
    if not stored.startswith(PREFIX):
        return stored
    raw = base64.urlsafe_b64decode(stored[len(PREFIX):])
    for key in _keys(motion.id):
        try:
            plain = AESGCM(key).decrypt(raw[:12], raw[12:], _AAD).decode()
        except InvalidTag:
            continue
        return _expand(motion.candidates, plain)
    raise BallotUnreadable(motion.id)
