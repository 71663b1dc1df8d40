"""Selections in the URL (dashboards/url_state.py): a query parameter read as Dash Pages hands
it to layout(**query), and each page's layout starting its controls from it; the writing side
is one clientside callback per page, registered with the app."""

from __future__ import annotations

import dash
import pytest

from dashboards.url_state import query_value
from pipelines.settings import Settings
from tests.support.dashboard_callbacks import app_as


def test_query_value_takes_one_clean_string() -> None:
    assert query_value({"cutoff": "2025-06-30"}, "cutoff") == "2025-06-30"
    assert query_value({"cutoff": ["2024-12-31", "2025-06-30"]}, "cutoff") == "2024-12-31"
    assert query_value({}, "cutoff") is None
    assert query_value({"cutoff": "  "}, "cutoff", default="x") == "x"
    assert query_value({"scope": "project"}, "scope", ("programme", "project"), "programme") == "project"
    assert query_value({"scope": "nonsense"}, "scope", ("programme", "project"), "programme") == "programme"
    assert len(query_value({"indicator": "E" * 5000}, "indicator")) == 200


def _values(tree, found: dict) -> dict:
    """{component id: value} of every component with a value under `tree`."""
    if isinstance(tree, (list, tuple)):
        for child in tree:
            _values(child, found)
        return found
    if not hasattr(tree, "to_plotly_json"):
        return found
    props = tree.to_plotly_json()["props"]
    if "value" in props and isinstance(props.get("id"), str):
        found[props["id"]] = props["value"]
    _values(props.get("children"), found)
    return found


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    home = tmp_path_factory.mktemp("url")
    return app_as(Settings(home=home))


@pytest.mark.parametrize(
    ("page", "query", "expected"),
    [
        ("dashboards.pages.indicators",
         {"indicator": "EECR04", "scope": "project", "gender": "woman", "cutoff": "2024-12-31"},
         {"indicators-code": "EECR04", "indicators-scope": "project", "indicators-gender": "woman",
          "indicators-cutoff": "2024-12-31"}),
        ("dashboards.pages.indicators", {"scope": "galaxy", "gender": "x"},
         {"indicators-code": None, "indicators-scope": "programme", "indicators-gender": "all"}),
        ("dashboards.pages.overview", {"cutoff": "2024-12-31", "view": "share"},
         {"overview-cutoff": "2024-12-31"}),
        ("dashboards.pages.projects", {"cutoff": "2024-12-31", "indicator": "EECR04"},
         {"projects-cutoff": "2024-12-31", "projects-metric": "EECR04"}),
        ("dashboards.pages.regions", {"indicator": "SE01"}, {"regions-code": "SE01", "regions-cutoff": None}),
        ("dashboards.pages.evaluation", {"outcome": "EECR05"}, {"evaluation-outcome": "EECR05"}),
    ],
)
def test_layouts_start_from_the_query(app, page: str, query: dict, expected: dict) -> None:
    values = _values(dash.page_registry[page]["layout"](**query), {})
    for key, value in expected.items():
        assert values[key] == value, key


def test_overview_view_parameter_is_one_of_the_modes(app) -> None:
    from dashboards.views.overview import GENDER_MODES, ID

    layout = dash.page_registry["dashboards.pages.overview"]["layout"]
    assert _values(layout(view=GENDER_MODES[-1]), {})[ID["mode"]] == GENDER_MODES[-1]
    assert _values(layout(view="<script>"), {})[ID["mode"]] == GENDER_MODES[0]


def test_project_page_keeps_its_code_and_cutoff(app) -> None:
    values = _values(dash.page_registry["dashboards.pages.project"]["layout"](code="S30355", cutoff="2024-12-31"), {})
    assert values["project-cutoff"] == "2024-12-31"


def test_every_read_only_page_writes_its_selection_into_the_url(app) -> None:
    sinks = {key.split(".")[0] for key in app.callback_map if key.endswith("-url-sink.data")}
    assert sinks == {f"{p}-url-sink" for p in
                     ("overview", "indicators", "projects", "project", "regions", "evaluation")}
    assert dash.page_registry  # the pages were registered with the app
