"""The data-quality path end to end: uploads -> ledger -> the raw summaries (pipelines/warehouse/raw_tables.py,
generated from the contract) -> the quality marts (dbt) -> the published copy -> the page.

A network-wide participants file for two projects (two warnings, one rejected row), a later file
of one project correcting a warned record, and a refused file; then `impact build`. Checks who
each upload belongs to, which problems stay open, the completeness of the optional fields, and
that no participant id or cell value reaches the summaries or the published copy.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import duckdb
import plotly.utils
import polars as pl
import pytest

from indicators.contract import CONTRACT
from pipelines.ingest.service import ingest_bytes
from pipelines.warehouse.raw_tables import (
    RAW_TABLES,
    SUMMARY_COLUMNS,
    SUMMARY_TABLES,
    load_raw_tables,
    optional_columns,
)
from pipelines.settings import Settings

from tests.support.cli import run_impact
from tests.support.paths import FIXTURES

TODAY = dt.date(2025, 6, 1)
HEADER = "project_code,participant_id,entry_date,gender,age_at_entry,labour_market_status,education_isced\n"
NETWORK_FILE = (
    HEADER
    + "S10001,P1,2024-01-15,woman,30,employed,\n"  # row 2: warning (education missing)
    + "S10001,P2,2024-02-01,man,40,employed,3\n"  # row 3
    + "S10002,Q1,2024-03-01,woman,50,employed,\n"  # row 4: warning
    + "S10002,Q2,2024-03-01,robot,50,employed,2\n"  # row 5: error (gender code), rejected
)
CORRECTION_FILE = (
    HEADER
    + "S10001,P1,2024-01-15,woman,30,employed,4\n"  # corrects P1: its warning closes
    + "S10001,P3,2024-05-01,man,20,inactive,1\n"
)
REFUSED_FILE = "project_code\nS10001\n"  # required columns missing: refused whole
PERSONAL = {"P1", "P2", "P3", "Q1", "Q2", "robot"}


def ledger_home(home: Path) -> Settings:
    settings = Settings(home=home)
    uploads = [
        ((FIXTURES / "network" / "projects.csv").read_bytes(), "projects.csv", "projects"),
        (NETWORK_FILE.encode(), "participants_network.csv", "participants"),
        (CORRECTION_FILE.encode(), "participants_S10001.csv", "participants"),
        (REFUSED_FILE.encode(), "broken.csv", "participants"),
    ]
    for data, name, kind in uploads:
        ingest_bytes(settings, data, name, kind, today=TODAY)
    return settings


def test_optional_columns_follow_the_contract() -> None:
    participants = optional_columns(CONTRACT["participants"])
    assert "education_isced" in participants and "exit_date" in participants
    assert "withdrawn" not in participants  # defaulted: always stored filled
    assert "gender" not in participants and "participant_id" not in participants  # required / key
    assert "social_enterprise" not in optional_columns(CONTRACT["entities"])  # defaulted
    assert optional_columns(CONTRACT["targets"]) == ()  # only gender (defaulted) and withdrawn
    for kind in CONTRACT.values():
        for name in optional_columns(kind):
            column = kind.column(name)
            assert not column.required and column.default is None and name not in kind.key
    assert RAW_TABLES[-len(SUMMARY_TABLES):] == SUMMARY_TABLES  # loaded after the kinds they read


def test_raw_summaries_from_the_ledger(tmp_path: Path) -> None:
    settings = ledger_home(tmp_path / "home")
    counts = load_raw_tables(settings)
    assert counts["upload_projects"] == 5
    with duckdb.connect(str(settings.warehouse_path), read_only=True) as con:
        for table in SUMMARY_TABLES:
            columns = [r[0] for r in con.execute(f"describe raw.{table}").fetchall()]
            assert columns == [name for name, _ in SUMMARY_COLUMNS[table]], table
        projects = con.execute(
            "select upload_id, kind, project_code, records from raw.upload_projects order by all"
        ).fetchall()
        assert projects == [
            (1, "projects", "S10001", 1), (1, "projects", "S10002", 1),
            (2, "participants", "S10001", 2), (2, "participants", "S10002", 1),
            (3, "participants", "S10001", 2),
        ]
        problems = con.execute(
            "select upload_id, row_number, rule_id, severity from raw.upload_problems"
            " where upload_id = 2 order by row_number, rule_id"
        ).fetchall()
        assert [(r[1], r[3]) for r in problems] == [(2, "warning"), (4, "warning"), (5, "error")]
        assert con.execute(
            "select count(*) from raw.upload_problems where upload_id = 4 and severity = 'error'"
        ).fetchone()[0] >= 1
        filled = dict(
            ((r[0], r[1]), (r[2], r[3]))
            for r in con.execute(
                "select project_code, column_name, records, filled from raw.optional_fields_filled"
                " where kind = 'participants'"
            ).fetchall()
        )
        assert filled[("S10001", "education_isced")] == (3, 3)  # P1 (corrected), P2, P3
        assert filled[("S10002", "education_isced")] == (1, 0)  # Q1; Q2 was rejected
        assert filled[("S10001", "exit_date")] == (3, 0)
        assert {c for _, c in filled} == set(optional_columns(CONTRACT["participants"]))
        for table in SUMMARY_TABLES:
            cells = {str(v) for row in con.execute(f"select * from raw.{table}").fetchall() for v in row}
            assert not cells & PERSONAL, table


@pytest.mark.slow
def test_quality_marts_and_page_after_a_build(tmp_path: Path) -> None:
    home = tmp_path / "home"
    ledger_home(home)
    done = run_impact(home, "build", env={"IMPACT_BUILD_ENGINE": "direct"})
    assert done.returncode == 0, done.stderr[-3000:]

    from dashboards.data import PublishedCopy
    from dashboards.quality import NO_PROJECT, problem_summary, upload_status
    from dashboards.views.quality import render_quality

    copy = PublishedCopy(Settings(home=home).published_dir)
    snap = copy.snapshot()
    upload_projects = snap.table("quality_upload_projects")
    problems = snap.table("quality_upload_problems")
    completeness = snap.table("quality_completeness")

    latest = upload_projects.filter(pl.col("kind") == "participants").sort("upload_id", "project_code")
    assert latest.select("upload_id", "project_code", "records", "current_records", "is_latest").rows() == [
        (2, "S10001", 2, 1, False), (2, "S10002", 1, 1, True), (3, "S10001", 2, 2, True),
    ]
    by_key = {
        (r["upload_id"], r["project_code"], r["severity"]): (r["problems"], r["open_problems"])
        for r in problems.filter(pl.col("upload_id") == 2).iter_rows(named=True)
    }
    # P1's warning closed by the correction; Q1's still open under S10002; the rejected row's
    # error open while upload 2 still has records in force.
    assert by_key == {(2, None, "warning"): (1, 0), (2, "S10002", "warning"): (1, 1), (2, None, "error"): (1, 1)}
    refused = problems.filter(pl.col("upload_id") == 4)
    assert refused.height >= 1 and (refused["open_problems"] == refused["problems"]).all()

    status = upload_status(snap.table("uploads"), TODAY, upload_projects, problems)
    row = {(r["project_code"], r["kind"]): r for r in status.iter_rows(named=True)}
    s1, s2 = row[("S10001", "participants")], row[("S10002", "participants")]
    assert (s1["uploads"], s1["records_in_force"], s1["open_warnings"], s1["rows_read"]) == (2, 3, 0, 2)
    assert (s2["uploads"], s2["records_in_force"], s2["open_warnings"], s2["rejected"]) == (1, 1, 1, 1)
    assert row[(NO_PROJECT, "participants")]["refused"] == 1

    share = {
        (r["project_code"], r["column_name"]): r["filled_share"]
        for r in completeness.filter(pl.col("kind") == "participants").iter_rows(named=True)
    }
    assert share[("S10001", "education_isced")] == 1.0 and share[("S10002", "education_isced")] == 0.0
    summary = problem_summary(problems, snap.table("uploads"), upload_projects)
    assert summary["upload_id"].to_list()[0] == 4  # newest first

    for name in ("quality_upload_projects", "quality_upload_problems", "quality_completeness"):
        frame = snap.table(name)
        cells = {str(v) for col in frame.columns for v in frame[col].to_list()}
        assert not cells & PERSONAL, name
    for lang in ("fi", "sv", "en"):
        text = json.dumps(render_quality(copy, lang, today=TODAY), cls=plotly.utils.PlotlyJSONEncoder)
        assert "quality-completeness-table" in text and "quality-problems-table" in text
        assert not any(f'"{p}"' in text for p in PERSONAL)
    shutil.rmtree(home, ignore_errors=True)
