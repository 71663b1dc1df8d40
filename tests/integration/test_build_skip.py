"""`impact build` skips when nothing changed since the published copy was built
(pipelines/warehouse/build_inputs.py), and builds again when the ledger, the settings or a
missing warehouse say so."""

from __future__ import annotations

from datetime import date

import pytest

from pipelines.warehouse.build_inputs import build_inputs
from pipelines.publish.reader import PublishedCopy
from pipelines.settings import Settings
from tests.support.cli import run_impact
from tests.support.paths import NETWORK


def _current(home):
    return PublishedCopy(home / "published").current()


def _version(home) -> str:
    return _current(home).version


def _last_dbt_run(home) -> str:
    return (home / "warehouse" / "dbt-target" / "dbt.log").read_text().split("Running with dbt")[-1]


def _build(home, *args, env=None):
    result = run_impact(home, "build", *args, env=env)
    assert result.returncode == 0, result.stderr[-3000:]
    return result


@pytest.fixture(scope="module")
def stepwise(tmp_path_factory, dbt_manifest):
    """One home taken through every reason to build, or not to (one sequence: each build costs
    seconds). Returns the home, its participants now uploaded and built on current views."""
    home = tmp_path_factory.mktemp("stepwise")
    assert run_impact(home, "ingest", "--kind", "projects", str(NETWORK / "projects.csv")).returncode == 0
    _build(home)
    built = _version(home)
    assert _current(home).manifest["inputs"]["date"] == date.today().isoformat()
    marker = home / "warehouse" / "definitions.fingerprint"
    eu = marker.read_text()

    # nothing changed: skipped
    assert "Nothing changed" in _build(home).stderr
    assert _version(home) == built

    # other settings: built again, and the views (their SQL follows the settings) made anew
    national = _build(home, env={"IMPACT_LONG_TERM_UNEMPLOYMENT_RULE": "national"})
    assert "Nothing changed" not in national.stderr and _version(home) != built
    assert "created sql view model" in _last_dbt_run(home) and marker.read_text() != eu
    _build(home)  # eu again: the views must follow
    assert "created sql view model" in _last_dbt_run(home) and marker.read_text() == eu
    built = _version(home)

    # without a warehouse: built again (--force, a new warehouse too, is tried where a served
    # dashboard must not block it: test_pipeline_end_to_end)
    (home / "warehouse" / "warehouse.duckdb").unlink()
    assert "Nothing changed" not in _build(home).stderr and _version(home) != built
    built = _version(home)

    # an upload changes the ledger: built again, on the views and seeds as they are
    assert run_impact(home, "ingest", "--kind", "participants", str(NETWORK / "participants.csv")).returncode == 1
    after_upload = _build(home)
    assert "Nothing changed" not in after_upload.stderr and _version(home) != built
    last_run = _last_dbt_run(home)
    assert "created sql table model" in last_run and "created sql view model" not in last_run
    assert "loaded seed file" not in last_run
    return home


def test_an_unchanged_build_is_skipped_and_every_change_builds_again(stepwise):
    """The sequence is the fixture's (its assertions run once); here what it leaves."""
    assert (stepwise / "warehouse" / "definitions.fingerprint").exists()
    assert _current(stepwise).table("indicator_values").height > 0


def test_the_inputs_follow_the_ledger_the_rule_and_the_date(impact_home, dbt_manifest):
    settings = Settings(home=impact_home)
    empty = build_inputs(settings, today=date(2026, 1, 1))
    assert run_impact(impact_home, "ingest", "--kind", "projects", str(NETWORK / "projects.csv")).returncode == 0
    loaded = build_inputs(settings, today=date(2026, 1, 1))
    assert loaded["ledger"] != empty["ledger"]
    assert build_inputs(settings, today=date(2026, 1, 1)) == loaded
    assert build_inputs(settings, today=date(2026, 1, 2))["date"] != loaded["date"]
    national = Settings(home=impact_home, long_term_unemployment_rule="national")
    assert build_inputs(national, today=date(2026, 1, 1))["long_term_unemployment_rule"] == "national"


def test_a_build_on_current_views_equals_a_full_build(stepwise, tmp_path, dbt_manifest):
    """After a successful build, the next one with the same dbt sources and settings leaves
    the views and seeds as they are (pipelines/warehouse/build.ViewsAndSeeds) and builds the tables
    and tests only: what it publishes is what a build from scratch publishes."""
    import polars as pl

    at_once = tmp_path / "at_once"
    at_once.mkdir()
    for kind, path in (("projects", NETWORK / "projects.csv"), ("participants", NETWORK / "participants.csv")):
        run_impact(at_once, "ingest", "--kind", kind, str(path))
    _build(at_once)

    left, right = _current(stepwise), _current(at_once)
    for table in ("indicator_values", "indicator_increments", "eval_outcome_rates", "dim_scopes"):
        a = left.table(table).sort(pl.all())
        b = right.table(table).sort(pl.all())
        assert a.height > 0 and a.equals(b), table
