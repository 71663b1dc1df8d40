"""From fixture CSVs through `impact ingest`, `impact build` and `impact export` to values
computed by hand from docs/indicators.md (see the comments on each participant)."""

from __future__ import annotations

import shutil

import pytest

from tests.support.cli import run_impact

from tests.support.exports import read_values
from tests.support.paths import NETWORK

GENDERS = ("total", "woman", "man", "non_binary")

# Participants counted (P6 is withdrawn, P8 and S99999/P9 are rejected at ingest):
#   S10001/P1 woman 24 unemployed 7 mo, ISCED 2, partial work ability; left 2024-05-31 job
#             searching + employed; follow-up 2024-11-30 employed
#   S10001/P2 man 30 unemployed 12 mo, ISCED 3, foreign background, rural, disability declined
#   S10001/P3 non-binary 17 inactive, ISCED 1, disability, minority; entered 2024-07-01, left
#             2025-06-30 in education with a qualification
#   S10001/P4 woman 56 employed, ISCED 6, third-country national, foreign background, homeless;
#             left 2024-02-29 employed; follow-up 2024-08-31 employed and improved
#   S10002/P1 man 45 unemployed 30 mo, ISCED missing, rural, partial work ability
#   S10002/P5 woman 29 unemployed 3 mo, ISCED 4, rural; left 2024-06-30 job searching
#   S10002/P7 woman 18 employed, ISCED 8; entered 2024-06-30 (on the cut-off)
# Expected programme values (total, woman, man, non_binary) under the default (EU) rule.
EXPECTED_2024_06_30 = {
    "EECO01": (6, 4, 2, 0),
    "EECO02": (4, 2, 2, 0),
    "EECO03": (2, 1, 1, 0),  # P1 (24 y, 7 > 6), S10002/P1 (45 y, 30 > 12); not P2 (12 is not > 12)
    "EECO04": (0, 0, 0, 0),
    "EECO05": (2, 2, 0, 0),
    "EECO06": (0, 0, 0, 0),
    "EECO07": (3, 3, 0, 0),  # 24, 29, 18; not P2 (30)
    "EECO08": (1, 1, 0, 0),
    "EECO09": (1, 1, 0, 0),
    "EECO10": (2, 1, 1, 0),
    "EECO11": (2, 2, 0, 0),
    "EECO12": (0, 0, 0, 0),  # declined is not yes
    "EECO13": (1, 1, 0, 0),
    "EECO14": (2, 1, 1, 0),
    "EECO15": (0, 0, 0, 0),
    "EECO16": (1, 1, 0, 0),
    "EECO17": (3, 1, 2, 0),
    "EECR01": (2, 2, 0, 0),  # P1, and P5 who left on the cut-off date
    "EECR02": (0, 0, 0, 0),
    "EECR03": (0, 0, 0, 0),
    "EECR04": (2, 2, 0, 0),
    "EECR05": (0, 0, 0, 0),  # follow-ups are after the cut-off
    "EECR06": (0, 0, 0, 0),
}
EXPECTED_2025_12_31 = {
    **EXPECTED_2024_06_30,
    "EECO01": (7, 4, 2, 1),
    "EECO04": (1, 0, 0, 1),
    "EECO06": (1, 0, 0, 1),
    "EECO09": (2, 1, 0, 1),
    "EECO12": (1, 0, 0, 1),
    "EECO15": (1, 0, 0, 1),
    "EECR02": (1, 0, 0, 1),
    "EECR03": (1, 0, 0, 1),
    "EECR05": (2, 2, 0, 0),
    "EECR06": (1, 1, 0, 0),  # only P4 was employed at entry
}


@pytest.fixture(scope="module")
def built_home(tmp_path_factory, dbt_manifest):
    home = tmp_path_factory.mktemp("e2e_home")
    projects = run_impact(home, "ingest", "--kind", "projects", str(NETWORK / "projects.csv"))
    assert projects.returncode == 0, projects.stdout + projects.stderr
    participants = run_impact(home, "ingest", "--kind", "participants", str(NETWORK / "participants.csv"))
    # Two rows are wrong (age 200, unknown project): rejected, the rest applied.
    assert participants.returncode == 1, participants.stdout + participants.stderr
    build = run_impact(home, "build")
    assert build.returncode == 0, build.stdout[-3000:] + build.stderr[-3000:]
    return home


