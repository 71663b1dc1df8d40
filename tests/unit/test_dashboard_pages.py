"""The pages beyond the overview, without a browser: views rendered from small published copies
(with the later tables empty, as before anything of their kind was uploaded, and with rows),
the query and evaluation helpers they use, the table CSV, the upload service on a real ledger,
and a few callbacks through Dash's HTTP endpoint."""

from __future__ import annotations

import base64
import datetime as dt
import json
from pathlib import Path

import plotly.utils
import polars as pl
import pytest

from dashboards import evaluation as ev
from dashboards import metrics as m
from dashboards import upload_service as svc
from dashboards.components import Col, csv_text, table_block
from dashboards.data import PublishedCopy
from dashboards.i18n import t
from dashboards.quality import NO_PROJECT, upload_status
from dashboards.views import (
    evaluation,
    exports,
    indicators,
    overview,
    projects,
    quality,
    regions,
    upload,
)
from pipelines.settings import Settings
from tests.support.dashboard_callbacks import app_as
from tests.support.dashboard_copy import (
    CUTOFFS,
    LATEST,
    seed_tables,
    write_published_copy,
)
from tests.support.paths import NETWORK

FIXTURES = NETWORK
LANGS = ("fi", "sv", "en")


def as_text(components) -> str:
    return json.dumps(components, cls=plotly.utils.PlotlyJSONEncoder, ensure_ascii=False)


# --- Published copies with rows in the later tables --------------------------------------------


def achievement_frame() -> pl.DataFrame:
    """indicator_achievement: one row per cut-off × scope × indicator × gender, with the target
    that applies at the cut-off (the mart chooses it)."""
    return pl.DataFrame(
        {
            "cutoff_date": [LATEST] * 3,
            "scope_type": ["programme", "programme", "project"],
            "scope_code": ["-", "-", "S30355"],
            "indicator_code": ["EECO01", "EECR04", "EECO01"],
            "gender": ["total"] * 3,
            "value": [224.0, 76.0, 168.0],
            "target_value": [400.0, 100.0, 200.0],
            "target_date": [dt.date(2027, 12, 31), dt.date(2026, 12, 31), dt.date(2027, 12, 31)],
            "achievement_pct": [56.0, 76.0, 84.0],
            "forecast_value": [420.0, 90.0, 260.0],
            "status": ["on track", "at risk", "on track"],
        }
    )


def outcome_rates_frame() -> pl.DataFrame:
    """eval_outcome_rates of EECR04 by gender, with the mart's Wilson intervals."""
    return pl.DataFrame(
        {
            "cutoff_date": [LATEST] * 4,
            "group_dimension": ["all", "gender", "gender", "gender"],
            "group_value": ["all", "woman", "man", "non_binary"],
            "indicator_code": ["EECR04"] * 4,
            "denominator": ["leavers"] * 4,
            "numerator": [76, 40, 35, 1],
            "n": [200, 100, 95, 5],
            "rate": [0.38, 0.40, 35 / 95, 0.20],
            "wilson_low": [0.314649, 0.309401, 0.276530, 0.036224],
            "wilson_high": [0.449891, 0.498039, 0.471185, 0.624476],
        }
    )


def later_tables() -> dict[str, pl.DataFrame]:
    return {
        "indicator_achievement": achievement_frame(),
        "eval_outcome_rates": outcome_rates_frame(),
        "eval_competence_change": pl.DataFrame({
            "cutoff_date": [LATEST] * 3, "scope_type": ["programme", "specific_objective", "region"],
            "scope_code": ["-", "4.1", "MK11"], "n": [120, 120, 80],
            "mean_change": [1.1, 1.1, 1.3], "ci_low": [0.9, 0.9, 1.0], "ci_high": [1.3, 1.3, 1.6],
        }),
        "eval_cohorts": pl.DataFrame({
            "entry_half_year": ["2024-H1", "2024-H2", "2024-H1", "2024-H2"],
            "indicator_code": ["EECR04", "EECR04", "EECR05", "EECR05"],
            "cutoff_date": [LATEST] * 4, "participants": [50, 60, 50, 60],
            "numerator": [15, 21, 9, 4], "n": [40, 50, 30, 10],
            "rate": [0.375, 0.42, 0.3, 0.4], "wilson_low": [0.24, 0.29, 0.17, 0.17],
            "wilson_high": [0.53, 0.56, 0.48, 0.69], "share_of_participants": [0.3, 0.35, 0.18, 0.07],
        }),
        "eval_distinct_organisations": pl.DataFrame({
            "cutoff_date": [LATEST] * 2, "scope_type": ["programme"] * 2, "scope_code": ["-"] * 2,
            "organisation_group": ["all", "EECO19"], "project_sum": [30, 21],
            "distinct_organisations": [25, 18], "in_several_projects": [4, 3],
        }),
        "eval_regional_ecosystems": pl.DataFrame({
            "cutoff_date": [LATEST] * 5, "region_code": ["MK11", "MK11", "MK11", "MK19", "MK19"],
            "organisation_type": ["enterprise", "association", "all", "enterprise", "all"],
            "organisations": [12, 3, 14, 5, 5], "social_enterprises": [4, 0, 4, 1, 1],
        }),
        "uploads": pl.DataFrame({
            "upload_id": [1, 2, 3],
            "file_name": ["projects.csv", "participants_S30355.csv", None],
            "kind": ["projects", "participants", None],
            "received_at": [dt.datetime(2025, 6, 1, 8), dt.datetime(2025, 6, 2, 9), dt.datetime(2025, 6, 3)],
            "rows_read": [2, 100, 0], "rejected": [0, 4, 0], "warnings": [0, 2, 0],
            "outcome": ["applied", "partially_applied", "refused"],
        }),
    }


