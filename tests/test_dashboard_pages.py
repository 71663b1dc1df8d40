"""The pages beyond the overview, without a browser: views rendered from small published copies
(with and without the tables other builds add later), the query and evaluation helpers they
use, the table CSV, the upload service on a real ledger, the background rebuild, and a few
callbacks through Dash's HTTP endpoint."""

from __future__ import annotations

import base64
import datetime as dt
import json
import sys
import time
from pathlib import Path

import plotly.utils
import polars as pl
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_dashboard_data import CUTOFFS, LATEST, write_published_copy  # noqa: E402

from dashboards import evaluation as ev  # noqa: E402
from dashboards import metrics as m  # noqa: E402
from dashboards import upload_service as svc  # noqa: E402
from dashboards.app import create_app  # noqa: E402
from dashboards.components import Col, csv_text, table_block  # noqa: E402
from dashboards.data import PublishedCopy  # noqa: E402
from dashboards.quality import NO_PROJECT, upload_status  # noqa: E402
from dashboards.rebuild import BuildRunner  # noqa: E402
from dashboards.views import (  # noqa: E402
    evaluation,
    exports,
    indicators,
    overview,
    projects,
    quality,
    regions,
    upload,
)
from pipelines.settings import Settings  # noqa: E402

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "network"
LANGS = ("fi", "sv", "en")


def as_text(components) -> str:
    return json.dumps(components, cls=plotly.utils.PlotlyJSONEncoder, ensure_ascii=False)


# --- Published copies with the later tables ----------------------------------------------------


def add_table(published: Path, name: str, frame: pl.DataFrame, version: str = "v1") -> None:
    frame.write_parquet(published / version / f"{name}.parquet")


def achievement_frame() -> pl.DataFrame:
    return pl.DataFrame(
        {
            "cutoff_date": [LATEST] * 4,
            "scope_type": ["programme", "programme", "programme", "project"],
            "scope_code": ["-", "-", "-", "S30355"],
            "indicator_code": ["EECO01", "EECR04", "EECR04", "EECO01"],
            "gender": ["total"] * 4,
            "value": [224.0, 76.0, 76.0, 168.0],
            "target_value": [400.0, 100.0, 300.0, 200.0],
            "target_date": [
                dt.date(2027, 12, 31), dt.date(2026, 12, 31), dt.date(2029, 12, 31),
                dt.date(2027, 12, 31),
            ],
            "achievement_pct": [56.0, 76.0, 25.3, 84.0],
            "forecast_value": [420.0, 90.0, 200.0, 260.0],
            "status": ["on track", "at risk", "off-track", "on_track"],
        }
    )


def outcome_rates_frame() -> pl.DataFrame:
    return pl.DataFrame(
        {
            "cutoff_date": [LATEST] * 4,
            "outcome": ["EECR04"] * 4,
            "group_type": ["all", "gender", "gender", "gender"],
            "group_value": ["all", "woman", "man", "non_binary"],
            "numerator": [76, 40, 35, 1],
            "n": [200, 100, 95, 5],
        }
    )


@pytest.fixture
def copy(tmp_path: Path) -> PublishedCopy:
    published = tmp_path / "published"
    write_published_copy(published)
    return PublishedCopy(published)


