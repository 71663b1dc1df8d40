"""`impact build` skips when nothing changed since the published copy was built
(pipelines/warehouse/build_inputs.py), and builds again when the ledger, the settings or --force say so."""

from __future__ import annotations

from datetime import date

from pipelines.warehouse.build_inputs import build_inputs
from pipelines.publish.reader import PublishedCopy
from pipelines.settings import Settings
from tests.support.cli import run_impact
from tests.support.paths import NETWORK


def _current(home):
    return PublishedCopy(home / "published").current()


def _version(home) -> str:
    return _current(home).version


def test_an_unchanged_build_is_skipped_and_a_change_builds_again(impact_home, dbt_manifest):
    home = impact_home
    assert run_impact(home, "ingest", "--kind", "projects", str(NETWORK / "projects.csv")).returncode == 0
    first = run_impact(home, "build")
    assert first.returncode == 0, first.stderr[-3000:]
    built = _version(home)
    assert _current(home).manifest["inputs"]["date"] == date.today().isoformat()

    again = run_impact(home, "build")
    assert again.returncode == 0, again.stderr[-3000:]
    assert "Nothing changed" in again.stderr
    assert _version(home) == built

    forced = run_impact(home, "build", "--force")
    assert forced.returncode == 0, forced.stderr[-3000:]
    assert _version(home) != built
    built = _version(home)

    # an upload changes the ledger: built again
    assert run_impact(home, "ingest", "--kind", "participants", str(NETWORK / "participants.csv")).returncode == 1
    after_upload = run_impact(home, "build")
    assert after_upload.returncode == 0, after_upload.stderr[-3000:]
    assert "Nothing changed" not in after_upload.stderr
    assert _version(home) != built
    built = _version(home)

    # other settings: built again
    national = run_impact(home, "build", env={"IMPACT_LONG_TERM_UNEMPLOYMENT_RULE": "national"})
    assert national.returncode == 0, national.stderr[-3000:]
    assert "Nothing changed" not in national.stderr
    assert _version(home) != built


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


def test_a_build_on_current_views_equals_a_full_build(tmp_path_factory, dbt_manifest):
    """After a successful build, the next one with the same dbt sources and settings leaves
    the views and seeds as they are (pipelines/warehouse/build.ViewsAndSeeds) and builds the tables
    and tests only: what it publishes is what a build from scratch publishes."""
    import polars as pl

    stepwise, at_once = tmp_path_factory.mktemp("stepwise"), tmp_path_factory.mktemp("at_once")
    files = (("projects", NETWORK / "projects.csv"), ("participants", NETWORK / "participants.csv"))
    for kind, path in files[:1]:
        run_impact(stepwise, "ingest", "--kind", kind, str(path))
    assert run_impact(stepwise, "build").returncode == 0
    marker = stepwise / "warehouse" / "definitions.fingerprint"
    assert marker.exists()
    for kind, path in files[1:]:
        run_impact(stepwise, "ingest", "--kind", kind, str(path))
    second = run_impact(stepwise, "build")
    assert second.returncode == 0, second.stderr[-3000:]
    last_run = (stepwise / "warehouse" / "dbt-target" / "dbt.log").read_text().split("Running with dbt")[-1]
    assert "created sql table model" in last_run and "created sql view model" not in last_run
    assert "loaded seed file" not in last_run
    for kind, path in files:
        run_impact(at_once, "ingest", "--kind", kind, str(path))
    assert run_impact(at_once, "build").returncode == 0

    left, right = _current(stepwise), _current(at_once)
    for table in ("indicator_values", "indicator_increments", "eval_outcome_rates", "dim_scopes"):
        a = left.table(table).sort(pl.all())
        b = right.table(table).sort(pl.all())
        assert a.height > 0 and a.equals(b), table


def test_the_views_are_made_anew_with_other_settings_or_without_a_warehouse(impact_home, dbt_manifest):
    """A build with other settings (the views' SQL follows them) or a deleted warehouse means
    the views and seeds must be created again: the next build does, and succeeds."""
    home = impact_home
    run_impact(home, "ingest", "--kind", "projects", str(NETWORK / "projects.csv"))
    assert run_impact(home, "build").returncode == 0
    marker = home / "warehouse" / "definitions.fingerprint"
    eu = marker.read_text()

    def last_run() -> str:
        return (home / "warehouse" / "dbt-target" / "dbt.log").read_text().split("Running with dbt")[-1]

    national = run_impact(home, "build", env={"IMPACT_LONG_TERM_UNEMPLOYMENT_RULE": "national"})
    assert national.returncode == 0, national.stderr[-3000:]
    assert "created sql view model" in last_run() and marker.read_text() != eu
    direct = run_impact(home, "build")  # eu again: the views must follow
    assert direct.returncode == 0, direct.stderr[-3000:]
    assert "created sql view model" in last_run() and marker.read_text() == eu

    (home / "warehouse" / "warehouse.duckdb").unlink()
    again = run_impact(home, "build")
    assert again.returncode == 0, again.stderr[-3000:]
    assert "Nothing changed" not in again.stderr
