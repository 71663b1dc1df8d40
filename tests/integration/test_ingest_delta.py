"""The dry run's indicator delta: computed by the dbt models on a scratch state, it must equal
what applying the upload and building really changes (spec 6: "EECO01 +14 (woman +9, man +5)")."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import shutil
from pathlib import Path

import polars as pl
import pytest

from pipelines.ingest import ingest_bytes
from pipelines.ingest.delta import IndicatorDelta, format_change, indicator_delta, kinds_feeding_indicators
from tests.support.samples import sample_file
from pipelines.settings import Settings
from tests.support.cli import run_impact
from tests.support.paths import FIXTURES
from tests.support.exports import read_values

NETWORK = FIXTURES / "network"
TODAY = dt.date.today()

pytestmark = pytest.mark.slow


def _participants_file() -> bytes:
    """One new participant, one changed, one withdrawn (columns as in the fixture)."""
    rows = list(csv.DictReader(io.StringIO((NETWORK / "participants.csv").read_text(encoding="utf-8"))))
    by_key = {(r["project_code"], r["participant_id"]): r for r in rows}
    new = dict(by_key[("S10002", "P5")], participant_id="P10", gender="woman", age_at_entry="40",
               unemployment_months="13", education_isced="3", rural_area="yes", exit_date="",
               exit_job_searching="", exit_in_education="", exit_qualification="", exit_employed="")
    changed = dict(by_key[("S10001", "P2")], age_at_entry="24")  # now 18-29 and long-term (12 > 6)
    withdrawn = dict(by_key[("S10002", "P7")], withdrawn="yes")
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=list(rows[0]), lineterminator="\n")
    w.writeheader()
    w.writerows([new, changed, withdrawn])
    return buf.getvalue().encode("utf-8")


@pytest.fixture(scope="module")
def built(tmp_path_factory, dbt_manifest) -> Path:
    home = tmp_path_factory.mktemp("delta_home")
    assert run_impact(home, "ingest", "--kind", "projects", str(NETWORK / "projects.csv")).returncode == 0
    assert run_impact(home, "ingest", "--kind", "participants", str(NETWORK / "participants.csv")).returncode == 1
    build = run_impact(home, "build")
    assert build.returncode == 0, build.stdout[-2000:] + build.stderr[-2000:]
    return home


def _programme(values: dict) -> dict[tuple[str, str], str]:
    return {(k[2], k[3]): v for k, v in values.items() if k[:2] == ("programme", "-")}


def test_delta_equals_what_a_build_changes(built, tmp_path):
    home = tmp_path / "home"
    shutil.copytree(built, home)
    s = Settings(home=home)
    data = _participants_file()

    report = ingest_bytes(s, data, "p.csv", dry_run=True, indicator_delta=True)
    assert (report.inserted, report.updated, report.withdrawn) == (1, 1, 1), report.format_text()
    delta = report.indicator_delta
    assert delta is not None and delta.unavailable is None, delta
    assert delta.cutoff == TODAY

    # The same through a scratch "before" (the published copy out of date): the same answer.
    stale = tmp_path / "stale"
    shutil.copytree(built, stale)
    shutil.rmtree(stale / "published")
    again = ingest_bytes(Settings(home=stale), data, "p.csv", dry_run=True, indicator_delta=True).indicator_delta
    assert again.unavailable is None and again.changes.equals(delta.changes)

    before = _programme(_export(home, tmp_path / "before"))
    assert ingest_bytes(s, data, "p.csv").exit_code == 0
    build = run_impact(home, "build")
    assert build.returncode == 0, build.stdout[-2000:]
    after = _programme(_export(home, tmp_path / "after"))

    expected = {k: float(after[k]) - float(before[k]) for k in after if after[k] != before[k]}
    got = {(r["indicator_code"], r["gender"]): r["change"] for r in delta.changes.to_dicts()}
    assert got == expected
    lines = delta.lines()
    # By hand: P10 (woman, 40, unemployed 13 months, ISCED 3, rural) in; P2 (man) now 24, so
    # 18-29 and long-term unemployed (12 > 6); P7 (woman, 18, employed, ISCED 8) withdrawn.
    assert "EECO01" not in " ".join(lines)  # +1 woman and -1 woman: no change
    assert "EECO03 +2 (woman +1, man +1)" in lines
    assert "EECO05 -1 (woman -1)" in lines
    assert "EECO07 +0 (woman -1, man +1)" in lines
    assert "EECO10 +1 (woman +1)" in lines


def _export(home: Path, out: Path) -> dict:
    result = run_impact(home, "export", "--cutoff", TODAY.isoformat(), "--provisional", "--out", str(out))
    assert result.returncode == 0, result.stderr
    return read_values(out / "indicator_values.csv")


def test_cli_dry_run_prints_the_delta_and_writes_nothing(built, tmp_path):
    home = tmp_path / "home"
    shutil.copytree(built, home)
    upload = tmp_path / "p.csv"
    upload.write_bytes(_participants_file())
    scratch = home / "scratch"

    def state() -> dict:
        return {p: p.stat().st_mtime_ns for p in home.rglob("*") if p.is_file() and scratch not in p.parents}

    before = state()
    result = run_impact(home, "ingest", "--dry-run", "--report", str(tmp_path / "r.json"), str(upload))
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"Indicator delta if applied, cut-off {TODAY.isoformat()}" in result.stdout
    assert "  EECO03 +2 (woman +1, man +1)" in result.stdout
    assert state() == before
    # the scratch warehouses are gone; what stays is dbt's parse of the project, for the next dry run
    assert not list(scratch.rglob("*.duckdb*"))
    assert {p.name for p in scratch.rglob("*") if p.is_file()} >= {"partial_parse.msgpack"}
    payload = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    d = payload[0]["indicator_delta"]
    assert d["cutoff"] == TODAY.isoformat() and d["scope_type"] == "programme"
    assert {"indicator_code": "EECO03", "gender": "total", "change": 2.0} .items() <= next(
        c for c in d["changes"] if c["indicator_code"] == "EECO03" and c["gender"] == "total"
    ).items()
    quick = run_impact(home, "ingest", "--dry-run", "--no-delta", str(upload))
    assert quick.returncode == 0 and "Indicator delta" not in quick.stdout


def test_no_dbt_when_nothing_can_change(built, tmp_path):
    home = tmp_path / "home"
    shutil.copytree(built, home)
    s = Settings(home=home)
    # Re-uploading what is stored changes no record.
    same = ingest_bytes(s, (NETWORK / "projects.csv").read_bytes(), "projects.csv", dry_run=True, indicator_delta=True)
    assert same.unchanged == 2 and same.indicator_delta.changes.height == 0
    assert same.indicator_delta.seconds < 2 and "no changes" in same.format_text()
    # Targets feed no indicator (the dbt lineage says so): no run either.
    assert "targets" not in (kinds_feeding_indicators() or {"targets"})
    targets = ingest_bytes(s, sample_file("targets"), "t.csv", dry_run=True, indicator_delta=True)
    assert targets.inserted == 2 and targets.indicator_delta.changes.height == 0
    assert targets.indicator_delta.seconds < 2


def test_first_upload_into_an_empty_home(tmp_path):
    s = Settings(home=tmp_path / "home")
    report = ingest_bytes(s, (NETWORK / "projects.csv").read_bytes(), "projects.csv", dry_run=True, indicator_delta=True)
    # Projects alone count nobody: the delta runs and finds no change.
    assert report.indicator_delta.unavailable is None and report.indicator_delta.changes.height == 0
    assert not s.ledger_path.exists()


# ---- the pure parts -----------------------------------------------------------------------
def _increments(rows: list[tuple]) -> pl.DataFrame:
    return pl.DataFrame(
        rows,
        schema={"scope_type": pl.String, "scope_code": pl.String, "indicator_code": pl.String,
                "gender": pl.String, "event_date": pl.Date, "n": pl.Int64, "value_sum": pl.Float64,
                "aggregation": pl.String},
        orient="row",
    )


def test_indicator_delta_counts_means_and_cutoff():
    d1, d2, late = dt.date(2024, 1, 1), dt.date(2024, 3, 1), dt.date(2030, 1, 1)
    p = ("programme", "-")
    before = _increments([
        (*p, "EECO01", "total", d1, 10, 10.0, "count"), (*p, "EECO01", "woman", d1, 6, 6.0, "count"),
        (*p, "EECO01", "man", d1, 4, 4.0, "count"),
        (*p, "SE12", "total", d1, 2, 9.0, "mean"),
        (*p, "SE08", "total", d1, 1, 7.5, "sum"),
        ("project", "S1", "EECO01", "total", d1, 10, 10.0, "count"),
    ])
    after = pl.concat([before, _increments([
        (*p, "EECO01", "total", d2, 14, 14.0, "count"), (*p, "EECO01", "woman", d2, 9, 9.0, "count"),
        (*p, "EECO01", "man", d2, 5, 5.0, "count"),
        (*p, "SE12", "total", d2, 1, 5.0, "mean"),
        (*p, "SE10", "total", d2, 1, 1.0, "count"),
        (*p, "SE08", "total", late, 1, 3.0, "sum"),  # after the cut-off: no change
    ])])
    changes = indicator_delta(before, after, dt.date(2024, 12, 31), decimals={"SE12": 2, "SE08": 1})
    lines = IndicatorDelta(cutoff=dt.date(2024, 12, 31), changes=changes).lines()
    assert lines == ["EECO01 +14 (woman +9, man +5)", "SE10 +1", "SE12 4.50 → 4.67 (+0.17)"]
    # A mean that did not exist before; a scope other than the programme.
    assert format_change([{"indicator_code": "SE13", "gender": "total", "aggregation": "mean", "decimals": 2,
                           "before": None, "after": 1.5, "change": None}]) == "SE13 – → 1.50"
    assert indicator_delta(before, after, dt.date(2024, 12, 31), "project", "S1", decimals={}).height == 0
    assert indicator_delta(before, before, dt.date(2024, 12, 31), decimals={}).height == 0


def test_text_when_unavailable():
    text = IndicatorDelta(cutoff=dt.date(2025, 6, 30), unavailable="dbt build failed").format_text("en")
    assert text.startswith("Indicator delta if applied, cut-off 2025-06-30") and "not available" in text


def test_a_failing_delta_leaves_the_report_standing(tmp_path, monkeypatch):
    from pipelines.ingest import delta as delta_mod

    monkeypatch.setattr(delta_mod, "SELECT", "+no_such_model")  # dbt builds nothing
    s = Settings(home=tmp_path / "home")
    report = ingest_bytes(s, (NETWORK / "projects.csv").read_bytes(), "projects.csv", dry_run=True, indicator_delta=True)
    assert report.exit_code == 0 and report.inserted == 2
    assert report.indicator_delta.unavailable  # said, not raised
    assert "not available" in report.format_text("en")


def test_scratch_state_is_the_ledger_with_the_upload_applied(tmp_path, monkeypatch):
    """What dbt is run on: the ledger's current versions with the upload's on top, and its
    `uploads` row; the real warehouse and ledger untouched."""
    import duckdb

    from pipelines.ingest import delta as delta_mod
    from tests.support.samples import SAMPLE_ROWS, to_csv

    s = Settings(home=tmp_path / "home")
    for kind in ("projects", "participants"):
        assert ingest_bytes(s, sample_file(kind), f"{kind}.csv").exit_code == 0
    rows = [dict(r) for r in SAMPLE_ROWS["participants"]]
    rows[0]["age_at_entry"] = "35"
    rows.append(dict(rows[1], participant_id="P004"))
    seen = {}

    def inspect(self):
        with duckdb.connect(str(self.after), read_only=True) as con:
            seen["participants"] = con.sql(
                "SELECT participant_id, age_at_entry, upload_id FROM raw.participants ORDER BY ALL").fetchall()
            seen["uploads"] = con.sql("SELECT upload_id, file_name, inserted FROM raw.uploads ORDER BY ALL").fetchall()
            seen["projects"] = con.sql("SELECT count(*) FROM raw.projects").fetchall()
        seen["before"] = self.before
        return IndicatorDelta(cutoff=self.cutoff)

    monkeypatch.setattr(delta_mod.Pending, "compute", inspect)
    report = ingest_bytes(s, to_csv("participants", rows), "more.csv", dry_run=True, indicator_delta=True)
    assert (report.inserted, report.updated, report.unchanged) == (1, 1, 2)
    assert seen["participants"] == [("P001", 35, 3), ("P002", 52, 2), ("P003", 19, 2), ("P004", 52, 3)]
    assert seen["uploads"] == [(1, "projects.csv", 2), (2, "participants.csv", 3), (3, "more.csv", 1)]
    assert seen["projects"] == [(2,)]
    assert seen["before"] is not None  # nothing published: "before" is built from the ledger too
    assert not s.warehouse_path.exists()
    assert s.scratch_dir in seen["before"].parents


# ---- the dbt child, started before it has anything to run ----------------------------------
@pytest.fixture()
def children(monkeypatch) -> list:
    """Every delta.ScratchChild an ingest starts."""
    from pipelines.ingest import delta as delta_mod

    started = []

    class Recorded(delta_mod.ScratchChild):
        def __init__(self, rule):
            super().__init__(rule)
            started.append(self)

    monkeypatch.setattr(delta_mod, "ScratchChild", Recorded)
    return started


def test_the_dbt_child_is_stopped_when_nothing_runs(tmp_path, children):
    s = Settings(home=tmp_path / "home")
    refused = ingest_bytes(s, b"project_code\nS10001\n", "broken.csv", dry_run=True, indicator_delta=True)
    assert refused.outcome == "refused"
    targets = ingest_bytes(s, sample_file("targets"), "t.csv", dry_run=True, indicator_delta=True)
    assert targets.indicator_delta.changes.height == 0  # targets feed no indicator: nothing run
    assert len(children) == 2
    assert all(child.process.returncode is not None for child in children)  # ended and reaped
    no_delta = ingest_bytes(s, sample_file("targets"), "t.csv", dry_run=True)
    assert no_delta.indicator_delta is None and len(children) == 2  # no delta: no child


def test_the_dbt_child_runs_what_it_is_sent(tmp_path, children):
    s = Settings(home=tmp_path / "home")
    report = ingest_bytes(s, (NETWORK / "projects.csv").read_bytes(), "projects.csv", dry_run=True,
                          indicator_delta=True)
    assert report.indicator_delta.unavailable is None
    (child,) = children
    assert child.process.returncode == 0


def test_a_waiting_dbt_child_ends_when_its_input_closes(tmp_path):
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "pipelines.warehouse.dbt_scratch", "--wait", "--select", "+indicator_increments"],
        input="", capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 0 and done.stdout == "", done.stderr