@pytest.fixture
def full_copy(tmp_path: Path) -> PublishedCopy:
    """The test copy plus every table the other builds will publish."""
    published = tmp_path / "published"
    write_published_copy(published)
    add_table(published, "indicator_achievement", achievement_frame())
    add_table(published, "eval_outcome_rates", outcome_rates_frame())
    add_table(published, "eval_competence_change", pl.DataFrame({
        "group_type": ["all", "activity_type"], "group_value": ["all", "training"],
        "n": [120, 60], "mean_before": [2.4, 2.2], "mean_after": [3.5, 3.6],
        "mean_change": [1.1, 1.4], "ci_low": [0.9, 1.1], "ci_high": [1.3, 1.7],
    }))
    add_table(published, "eval_cohorts", pl.DataFrame({
        "cohort": ["2024-H1", "2024-H2", "2025-H1"], "entrants": [50, 60, 70],
        "employed_rate": [0.31, 0.35, 0.28],
    }))
    add_table(published, "eval_distinct_organisations", pl.DataFrame({
        "indicator_code": ["EECO19"], "distinct_organisations": [18], "sum_of_project_counts": [21],
    }))
    add_table(published, "eval_regional_ecosystems", pl.DataFrame({
        "cutoff_date": [LATEST] * 3, "region_code": ["MK11", "MK11", "MK19"],
        "organisation_type": ["enterprise", "association", "enterprise"],
        "organisations": [12, 3, 5], "social_enterprises": [4, 0, 1],
    }))
    add_table(published, "uploads", pl.DataFrame({
        "upload_id": [1, 2, 3],
        "file_name": ["projects.csv", "participants_S30355.csv", None],
        "kind": ["projects", "participants", None],
        "received_at": [dt.datetime(2025, 6, 1, 8), dt.datetime(2025, 6, 2, 9), dt.datetime(2025, 6, 3)],
        "rows_read": [2, 100, 0], "rejected": [0, 4, 0], "warnings": [0, 2, 0],
        "outcome": ["applied", "partially_applied", "refused"],
    }))
    return PublishedCopy(published)


# --- Every view, every language ----------------------------------------------------------------


def render_all(copy: PublishedCopy, lang: str) -> str:
    return as_text([
        overview.render_overview(copy, None, lang),
        indicators.controls(copy, lang, None, None, None, None),
        indicators.render_indicators(copy, lang, "EECO01", "programme", "all", None),
        indicators.render_indicators(copy, lang, "EECO02", "project", "woman", None),
        indicators.render_indicators(copy, lang, "EECO01", "region", "all", None),
        indicators.render_indicators(copy, lang, "EECO19", "specific_objective", "all", None),
        projects.controls(copy, lang, None, None),
        projects.render_projects(copy, lang, None, "EECO01"),
        projects.render_project(copy, lang, "S30355", None),
        regions.controls(copy, lang, None, None),
        regions.render_regions(copy, lang, "EECO01", None),
        evaluation.controls(copy, lang, None, None),
        evaluation.render_evaluation(copy, lang, None, None),
        quality.render_quality(copy, lang, today=dt.date(2025, 7, 1)),
        exports.controls(copy, lang, None, None),
    ])


@pytest.mark.parametrize("lang", LANGS)
def test_every_view_renders_without_the_later_tables(copy: PublishedCopy, lang: str) -> None:
    text = render_all(copy, lang)
    assert "indicator_achievement" in text  # "not available yet", naming the table
    assert "eval_outcome_rates" in text and "eval_cohorts" in text
    assert "Traceback" not in text


@pytest.mark.parametrize("lang", LANGS)
def test_every_view_renders_with_every_table(full_copy: PublishedCopy, lang: str) -> None:
    text = render_all(full_copy, lang)
    assert "not available" not in text and "ei vielä saatavilla" not in text
    assert "overview-achievement-graph" in text and "evaluation-rates-graph" in text
    assert "evaluation-cohort-graph" in text and "regions-ecosystems-graph" in text


@pytest.mark.parametrize("lang", LANGS)
def test_pages_without_a_published_copy_explain_what_to_do(tmp_path: Path, lang: str) -> None:
    empty = PublishedCopy(tmp_path / "nothing")
    for rendered in (
        indicators.render_indicators(empty, lang, None, None, None, None),
        projects.render_projects(empty, lang, None, None),
        projects.render_project(empty, lang, "S30355", None),
        regions.render_regions(empty, lang, None, None),
        evaluation.render_evaluation(empty, lang, None, None),
        quality.render_quality(empty, lang),
    ):
        assert "impact build" in as_text(rendered)


# --- Overview: change and targets ----------------------------------------------------------------


def test_overview_cards_show_change_and_target_status(full_copy: PublishedCopy) -> None:
    text = as_text(overview.render_overview(full_copy, None, "en", "count"))
    assert "+112 since 31 Dec 2024" in text  # EECO01: 224 now, 112 at the previous cut-off
    assert "56% of target (400) · on track" in text
    # EECR04 has two targets: the nearest one ahead of the cut-off (2026) is shown.
    assert "76% of target (100) · at risk" in text


