"""The backup file: one tar holding ``manifest.json`` and the database copy, encrypted as a whole
when a key is set.

The manifest says when the copy was taken, by which release, at which migration revisions, with
which plugins, how many rows each table held and the SHA-256 of the copy, so a file can be
checked long after it was written and without the server that made it.

Encryption is Fernet from pyca/cryptography (AES-128-CBC with HMAC-SHA256, authenticated, a
versioned token format): a changed byte or a wrong key is refused, never read as garbage. Fernet
works in memory, which suits a coop's database (tens of MB); ``SOIN_BACKUP_KEY`` holds the key
(``soin backup new-key`` prints one).
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import tarfile
from dataclasses import asdict, dataclass, field
from pathlib import Path

MANIFEST = "manifest.json"
FORMAT = 1
PLAIN, ENCRYPTED = ".tar", ".tar.enc"


class BackupError(Exception):
    """A backup file that cannot be used; ``str()`` says why in plain words."""


@dataclass
class Manifest:
    """What a backup holds (written as ``manifest.json`` inside the file)."""

    created_at: str
    database: str  # "sqlite" or "postgresql"
    payload: str  # file name of the database copy inside the archive
    sha256: str
    size: int
    revisions: list[str]
    plugins: dict[str, str]
    rows: dict[str, int]
    release: str = ""
    format: int = FORMAT
    extra: dict = field(default_factory=dict)

    def to_json(self) -> bytes:
        return json.dumps(asdict(self), indent=1, sort_keys=True).encode()

    @classmethod
    def from_json(cls, data: bytes) -> Manifest:
        raw = json.loads(data)
        if raw.get("format") != FORMAT:
            raise BackupError(f"unknown backup format {raw.get('format')!r} (this release reads {FORMAT})")
        return cls(**{k: raw[k] for k in cls.__dataclass_fields__ if k in raw})


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def fernet(key: str | None):
    """The cipher for ``key`` (a Fernet key), or None when backups are not encrypted."""
    if not key:
        return None
    from cryptography.fernet import Fernet

    try:
        return Fernet(key.encode() if isinstance(key, str) else key)
    except (ValueError, TypeError):
        raise BackupError("SOIN_BACKUP_KEY is not a valid key: make one with `soin backup new-key`") from None


def new_key() -> str:
    from cryptography.fernet import Fernet

    return Fernet.generate_key().decode()


def write(target: Path, manifest: Manifest, payload: Path, key: str | None) -> Path:
    """Write the backup file at ``target`` (suffix added), readable by its owner only.

    Written under a temporary name then renamed, so a half-written file never looks like a backup.
    """
    cipher = fernet(key)
    final = target.with_name(target.name + (ENCRYPTED if cipher else PLAIN))
    partial = final.with_name(final.name + ".partial")
    buffer = io.BytesIO() if cipher else None
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as handle:
        with tarfile.open(fileobj=buffer or handle, mode="w:gz", compresslevel=6) as tar:
            info = tarfile.TarInfo(MANIFEST)
            data = manifest.to_json()
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
            tar.add(payload, arcname=manifest.payload)
        if cipher:
            handle.write(cipher.encrypt(buffer.getvalue()))
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(partial, final)
    return final


def read(source: Path, key: str | None, into: Path) -> tuple[Manifest, Path]:
    """Open a backup file, check its checksum, extract its database copy into the folder ``into``.

    Raises :class:`BackupError` for a missing key, a wrong key, a damaged file or a mismatch.
    """
    source = Path(source)
    if not source.is_file():
        raise BackupError(f"no backup file at {source}")
    raw = source.read_bytes()
    if not tarfile.is_tarfile(source):
        cipher = fernet(key)
        if cipher is None:
            raise BackupError(f"{source.name} is encrypted: set SOIN_BACKUP_KEY to the key it was made with")
        from cryptography.fernet import InvalidToken

        try:
            raw = cipher.decrypt(raw)
        except InvalidToken:
            raise BackupError(f"{source.name} cannot be decrypted: wrong key, or the file is damaged") from None
    try:
        with tarfile.open(fileobj=io.BytesIO(raw), mode="r") as tar:
            manifest = Manifest.from_json(tar.extractfile(MANIFEST).read())
            member = tar.getmember(manifest.payload)
            if not member.isfile() or "/" in member.name or member.name.startswith("."):
                raise BackupError(f"{source.name}: unexpected entry {member.name!r}")
            payload = into / manifest.payload
            with tar.extractfile(member) as src, open(payload, "wb") as dst:
                for chunk in iter(lambda: src.read(1 << 20), b""):
                    dst.write(chunk)
    except (tarfile.TarError, KeyError, ValueError, AttributeError) as exc:
        raise BackupError(f"{source.name} is not a readable backup ({exc})") from None
    if sha256_of(payload) != manifest.sha256:
        raise BackupError(f"{source.name} is damaged: its database copy does not match its checksum")
    return manifest, payload


def is_backup_name(name: str) -> bool:
    return name.startswith("soin-backup-") and name.endswith((PLAIN, ENCRYPTED))
