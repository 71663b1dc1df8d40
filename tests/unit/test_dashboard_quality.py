"""The data-quality page without a browser: attribution of uploads to projects from the records
they stored, open warnings, the per-upload problem summary, the completeness matrix and heatmap,
and the view in every language."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import plotly.utils
import polars as pl
import pytest

from dashboards.data import PublishedCopy
from dashboards.figures.contrast import WCAG_AA_TEXT, contrast_ratio, scale_colour
from dashboards.figures.quality import completeness_figure, status_heatmap
from dashboards.i18n import LANGUAGES
from dashboards.quality import (
    NO_PROJECT,
    UNKNOWN_KIND,
    attribute_uploads,
    column_label,
    completeness_matrix,
    problem_summary,
    upload_status,
)
from dashboards.views.quality import projects_text, render_quality
from tests.support.dashboard_copy import write_published_copy

TODAY = dt.date(2025, 7, 2)


def as_text(components) -> str:
    return json.dumps(components, cls=plotly.utils.PlotlyJSONEncoder, ensure_ascii=False)


def uploads() -> pl.DataFrame:
    """1 projects; 2 a network-wide participants file (S30355 and S30356); 3 a later S30355
    file; 4 a refused file without a kind; 5 a targets file of the programme only."""
    return pl.DataFrame({
        "upload_id": [1, 2, 3, 4, 5],
        "file_name": ["projects.csv", "participants.csv", "kuopio.csv", None, "targets.csv"],
        "kind": ["projects", "participants", "participants", None, "targets"],
        "received_at": [dt.datetime(2025, 6, d, 8) for d in (1, 2, 12, 13, 14)],
        "rows_read": [2, 100, 10, 0, 5],
        "rejected": [0, 4, 1, 0, 0],
        "warnings": [0, 3, 0, 0, 0],
        "outcome": ["applied", "partially_applied", "partially_applied", "refused", "applied"],
    })


def upload_projects() -> pl.DataFrame:
    return pl.DataFrame({
        "upload_id": [1, 1, 2, 2, 3],
        "kind": ["projects", "projects", "participants", "participants", "participants"],
        "project_code": ["S30355", "S30356", "S30355", "S30356", "S30355"],
        "records": [1, 1, 60, 36, 9],
        "current_records": [1, 1, 55, 36, 9],
        "is_latest": [True, True, False, True, True],
    })


def problems() -> pl.DataFrame:
    return pl.DataFrame({
        "upload_id": [2, 2, 2, 2, 4, 5],
        "kind": ["participants", "participants", "participants", "participants", None, "targets"],
        "project_code": ["S30355", "S30356", None, None, None, None],
        "severity": ["warning", "warning", "warning", "error", "error", "warning"],
        "rule_id": ["participants.education_isced.missing"] * 3
        + ["participants.gender.code", "file.missing_column", "file.unknown_column"],
        "problems": [2, 1, 5, 4, 1, 1],
        "problem_rows": [2, 1, 5, 4, 0, 0],
        "open_problems": [2, 1, 0, 4, 1, 1],
        "open_rows": [2, 1, 0, 4, 0, 0],
    })


def completeness() -> pl.DataFrame:
    return pl.DataFrame({
        "project_code": ["S30356", "S30355", "S30355", "S30355"],
        "kind": ["participants", "participants", "participants", "entities"],
        "column_name": ["education_isced", "education_isced", "exit_date", "size_class"],
        "records": [36, 64, 64, 10],
        "filled": [18, 60, 0, 7],
        "filled_share": [0.5, 60 / 64, 0.0, 0.7],
    })


# --- Attribution and status ----------------------------------------------------------------------


def test_uploads_belong_to_the_projects_whose_records_they_stored() -> None:
    attributed = attribute_uploads(uploads(), upload_projects())
    pairs = sorted(attributed.select("upload_id", "project_code").rows())
    assert pairs == [
        (1, "S30355"), (1, "S30356"), (2, "S30355"), (2, "S30356"), (3, "S30355"),
        (4, NO_PROJECT), (5, NO_PROJECT),
    ]
    assert attributed.filter(pl.col("upload_id") == 4)["kind"].to_list() == [UNKNOWN_KIND]
    # While no upload has stored a record in force, none belongs to a project.
    assert set(attribute_uploads(uploads(), upload_projects().clear())["project_code"]) == {NO_PROJECT}


def test_status_per_project_and_kind() -> None:
    status = upload_status(uploads(), TODAY, upload_projects(), problems())
    rows = {(r["project_code"], r["kind"]): r for r in status.iter_rows(named=True)}
    s355 = rows[("S30355", "participants")]
    assert (s355["uploads"], s355["rows_read"], s355["rejected"], s355["days_since"]) == (2, 10, 1, 20)
    assert s355["rejected_share"] == pytest.approx(5 / 110)
    assert (s355["records_in_force"], s355["open_warnings"]) == (64, 2)
    s356 = rows[("S30356", "participants")]
    assert (s356["uploads"], s356["rows_read"], s356["records_in_force"], s356["open_warnings"]) == (1, 100, 36, 1)
    # A network-wide file's closed warnings (on superseded rows) count nowhere.
    assert sum(r["open_warnings"] for r in rows.values()) == 2 + 1 + 1
    refused = rows[(NO_PROJECT, UNKNOWN_KIND)]
    assert (refused["refused"], refused["rows_read"], refused["records_in_force"]) == (1, None, None)
    # The programme's targets file: no project, its open file-level warning counted there.
    assert rows[(NO_PROJECT, "targets")]["open_warnings"] == 1
    # Projects first, then the uploads of no project.
    assert status["project_code"].to_list()[-1] == NO_PROJECT
    assert status.schema["open_warnings"] == pl.Int64


def test_status_of_no_uploads_and_of_uploads_that_stored_nothing() -> None:
    assert upload_status(uploads().clear(), TODAY, upload_projects(), problems()).is_empty()
    status = upload_status(uploads(), TODAY, upload_projects().clear(), problems().clear())
    assert set(status["project_code"]) == {NO_PROJECT}
    assert status["records_in_force"].null_count() == status.height
    assert (status["open_warnings"] == 0).all()


def test_problem_summary_per_upload() -> None:
    summary = problem_summary(problems(), uploads(), upload_projects())
    assert summary["upload_id"].to_list() == [5, 4, 2, 2]  # newest first
    network = summary.filter(pl.col("upload_id") == 2)
    assert network["severity"].to_list() == ["error", "warning"]  # errors first
    warning = network.filter(pl.col("severity") == "warning").row(0, named=True)
    # The upload's warnings summed over its projects (and those on no record in force).
    assert (warning["problems"], warning["problem_rows"], warning["open_problems"]) == (8, 8, 3)
    assert warning["projects"] == ["S30355", "S30356"] and warning["file_name"] == "participants.csv"
    assert summary.filter(pl.col("upload_id") == 4)["projects"].to_list() == [None]
    assert problem_summary(problems().clear(), uploads(), upload_projects()).is_empty()


def test_projects_text_names_a_few_then_counts() -> None:
    assert projects_text(["S1", "S2"], "en") == "S1, S2"
    assert projects_text(["S1", "S2", "S3", "S4"], "en") == "S1, S2, S3 … (4)"
    assert projects_text(None, "fi") == "Ei hanketta"


# --- Completeness --------------------------------------------------------------------------------


def test_completeness_matrix_in_contract_order() -> None:
    rows, projects, shares = completeness_matrix(completeness())
    # participants before entities, education_isced before exit_date... as in the contract
    assert rows == [
        ("participants", "exit_date"), ("participants", "education_isced"), ("entities", "size_class"),
    ]
    assert projects == ["S30355", "S30356"]
    assert shares[1] == [pytest.approx(60 / 64), 0.5]
    assert shares[0] == [0.0, None]  # S30356 has no exit_date row: no cell
    assert column_label("participants", "education_isced", "fi") == "koulutusaste_isced"
    assert column_label("participants", "education_isced", "sv") == "education_isced"
    assert column_label("nothing", "x", "fi") == "x"


def test_completeness_figure_writes_every_share_in_its_cell() -> None:
    fig = completeness_figure(completeness(), "en")
    trace, labels = fig.data
    assert trace.type == "heatmap" and trace.colorscale[0][1] != trace.colorscale[-1][1]
    assert (trace.zmin, trace.zmax) == (0, 100)
    assert list(trace.x) == ["S30355", "S30356"]
    assert trace.y[1] == "Participants · education_isced"
    assert list(trace.text[1]) == ["94%", "50%"]
    assert list(trace.text[0]) == ["0%", ""] and trace.z[0][1] is None
    assert trace.reversescale  # light = few filled, as the other heatmaps: light = look here
    # Every filled cell's text written over it, readable on its colour (WCAG AA).
    filled = [(z, text) for zline, tline in zip(trace.z, trace.text, strict=True)
              for z, text in zip(zline, tline, strict=True) if z is not None]
    assert list(labels.text) == [text for _, text in filled] and labels.mode == "text"
    assert list(labels.text)[:3] == ["0%", "94%", "50%"]
    for (z, text), colour in zip(filled, labels.textfont.color, strict=True):
        fill = scale_colour(z, 0, 100, "Cividis", reverse=True)
        assert contrast_ratio(colour, fill) >= WCAG_AA_TEXT, text
    assert labels.textfont.color[0] == "#000000"  # 0 % filled: the lightest yellow, black text
    fi = completeness_figure(completeness(), "fi")
    assert fi.data[0].y[1] == "Osallistujat · koulutusaste_isced" and fi.data[0].text[1][1] == "50\u00a0%"
    empty = completeness_figure(completeness().clear(), "en")
    assert not empty.data


def test_status_heatmaps_mark_stale_cells_beyond_colour() -> None:
    status = upload_status(uploads(), dt.date(2026, 1, 1), upload_projects(), problems())
    fig = status_heatmap(status, "days_since", "en", "Days", zmax=183, flag_above=183)
    trace, labels = fig.data
    assert list(trace.x) == ["Projects", "Participants", "Targets", "Unknown (refused file)"]
    assert list(trace.y) == ["S30355", "S30356", "No project"]
    row = list(trace.y).index("S30355")
    assert trace.text[row][1] == "203 !" and trace.z[row][1] == 203  # 12 Jun 2025 -> 1 Jan 2026
    assert trace.text[row][2] == "" and trace.z[row][2] is None  # no targets file of its own
    assert trace.zmax == 183 and trace.colorscale[0][1] != trace.colorscale[-1][1]
    assert "203 !" in labels.text and len(labels.text) == sum(v is not None for line in trace.z for v in line)
    shares = status_heatmap(status, "rejected_share", "fi", "%", kind="percent").data[0]
    assert shares.text[0][1] == "4,5 %" and shares.z[0][1] == pytest.approx(100 * 5 / 110)
    assert not status_heatmap(status.clear(), "open_warnings", "en", "n").data


# --- The view ------------------------------------------------------------------------------------


def quality_copy(tmp_path: Path) -> PublishedCopy:
    published = tmp_path / "published"
    write_published_copy(published, tables={
        "uploads": uploads(),
        "quality_upload_projects": upload_projects(),
        "quality_upload_problems": problems(),
        "quality_completeness": completeness(),
    })
    return PublishedCopy(published)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_quality_view_in_every_language(tmp_path: Path, lang: str) -> None:
    text = as_text(render_quality(quality_copy(tmp_path), lang, today=TODAY))
    for element in ("quality-table", "quality-problems-table", "quality-completeness-table",
                    "quality-completeness-graph", "quality-warnings-graph", "quality-freshness-graph"):
        assert element in text, element
    assert "/projects/S30355" in text and "participants.gender.code" in text
    assert "Traceback" not in text


def test_quality_view_words(tmp_path: Path) -> None:
    en = as_text(render_quality(quality_copy(tmp_path), "en", today=TODAY))
    assert "Open warnings" in en and "Completeness of optional fields" in en
    assert "No project" in en and "Open problems in all: 9" in en
    fi = as_text(render_quality(quality_copy(tmp_path), "fi", today=TODAY))
    assert "Avoimia varoituksia" in fi and "koulutusaste_isced" in fi


def test_quality_view_before_any_upload(tmp_path: Path) -> None:
    published = tmp_path / "published"
    write_published_copy(published)
    text = as_text(render_quality(PublishedCopy(published), "en", today=TODAY))
    assert "No uploads yet." in text and "quality-table" not in text
