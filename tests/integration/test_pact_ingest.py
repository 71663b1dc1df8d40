"""The Pact for Skills additions through the real `impact ingest` (seed-work.md 3.3 a, d):
activities with the three new columns and project_figures, in the canonical and the Finnish-Excel
dialect, stored alike; pact_category stored as given or as the activity type's default; a row
that makes a training anything but upskilling is rejected (exit 1) and the good row stored;
a ledger from before contract 1.1 gets the new columns; `impact template` and `impact withdraw`
know project_figures."""

from __future__ import annotations

import duckdb
import pytest

from tests.support.cli import run_impact
from tests.support.samples import SAMPLE_ROWS, sample_file, to_csv

KINDS = ("projects", "activities", "project_figures")


def _ledger(home):
    return duckdb.connect(str(home / "uploads" / "ledger.duckdb"), read_only=True)


def _stored(home, kind: str) -> list[tuple]:
    with _ledger(home) as con:
        cols = [r[0] for r in con.execute(f"describe {kind}_versions").fetchall()
                if r[0] not in ("upload_id", "source_row", "recorded_at", "version")]
        return sorted(con.execute(f"select {', '.join(cols)} from {kind}_versions").fetchall(), key=str)


@pytest.fixture(scope="module")
def homes(tmp_path_factory):
    out = {}
    for dialect in ("canonical", "finnish"):
        home = tmp_path_factory.mktemp(dialect) / "home"
        folder = tmp_path_factory.mktemp(dialect + "-files")
        paths = []
        for kind in KINDS:
            path = folder / f"{kind}.csv"
            path.write_bytes(sample_file(kind, dialect))
            paths.append(str(path))
        result = run_impact(home, "ingest", *paths)
        assert result.returncode == 0, result.stdout + result.stderr
        out[dialect] = home
    return out


def test_both_dialects_store_the_same_records(homes):
    for kind in ("activities", "project_figures"):
        canonical, finnish = _stored(homes["canonical"], kind), _stored(homes["finnish"], kind)
        assert len(canonical) == len(SAMPLE_ROWS[kind]) and canonical == finnish


def test_pact_columns_are_stored_with_the_default(homes):
    with _ledger(homes["finnish"]) as con:
        rows = con.execute(
            "select activity_id, pact_category, new_training_programme, competence_area"
            " from activities_versions order by activity_id").fetchall()
        figures = con.execute(
            "select year, figure_code, value from project_figures_versions order by figure_code").fetchall()
    # A-001 (training) had an empty pact_category: its type's default
    assert rows == [("A-001", "upskilling", True, "business_model"), ("A-002", "upskilling", False, "financing")]
    assert figures == [(2024, "newsletter_recipients", 340.0), (2024, "policy_statements", 2.0),
                       (2024, "skills_investment_eur", 12500.5)]


def test_a_training_that_is_not_upskilling_is_rejected(homes, tmp_path):
    outreach = dict(SAMPLE_ROWS["activities"][0], activity_id="A-010", activity_type="info_event",
                    pact_category="")
    bad = dict(SAMPLE_ROWS["activities"][0], activity_id="A-011", pact_category="outreach")
    path = tmp_path / "activities.csv"
    path.write_bytes(to_csv("activities", [outreach, bad]))
    result = run_impact(homes["canonical"], "ingest", str(path))
    assert result.returncode == 1, result.stdout + result.stderr
    assert "activities.pact_category.not_upskilling" in result.stdout
    with _ledger(homes["canonical"]) as con:
        stored = con.execute(
            "select activity_id, pact_category from activities_versions where activity_id in ('A-010', 'A-011')"
        ).fetchall()
    assert stored == [("A-010", "outreach")]


def test_a_ledger_from_before_gets_the_new_columns(tmp_path):
    home = tmp_path / "home"
    projects = tmp_path / "projects.csv"
    projects.write_bytes(sample_file("projects"))
    assert run_impact(home, "ingest", str(projects)).returncode == 0
    with duckdb.connect(str(home / "uploads" / "ledger.duckdb")) as con:
        for column in ("pact_category", "new_training_programme", "competence_area"):
            con.execute(f"alter table activities_versions drop column {column}")
        con.execute("drop table project_figures_versions")
    paths = []
    for kind in ("activities", "project_figures"):
        path = tmp_path / f"{kind}.csv"
        path.write_bytes(sample_file(kind))
        paths.append(str(path))
    result = run_impact(home, "ingest", *paths)
    assert result.returncode == 0, result.stdout + result.stderr
    assert len(_stored(home, "activities")) == 2 and len(_stored(home, "project_figures")) == 3
    assert run_impact(home, "check").returncode == 0


def test_a_build_right_after_the_upgrade_reads_a_ledger_from_before(tmp_path):
    """`impact build` before any upload or read: the ledger from before contract 1.1 gets its
    new columns under the build's writer lock, and the raw tables load."""
    home = tmp_path / "home"
    files = []
    for kind in ("projects", "activities"):
        path = tmp_path / f"{kind}.csv"
        path.write_bytes(sample_file(kind))
        files.append(str(path))
    assert run_impact(home, "ingest", *files).returncode == 0
    with duckdb.connect(str(home / "uploads" / "ledger.duckdb")) as con:
        for column in ("pact_category", "new_training_programme", "competence_area"):
            con.execute(f"alter table activities_versions drop column {column}")
        con.execute("drop table project_figures_versions")
    result = run_impact(home, "build")
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    assert len(_stored(home, "activities")) == 2


def test_template_and_withdraw_know_project_figures(homes, tmp_path):
    out = tmp_path / "figures.xlsx"
    result = run_impact(homes["finnish"], "template", "project_figures", "--lang", "fi", "--xlsx", "--out", str(out))
    assert result.returncode == 0 and out.stat().st_size > 0
    result = run_impact(homes["finnish"], "withdraw", "--kind", "project_figures", "--project", "S30355",
                        "--id", "2024/web_visits")
    assert result.returncode == 2  # no such record
    result = run_impact(homes["finnish"], "withdraw", "--kind", "project_figures", "--project", "S30355",
                        "--id", "2024/newsletter_recipients")
    assert result.returncode == 0, result.stdout + result.stderr
