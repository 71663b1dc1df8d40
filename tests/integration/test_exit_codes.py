"""Failures say what they are (issue #14, part 4): an internal error of any `impact` command
exits 3 with one line naming what failed and the log that holds the details; never a traceback,
never exit 1 ("some rows rejected"). A disk that fills at COMMIT reports that, not the
ROLLBACK that followed. Text from an upload reaches the terminal escaped, and what a command
writes under IMPACT_HOME is its owner's only."""

from __future__ import annotations

import os
import resource
import signal
import stat
import subprocess
import sys
from pathlib import Path

import duckdb

from pipelines.recovery.failure import describe, log_entry, safe_message
from pipelines.terminal import printable
from tests.support.cli import run_impact
from tests.support.paths import REPO_ROOT
from tests.support.samples import sample_file


def one_line_internal_error(result: subprocess.CompletedProcess, home: Path) -> str:
    assert result.returncode == 3, (result.returncode, result.stdout, result.stderr)
    assert "Traceback" not in result.stdout + result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert "internal error" in lines[0]
    return lines[0]


def test_a_corrupt_ledger_exits_3_with_one_line_and_a_logged_traceback(tmp_path):
    home = tmp_path / "home"
    (home / "uploads").mkdir(parents=True)
    (home / "uploads" / "ledger.duckdb").write_bytes(b"not a database" * 1000)
    upload = tmp_path / "projects.csv"
    upload.write_bytes(sample_file("projects"))
    for args in (("uploads",), ("ingest", "--kind", "projects", str(upload)), ("build",)):
        line = one_line_internal_error(run_impact(home, *args), home)
        assert f"impact {args[0]}:" in line and "ledger.duckdb" in line
        assert f"details in {home / 'logs' / 'impact.log'}" in line
    log = (home / "logs" / "impact.log").read_text()
    assert log.count("Traceback (most recent call last):") >= 3
    assert "not a valid DuckDB database file" in log
    assert stat.S_IMODE((home / "logs" / "impact.log").stat().st_mode) == 0o600


def _full_disk_at(limit: int):
    def limit_file_size():  # the disk is "full" beyond `limit` bytes a file: writes fail with EFBIG
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return limit_file_size


def test_a_full_disk_at_commit_reports_the_commit_not_the_rollback(tmp_path):
    home = tmp_path / "home"
    projects, participants = tmp_path / "projects.csv", tmp_path / "participants.csv"
    projects.write_bytes(sample_file("projects"))
    participants.write_bytes(sample_file("participants"))
    assert run_impact(home, "ingest", "--kind", "projects", str(projects)).returncode == 0
    env = {**os.environ, "IMPACT_HOME": str(home)}
    result = subprocess.run(
        [sys.executable, "-m", "pipelines.cli", "ingest", "--kind", "participants", str(participants)],
        env=env, cwd=REPO_ROOT, capture_output=True, text=True, timeout=120, preexec_fn=_full_disk_at(1000),
    )
    line = one_line_internal_error(result, home)
    assert "Failed to commit" in line and "File too large" in line, line
    assert "cannot rollback" not in line
    assert "could not be logged" in line  # the log is beyond the limit too: the line says so
    with duckdb.connect(str(home / "uploads" / "ledger.duckdb"), read_only=True) as con:
        assert con.execute("SELECT kind FROM uploads").fetchall() == [("projects",)]


MEMORY_ERROR = """
import sys
from pipelines import cli
def exhausted(settings, args):
    raise MemoryError()
cli.COMMANDS["uploads"] = exhausted
sys.exit(cli.main(["uploads"]))
"""


def test_memory_error_exits_3(tmp_path):
    home = tmp_path / "home"
    env = {**os.environ, "IMPACT_HOME": str(home)}
    result = subprocess.run([sys.executable, "-c", MEMORY_ERROR], env=env, cwd=REPO_ROOT,
                            capture_output=True, text=True, timeout=60)
    assert "out of memory" in one_line_internal_error(result, home)
    assert "MemoryError" in (home / "logs" / "impact.log").read_text()


def test_a_bad_setting_is_a_usage_error(tmp_path):
    result = run_impact(tmp_path / "home", "uploads", env={"IMPACT_DISCLOSURE_K": "zero"})
    assert result.returncode == 2 and "IMPACT_DISCLOSURE_K" in result.stderr
    assert "Traceback" not in result.stderr


def test_messages_lose_the_values_they_quote_but_keep_paths_under_home(tmp_path):
    home = tmp_path / "home"
    exc = ValueError(f"Could not convert string 'Matti Meikäläinen' in \"{home}/uploads/ledger.duckdb\"")
    text = safe_message(exc, home)
    assert "Matti" not in text and f"\"{home}/uploads/ledger.duckdb\"" in text
    assert "010190-123M" not in safe_message(KeyError("x 010190-123M"), home)
    code = "".join(("0101", "90-", "123M"))  # not in this source: the log quotes code lines
    try:
        raise RuntimeError(f"wrapper {code}") from KeyError(code)
    except RuntimeError as chained:
        entry = log_entry("ingest", chained, home)
    assert code not in entry and "KeyError" in entry and "RuntimeError" in entry
    assert describe(MemoryError(), home).startswith("out of memory")


def test_printable_escapes_control_and_invisible_characters():
    assert printable("ok.csv") == "ok.csv"
    assert printable("a\x1b[2Jb\rc\nd\u202ee\u200bf") == "a\\x1b[2Jb\\rc\\nd\\u202ee\\u200bf".replace("\\r", "\\x0d").replace("\\n", "\\x0a")


def test_control_characters_in_a_file_name_never_reach_the_terminal_and_files_are_private(tmp_path):
    home = tmp_path / "home"
    name = "hanke\x1b[2J\x1b]0;owned\x07\rOK.csv"
    upload = tmp_path / name
    upload.write_bytes(sample_file("projects"))
    ingest = run_impact(home, "ingest", "--kind", "projects", str(upload))
    listing = run_impact(home, "uploads")
    show = run_impact(home, "uploads", "--show", "1")
    for result in (ingest, listing, show):
        assert result.returncode == 0, result.stderr
        assert not any(c in result.stdout for c in "\x1b\x07\r"), result.stdout
    assert "hanke\\x1b[2J" in ingest.stdout and "hanke\\x1b[2J" in show.stdout
    assert "hanke\\x1b[2J" in listing.stdout
    for path in [home, *home.rglob("*")]:
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode == (0o700 if path.is_dir() else 0o600), (path, oct(mode))
