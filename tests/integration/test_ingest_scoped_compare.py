"""An upload is compared with the current versions of its own projects only (ledger.current_state
with `within`), and `impact ingest` stays light: these tests keep both what a comparison
decides and what a command imports."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import duckdb
import polars as pl
import pytest

from indicators.contract import CONTRACT
from pipelines.ingest import ingest_bytes, ledger, withdraw
from tests.support.samples import SAMPLE_ROWS, sample_file, to_csv
from pipelines.settings import Settings
from tests.support.paths import REPO_ROOT

P = "participants"


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    s = Settings(home=tmp_path / "home")
    assert ingest_bytes(s, sample_file("projects"), "projects.csv").exit_code == 0
    return s


def counts(report) -> tuple[int, int, int, int, int]:
    return report.inserted, report.updated, report.unchanged, report.withdrawn, report.rejected


def rows_of(project: str) -> list[dict]:
    return [dict(r) for r in SAMPLE_ROWS[P] if r["project_code"] == project]


def test_current_state_within_is_the_whole_state_filtered(settings):
    rows = [dict(r) for r in SAMPLE_ROWS[P]]
    ingest_bytes(settings, to_csv(P, rows), "p1.csv")
    rows[0]["age_at_entry"] = "35"
    rows[2]["withdrawn"] = "kyllä"
    ingest_bytes(settings, to_csv(P, rows), "p2.csv")
    ingest_bytes(settings, sample_file("targets"), "t.csv")
    kind, targets = CONTRACT[P], CONTRACT["targets"]
    with duckdb.connect(str(settings.ledger_path), read_only=True) as con:
        whole = ledger.current_state(con, kind)
        for codes in (["S30355"], ["S30356"], ["S30355", "S30356"], ["S99999"], []):
            within = pl.DataFrame({"project_code": codes}, schema={"project_code": pl.String})
            got = ledger.current_state(con, kind, within=within)
            want = whole.filter(pl.col("project_code").is_in(codes))
            assert got.sort(kind.key).equals(want.sort(kind.key)), codes
        one = pl.DataFrame({"project_code": ["S30355"], "participant_id": ["P001"]})
        got = ledger.current_state(con, kind, within=one)
        assert got["age_at_entry"].to_list() == [35]
        all_targets = ledger.current_state(con, targets)
        scope = all_targets["scope_type"][0]
        got = ledger.current_state(con, targets, within=pl.DataFrame({"scope_type": [scope]}))
        assert got.height == all_targets.filter(pl.col("scope_type") == scope).height > 0


def test_other_projects_records_are_neither_compared_nor_touched(settings):
    assert counts(ingest_bytes(settings, to_csv(P, rows_of("S30355")), "a.csv")) == (2, 0, 0, 0, 0)
    assert counts(ingest_bytes(settings, to_csv(P, rows_of("S30356")), "b.csv")) == (1, 0, 0, 0, 0)

    # Re-uploading one project's rows, one of them fixed: nothing is counted twice.
    fixed = rows_of("S30355")
    fixed[1]["age_at_entry"] = "41"
    assert counts(ingest_bytes(settings, to_csv(P, fixed), "a2.csv")) == (0, 1, 1, 0, 0)
    assert counts(ingest_bytes(settings, to_csv(P, fixed), "a3.csv")) == (0, 0, 2, 0, 0)

    # A participant reported under the other project is a new record there; the old one stays.
    moved = dict(fixed[0], project_code="S30356")
    assert counts(ingest_bytes(settings, to_csv(P, [moved]), "move.csv")) == (1, 0, 0, 0, 0)
    # A withdrawal new to the ledger counts as withdrawn, a repeated one as unchanged.
    gone = dict(moved, withdrawn="kyllä")
    assert counts(ingest_bytes(settings, to_csv(P, [gone]), "gone.csv")) == (0, 0, 0, 1, 0)
    assert counts(ingest_bytes(settings, to_csv(P, [gone]), "gone2.csv")) == (0, 0, 1, 0, 0)
    # Both projects in one file: each row meets its own project's current version.
    both = fixed + rows_of("S30356") + [gone]
    assert counts(ingest_bytes(settings, to_csv(P, both), "both.csv")) == (0, 0, 4, 0, 0)

    assert withdraw(settings, P, "S30355", "P001").withdrawn == 1
    assert withdraw(settings, P, "S30356", "P001").unchanged == 1  # withdrawn above
    with duckdb.connect(str(settings.ledger_path), read_only=True) as con:
        current = ledger.current_state(con, CONTRACT[P]).sort("project_code", "participant_id")
    assert current.select("project_code", "participant_id", "withdrawn", "age_at_entry").rows() == [
        ("S30355", "P001", True, 34), ("S30355", "P002", False, 41),
        ("S30356", "P001", True, 34), ("S30356", "P003", False, current["age_at_entry"][3]),
    ]


def _modules_after(code: str, home: Path) -> list[str]:
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO_ROOT, capture_output=True, text=True,
        env={"PATH": "/usr/bin:/bin", "IMPACT_HOME": str(home)},
    )
    assert out.returncode == 0, out.stdout + out.stderr
    return out.stdout.split()


def test_ingest_does_not_import_what_it_does_not_use(tmp_path):
    """pandera only once rows are validated; no hypothesis (pandera would import it for data
    synthesis) and no pyarrow (polars and DuckDB meet through the Arrow C stream)."""
    heavy = ("pandera", "hypothesis", "pyarrow", "dagster", "dbt")
    loaded = _modules_after(
        "import sys, pipelines.cli, pipelines.ingest; "
        f"print(*[m for m in {heavy!r} if m in sys.modules])", tmp_path / "a",
    )
    assert loaded == []
    csv = tmp_path / "projects.csv"
    csv.write_bytes(sample_file("projects"))
    participants = tmp_path / "participants.csv"
    participants.write_bytes(to_csv(P, [dict(r) for r in SAMPLE_ROWS[P]]))
    loaded = _modules_after(
        "import sys, io; from pipelines.cli import main; "
        f"main(['ingest', {str(csv)!r}, {str(participants)!r}]); "
        f"main(['withdraw', '--kind', 'participants', '--project', 'S30355', '--id', 'P001']); "
        f"main(['uploads']); print('|'); print(*[m for m in {heavy!r} if m in sys.modules])",
        tmp_path / "b",
    )
    assert loaded[loaded.index("|") + 1:] == ["pandera"]