@pytest.fixture
def copy(tmp_path: Path) -> PublishedCopy:
    """A copy whose later tables are empty: no targets, evaluation data or uploads yet."""
    published = tmp_path / "published"
    write_published_copy(published)
    return PublishedCopy(published)


@pytest.fixture
def full_copy(tmp_path: Path) -> PublishedCopy:
    """The test copy with rows in the targets, evaluation and upload tables."""
    published = tmp_path / "published"
    write_published_copy(published, tables=later_tables())
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
def test_every_view_renders_with_the_later_tables_empty(copy: PublishedCopy, lang: str) -> None:
    text = render_all(copy, lang)
    assert t("no_targets", lang) in text and t("no_uploads", lang) in text
    assert t("no_values_chart", lang) in text  # the evaluation marts have no rows yet
    assert "Traceback" not in text


@pytest.mark.parametrize("lang", LANGS)
def test_every_view_renders_with_every_table(full_copy: PublishedCopy, lang: str) -> None:
    text = render_all(full_copy, lang)
    assert t("no_targets", lang) not in text and t("no_uploads", lang) not in text
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
    assert "76% of target (100) · at risk" in text  # the mart's words, as label keys


def test_achievement_as_the_mart_gives_it(full_copy: PublishedCopy) -> None:
    snap = full_copy.snapshot()
    frame = m.achievement(snap, LATEST, "programme", "-")
    eecr04 = frame.filter(pl.col("indicator_code") == "EECR04").row(0, named=True)
    assert eecr04["target_value"] == 100 and eecr04["status"] == "at_risk"  # "at risk": a label key
    assert eecr04["achievement"] == pytest.approx(0.76) and eecr04["forecast"] == 90
    assert m.achievement(snap, CUTOFFS[0], "programme", "-").is_empty()  # no row at that cut-off


# --- Indicators, projects, regions ---------------------------------------------------------------


def test_indicator_page_shows_the_definition_and_every_cutoff(copy: PublishedCopy) -> None:
    text = as_text(indicators.render_indicators(copy, "en", "EECR04", "programme", "all", None))
    assert "Definition" in text and "Cumulative from the start" in text and "EECO01" in text
    rendered = indicators.render_indicators(copy, "fi", "EECO01", "project", "total", None)
    text = as_text(rendered)
    assert "/projects/S30355" in text  # project codes link to their pages
    assert text.count('"type": "Graph"') == 3  # over time, per half-year, by scope
    # The series table: one row per cut-off.
    snap = copy.snapshot()
    series = m.indicator_series(snap, "EECO01", "project", ("total",))
    assert sorted(series["cutoff_date"].unique()) == list(CUTOFFS)


def test_region_values_come_from_the_region_scope(copy: PublishedCopy) -> None:
    snap = copy.snapshot()
    at = m.scope_values(snap, "EECO01", "region", LATEST, "en")
    assert at.row(0, named=True)["scope_name"] == "North Savo" and at["total"][0] == 168
    assert m.scope_values(snap, "EECO01", "region", LATEST, "sv")["scope_name"][0] == "Norra Savolax"
    assert "region" in m.scope_types(snap)