@pytest.mark.parametrize(
    ("cutoff", "expected"),
    [("2024-06-30", EXPECTED_2024_06_30), ("2025-12-31", EXPECTED_2025_12_31)],
)
def test_programme_values_match_hand_computed(built_home, tmp_path, cutoff, expected):
    result = run_impact(built_home, "export", "--cutoff", cutoff, "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    values = read_values(tmp_path / "indicator_values.csv")
    for code, numbers in expected.items():
        for gender, number in zip(GENDERS, numbers):
            assert values[("programme", "-", code, gender)] == str(number), (cutoff, code, gender)


def test_scopes_split_the_programme(built_home, tmp_path):
    result = run_impact(built_home, "export", "--cutoff", "2025-12-31", "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    values = read_values(tmp_path / "indicator_values.csv")
    assert values[("project", "S10001", "EECO01", "total")] == "4"
    assert values[("project", "S10002", "EECO01", "total")] == "3"
    assert values[("specific_objective", "4.1", "EECO01", "non_binary")] == "1"
    assert values[("specific_objective", "4.3", "EECO17", "man")] == "1"
    assert values[("project", "S10002", "EECO03", "man")] == "1"
    # Every participant indicator at every scope and gender is present, zeros included.
    scopes = {("programme", "-"), ("specific_objective", "4.1"), ("specific_objective", "4.3"),
              ("project", "S10001"), ("project", "S10002")}
    for scope_type, scope_code in scopes:
        for code in EXPECTED_2025_12_31:
            for gender in GENDERS:
                assert (scope_type, scope_code, code, gender) in values


def test_any_cutoff_date_works(built_home, tmp_path):
    # Before anyone entered: zeros everywhere; a mid-month date counts exactly to that day.
    early = run_impact(built_home, "export", "--cutoff", "2020-01-01", "--out", str(tmp_path / "a"))
    assert early.returncode == 0, early.stderr
    values = read_values(tmp_path / "a" / "indicator_values.csv")
    assert values[("programme", "-", "EECO01", "total")] == "0"
    mid = run_impact(built_home, "export", "--cutoff", "2024-02-29", "--out", str(tmp_path / "b"))
    assert mid.returncode == 0, mid.stderr
    values = read_values(tmp_path / "b" / "indicator_values.csv")
    assert values[("programme", "-", "EECO01", "total")] == "3"  # P1, P4, S10002/P1
    assert values[("programme", "-", "EECR04", "woman")] == "1"  # P4 left on 2024-02-29


def test_national_long_term_unemployment_rule(tmp_path_factory, dbt_manifest, built_home, tmp_path):
    home = tmp_path_factory.mktemp("national_home")
    shutil.copytree(built_home / "uploads", home / "uploads")
    # through Dagster's executor (IMPACT_BUILD_ENGINE=dagster): the asset graph itself gives
    # the hand-computed values too
    build = run_impact(home, "build", env={"IMPACT_LONG_TERM_UNEMPLOYMENT_RULE": "national",
                                           "IMPACT_BUILD_ENGINE": "dagster"})
    assert build.returncode == 0, build.stdout[-2000:] + build.stderr[-2000:]
    result = run_impact(home, "export", "--cutoff", "2024-06-30", "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    values = read_values(tmp_path / "indicator_values.csv")
    # >= 12 months at any age: P2 (12) and S10002/P1 (30), not P1 (7).
    assert values[("programme", "-", "EECO03", "total")] == "2"
    assert values[("programme", "-", "EECO03", "man")] == "2"
    assert values[("programme", "-", "EECO03", "woman")] == "0"


def test_a_running_dashboard_never_blocks_a_build(built_home):
    """The dashboard reads only the published copy, so a build (a DuckDB writer) succeeds while
    it serves, and the dashboard keeps answering from the new snapshot."""
    from pipelines.publish.reader import PublishedCopy
    from tests.support.dashboard_server import add_test_user, sign_in, start_dashboard

    user = add_test_user(built_home, "evaluator")
    proc, base = start_dashboard(built_home)
    try:
        session = sign_in(base, user.name)
        assert session.get(base + "/_dash-layout").status_code == 200
        before = PublishedCopy(built_home / "published").current().version
        # --force: nothing changed since the fixture's build, which would skip (test_build_skip)
        build = run_impact(built_home, "build", "--force")
        assert build.returncode == 0, build.stdout[-2000:] + build.stderr[-2000:]
        assert "Could not set lock" not in build.stdout + build.stderr
        after = PublishedCopy(built_home / "published").current().version
        assert after != before
        layout = session.get(base + "/_dash-layout")
        assert layout.status_code == 200 and after in layout.text
    finally:
        proc.terminate()
        proc.wait(timeout=30)
