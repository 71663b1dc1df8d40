"""Who may do what on the dashboard, without a server: the rules of dashboards/access.py, the
published copy in a viewer's shape (dashboards/viewer_copy.py, AppContext.published()), the
note that says so, and the upload service keeping a preview to the user who made it and to its
projects. (Through the web server: tests/test_web_*.py.)"""

from __future__ import annotations

import json
from pathlib import Path

import plotly.utils
import polars as pl
import pytest

from dashboards import upload_service as svc
from dashboards.access import NEEDS, may
from dashboards.views import projects
from pipelines.access.roles import User
from pipelines.publish.shapes import ViewerSnapshot
from pipelines.settings import Settings
from tests.support.dashboard_callbacks import app_as
from tests.support.dashboard_copy import LATEST, write_published_copy
from tests.support.paths import NETWORK

ADMIN, COORDINATOR = User("a", "admin"), User("c", "coordinator")
EVALUATOR, MANAGER = User("e", "evaluator"), User("p", "project_manager", frozenset({"S30355"}))


def as_text(components) -> str:
    return json.dumps(components, cls=plotly.utils.PlotlyJSONEncoder, ensure_ascii=False)


@pytest.mark.parametrize(("user", "granted"), [
    (ADMIN, {"signed_in", "upload", "official_export", "admin"}),
    (COORDINATOR, {"signed_in", "upload", "official_export"}),
    (EVALUATOR, {"signed_in"}),
    (MANAGER, {"signed_in", "upload"}),
    (None, set()),
])
def test_what_each_role_may_do_on_the_pages(user: User | None, granted: set[str]) -> None:
    assert {need for need in NEEDS if may(user, need)} == granted
    assert may(user, None)  # a page that needs nothing
    with pytest.raises(ValueError):
        may(ADMIN, "everything")


def test_an_uploader_writes_its_own_projects_only_unless_programme_wide() -> None:
    assert ADMIN.upload_projects is None and COORDINATOR.upload_projects is None
    assert MANAGER.upload_projects == frozenset({"S30355"})


def test_the_pages_read_the_copy_in_the_viewers_shape(tmp_path: Path) -> None:
    settings = Settings(home=tmp_path / "home")
    write_published_copy(settings.published_dir)

    def values(user: User | None) -> pl.DataFrame:
        snap = app_as(settings, user).impact_context.published().snapshot()
        return snap.table("indicator_values").filter(
            (pl.col("cutoff_date") == LATEST) & (pl.col("indicator_code") == "EECO01") & (pl.col("gender") == "total"))

    exact = values(EVALUATOR)
    shaped = values(MANAGER)
    assert shaped.filter(pl.col("scope_code") == "S30355")["value"].to_list() == \
        exact.filter(pl.col("scope_code") == "S30355")["value"].to_list()
    # Another project's values are the public shape's, worked out from the daily increments
    # (none in the test copy, so not the exact 56; tests/test_web_roles.py checks the
    # suppression itself on the built test network).
    other = pl.col("scope_code") == "S30356"
    assert exact.filter(other)["value"].to_list() == [56.0]
    assert shaped.filter(other)["value"].to_list() != [56.0]
    assert isinstance(app_as(settings, None).impact_context.published().snapshot(), ViewerSnapshot)
    assert not isinstance(app_as(settings, ADMIN).impact_context.published().snapshot(), ViewerSnapshot)


def test_a_restricted_viewers_pages_say_what_is_hidden(tmp_path: Path) -> None:
    settings = Settings(home=tmp_path / "home")
    write_published_copy(settings.published_dir)
    shaped = as_text(projects.render_project(app_as(settings, MANAGER).impact_context.published(), "en", "S30356", None))
    assert "counts of fewer than 5 persons are hidden" in shaped
    exact = as_text(projects.render_project(app_as(settings, EVALUATOR).impact_context.published(), "en", "S30356", None))
    assert "are hidden" not in exact


def test_a_preview_is_its_owners_and_keeps_to_its_projects(tmp_path: Path) -> None:
    settings, stash = Settings(home=tmp_path / "home"), svc.UploadStash()
    svc.apply(settings, stash, svc.preview(settings, stash, (NETWORK / "projects.csv").read_bytes(),
                                           "projects.csv", None)[0])
    token, report = svc.preview(settings, stash, (NETWORK / "participants.csv").read_bytes(), "participants.csv",
                                None, owner="p", permitted_projects=frozenset({"S10001"}))
    refused = report.problems.filter(pl.col("rule_id") == "participants.project_code.not_permitted")
    assert set(refused["value"]) == {"S10002", "S99999"}
    assert svc.owned_by(stash, token, "p") and not svc.owned_by(stash, token, "someone-else")
    assert not svc.owned_by(stash, "no-such-token", "p")
    applied = svc.apply(settings, stash, token)  # the apply keeps to the same projects
    assert applied.problems.filter(pl.col("rule_id") == "participants.project_code.not_permitted").height == 6
