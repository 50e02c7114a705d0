"""Backups: made while the database is in use, encrypted with a key, verified by restoring into
a scratch database, restored whole; a damaged file or a wrong key is refused with a reason."""

from __future__ import annotations

import io
import json
import tarfile
import threading

from sqlalchemy import create_engine, text

from tests.ops.conftest import load_release, row_counts, snapshot


def _upgraded(soin):
    load_release(soin.url)
    assert soin("db", "upgrade")[0] == 0


def test_backup_verify_and_restore_bring_back_every_row(soin, monkeypatch):
    _upgraded(soin)
    code, key = soin("backup", "new-key")
    monkeypatch.setenv("SOIN_BACKUP_KEY", key.strip())
    before, content = row_counts(soin.url), snapshot(soin.url)

    code, out = soin("backup")
    assert code == 0, out
    assert "encrypted" in out and "NOT encrypted" not in out
    (backup,) = [p for p in soin.backups.iterdir() if not p.name.endswith("-pre-upgrade.tar")]
    assert backup.name.endswith(".tar.enc") and backup.stat().st_mode & 0o077 == 0
    assert b"core_persons" not in backup.read_bytes()  # nothing readable without the key

    code, out = soin("backup", "verify", str(backup))
    assert code == 0, out
    assert "every table has its rows" in out and "nursing 1.0.0" in out

    engine = create_engine(soin.url)
    with engine.begin() as conn:  # a bad day: records lost, a stray table
        conn.execute(text("DELETE FROM core_share_payments"))
        conn.execute(text("UPDATE core_persons SET first_name = 'LOST'"))
        conn.execute(text("CREATE TABLE stray_table (id INTEGER PRIMARY KEY)"))
    engine.dispose()

    code, out = soin("restore", str(backup), input="n\n")
    assert code == 1 and row_counts(soin.url)["core_share_payments"] == 0  # asked, refused
    code, out = soin("restore", str(backup), "--yes")
    assert code == 0, out
    assert "the current database was first saved to" in out and "-before-restore.tar.enc" in out
    assert row_counts(soin.url) == before
    assert snapshot(soin.url) == content
    assert soin("db", "status")[1].strip().endswith("the database matches the code")


def test_a_wrong_key_a_missing_key_or_a_damaged_file_is_refused(soin, monkeypatch):
    _upgraded(soin)
    monkeypatch.setenv("SOIN_BACKUP_KEY", soin("backup", "new-key")[1].strip())
    assert soin("backup")[0] == 0
    backup = next(soin.backups.glob("*.tar.enc"))

    monkeypatch.setenv("SOIN_BACKUP_KEY", soin("backup", "new-key")[1].strip())
    code, out = soin("backup", "verify", str(backup))
    assert code == 1 and "cannot be decrypted: wrong key" in out
    code, out = soin("restore", str(backup), "--yes")
    assert code == 1 and "restore failed, the database was not changed" in out
    monkeypatch.delenv("SOIN_BACKUP_KEY")
    code, out = soin("backup", "verify", str(backup))
    assert code == 1 and "is encrypted: set SOIN_BACKUP_KEY" in out

    damaged = soin.backups / "soin-backup-20260101T000000Z.tar.enc"
    data = bytearray(backup.read_bytes())
    data[len(data) // 2] ^= 1
    damaged.write_bytes(bytes(data))
    code, out = soin("backup", "verify", str(damaged))
    assert code == 1 and "NOT usable" in out


def test_verify_compares_the_restored_copy_with_the_manifest(soin):
    _upgraded(soin)
    assert soin("backup")[0] == 0
    backup = next(p for p in soin.backups.glob("*.tar") if "pre-upgrade" not in p.name)
    # a manifest that claims one more person than the copy holds
    with tarfile.open(backup) as tar:
        members = {m.name: tar.extractfile(m).read() for m in tar.getmembers()}
    manifest = json.loads(members["manifest.json"])
    manifest["rows"]["core_persons"] += 1
    members["manifest.json"] = json.dumps(manifest).encode()
    forged = soin.backups / "soin-backup-20260102T000000Z.tar"
    with tarfile.open(forged, "w:gz") as tar:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    code, out = soin("backup", "verify", str(forged))
    assert code == 1
    assert f"MISMATCH core_persons: {manifest['rows']['core_persons'] - 1} rows instead of" in out


def test_a_backup_taken_while_people_keep_writing_is_consistent(soin):
    _upgraded(soin)
    engine = create_engine(soin.url)
    stop = threading.Event()

    def keep_writing():
        while not stop.is_set():
            with engine.begin() as conn:
                conn.execute(text("INSERT INTO core_households (name, address, city, postal_code, phone, "
                                  "created_at) VALUES ('Écriture', '1 rue', 'Montréal', 'H2K 1A1', '', "
                                  "CURRENT_TIMESTAMP)"))

    writer = threading.Thread(target=keep_writing)
    writer.start()
    try:
        for _ in range(3):
            code, out = soin("backup")
            assert code == 0, out
    finally:
        stop.set()
        writer.join()
        engine.dispose()
    for backup in soin.backups.glob("soin-backup-*Z.tar"):
        code, out = soin("backup", "verify", str(backup))
        assert code == 0 and "every table has its rows" in out, out


def test_after_losing_the_disk_a_backup_restores_onto_a_new_empty_database(soin):
    from pathlib import Path

    from sqlalchemy.engine import make_url

    from core.ops.engines import DROP_ALL

    _upgraded(soin)
    before, content = row_counts(soin.url), snapshot(soin.url)
    assert soin("backup")[0] == 0
    backup = next(p for p in soin.backups.glob("*.tar") if "pre-upgrade" not in p.name)
    saved = backup.read_bytes()
    for path in soin.backups.iterdir():  # the disk is gone: database and backup folder
        path.unlink()
    if soin.url.startswith("sqlite"):
        Path(make_url(soin.url).database).unlink()
    else:
        engine = create_engine(soin.url)
        with engine.begin() as conn:
            conn.exec_driver_sql(DROP_ALL.replace("%", "%%"))  # psycopg reads % as a placeholder
        engine.dispose()
    assert "the database is not set up" in soin("plugins", "list")[1]

    copy = soin.backups.parent / "from-elsewhere" / backup.name  # the copy kept off the server
    copy.parent.mkdir()
    copy.write_bytes(saved)
    code, out = soin("restore", str(copy), "--yes")
    assert code == 0, out
    assert "first saved" not in out  # nothing to save on an empty database
    assert row_counts(soin.url) == before and snapshot(soin.url) == content
    assert soin("db", "status")[1].strip().endswith("the database matches the code")