def test_achievement_keeps_the_nearest_target_ahead(full_copy: PublishedCopy) -> None:
    snap = full_copy.snapshot()
    frame = m.achievement(snap, LATEST, "programme", "-")
    eecr04 = frame.filter(pl.col("indicator_code") == "EECR04").row(0, named=True)
    assert eecr04["target_value"] == 100 and eecr04["status"] == "at_risk"
    assert eecr04["achievement"] == pytest.approx(0.76)
    assert m.normalise_status("Off-Track ") == "off_track"
    assert m.normalise_achievement(pl.DataFrame({"indicator_code": ["X"]})) is None


# --- Indicators, projects, regions ---------------------------------------------------------------


def test_indicator_page_shows_the_definition_and_every_cutoff(copy: PublishedCopy) -> None:
    text = as_text(indicators.render_indicators(copy, "en", "EECR04", "programme", "all", None))
    assert "Definition" in text and "Cumulative from the start" in text and "EECO01" in text
    rendered = indicators.render_indicators(copy, "fi", "EECO01", "project", "total", None)
    text = as_text(rendered)
    assert "/projects/S30355" in text  # project codes link to their pages
    assert text.count('"type": "Graph"') == 2
    # The series table: one row per cut-off.
    snap = copy.snapshot()
    series = m.indicator_series(snap, "EECO01", "project", ("total",))
    assert sorted(series["cutoff_date"].unique()) == list(CUTOFFS)


def test_region_values_are_derived_from_projects_until_published(full_copy: PublishedCopy) -> None:
    snap = full_copy.snapshot()
    assert not m.has_region_scope(snap)
    text = as_text(regions.render_regions(full_copy, "fi", "EECO01", None))
    assert "hankkeiden kotimaakunnan mukaan" in text


def test_region_scope_is_used_when_published(tmp_path: Path) -> None:
    published = tmp_path / "published"
    write_published_copy(published)
    values = pl.read_parquet(published / "v1" / "indicator_values.parquet")
    region_rows = values.filter(pl.col("scope_type") == "programme").with_columns(
        pl.lit("region").alias("scope_type"), pl.lit("MK11").alias("scope_code")
    )
    pl.concat([values, region_rows]).write_parquet(published / "v1" / "indicator_values.parquet")
    snap = PublishedCopy(published).snapshot()
    assert m.has_region_scope(snap)
    at = m.scope_values(snap, "EECO01", "region", LATEST, "en")
    assert at.row(0, named=True)["scope_name"] == "North Savo" and at["total"][0] == 224
    text = as_text(regions.render_regions(PublishedCopy(published), "en", "EECO01", None))
    assert "computed from each project" not in text


def test_project_comparison_and_page(full_copy: PublishedCopy) -> None:
    snap = full_copy.snapshot()
    frame = m.project_comparison(snap, LATEST)
    s30355 = frame.filter(pl.col("project_code") == "S30355").row(0, named=True)
    assert s30355["EECO01"] == 168 and s30355["achievement_mean"] == pytest.approx(0.84)
    text = as_text(projects.render_project(full_copy, "en", "S30355", None))
    assert "project-card-EECO01" in text and "project-achievement-graph" in text
    assert "not in the published copy" in as_text(projects.render_project(full_copy, "en", "Z99999", None))


# --- Evaluation helpers ------------------------------------------------------------------------


def test_wilson_interval_matches_the_textbook_value() -> None:
    low, high = ev.wilson(40, 100)
    assert low == pytest.approx(0.3094, abs=1e-4) and high == pytest.approx(0.4980, abs=1e-4)
    assert ev.wilson(0, 0) == (None, None)


def test_outcome_rates_get_intervals_and_gaps() -> None:
    rates = ev.normalise_outcome_rates(outcome_rates_frame(), LATEST)
    woman = rates.filter(pl.col("group") == "woman").row(0, named=True)
    assert woman["rate"] == pytest.approx(0.40) and woman["low"] == pytest.approx(0.3094, abs=1e-4)
    gaps = ev.rate_gaps(rates)
    row = gaps.filter(pl.col("dimension") == "gender").row(0, named=True)
    assert (row["highest_group"], row["lowest_group"]) == ("woman", "non_binary")
    assert row["gap_pp"] == pytest.approx(20.0) and row["intervals_apart"] is False
    assert ev.normalise_outcome_rates(pl.DataFrame({"x": [1]}), None) is None


