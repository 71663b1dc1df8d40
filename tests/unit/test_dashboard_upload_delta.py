"""The upload page's indicator delta without a browser: the table builder (indicator, scope,
gender, before → after, change) in fi/sv/en, what each state shows, and the service that runs
the CLI's dry run with the delta on a background thread (dbt replaced by a stand-in here; the
delta itself is tested against real builds in test_ingest_delta.py, and in a browser in
test_dashboard_e2e.py)."""

from __future__ import annotations

import datetime as dt
import json
import threading
from pathlib import Path

import plotly.utils
import polars as pl
import pytest

from dashboards import upload_service as svc
from dashboards.views.upload_delta import delta_rows, delta_view
from pipelines.ingest.delta import DELTA_SCHEMA, IndicatorDelta
from pipelines.settings import Settings
from tests.support.paths import NETWORK

FIXTURES = NETWORK
CUTOFF = dt.date(2026, 6, 30)
NAMES = {"EECO01": "Participants", "SE12": "Satisfaction", "EECO03": "Long-term unemployed"}


def as_text(components) -> str:
    return json.dumps(components, cls=plotly.utils.PlotlyJSONEncoder, ensure_ascii=False)


def delta(rows: list[tuple], unavailable: str | None = None) -> IndicatorDelta:
    changes = pl.DataFrame(rows, schema=DELTA_SCHEMA, orient="row")
    return IndicatorDelta(cutoff=CUTOFF, changes=changes, unavailable=unavailable, seconds=5.25)


SAMPLE = delta([
    ("EECO01", "total", "count", 0, 1234.0, 1248.0, 14.0),
    ("EECO01", "woman", "count", 0, 600.0, 609.0, 9.0),
    ("EECO03", "man", "count", 0, 40.0, 38.0, -2.0),
    ("SE12", "total", "mean", 2, None, 4.25, None),  # a mean absent before
])


def test_rows_in_finnish() -> None:
    rows = delta_rows(SAMPLE, "fi", NAMES)
    assert rows[0] == ["EECO01 Participants", "koko ohjelma", "Yhteensä", "1\u00a0234 → 1\u00a0248", "+14"]
    assert rows[1][2:] == ["Naiset", "600 → 609", "+9"]
    assert rows[2][2:] == ["Miehet", "40 → 38", "−2"]
    assert rows[3][3:] == ["– → 4,25", "–"]


def test_rows_in_swedish_and_english() -> None:
    sv = delta_rows(SAMPLE, "sv", NAMES)
    assert sv[0][1:] == ["hela programmet", "Totalt", "1\u00a0234 → 1\u00a0248", "+14"]
    assert sv[1][2] == "Kvinnor"
    en = delta_rows(SAMPLE, "en", NAMES)
    assert en[0][1:] == ["whole programme", "Total", "1,234 → 1,248", "+14"]
    assert en[2][4] == "-2" and en[3][3] == "– → 4.25"


def test_indicator_names_come_from_the_catalogue() -> None:
    assert delta_rows(SAMPLE, "sv")[0][0] == "EECO01 Deltagare totalt"
    assert delta_rows(SAMPLE, "en")[0][0] == "EECO01 Total number of participants"


def test_a_project_scope_and_rounded_means() -> None:
    d = delta([("SE12", "total", "mean", 2, 4.204, 4.256, 0.052)])
    d.scope_type, d.scope_code = "project", "S30355"
    assert delta_rows(d, "en", NAMES)[0][1:] == ["project S30355", "Total", "4.20 → 4.26", "+0.05"]


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_what_each_state_shows(lang: str) -> None:
    running = as_text(delta_view(svc.DeltaStatus("running", elapsed=3.2), lang))
    assert "delta-computing" in running and "aria-busy" in running
    done = as_text(delta_view(svc.DeltaStatus("done", SAMPLE, 5.25), lang, names=NAMES))
    assert "upload-delta-table" in done and "EECO01 Participants" in done
    assert {"fi": "30.6.2026", "sv": "30.6.2026", "en": "30 Jun 2026"}[lang] in done
    nothing = as_text(delta_view(svc.DeltaStatus("done", delta([]), 1.0), lang))
    assert "upload-delta-table" not in nothing and "upload-delta-result" in nothing
    broken = as_text(delta_view(svc.DeltaStatus("done", delta([], unavailable="CalledProcessError")), lang))
    assert "CalledProcessError" in broken and "message-warning" in broken
    assert "message-warning" in as_text(delta_view(svc.DeltaStatus("failed"), lang))
    assert delta_view(svc.DeltaStatus("none"), lang) == []
    assert delta_view(svc.DeltaStatus("dropped"), lang) == []


