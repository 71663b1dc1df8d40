"""`impact demo`'s progress lines (pipelines/demo/progress.py) and its quiet ingest: numbered
steps, one line per file with the import report's counts, the full report saved, nothing of
the report on the terminal."""

from __future__ import annotations

from pathlib import Path

from pipelines.demo.progress import STEPS, file_line, step_line
from pipelines.demo.run import ingest_quietly
from pipelines.settings import Settings
from tests.support.paths import NETWORK


def test_steps_are_numbered_in_order() -> None:
    assert step_line("generate") == "[1/4] Generating the demo network's monitoring files..."
    assert step_line("ingest", files=7).startswith("[2/4] Ingesting 7 files")
    assert [step_line(s, files=1)[:5] for s in STEPS] == ["[1/4]", "[2/4]", "[3/4]", "[4/4]"]


def test_a_file_in_one_line() -> None:
    summary = {"file_name": "participants.csv", "outcome": "partially_applied", "rows_read": 1040,
               "inserted": 1036, "updated": 0, "unchanged": 0, "rejected": 4, "warnings": 2}
    line = file_line(summary, 3, 12)
    assert line == ("  ( 3/12) participants.csv: partially applied: some rows rejected; "
                    "1,040 rows read, 1,036 new, 4 rejected, 2 warnings")
    # A name with a terminal code is shown escaped, never sent to the terminal.
    assert "\x1b" not in file_line({**summary, "file_name": "a\x1b[2Jb.csv"}, 1, 1)


def test_quiet_ingest_prints_nothing_and_keeps_the_report(tmp_path: Path, capsys) -> None:
    settings = Settings(home=tmp_path / "home")
    settings.ensure_dirs()
    reports = tmp_path / "reports"
    summary = ingest_quietly(settings, NETWORK / "projects.csv", reports)
    assert summary["file_name"] == "projects.csv" and summary["outcome"] == "applied"
    assert summary["inserted"] >= 1
    assert (reports / "projects.json").is_file()
    assert capsys.readouterr().out == ""
    again = ingest_quietly(settings, NETWORK / "projects.csv", reports)
    assert again["outcome"] == "unchanged"  # the same file twice adds nothing
