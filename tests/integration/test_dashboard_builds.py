"""The service's build runs as the dashboard follows them (dashboards/builds.py,
dashboards/views/builds.py): which run brings in an upload and how far it has got, what the
upload page and the shell's notice say, and the same read from a real Dagster instance under
IMPACT_HOME/dagster, through the app's callbacks. The dashboard starts no build itself."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import plotly.utils
import pytest

from dashboards import upload_service as svc
from dashboards.builds import BuildRuns, UploadBuild, brings_in, dagster_ui, upload_build
from dashboards.views.builds import failed_build_notice, upload_build_view
from pipelines.access import audit
from pipelines.service.runs import BuildRun
from pipelines.settings import Settings
from tests.support.dashboard_callbacks import TESTER, app_as, call
from tests.support.dashboard_copy import BUILT_AT, write_published_copy
from tests.support.paths import NETWORK

FIXTURES = NETWORK
DAGSTER = "http://127.0.0.1:3070"
CREATED = dt.datetime(2025, 7, 1, 8, 0, tzinfo=dt.timezone.utc)


def as_text(components) -> str:
    return json.dumps(components, cls=plotly.utils.PlotlyJSONEncoder, ensure_ascii=False)


def run(run_id: str, status: str, uploads: str | None, done: int = 0, planned: int = 0) -> BuildRun:
    return BuildRun(run_id=run_id, job="refresh_indicators", status=status, trigger="upload",
                    uploads=uploads, created_at=CREATED, finished_at=None,
                    assets_done=done, assets_planned=planned)


# --- Which run brings an upload in ---------------------------------------------------------------


def test_a_run_brings_in_the_uploads_of_its_tag() -> None:
    assert brings_in(run("a", "SUCCESS", "12"), 12)
    assert brings_in(run("a", "SUCCESS", "12-14"), 13) and brings_in(run("a", "SUCCESS", "12-14"), 14)
    assert not brings_in(run("a", "SUCCESS", "12-14"), 15)
    assert not brings_in(run("a", "SUCCESS", None), 12)  # e.g. a build for a new day


def test_the_build_of_an_upload_from_the_runs() -> None:
    assert upload_build([], 7) == UploadBuild("waiting")
    # Another build is running: the build runner brings ours in after it.
    assert upload_build([run("a", "STARTED", "6", 3, 10)], 7).state == "waiting"
    running = upload_build([run("b", "STARTED", "7", 4, 10), run("a", "SUCCESS", "6")], 7)
    assert running == UploadBuild("running", 0.4, "b") and not running.finished
    assert upload_build([run("b", "SUCCESS", "7-8")], 7) == UploadBuild("done", 1.0, "b")
    # A newer run came after ours: ours is still the one that tells.
    failed = upload_build([run("c", "SUCCESS", "9"), run("b", "FAILURE", "7-8")], 7)
    assert failed == UploadBuild("failed", 1.0, "b") and failed.finished


def test_the_dagster_ui_address_follows_the_service_port() -> None:
    assert dagster_ui({}) == DAGSTER
    assert dagster_ui({"IMPACT_DAGSTER_PORT": "3999"}) == "http://127.0.0.1:3999"


# --- What the pages say ------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_every_state_in_every_language(lang: str) -> None:
    assert upload_build_view(None, lang, DAGSTER) == []
    for build in (UploadBuild("waiting"), UploadBuild("running", 0.4, "b"),
                  UploadBuild("done", 1.0, "b"), UploadBuild("failed", 1.0, "b")):
        text = as_text(upload_build_view(build, lang, DAGSTER))
        assert f"build-{build.state}" in text and "progress" in text.lower()


def test_the_upload_page_says_how_far_the_build_is() -> None:
    running = as_text(upload_build_view(UploadBuild("running", 0.4, "b"), "en", DAGSTER))
    assert "Building: 40%" in running
    done = as_text(upload_build_view(UploadBuild("done", 1.0, "b"), "en", DAGSTER))
    assert "the new numbers are on the dashboard" in done
    failed = as_text(upload_build_view(UploadBuild("failed", 1.0, "run-7"), "en", DAGSTER))
    assert "The build failed" in failed and "Run run-7." in failed
    assert f"{DAGSTER}/runs/run-7" in failed


def test_the_shell_notice_only_when_the_latest_build_failed() -> None:
    assert failed_build_notice(None, BUILT_AT, "en", DAGSTER) == []
    assert failed_build_notice(run("a", "SUCCESS", "7"), BUILT_AT, "en", DAGSTER) == []
    assert failed_build_notice(run("a", "STARTED", "7"), BUILT_AT, "en", DAGSTER) == []
    text = as_text(failed_build_notice(run("a", "FAILURE", "7"), BUILT_AT, "en", DAGSTER))
    assert "The latest build failed; the numbers shown are from 1 Jul 2025" in text
    assert f"{DAGSTER}/runs/a" in text
    fi = as_text(failed_build_notice(run("a", "FAILURE", "7"), None, "fi", DAGSTER))
    assert "eikä julkaistua aineistoa vielä ole" in fi


# --- From a real Dagster instance, through the app -----------------------------------------------


def dagster_build(settings: Settings, uploads: str, fail: bool = False) -> str:
    """A run of a stand-in build job in the home's Dagster instance, tagged as the service's
    build runner tags its runs (pipelines/service/build_runner.py); its run id."""
    from dagster import Failure, job, op

    from pipelines.service.build_runner import TAG_TRIGGER, TAG_UPLOADS
    from pipelines.service.instance import open_instance

    @op
    def build_step() -> None:
        if fail:
            raise Failure("the stand-in build failed")

    @job(name="refresh_indicators")
    def stand_in() -> None:
        build_step()

    result = stand_in.execute_in_process(
        instance=open_instance(settings), raise_on_error=False,
        tags={TAG_TRIGGER: "upload", TAG_UPLOADS: uploads},
    )
    assert result.success is not fail
    return result.run_id


def test_no_runs_before_the_service_has_run(tmp_path: Path) -> None:
    settings = Settings(home=tmp_path / "home")
    runs = BuildRuns(settings)
    assert runs.latest() is None and runs.of_upload(1) == UploadBuild("waiting")
    assert not (settings.home / "dagster").exists()  # reading created nothing


def test_the_upload_page_follows_the_run_that_brings_its_file_in(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("IMPACT_DAGSTER_PORT", "3999")
    settings = Settings(home=tmp_path / "home")
    write_published_copy(settings.published_dir)
    app = app_as(settings)
    client, ctx = app.server.test_client(), app.impact_context
    lang = {"id": "lang", "property": "value", "value": "en"}

    token, _report = svc.preview(settings, ctx.stash, (FIXTURES / "projects.csv").read_bytes(),
                                 "projects.csv", None, owner=TESTER.name)
    applied = call(client, app, "upload-applied.data",
                   [{"id": "upload-apply", "property": "n_clicks", "value": 1}],
                   [{"id": "upload-token", "property": "data", "value": token}, lang,
                    {"id": "upload-revision-reason", "property": "value", "value": None}])
    upload_id = applied["upload-applied"]["data"]
    assert isinstance(upload_id, int)
    # The apply is in the audit trail: who, the file's hash, kind and counts, never its cells.
    (entry,) = [e for e in audit.entries(settings.home) if e.action == "upload.apply"]
    assert entry.actor == TESTER.name and entry.detail["upload_id"] == upload_id
    assert entry.detail["kind"] == "projects" and entry.detail["inserted"] == 2 and len(entry.detail["sha256"]) == 64
    assert next(v for k, v in applied["upload-poll"].items() if k.startswith("disabled")) is False

    def poll() -> tuple[str, bool]:
        out = call(client, app, "upload-build.children",
                   [{"id": "upload-poll", "property": "n_intervals", "value": 1}, lang],
                   [{"id": "upload-applied", "property": "data", "value": upload_id}])
        disabled = next(v for k, v in out["upload-poll"].items() if k.startswith("disabled"))
        return json.dumps(out["upload-build"]["children"]), disabled

    text, stop = poll()
    assert "build-waiting" in text and not stop  # the service has not built it yet
    dagster_build(settings, str(upload_id - 1))  # an earlier upload's build: not ours
    assert "build-waiting" in poll()[0]
    run_id = dagster_build(settings, f"{upload_id}-{upload_id + 1}")
    text, stop = poll()
    assert "build-done" in text and "the new numbers are on the dashboard" in text and stop
    assert run_id

    # A failed build: the upload page of its upload and, on every page, the shell say so.
    failed_id = dagster_build(settings, str(upload_id + 2), fail=True)
    notice = call(client, app, "build-notice.children",
                  [{"id": "version-poll", "property": "n_intervals", "value": 1}, lang])
    text = json.dumps(notice["build-notice"]["children"], ensure_ascii=False)
    assert "The latest build failed; the numbers shown are from 1 Jul 2025" in text
    assert f"http://127.0.0.1:3999/runs/{failed_id}" in text