def test_an_unknown_mart_shape_is_shown_as_a_table(tmp_path: Path) -> None:
    published = tmp_path / "published"
    write_published_copy(published)
    add_table(published, "eval_outcome_rates", pl.DataFrame({"something": ["else"], "k": [1]}))
    text = as_text(evaluation.render_evaluation(PublishedCopy(published), "en", None, None))
    assert "does not know its shape yet" in text and "something" in text


# --- Data quality --------------------------------------------------------------------------------


def test_upload_status_per_project_and_kind(full_copy: PublishedCopy) -> None:
    # A copy without the quality marts: every upload under "no project" (tests/test_dashboard_quality.py
    # covers the attribution from the records each upload stored).
    uploads = full_copy.snapshot().table("uploads")
    status = upload_status(uploads, dt.date(2025, 7, 2))
    row = status.filter(pl.col("kind") == "participants").row(0, named=True)
    assert (row["project_code"], row["rows_read"], row["rejected"], row["days_since"]) == (
        NO_PROJECT, 100, 4, 30
    )
    assert row["rejected_share"] == pytest.approx(0.04)
    refused = status.filter(pl.col("kind") == "?").row(0, named=True)
    assert refused["refused"] == 1 and refused["rows_read"] is None


# --- Tables as CSV ---------------------------------------------------------------------------------


def table_data(lang: str) -> dict:
    block = table_block(
        "t", lang, [Col("Name"), Col("Value", "number", 2), Col("Share", "percent")],
        [["=SUM(A1)", 1234.5, 0.25], ["x", None, None]], "caption", "t.csv",
    )
    store = block.children[1].children[1]
    return store.data


def test_csv_of_a_table_for_each_language() -> None:
    fi = csv_text(table_data("fi"), "fi")
    assert fi.splitlines() == ["Name;Value;Share (%)", "'=SUM(A1);1234,5;25", "x;;"]
    en = csv_text(table_data("en"), "en")
    assert en.splitlines()[1] == "'=SUM(A1),1234.5,25"


# --- Upload service on a real ledger -----------------------------------------------------------


def test_preview_then_apply_through_ingest_bytes(tmp_path: Path) -> None:
    settings = Settings(home=tmp_path / "home")
    stash = svc.UploadStash()
    token, report = svc.preview(
        settings, stash, (FIXTURES / "projects.csv").read_bytes(), "projects.csv", None
    )
    assert report.dry_run and report.kind == "projects" and svc.can_apply(report)
    assert not settings.ledger_path.exists()  # a preview writes nothing
    applied = svc.apply(settings, stash, token)
    assert applied is not None and not applied.dry_run and applied.inserted == 2
    assert svc.apply(settings, stash, token) is None  # applied once only
    assert svc.report_csv(stash, token).startswith(b"\xef\xbb\xbf")

    bad = b"project_code,participant_id,entry_date,gender,age_at_entry,labour_market_status\n" \
          b"S10001,A1,2024-13-01,woman,30,employed\nS10001,A2,2024-01-01,woman,30,employed\n"
    token, report = svc.preview(settings, stash, bad, "p.csv", "participants")
    assert report.rejected == 1 and report.inserted == 1
    text = as_text(upload.report_view(report, "en"))
    assert "2024-13-01" in text and "Problems found (3)" in text  # an error and two warnings


def test_a_refused_file_shows_its_reason_only(tmp_path: Path) -> None:
    settings = Settings(home=tmp_path / "home")
    stash = svc.UploadStash()
    data = b"project_code,participant_id\nS10001,131052-308T\n"
    token, report = svc.preview(settings, stash, data, "people_131052-308T.csv", None)
    assert report.refused
    text = as_text(upload.report_view(report, "fi"))
    assert "131052-308T" not in text and "people_" not in text
    assert stash.get(token).data is None  # not even kept in memory
    assert svc.apply(settings, stash, token) is None


