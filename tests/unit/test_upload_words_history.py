"""The upload history page (issue 16, item 5): past uploads and each one's report, for the
roles that may upload, a project manager's own projects only, checked on the server in every
callback; the report in the file's words and downloadable as the upload page's CSV."""

from __future__ import annotations

import base64
import json

import polars as pl
import pytest

from dashboards.views.upload_history import ID, visible_uploads
from pipelines.access.roles import User
from pipelines.ingest import ingest_bytes
from pipelines.settings import Settings
from tests.support.dashboard_callbacks import app_as, call
from tests.support.samples import SAMPLE_ROWS, sample_file, to_csv

OWN, OTHER = "S30355", "S10099"
MINE = frozenset({"S30355", "S30356"})  # the projects of the sample files


def _uploads(ids):
    return pl.DataFrame({"upload_id": ids, "outcome": ["applied"] * len(ids)},
                        schema={"upload_id": pl.Int64, "outcome": pl.String})


def test_visible_uploads_by_role():
    uploads = _uploads([1, 2, 3, 4, None])
    projects = pl.DataFrame({"upload_id": [1, 2, 2, 3], "project_code": [OWN, OWN, OTHER, OTHER]})
    manager = User("pm", "project_manager", frozenset({OWN}))
    assert visible_uploads(uploads, projects, manager, set())["upload_id"].to_list() == [1]
    # 4 stored nothing (every row rejected), but the manager applied it
    assert visible_uploads(uploads, projects, manager, {4})["upload_id"].to_list() == [4, 1]
    assert visible_uploads(uploads, projects, User("c", "coordinator"), set())["upload_id"].to_list() == [4, 3, 2, 1]
    assert visible_uploads(uploads, projects, User("e", "evaluator"), set()).is_empty()
    assert visible_uploads(uploads, projects, None, set()).is_empty()


@pytest.fixture(scope="module")
def home(tmp_path_factory):
    """Projects, then a participants file of the own project with one impossible date (row 3),
    and a projects file of another project only."""
    settings = Settings(home=tmp_path_factory.mktemp("history") / "home")
    assert ingest_bytes(settings, sample_file("projects"), "projects.csv").exit_code == 0
    rows = [dict(r) for r in SAMPLE_ROWS["participants"]]
    rows[1]["entry_date"] = "2023-02-29"
    bad = ingest_bytes(settings, to_csv("participants", rows), "osallistujat.csv")
    assert bad.rejected == 1 and bad.upload_id is not None
    other = [dict(SAMPLE_ROWS["projects"][0], project_code=OTHER)]
    assert ingest_bytes(settings, to_csv("projects", other), "other.csv").exit_code == 0
    return settings, bad.upload_id, rows[1]["participant_id"]


def _client(settings, user):
    app = app_as(settings, user)
    return app, app.server.test_client()


def _options(settings, user):
    app, client = _client(settings, user)
    out = call(client, app, f"{ID['choose']}.options", [{"id": "lang", "property": "value", "value": "fi"},
                                                         {"id": "data-version", "property": "data", "value": None}])
    return out[ID["choose"]]["options"]


def test_a_project_manager_sees_its_own_projects_uploads_only(home):
    settings, bad_id, _ = home
    manager = User("pm", "project_manager", MINE)
    assert [o["value"] for o in _options(settings, manager)] == [bad_id, 1]
    assert [o["value"] for o in _options(settings, User("pm2", "project_manager", frozenset({OTHER})))] == [3]
    assert _options(settings, User("pm3", "project_manager", frozenset({OWN}))) == []  # 1 and 2 hold S30356 too
    assert len(_options(settings, User("c", "coordinator"))) == 3
    evaluator = _options(settings, User("e", "evaluator"))
    assert evaluator == []


def test_the_report_in_the_files_words_and_its_download(home):
    settings, bad_id, participant = home
    manager = User("pm", "project_manager", MINE)
    app, client = _client(settings, manager)
    out = call(client, app, f"{ID['report']}.children", [{"id": ID["choose"], "property": "value", "value": bad_id},
                                                         {"id": "lang", "property": "value", "value": "fi"}])
    text = json.dumps(out[ID["report"]]["children"], ensure_ascii=False)
    assert participant in text and "ei ole kalenterissa" in text
    assert out[ID["button"]]["disabled"] is False
    got = call(client, app, f"{ID['download']}.data", [{"id": ID["button"], "property": "n_clicks", "value": 1}],
               [{"id": ID["choose"], "property": "value", "value": bad_id}])
    data = got[ID["download"]]["data"]
    content = base64.b64decode(data["content"]) if data.get("base64") else data["content"].encode()
    assert content.startswith(b"\xef\xbb\xbf") and participant.encode() in content


def test_a_report_of_another_project_is_not_served(home):
    settings, _bad_id, _ = home
    other_manager = User("pm2", "project_manager", frozenset({OTHER}))
    app, client = _client(settings, other_manager)
    for upload_id in (1, 2):  # the sample projects and participants: not S10099's
        out = call(client, app, f"{ID['report']}.children",
                   [{"id": ID["choose"], "property": "value", "value": upload_id},
                    {"id": "lang", "property": "value", "value": "fi"}])
        assert out[ID["report"]]["children"] == [] and out[ID["button"]]["disabled"] is True
        got = call(client, app, f"{ID['download']}.data", [{"id": ID["button"], "property": "n_clicks", "value": 1}],
                   [{"id": ID["choose"], "property": "value", "value": upload_id}])
        assert ID["download"] not in got
