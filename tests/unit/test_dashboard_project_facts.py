"""The project page's dates, budget and progress together (dashboards/project_facts.py and the
page built from the test copy)."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from dashboards.data import PublishedCopy
from dashboards.i18n import format_date
from dashboards.project_facts import elapsed_share, mean_achievement
from dashboards.views import projects
from tests.support.dashboard_copy import LATEST, write_published_copy


def test_elapsed_share_counts_days_from_start_to_end() -> None:
    start, end = dt.date(2024, 1, 1), dt.date(2024, 12, 31)  # 366 days
    assert elapsed_share(start, end, dt.date(2024, 1, 1)) == pytest.approx(1 / 366)
    assert elapsed_share(start, end, dt.date(2024, 6, 30)) == pytest.approx(182 / 366)
    assert elapsed_share(start, end, dt.date(2025, 6, 30)) == 1.0
    assert elapsed_share(start, end, dt.date(2023, 12, 31)) == 0.0
    assert elapsed_share(start, None, dt.date(2024, 6, 30)) is None
    assert elapsed_share(end, start, dt.date(2024, 6, 30)) is None


def test_mean_achievement_over_targets_that_have_one() -> None:
    assert mean_achievement(pl.DataFrame({"achievement": [0.5, None, 1.0]})) == pytest.approx(0.75)
    assert mean_achievement(pl.DataFrame({"achievement": [None]}, schema={"achievement": pl.Float64})) is None
    assert mean_achievement(pl.DataFrame()) is None


def _facts(tree) -> dict[str, str]:
    found = {}

    def walk(node):
        if isinstance(node, (list, tuple)):
            for child in node:
                walk(child)
            return
        if not hasattr(node, "to_plotly_json"):
            return
        if getattr(node, "id", None) == "project-facts":
            items = node.children
            for dt_, dd in zip(items[::2], items[1::2], strict=True):
                found[dt_.children] = dd.children
            return
        walk(getattr(node, "children", None))

    walk(tree)
    return found


def test_project_page_shows_dates_budget_and_time_elapsed(tmp_path) -> None:
    write_published_copy(tmp_path / "published")
    copy = PublishedCopy(tmp_path / "published")
    facts = _facts(projects.render_project(copy, "en", "S30355", LATEST.isoformat()))
    start, end = dt.date(2024, 1, 1), dt.date(2026, 12, 31)
    assert facts["Project period"] == f"{format_date(start, 'en')} – {format_date(end, 'en')}"
    assert facts["Budget"] == "1,200,000 €"
    # 1.1.2024 – 30.6.2025: 547 of 1096 days
    assert facts[f"Time elapsed by {format_date(LATEST, 'en')}"] == "50%"
    fi = _facts(projects.render_project(copy, "fi", "S30356", LATEST.isoformat()))
    assert fi["Toteutusaika"] == "1.9.2024 –"  # no end date yet
    assert fi["Budjetti"] == "–" and fi[next(k for k in fi if k.startswith("Ajasta kulunut"))] == "–"
