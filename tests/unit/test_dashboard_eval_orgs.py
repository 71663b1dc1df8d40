"""The evaluation page's distinct organisations (eval_distinct_organisations) without a browser:
the mart read at one cut-off, the figure builder (per-project sum beside distinct organisations,
colour-blind-safe and hatched), and the page's chart, its table and the pivot by scope in
fi/sv/en."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import plotly.utils
import polars as pl
import pytest

from dashboards import evaluation as ev
from dashboards.data import PublishedCopy
from dashboards.figures.theme import OKABE_ITO
from dashboards.figures.evaluation import distinct_organisations_figure
from dashboards.views import evaluation
from tests.support.dashboard_copy import CUTOFFS, LATEST, write_published_copy

GROUPS = ["all", "EECO18", "EECO19", "SE01", "SE02", "SE03"]


def mart() -> pl.DataFrame:
    """The mart's shape (dbt_project/models/marts/evaluation/eval_distinct_organisations.yml):
    cut-off x scope x organisation_group; at the earlier cut-off fewer organisations."""
    rows = []
    scopes = [("programme", "-"), ("specific_objective", "4.1"), ("region", "MK01"), ("region", "MK11")]
    for cutoff, scale in ((CUTOFFS[0], 1), (LATEST, 2)):
        for scope_type, scope_code in scopes:
            for i, group in enumerate(GROUPS):
                distinct = (10 - i) * scale
                rows.append((cutoff, scope_type, scope_code, group, distinct + scale, distinct, scale))
    return pl.DataFrame(rows, orient="row", schema={
        "cutoff_date": pl.Date, "scope_type": pl.String, "scope_code": pl.String,
        "organisation_group": pl.String, "project_sum": pl.Int64,
        "distinct_organisations": pl.Int64, "in_several_projects": pl.Int64,
    }).sample(fraction=1.0, shuffle=True, seed=1)  # the order the page shows is its own


def as_text(components) -> str:
    return json.dumps(components, cls=plotly.utils.PlotlyJSONEncoder, ensure_ascii=False)


def test_the_mart_at_one_cutoff_in_reading_order() -> None:
    frame = ev.distinct_organisations(mart(), LATEST)
    assert frame.height == 4 * len(GROUPS)
    assert frame["scope_type"].unique(maintain_order=True).to_list() == ["programme", "specific_objective", "region"]
    programme = frame.filter(pl.col("scope_type") == "programme")
    assert programme["organisation_group"].to_list() == GROUPS
    first = programme.row(0, named=True)
    assert (first["project_sum"], first["distinct_organisations"], first["in_several_projects"],
            first["extra"]) == (22, 20, 2, 2)
    earlier = ev.distinct_organisations(mart(), CUTOFFS[0])
    assert earlier.filter(pl.col("scope_type") == "programme")["distinct_organisations"][0] == 10
    # A cut-off the mart does not have (the page offers the copy's cut-offs only): no rows.
    assert ev.distinct_organisations(mart(), dt.date(2020, 1, 1)).is_empty()


def test_figure_puts_the_sum_beside_the_distinct_count() -> None:
    frame = ev.distinct_organisations(mart(), LATEST).filter(pl.col("scope_type") == "programme")
    labels = {g: f"label {g}" for g in GROUPS}
    fig = distinct_organisations_figure(frame, "en", labels)
    per_project, distinct = fig.data
    assert fig.layout.barmode == "group"
    assert per_project.name == "Counted per project (indicator value)" and distinct.name == "Distinct organisations"
    assert list(per_project.y) == list(distinct.y) == [labels[g] for g in GROUPS]
    assert list(per_project.x) == [22, 20, 18, 16, 14, 12] and list(distinct.x) == [20, 18, 16, 14, 12, 10]
    # Okabe-Ito colours, and the sum also hatched: the bars differ in more than colour.
    assert {per_project.marker.color, distinct.marker.color} <= set(OKABE_ITO.values())
    assert per_project.marker.pattern.shape == "/" and not distinct.marker.pattern.shape
    assert "supported by several projects" in distinct.hovertemplate
    assert list(distinct.customdata) == [2] * 6


@pytest.mark.parametrize("lang, all_label", [
    ("fi", "Kaikki tuetut organisaatiot"), ("sv", "Alla organisationer som fått stöd"),
    ("en", "All organisations supported"),
])
def test_figure_labels_in_each_language(lang: str, all_label: str) -> None:
    frame = pl.DataFrame({"organisation_group": ["all"], "project_sum": [3], "distinct_organisations": [2],
                          "in_several_projects": [1]})
    fig = distinct_organisations_figure(frame, lang, {"all": all_label})
    assert list(fig.data[0].y) == [all_label]
    assert fig.layout.separators == (".," if lang == "en" else ", ")
    empty = distinct_organisations_figure(frame.clear(), lang, {})
    assert empty.layout.annotations


@pytest.fixture
def copy(tmp_path: Path) -> PublishedCopy:
    published = tmp_path / "published"
    write_published_copy(published, tables={"eval_distinct_organisations": mart()})
    return PublishedCopy(published)


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_the_page_shows_a_chart_its_numbers_and_a_pivot_by_scope(copy: PublishedCopy, lang: str) -> None:
    text = as_text(evaluation.render_evaluation(copy, lang, None, None))
    assert "evaluation-orgs-graph" in text and "evaluation-orgs-scopes" in text
    words = {
        "fi": ("Eri organisaatiot erityistavoitteittain ja maakunnittain", "Uusimaa (MK01)", "Erityistavoite"),
        "sv": ("Olika organisationer per specifikt mål och landskap", "Nyland (MK01)", "Specifikt mål"),
        "en": ("Distinct organisations by specific objective and region", "Uusimaa (MK01)", "Specific objective"),
    }[lang]
    for word in words:
        assert word in text, word


def test_pivot_rows_hold_every_group_for_each_scope(copy: PublishedCopy) -> None:
    sections = evaluation.organisations_sections(copy.snapshot(), LATEST, "en")
    pivot = json.loads(as_text(sections[1]))
    store = next(c for c in _walk(pivot) if c.get("type") == "Store")["props"]["data"]
    assert store["columns"] == ["Scope", "Name", "All: distinct", "All: per project", "All: in several projects",
                                "EECO18", "EECO19", "SE01", "SE02", "SE03"]
    assert store["rows"][0] == ["Specific objective", "4.1", 20, 22, 2, 18, 16, 14, 12, 10]
    assert [r[1] for r in store["rows"]] == ["4.1", "Uusimaa (MK01)", "North Savo (MK11)"]
    chart_table = next(c for c in _walk(json.loads(as_text(sections[0]))) if c.get("type") == "Store")
    assert chart_table["props"]["data"]["rows"][0][:3] == ["All organisations supported", 22, 20]


def _walk(node):
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from _walk(value)


def test_evaluation_groups_are_named_and_in_reading_order(copy: PublishedCopy) -> None:
    """Regions by the published name, partial work ability in words, and the groups in reading
    order: the whole first, then person, project and region; age bands youngest first."""
    from dashboards.regions import region_names
    from dashboards.views.evaluation import group_label

    snap = copy.snapshot()
    assert group_label("region", "MK01", "fi", region_names(snap, "fi")) == "Maakunta: Uusimaa"
    assert group_label("region", "MK01", "sv", region_names(snap, "sv")) == "Landskap: Nyland"
    assert group_label("partial_work_ability", "declined", "en", {}) == "Partial work ability: Declined to say"
    groups = [("region", "MK01"), ("age_band", "18-29"), ("age_band", "<18"), ("all", "all"),
              ("gender", "woman"), ("age_band", "55+"), ("gender", "man")]
    rates = pl.DataFrame({
        "cutoff_date": [LATEST] * len(groups),
        "group_dimension": [d for d, _ in groups],
        "group_value": [g for _, g in groups],
        "indicator_code": ["EECR01"] * len(groups),
        "denominator": ["leavers"] * len(groups),
        "numerator": [1, 2, 3, 4, 5, 6, 7],
        "n": [10] * len(groups),
        "rate": [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7],
        "wilson_low": [0.0] * len(groups),
        "wilson_high": [1.0] * len(groups),
    })
    shaped = ev.outcome_rates(rates, LATEST)
    assert list(zip(shaped["group_dimension"], shaped["group_value"], strict=True)) == [
        ("all", "all"), ("gender", "woman"), ("gender", "man"), ("age_band", "<18"),
        ("age_band", "18-29"), ("age_band", "55+"), ("region", "MK01"),
    ]
