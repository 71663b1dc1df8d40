"""The benchmark harness (bench/): its measuring, its DuckDB floor and its report, at a tiny
size. The whole `make bench` path at a tiny size is marked `bench`: `make test` leaves it out
(it starts the service and times every step: over a minute), `make bench` runs it first."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

import pytest

from bench import report as bench_report
from bench import run as bench_run
from bench.floor import floor_sql, timed
from bench.measure import run_measured
from pipelines.demo.data import generate_demo_data


def test_run_measured_reports_time_memory_and_exit_code():
    m = run_measured([sys.executable, "-c", "x = bytearray(80 * 1024 * 1024); raise SystemExit(3)"])
    assert m.returncode == 3
    assert m.seconds > 0
    assert m.peak_rss_mb >= 80  # the child's own allocation, not the harness's size
    assert m.peak_rss_mb < 400


def test_floor_counts_every_participant_of_both_dialects(tmp_path):
    generate_demo_data(tmp_path, seed=1, participants=300, today=date(2026, 11, 30))
    import duckdb

    with duckdb.connect() as con:
        rows = con.execute(floor_sql(tmp_path)).fetchall()
    # the Finnish-dialect project's file is read too (its own headers, `;`, Windows-1252)
    assert "S30355" in {r[0] for r in rows}
    assert sum(r[2] for r in rows) >= 290  # EECO01: about every participant (minus duplicates)
    seconds, groups = timed(floor_sql(tmp_path))
    assert seconds > 0 and groups == len(rows)


def _summary(size: int, **values) -> dict:
    base = {key: 1.0 for _, key, _ in bench_report.COLUMNS}
    base.update(participants=size, steps={"build": {"seconds": 1.0, "peak_rss_mb": 10.0}}, pages=None)
    base.update(values)
    return base


def test_targets_and_report_render():
    results = {
        10_000: _summary(10_000, upload_to_dashboard_seconds=12.0),
        100_000: _summary(100_000, slowest_page_ms=120.0),
        1_000_000: _summary(1_000_000, peak_rss_mb=2000.0),
    }
    targets = {t["target"]: t["holds"] for t in bench_report.targets(results)}
    assert targets["10k: upload -> new numbers on the dashboard in the service <= 10 s"] is False
    assert targets["1M: peak memory <= 3 GB (MB)"] is True
    assert targets["100k: slowest dashboard page <= 300 ms (cold)"] is True
    report = {
        "started_at": "now", "machine": {"cpus": 2, "loadavg_before": [0, 0, 0], "loadavg_after": [0, 0, 0]},
        "git": {"commit": "abc", "dirty": False}, "floor_definition": "x",
        "sizes": [dict(r, repeats=1) for r in results.values()],
        "targets": bench_report.targets(results),
    }
    md = bench_report.markdown(report)
    assert "| participants |" in md and "**no**" in md
    assert "DOES NOT HOLD" in bench_report.table(report)


def test_only_small_sizes_without_big_results():
    targets = bench_report.targets({10_000: _summary(10_000, upload_to_dashboard_seconds=5.0)})
    holds = {t["target"]: t["holds"] for t in targets}
    assert holds["10k: upload -> new numbers on the dashboard in the service <= 10 s"] is True
    assert holds["1M: peak memory <= 3 GB (MB)"] is None  # not measured, not failed


@pytest.mark.bench
def test_bench_end_to_end_at_a_tiny_size(tmp_path, dbt_manifest):
    out = tmp_path / "results"
    code = bench_run.main([
        "--sizes", "300", "--repeats", "1", "--workdir", str(tmp_path / "work"),
        "--out", str(out), "--name", "tiny",
    ])
    assert code == 0
    report = json.loads((out / "tiny.json").read_text())
    (size,) = report["sizes"]
    assert size["participants"] == 300
    assert size["floor_seconds"] > 0 and size["build_seconds"] > 0
    assert size["ingest_build_seconds"] == pytest.approx(size["ingest_seconds"] + size["build_seconds"])
    assert size["peak_rss_mb"] > 0
    assert size["change_build_seconds"] > 0 and "withdraw one participant" in size["steps"]
    assert size["pages"]["pages"], "no dashboard page was timed"
    assert 0 < size["service"]["warm_upload"]["ingest_seconds"] < size["upload_to_dashboard_seconds"]
    assert Path(out / "tiny.md").read_text().startswith("# Benchmark results")


def test_files_longer_than_the_contract_allows_are_split_with_their_header(tmp_path):
    path = tmp_path / "02_participants.csv"
    path.write_bytes(b"\xef\xbb\xbfproject_code,participant_id\r\n" + b"".join(b"S1,P%d\r\n" % i for i in range(7)))
    parts = bench_run.split_rows(path, limit=3)
    assert [p.name for p in parts] == [f"02_participants.part{i}.csv" for i in (1, 2, 3)]
    assert not path.exists()
    lines = [p.read_bytes().splitlines() for p in parts]
    assert all(chunk[0] == b"\xef\xbb\xbfproject_code,participant_id" for chunk in lines)
    assert [len(chunk) - 1 for chunk in lines] == [3, 3, 1]