def test_region_names_are_the_published_seed(tmp_path: Path) -> None:
    """The pages name regions as the published regions table does: the seed is the one source."""
    published = tmp_path / "published"
    renamed = seed_tables()["regions"].with_columns(
        pl.when(pl.col("region_code") == "MK11").then(pl.lit("Savo of the North"))
        .otherwise(pl.col("name_en")).alias("name_en")
    )
    write_published_copy(published, tables={"regions": renamed})
    copy = PublishedCopy(published)
    for rendered in (regions.render_regions(copy, "en", "EECO01", None),
                     indicators.render_indicators(copy, "en", "EECO01", "region", "all", None),
                     projects.render_project(copy, "en", "S30355", None)):
        text = as_text(rendered)
        assert "Savo of the North" in text and "North Savo" not in text


def test_project_comparison_and_page(full_copy: PublishedCopy) -> None:
    snap = full_copy.snapshot()
    frame = m.project_comparison(snap, LATEST)
    s30355 = frame.filter(pl.col("project_code") == "S30355").row(0, named=True)
    assert s30355["EECO01"] == 168 and s30355["achievement_mean"] == pytest.approx(0.84)
    text = as_text(projects.render_project(full_copy, "en", "S30355", None))
    assert "project-card-EECO01" in text and "project-achievement-graph" in text
    assert "not in the published copy" in as_text(projects.render_project(full_copy, "en", "Z99999", None))


# --- Evaluation helpers ------------------------------------------------------------------------


def test_outcome_rates_and_gaps_from_the_mart() -> None:
    rates = ev.outcome_rates(outcome_rates_frame(), LATEST)
    assert rates["group_value"].to_list() == ["all", "woman", "man", "non_binary"]
    woman = rates.filter(pl.col("group_value") == "woman").row(0, named=True)
    assert woman["rate"] == pytest.approx(0.40) and woman["wilson_low"] == pytest.approx(0.3094, abs=1e-4)
    gaps = ev.rate_gaps(rates)
    row = gaps.filter(pl.col("group_dimension") == "gender").row(0, named=True)
    # Non-binary (n=5) is under the minimum n (20): too few, not ranked as the lowest.
    assert (row["highest_group"], row["lowest_group"]) == ("woman", "man")
    assert (row["highest_n"], row["lowest_n"]) == (100, 95) and row["too_few"] == ["non_binary"]
    assert row["gap_pp"] == pytest.approx((0.40 - 35 / 95) * 100) and row["intervals_apart"] is False
    # With a minimum of 5 it is ranked, and its wide interval overlaps the others'.
    row = ev.rate_gaps(rates, min_n=5).row(0, named=True)
    assert row["lowest_group"] == "non_binary" and row["too_few"] == []
    assert ev.outcome_rates(outcome_rates_frame(), CUTOFFS[0]).is_empty()


def test_gaps_sorted_by_evidence_and_small_groups_not_ranked() -> None:
    def rates(dimension, groups):
        return [{"indicator_code": "EECR04", "group_dimension": dimension, "group_value": g, "n": n,
                 "rate": r, "wilson_low": lo, "wilson_high": hi} for g, n, r, lo, hi in groups]

    frame = pl.DataFrame(
        rates("age_band", [("18-29", 100, 0.50, 0.40, 0.60), ("30-54", 100, 0.45, 0.35, 0.55)])  # 5 pp, overlapping
        + rates("region", [("MK01", 12, 1.0, 0.76, 1.0), ("MK02", 10, 0.0, 0.0, 0.28)])  # 100 pp, too few
        + rates("gender", [("woman", 200, 0.30, 0.24, 0.37), ("man", 200, 0.45, 0.38, 0.52)])  # 15 pp, apart
        + rates("project", [("S1", 50, 0.9, 0.79, 0.96), ("S2", 50, 0.2, 0.11, 0.33), ("S3", 3, 1.0, 0.44, 1.0)])
    )
    gaps = ev.rate_gaps(frame, min_n=20)
    assert gaps["group_dimension"].to_list() == ["project", "gender", "age_band", "region"]
    assert gaps["intervals_apart"].to_list() == [True, True, False, None]
    region = gaps.row(3, named=True)
    assert region["gap_pp"] is None and region["highest_group"] is None
    assert region["too_few"] == ["MK01", "MK02"]
    assert gaps.row(0, named=True)["too_few"] == ["S3"]  # S3's 100 % is not the highest
    assert ev.too_few(19) and not ev.too_few(20) and ev.too_few(None)


