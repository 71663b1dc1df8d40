"""`impact check` (issue #14, part 5): the ledger and the blobs verified, one line per problem,
exit 0 sound and 4 damaged; withdrawals are recorded so that the ledger replays from its
entries (a blob or a withdrawn key per upload)."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from pipelines.ingest import ingest_bytes, ledger, withdraw
from pipelines.recovery.check import check_home
from pipelines.settings import Settings
from tests.support.cli import run_impact
from tests.support.samples import sample_file


@pytest.fixture
def home(tmp_path: Path) -> Settings:
    s = Settings(home=tmp_path / "home")
    assert ingest_bytes(s, sample_file("projects"), "projects.csv").exit_code == 0
    assert ingest_bytes(s, sample_file("participants"), "participants.csv").exit_code == 0
    assert withdraw(s, "participants", "S30355", "P001").withdrawn == 1
    return s


def sql(s: Settings, statement: str) -> list[tuple]:
    with duckdb.connect(str(s.ledger_path)) as con:
        return con.execute(statement).fetchall()


def participants_blob(s: Settings) -> Path:
    sha = sql(s, "SELECT sha256 FROM uploads WHERE kind = 'participants' AND sha256 IS NOT NULL")[0][0]
    return s.blobs_dir / sha


def test_a_sound_home_checks_clean_and_the_withdrawal_is_recorded(home):
    assert check_home(home) == []
    assert sql(home, "SELECT upload_id, kind, record_key FROM withdrawals") == [
        (3, "participants", '{"project_code":"S30355","participant_id":"P001"}')]
    result = run_impact(home.home, "check")
    assert result.returncode == 0 and "sound" in result.stdout, result.stderr


def test_a_damaged_or_missing_blob_is_reported(home):
    blob = participants_blob(home)
    blob.write_bytes(blob.read_bytes() + b"x")
    assert check_home(home) == [f"blobs: blobs/{blob.name} of upload #2 does not hash to its name: damaged"]
    blob.unlink()
    assert check_home(home) == [f"blobs: the bytes of upload #2 (blobs/{blob.name}) are missing"]
    result = run_impact(home.home, "check")
    assert result.returncode == 4 and "upload #2" in result.stderr


def test_broken_references_and_unrecorded_withdrawals_are_reported(home):
    sql(home, "DELETE FROM withdrawals")
    sql(home, "INSERT INTO problems (upload_id, rule_id) VALUES (99, 'x')")
    sql(home, "UPDATE participants_versions SET upload_id = 98 WHERE upload_id = 2 AND source_row = 2")
    assert check_home(home) == [
        "ledger: 1 participants version(s) name an upload that does not exist",
        "ledger: 1 row(s) of problems name an upload that does not exist",
        "ledger: upload #3 has no bytes and is not one recorded withdrawal",
    ]


def test_a_ledger_from_before_the_withdrawals_table_gets_it_filled_in(home):
    before = sql(home, "SELECT * FROM withdrawals")
    sql(home, "DROP TABLE withdrawals")
    assert check_home(home) == ["ledger: table withdrawals is missing"]
    with ledger.connect_for_writing(home):
        pass
    assert sql(home, "SELECT * FROM withdrawals") == before
    assert check_home(home) == []


def test_a_corrupt_ledger_is_damage_with_one_line(home):
    with open(home.ledger_path, "r+b") as handle:
        handle.seek(0)
        handle.write(b"\0" * 8192)
    result = run_impact(home.home, "check")
    assert result.returncode == 4, result.stderr
    assert "ledger" in result.stderr and "cannot be read" in result.stderr
    assert "Traceback" not in result.stderr