def test_stash_forgets_the_oldest() -> None:
    stash = svc.UploadStash(max_pending=2)
    tokens = [stash.put(svc.Pending(f"{i}.csv", b"x", None, None)) for i in range(3)]
    assert stash.get(tokens[0]) is None and stash.get(tokens[2]) is not None
    with pytest.raises(ValueError):
        svc.decode_contents("not a data url")
    assert svc.decode_contents("data:text/csv;base64," + base64.b64encode(b"a,b").decode()) == b"a,b"


# --- Background rebuild --------------------------------------------------------------------------


def wait_state(runner: BuildRunner, timeout: float = 10) -> str:
    deadline = time.monotonic() + timeout
    while runner.status().busy and time.monotonic() < deadline:
        time.sleep(0.05)
    return runner.status().state


def test_rebuild_runs_in_the_background_and_queues_one_more(tmp_path: Path) -> None:
    settings = Settings(home=tmp_path / "home")
    runs = tmp_path / "runs.txt"
    script = f"import time; open({str(runs)!r}, 'a').write('x'); time.sleep(0.4)"
    runner = BuildRunner(settings, command=lambda s: [sys.executable, "-c", script])
    assert runner.status().state == "idle"
    first = runner.start()
    assert first.state == "running" and 0 <= first.progress() < 1
    assert runner.start().queued  # a second upload during the build: one more build
    assert wait_state(runner) == "succeeded"
    assert runs.read_text() == "xx" and runner.status().run == 2
    assert (settings.home / "logs" / "dashboard-build.log").exists()


def test_a_failed_rebuild_is_reported(tmp_path: Path) -> None:
    runner = BuildRunner(
        Settings(home=tmp_path / "home"), command=lambda s: [sys.executable, "-c", "raise SystemExit(1)"]
    )
    runner.start()
    assert wait_state(runner) == "failed"
    text = as_text(upload.build_view(runner.status(), "en"))
    assert "rebuild failed" in text and "dashboard-build.log" in text


# --- Callbacks through Dash's endpoint -----------------------------------------------------------


def test_browser_language_is_the_default(tmp_path: Path) -> None:
    client = create_app(Settings(home=tmp_path / "home")).server.test_client()

    def lang_for(header: str | None) -> str:
        headers = {"Accept-Language": header} if header else {}
        layout = client.get("/_dash-layout", headers=headers).get_json()
        return json.dumps(layout).split('"id": "lang"')[0].rsplit('"value": "', 1)[1][:2]

    assert lang_for("sv-FI,sv;q=0.9,en;q=0.8") == "sv"
    assert lang_for("en-GB,en;q=0.9") == "en"
    assert lang_for("de-DE") == "fi" and lang_for(None) == "fi"


def test_csv_download_callback(tmp_path: Path) -> None:
    client = create_app(Settings(home=tmp_path / "home")).server.test_client()
    data = table_data("fi")
    table_id = {"type": "csv-download", "table": "t"}
    response = client.post("/_dash-update-component", json={
        "output": '{"table":["MATCH"],"type":"csv-download"}.data',  # as the browser sends it
        "outputs": {"id": table_id, "property": "data"},
        "inputs": [{"id": {"type": "csv-button", "table": "t"}, "property": "n_clicks", "value": 1}],
        "state": [
            {"id": {"type": "csv-data", "table": "t"}, "property": "data", "value": data},
            {"id": "lang", "property": "value", "value": "fi"},
        ],
        "changedPropIds": ['{"table":"t","type":"csv-button"}.n_clicks'],
    })
    assert response.status_code == 200
    (result,) = response.get_json()["response"].values()
    payload = result["data"]
    content = base64.b64decode(payload["content"]).decode("utf-8")
    assert payload["filename"] == "t.csv" and content.startswith("\ufeffName;Value")


def test_bench_times_every_page(tmp_path: Path) -> None:
    from dashboards.bench import bench

    home = tmp_path / "home"
    write_published_copy(Settings(home=home).published_dir)
    results = bench(home, repeat=1, lang="en")
    assert {"overview", "indicators", "projects", "regions", "evaluation", "quality"} <= set(results)
    assert all(r["cold"] > 0 and r["warm"] > 0 for r in results.values())
