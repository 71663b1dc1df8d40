"""`impact withdraw` through `impact build` and `impact export`: a withdrawn record leaves every
indicator, exactly as if it had never been uploaded (spec 2: withdrawn records leave all
indicators)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.cli import run_impact

from tests.support.paths import FIXTURES
from tests.support.exports import read_values

NETWORK = FIXTURES / "network"
CUTOFFS = ("2024-02-29", "2024-06-30", "2025-12-31")
# S10001/P4: woman, 56, employed at entry, ISCED 6, third-country national, foreign background,
# homeless; left 2024-02-29 employed; followed up employed and improved. She counts in many
# outputs and in three results, so her withdrawal moves all of them.
WITHDRAWN = ("S10001", "P4")

pytestmark = pytest.mark.slow


def _ingest_network(home: Path, participants: Path) -> None:
    projects = run_impact(home, "ingest", "--kind", "projects", str(NETWORK / "projects.csv"))
    assert projects.returncode == 0, projects.stdout + projects.stderr
    result = run_impact(home, "ingest", "--kind", "participants", str(participants))
    assert result.returncode == 1, result.stdout + result.stderr  # the fixture's two bad rows


def _build_and_export(home: Path, out: Path) -> dict[str, dict]:
    build = run_impact(home, "build")
    assert build.returncode == 0, build.stdout[-3000:] + build.stderr[-3000:]
    values = {}
    for cutoff in CUTOFFS:
        result = run_impact(home, "export", "--cutoff", cutoff, "--out", str(out / cutoff))
        assert result.returncode == 0, result.stderr
        values[cutoff] = read_values(out / cutoff / "indicator_values.csv")
    return values


@pytest.fixture(scope="module")
def exports(tmp_path_factory, dbt_manifest):
    """(values with P4 withdrawn by the command, values of the same data without P4 at all)."""
    withdrawn_home = tmp_path_factory.mktemp("withdrawn_home")
    _ingest_network(withdrawn_home, NETWORK / "participants.csv")
    result = run_impact(withdrawn_home, "withdraw", "--kind", "participants", "--project", WITHDRAWN[0], "--id", WITHDRAWN[1])
    assert result.returncode == 0, result.stdout + result.stderr
    assert "impact build" in result.stdout
    withdrawn = _build_and_export(withdrawn_home, tmp_path_factory.mktemp("withdrawn_out"))

    never_home = tmp_path_factory.mktemp("never_home")
    lines = (NETWORK / "participants.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [line for line in lines if not line.startswith(f"{WITHDRAWN[0]},{WITHDRAWN[1]},")]
    assert len(kept) == len(lines) - 1
    without = tmp_path_factory.mktemp("never_input") / "participants.csv"
    without.write_text("".join(kept), encoding="utf-8")
    _ingest_network(never_home, without)
    never = _build_and_export(never_home, tmp_path_factory.mktemp("never_out"))
    return withdrawn, never


def test_withdrawn_record_is_as_if_never_uploaded(exports):
    withdrawn, never = exports
    for cutoff in CUTOFFS:
        assert withdrawn[cutoff] == never[cutoff], cutoff


def test_withdrawn_record_left_its_indicators(exports):
    values = exports[0]["2025-12-31"]
    # Hand-computed in test_pipeline_end_to_end (EXPECTED_2025_12_31), minus P4.
    for code, total, woman in (
        ("EECO01", 6, 3), ("EECO05", 1, 1), ("EECO08", 0, 0), ("EECO11", 1, 1), ("EECO13", 0, 0),
        ("EECO14", 1, 0), ("EECO16", 0, 0), ("EECR04", 1, 1), ("EECR05", 1, 1), ("EECR06", 0, 0),
    ):
        assert values[("programme", "-", code, "total")] == str(total), code
        assert values[("programme", "-", code, "woman")] == str(woman), code
    assert values[("project", "S10001", "EECO01", "total")] == "3"
    assert exports[0]["2024-02-29"][("programme", "-", "EECR04", "total")] == "0"


def test_withdraw_exit_codes(tmp_path):
    home = tmp_path / "home"
    _ingest_network(home, NETWORK / "participants.csv")
    args = ("withdraw", "--kind", "participants", "--project", "S10001")
    first = run_impact(home, *args, "--id", "P2")
    assert first.returncode == 0 and "upload #" in first.stdout, first.stdout + first.stderr
    again = run_impact(home, *args, "--id", "P2")  # already withdrawn: nothing to do
    assert again.returncode == 0 and "nothing changed" in again.stdout, again.stdout
    assert "impact build" not in again.stdout
    missing = run_impact(home, *args, "--id", "NOPE")
    assert missing.returncode == 2 and "withdraw.not_found" in missing.stdout, missing.stdout
    bad_key = run_impact(home, *args)  # participants need --id
    assert bad_key.returncode == 2 and "withdraw.bad_key" in bad_key.stdout, bad_key.stdout
    usage = run_impact(home, "withdraw", "--kind", "people", "--project", "S10001")
    assert usage.returncode == 2
    project = run_impact(home, "withdraw", "--kind", "projects", "--project", "S10002")
    assert project.returncode == 0, project.stdout