def test_the_title_says_when_the_file_was_applied() -> None:
    before = as_text(delta_view(svc.DeltaStatus("done", SAMPLE), "en", names=NAMES))
    after = as_text(delta_view(svc.DeltaStatus("done", SAMPLE), "en", applied=True, names=NAMES))
    assert "What applying the file would change" in before
    assert "once the rebuild is done" in after


# --- The service: the CLI's dry run with the delta, on a background thread ----------------------


@pytest.fixture
def gated(monkeypatch):
    """dry_run_delta replaced by a stand-in that waits for the test and records its calls."""
    gate, calls = threading.Event(), []

    def fake(settings, data, file_name, kind, permitted_projects=None):
        calls.append((file_name, kind, data))
        gate.wait(10)
        return SAMPLE

    monkeypatch.setattr(svc, "dry_run_delta", fake)
    return gate, calls


def wait_for(stash, token, states=("done", "failed", "dropped")):
    for _ in range(200):
        status = svc.delta_status(stash, token)
        if status.state in states:
            return status
        threading.Event().wait(0.02)
    raise AssertionError(svc.delta_status(stash, token))


def test_the_delta_runs_in_the_background_once(tmp_path: Path, gated) -> None:
    gate, calls = gated
    settings, stash = Settings(home=tmp_path / "home"), svc.UploadStash()
    data = (FIXTURES / "projects.csv").read_bytes()
    token, report = svc.preview(settings, stash, data, "projects.csv", None)
    assert svc.start_delta(settings, stash, token)
    assert svc.delta_status(stash, token).state == "running"  # the preview did not wait
    assert svc.start_delta(settings, stash, token)  # asked again: still the one run
    gate.set()
    status = wait_for(stash, token)
    assert status.state == "done" and status.delta is SAMPLE
    assert calls == [("projects.csv", None, data)]


def test_no_delta_for_a_refused_or_unchanged_preview(tmp_path: Path, gated) -> None:
    settings, stash = Settings(home=tmp_path / "home"), svc.UploadStash()
    token, report = svc.preview(settings, stash, b"", "empty.csv", None)
    assert report.refused and not svc.start_delta(settings, stash, token)
    assert svc.delta_status(stash, token).state == "none"
    assert not svc.start_delta(settings, stash, "no-such-token")


def test_applying_drops_a_delta_still_running(tmp_path: Path, gated) -> None:
    gate, _calls = gated
    settings, stash = Settings(home=tmp_path / "home"), svc.UploadStash()
    token, _ = svc.preview(settings, stash, (FIXTURES / "projects.csv").read_bytes(), "projects.csv", None)
    svc.start_delta(settings, stash, token)
    assert svc.apply(settings, stash, token).inserted == 2
    assert svc.delta_status(stash, token).state == "dropped"
    gate.set()
    assert wait_for(stash, token).state == "dropped"  # its late answer is not shown


def test_a_newer_preview_cancels_a_queued_delta(tmp_path: Path, gated) -> None:
    gate, calls = gated
    settings, stash = Settings(home=tmp_path / "home"), svc.UploadStash()
    data = (FIXTURES / "projects.csv").read_bytes()
    first, _ = svc.preview(settings, stash, data, "a.csv", None)
    second, _ = svc.preview(settings, stash, data, "b.csv", None)
    svc.start_delta(settings, stash, first)  # runs (waits on the gate)
    svc.start_delta(settings, stash, second)  # queued behind it: one worker
    third, _ = svc.preview(settings, stash, data, "c.csv", None)
    svc.forget_delta(stash, second)
    svc.start_delta(settings, stash, third)
    gate.set()
    assert wait_for(stash, third).state == "done"
    assert svc.delta_status(stash, second).state == "dropped"
    assert [c[0] for c in calls] == ["a.csv", "c.csv"]
