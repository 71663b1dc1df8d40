"""A process killed (SIGKILL) while applying an upload leaves the ledger as it was."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import polars as pl
import pytest

from pipelines.ingest import ingest_bytes
from tests.support.samples import SAMPLE_ROWS, sample_file, to_csv, write_large_participants
from pipelines.settings import REPO_ROOT, Settings

CHILD = """
import sys, time
from pathlib import Path
from pipelines.settings import Settings
from pipelines.ingest import ingest_bytes, ledger
home, marker, upload = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
if marker.name != "none":
    def pause_inside_transaction():
        marker.write_text("in transaction")
        time.sleep(120)
    ledger.before_commit = pause_inside_transaction
ingest_bytes(Settings(home=home), upload.read_bytes(), "participants.csv")
"""

TABLES = ("uploads", "participants_versions", "projects_versions", "problems", "refusals")


def snapshot(s: Settings) -> dict[str, pl.DataFrame]:
    with duckdb.connect(str(s.ledger_path), read_only=True) as con:
        return {t: con.sql(f"SELECT * FROM {t} ORDER BY ALL").pl() for t in TABLES}


def same(a: dict[str, pl.DataFrame], b: dict[str, pl.DataFrame]) -> bool:
    return all(a[t].equals(b[t]) for t in TABLES)


def start_child(home: Path, marker: Path, upload: Path) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=str(REPO_ROOT))
    return subprocess.Popen(
        [sys.executable, "-c", CHILD, str(home), str(marker), str(upload)], cwd=REPO_ROOT, env=env,
    )


@pytest.fixture
def loaded(tmp_path: Path) -> Settings:
    s = Settings(home=tmp_path / "home")
    assert ingest_bytes(s, sample_file("projects"), "projects.csv").exit_code == 0
    assert ingest_bytes(s, sample_file("participants"), "participants.csv").exit_code == 0
    return s


def test_sigkill_inside_transaction_leaves_ledger_unchanged(loaded, tmp_path):
    before = snapshot(loaded)
    rows = [dict(r, age_at_entry="40") for r in SAMPLE_ROWS["participants"]]
    rows.append(dict(SAMPLE_ROWS["participants"][0], participant_id="NEW1", gender="x"))
    upload = tmp_path / "changed.csv"
    upload.write_bytes(to_csv("participants", rows))
    marker = tmp_path / "marker"
    child = start_child(loaded.home, marker, upload)
    try:
        deadline = time.monotonic() + 60
        while not marker.exists():
            assert child.poll() is None, "child ended before reaching the transaction"
            assert time.monotonic() < deadline, "child never reached the transaction"
            time.sleep(0.02)
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL
    assert same(snapshot(loaded), before)
    # The lock died with the process and the ledger is usable: the same upload applies now.
    report = ingest_bytes(loaded, upload.read_bytes(), "participants.csv")
    assert (report.updated, report.rejected, report.upload_id) == (3, 1, before["uploads"].height + 1)


def test_sigkill_at_random_moments_is_all_or_nothing(loaded, tmp_path):
    """Kill at random moments (import, read, validate, write, commit): after each kill the
    ledger holds either nothing of the upload or all of it (its uploads row, exactly the
    versions and problems that row accounts for)."""
    upload = tmp_path / "big.csv"
    write_large_participants(upload, 20_000)
    rng = random.Random(7)
    for _ in range(3):
        before = snapshot(loaded)
        child = start_child(loaded.home, tmp_path / "none", upload)
        time.sleep(rng.uniform(1.0, 3.0))
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=30)
        after = snapshot(loaded)
        if same(after, before):
            continue
        new = after["uploads"].join(before["uploads"], on="upload_id", how="anti")
        assert new.height == 1
        row = new.row(0, named=True)
        added = after["participants_versions"].height - before["participants_versions"].height
        assert added == row["inserted"] + row["updated"] + row["withdrawn"]
        assert after["participants_versions"].filter(pl.col("upload_id") == row["upload_id"]).height == added
        assert after["problems"].height - before["problems"].height == after["problems"].filter(
            pl.col("upload_id") == row["upload_id"]
        ).height