def test_evaluation_sections_by_the_marts_columns(full_copy: PublishedCopy) -> None:
    snap = full_copy.snapshot()
    competence = as_text(evaluation.competence_sections(snap, LATEST, "en"))
    assert "Programme (n=120)" in competence and "North Savo (MK11) (n=80)" in competence
    cohorts = as_text(evaluation.cohorts_section(snap, LATEST, None, "en"))
    assert "2024/2" in cohorts and "EECR05" in cohorts
    ecosystems = as_text(regions.ecosystems_section(snap, LATEST, "en"))
    store = json.loads(ecosystems)
    rows = next(c for c in _walk(store) if c.get("type") == "Store")["props"]["data"]["rows"]
    # North Savo: 14 distinct organisations (the mart's 'all' row), not 12 + 3.
    assert rows[0] == ["North Savo", 12, 3, 14, 4]


def _walk(node):
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from _walk(value)


# --- Data quality --------------------------------------------------------------------------------


def test_upload_status_per_project_and_kind(full_copy: PublishedCopy) -> None:
    # Uploads that stored no record in force: every upload under "no project"
    # (tests/test_dashboard_quality.py covers the attribution from the records each stored).
    snap = full_copy.snapshot()
    status = upload_status(snap.table("uploads"), dt.date(2025, 7, 2),
                           snap.table("quality_upload_projects"), snap.table("quality_upload_problems"))
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


# --- Callbacks through Dash's endpoint -----------------------------------------------------------


def test_browser_language_is_the_default(tmp_path: Path) -> None:
    client = app_as(Settings(home=tmp_path / "home")).server.test_client()

    def lang_for(header: str | None) -> str:
        headers = {"Accept-Language": header} if header else {}
        layout = client.get("/_dash-layout", headers=headers).get_json()
        return json.dumps(layout).split('"id": "lang"')[0].rsplit('"value": "', 1)[1][:2]

    assert lang_for("sv-FI,sv;q=0.9,en;q=0.8") == "sv"
    assert lang_for("en-GB,en;q=0.9") == "en"
    assert lang_for("de-DE") == "fi" and lang_for(None) == "fi"


def test_csv_download_callback(tmp_path: Path) -> None:
    client = app_as(Settings(home=tmp_path / "home")).server.test_client()
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


def test_project_totals_add_up_and_no_upload_is_no_data(tmp_path: Path) -> None:
    """A gender breakdown whose genders fall short of the total gets the rest as 'gender not
    recorded'; a project with no participant records shows 'no data' for the participant
    indicators, not zeros."""
    published = tmp_path / "published"
    uploads = pl.DataFrame({
        "upload_id": [1, 2], "kind": ["participants", "activities"],
        "project_code": ["S30355", "S30356"], "records": [10, 4], "current_records": [10, 4],
        "is_latest": [True, True],
    })
    write_published_copy(published, tables={"quality_upload_projects": uploads})
    snap = PublishedCopy(published).snapshot()
    values = snap.table("indicator_values")
    # S30356 uploaded activities only: its participant indicators are no data.
    table = m.scope_indicator_table(snap, LATEST, CUTOFFS[0], "project", "S30356", "en")
    eeco01 = table.filter(pl.col("indicator_code") == "EECO01").row(0, named=True)
    assert eeco01["no_data"] is True
    table = m.scope_indicator_table(snap, LATEST, CUTOFFS[0], "project", "S30355", "en")
    for r in table.filter(pl.col("not_recorded").is_not_null()).iter_rows(named=True):
        assert r["total"] == r["woman"] + r["man"] + r["non_binary"] + r["not_recorded"]
        assert r["no_data"] is False
    # SE11-type: 1,222 attendances, of which 696 with a gender, 526 not recorded.
    se11 = pl.DataFrame({
        "cutoff_date": [LATEST] * 4, "scope_type": ["project"] * 4, "scope_code": ["S30355"] * 4,
        "indicator_code": ["SE11"] * 4, "gender": ["total", "woman", "man", "non_binary"],
        "value": [1222.0, 400.0, 290.0, 6.0],
    })
    write_published_copy(published, "v2", tables={
        "quality_upload_projects": uploads,
        "indicator_values": pl.concat([values.filter(pl.col("indicator_code") != "SE11"),
                                       se11.cast(values.schema)]),
    })
    snap = PublishedCopy(published).snapshot()
    table = m.scope_indicator_table(snap, LATEST, CUTOFFS[0], "project", "S30355", "en")
    assert table.filter(pl.col("indicator_code") == "SE11")["not_recorded"].to_list() == [526.0]
    text = as_text(projects.render_project(PublishedCopy(published), "en", "S30356", None))
    assert "Gender not recorded" in text and "no data" in text
