"""`impact backup DIR` and `impact restore DIR`: the system of record copied out of IMPACT_HOME
and back, consistent while the service runs.

A backup holds what cannot be made again: the ledger (uploads/ledger.duckdb), the bytes of
every upload it names (uploads/blobs/<sha256>) and the access store (access/access.sqlite:
accounts, tokens, the audit trail), with backup.json naming each file's SHA-256. The ledger is
copied under the writer lock after a CHECKPOINT (so the file alone holds every committed
upload, and no writer changes it meanwhile); the blobs after the lock is released (a blob is
written before the upload that names it and never changed); the access store with SQLite's
backup API (a consistent copy while the web server writes). Not copied: the warehouse and the
published copy (`impact build` makes them from the ledger), the exports, the Dagster instance,
the logs and the web server's session key (a restored service makes a new one: everyone signs
in again).

A backup is written to a hidden folder beside DIR and renamed to DIR when whole; a restore is
checked against backup.json first and written the same way, into an IMPACT_HOME that does not
exist or is empty.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import sqlite3
import tempfile
from pathlib import Path

import duckdb

from pipelines.access.store import store_path
from pipelines.recovery.check import file_sha256
from pipelines.settings import Settings
from pipelines.warehouse.build_inputs import ledger_digest
from pipelines.writer_lock import writer_lock

MANIFEST = "backup.json"
FORMAT = 1
LEDGER = Path("uploads") / "ledger.duckdb"
BLOBS = Path("uploads") / "blobs"
ACCESS = Path("access") / "access.sqlite"


class BackupRefused(Exception):
    """The backup or the restore was not made; the message says why."""


def _empty_or_missing(path: Path) -> bool:
    return not path.exists() or (path.is_dir() and not any(path.iterdir()))


def _staging(target: Path) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.partial-"))


def _move_into_place(staging: Path, target: Path) -> None:
    if target.exists():
        target.rmdir()  # empty: checked before
    staging.rename(target)


def _copy_ledger(settings: Settings, to: Path) -> None:
    with writer_lock(settings.lock_path):
        with duckdb.connect(str(settings.ledger_path)) as con:
            con.execute("CHECKPOINT")
        shutil.copyfile(settings.ledger_path, to)


def _named_blobs(ledger: Path) -> list[tuple[str, str]]:
    """(sha256, outcome) of every upload with bytes, from a ledger nobody else has open."""
    with duckdb.connect(str(ledger), read_only=True) as con:
        return con.execute(
            "SELECT sha256, bool_and(outcome = 'refused') FROM uploads WHERE sha256 IS NOT NULL"
            " GROUP BY sha256 ORDER BY sha256"
        ).fetchall()


def _copy_blobs(blobs_dir: Path, named: list[tuple[str, bool]], to: Path) -> dict[str, int]:
    copied: dict[str, int] = {}
    for sha256, refused_only in named:
        source = blobs_dir / sha256
        if not source.is_file():
            if refused_only:
                continue  # a refused file whose bytes were not kept
            raise BackupRefused(f"the bytes of an upload are missing: {source} (run `impact check`)")
        shutil.copyfile(source, to / sha256)
        if file_sha256(to / sha256) != sha256:
            raise BackupRefused(f"{source} does not hash to its name: damaged (run `impact check`)")
        copied[sha256] = (to / sha256).stat().st_size
    return copied


def _copy_access(home: Path, to: Path) -> None:
    source = sqlite3.connect(f"file:{store_path(home)}?mode=ro", uri=True)
    try:
        target = sqlite3.connect(to)
        try:
            source.backup(target)
        finally:
            target.close()
    finally:
        source.close()


def backup(settings: Settings, target: Path) -> str:
    """Write a backup of IMPACT_HOME to `target` (which must not exist or be empty)."""
    target = target.resolve()
    if not _empty_or_missing(target):
        raise BackupRefused(f"{target} is not empty: a backup goes to a new or empty folder")
    if not settings.ledger_path.exists():
        raise BackupRefused(f"there is no ledger to back up under {settings.home}")
    staging = _staging(target)
    try:
        (staging / BLOBS).mkdir(parents=True)
        _copy_ledger(settings, staging / LEDGER)
        blobs = _copy_blobs(settings.blobs_dir, _named_blobs(staging / LEDGER), staging / BLOBS)
        files = {str(LEDGER): file_sha256(staging / LEDGER)}
        if store_path(settings.home).exists():
            (staging / ACCESS).parent.mkdir()
            _copy_access(settings.home, staging / ACCESS)
            files[str(ACCESS)] = file_sha256(staging / ACCESS)
        manifest = {
            "format": FORMAT,
            "created_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
            "ledger_digest": ledger_digest(staging / LEDGER),
            "files": files,
            "blobs": blobs,
        }
        (staging / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True))
        _move_into_place(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return f"wrote {target}: the ledger, {len(blobs)} upload file(s)" + (
        ", the access store" if str(ACCESS) in files else "")


def verify_backup(source: Path) -> dict:
    """The backup's manifest, once every file it names is there with its SHA-256."""
    try:
        manifest = json.loads((source / MANIFEST).read_text())
    except (OSError, ValueError):
        raise BackupRefused(f"{source} is not a backup: no readable {MANIFEST}") from None
    if manifest.get("format") != FORMAT:
        raise BackupRefused(f"{source}: backup format {manifest.get('format')!r} is not {FORMAT}")
    named = {**manifest["files"], **{str(BLOBS / sha): sha for sha in manifest["blobs"]}}
    for relative, sha256 in named.items():
        path = source / relative
        if not path.is_file() or file_sha256(path) != sha256:
            raise BackupRefused(f"{path} is missing or damaged: the backup is not whole")
    return manifest


def restore(source: Path, settings: Settings) -> str:
    """Make IMPACT_HOME (new or empty) from the backup in `source`."""
    source, home = source.resolve(), settings.home
    if not _empty_or_missing(home):
        raise BackupRefused(f"{home} is not empty: restore into a new or empty IMPACT_HOME")
    manifest = verify_backup(source)
    staging = _staging(home)
    try:
        (staging / BLOBS).mkdir(parents=True)
        for relative in [*manifest["files"], *(str(BLOBS / sha) for sha in manifest["blobs"])]:
            (staging / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source / relative, staging / relative)
        if ledger_digest(staging / LEDGER) != manifest["ledger_digest"]:
            raise BackupRefused(f"{source / LEDGER} does not read as it was backed up")
        _move_into_place(staging, home)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return (f"restored {home} from {source} (backed up {manifest['created_at']}): "
            "run `impact build` to make the warehouse and the published copy.")
