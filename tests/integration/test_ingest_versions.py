"""Versions in the ledger: insert, update, unchanged, withdraw; dialects; dry run (spec 2)."""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

import duckdb
import polars as pl
import pytest

from indicators.contract import CONTRACT
from indicators.ledger_schema import PROBLEMS_COLUMNS, REFUSALS_COLUMNS, UPLOADS_COLUMNS, column_definitions
from pipelines.ingest import ingest_bytes, ingest_files, withdraw
from pipelines.ingest.report import neutralise
from tests.support.samples import LOAD_ORDER, SAMPLE_ROWS, sample_file, to_csv
from pipelines.settings import Settings

P = "participants"


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    s = Settings(home=tmp_path / "home")
    assert ingest_bytes(s, sample_file("projects"), "projects.csv").exit_code == 0
    return s


def versions(s: Settings, kind: str) -> pl.DataFrame:
    with duckdb.connect(str(s.ledger_path), read_only=True) as con:
        return con.sql(f"SELECT * FROM {kind}_versions ORDER BY upload_id, source_row").pl()


def current(s: Settings, kind: str) -> pl.DataFrame:
    """What downstream rebuilds raw.<kind> from: the latest version per key."""
    key = ", ".join(CONTRACT[kind].key)
    with duckdb.connect(str(s.ledger_path), read_only=True) as con:
        return con.sql(
            f"SELECT * EXCLUDE (upload_id, source_row) FROM {kind}_versions "
            f"QUALIFY row_number() OVER (PARTITION BY {key} ORDER BY upload_id DESC) = 1 ORDER BY {key}"
        ).pl()


def table(s: Settings, name: str) -> pl.DataFrame:
    with duckdb.connect(str(s.ledger_path), read_only=True) as con:
        return con.sql(f"SELECT * FROM {name}").pl()


def test_ledger_layout(settings):
    with duckdb.connect(str(settings.ledger_path), read_only=True) as con:
        cols = lambda t: [r[0] for r in con.execute(f"DESCRIBE {t}").fetchall()]  # noqa: E731
        assert cols("uploads") == [n for n, _ in UPLOADS_COLUMNS]
        assert cols("problems") == [n for n, _ in PROBLEMS_COLUMNS]
        assert cols("refusals") == [n for n, _ in REFUSALS_COLUMNS]
        for kind in CONTRACT.values():
            assert cols(f"{kind.name}_versions") == [n for n, _ in column_definitions(kind)]


def test_insert_update_unchanged_withdrawn(settings):
    rows = [dict(r) for r in SAMPLE_ROWS[P]]
    r1 = ingest_bytes(settings, to_csv(P, rows), "p.csv")
    assert (r1.inserted, r1.updated, r1.unchanged, r1.withdrawn, r1.outcome) == (3, 0, 0, 0, "applied")

    rows[0]["age_at_entry"] = "35"
    rows[1]["withdrawn"] = "kyllä"
    r2 = ingest_bytes(settings, to_csv(P, rows), "p2.csv")
    assert (r2.inserted, r2.updated, r2.unchanged, r2.withdrawn) == (0, 1, 1, 1)

    # Omission never deletes; a withdrawn record stays withdrawn until a row says otherwise.
    r3 = ingest_bytes(settings, to_csv(P, rows[:1]), "p3.csv")
    assert (r3.unchanged, r3.outcome) == (1, "unchanged")
    cur = current(settings, P)
    assert cur.height == 3
    assert cur.filter(pl.col("participant_id") == "P002")["withdrawn"].to_list() == [True]
    assert cur.filter(pl.col("participant_id") == "P001")["age_at_entry"].to_list() == [35]

    # Every version is kept with the upload it came from.
    v = versions(settings, P)
    assert v.height == 5
    assert v.filter(pl.col("participant_id") == "P001")["upload_id"].to_list() == [r1.upload_id, r2.upload_id]
    assert v["source_row"].min() == 2

    rows[1]["withdrawn"] = "ei"
    r4 = ingest_bytes(settings, to_csv(P, rows), "p4.csv")
    assert (r4.updated, r4.withdrawn) == (1, 0)


def test_identical_reupload_changes_nothing_and_says_so(settings):
    data = sample_file(P)
    first = ingest_bytes(settings, data, "p.csv")
    before = versions(settings, P)
    again = ingest_bytes(settings, data, "p.csv")
    assert (again.inserted, again.updated, again.unchanged, again.outcome) == (0, 0, 3, "unchanged")
    assert again.previous_upload_id == first.upload_id
    text = again.format_text()
    assert "ei muutoksia" in text and "nothing changed" in text and f"#{first.upload_id}" in text
    assert versions(settings, P).equals(before)


def test_finnish_dialect_gives_identical_ledger(tmp_path):
    canonical = Settings(home=tmp_path / "canonical")
    finnish = Settings(home=tmp_path / "finnish")
    for kind in LOAD_ORDER:
        fi = sample_file(kind, "finnish")
        assert b";" in fi.splitlines()[0] and fi.decode("cp1252")  # really the dialect
        r1 = ingest_bytes(canonical, sample_file(kind), f"{kind}.csv")
        r2 = ingest_bytes(finnish, fi, f"{kind}.csv")
        assert r1.exit_code == r2.exit_code == 0, r2.format_text()
        assert r2.encoding == ("cp1252" if any(b > 127 for b in fi) else "utf-8")
    for kind in LOAD_ORDER:
        a, b = versions(canonical, kind), versions(finnish, kind)
        assert a.height == len(SAMPLE_ROWS[kind])
        assert a.equals(b), kind
    # ... and the Finnish file re-uploaded onto the canonical ledger changes nothing.
    for kind in LOAD_ORDER:
        r = ingest_bytes(canonical, sample_file(kind, "finnish"), f"{kind}.csv")
        assert r.unchanged == len(SAMPLE_ROWS[kind]) and r.outcome == "unchanged"


def test_dry_run_writes_nothing_not_even_the_blob(tmp_path):
    s = Settings(home=tmp_path / "home")
    report = ingest_bytes(s, sample_file("projects"), "projects.csv", dry_run=True)
    assert report.dry_run and report.inserted == 2 and report.upload_id is None
    assert not s.home.exists() or not any(p.is_file() and p.name != ".writer.lock" for p in s.home.rglob("*"))
    assert ingest_bytes(s, sample_file("projects"), "projects.csv").inserted == 2
    before = {p: p.stat().st_mtime_ns for p in s.home.rglob("*") if p.is_file()}
    rows = [dict(r) for r in SAMPLE_ROWS["projects"]]
    rows[0]["budget_eur"] = "1"
    report = ingest_bytes(s, to_csv("projects", rows), "projects.csv", dry_run=True)
    assert (report.updated, report.unchanged) == (1, 1)
    assert "DRY RUN" in report.format_text() and "ESIKATSELU" in report.format_text()
    after = {p: p.stat().st_mtime_ns for p in s.home.rglob("*") if p.is_file()}
    assert before == after


def test_blob_is_stored_byte_for_byte(settings):
    data = sample_file(P, "finnish")
    report = ingest_bytes(settings, data, "p.csv")
    assert (settings.blobs_dir / report.sha256).read_bytes() == data
    assert not [p for p in settings.blobs_dir.iterdir() if p.name.startswith(".")]


def test_problems_stored_with_upload(settings):
    rows = [dict(r) for r in SAMPLE_ROWS[P]]
    rows[0]["gender"] = "x"
    report = ingest_bytes(settings, to_csv(P, rows), "p.csv")
    problems = table(settings, "problems").filter(pl.col("upload_id") == report.upload_id)
    assert problems.select("row_number", "column_name", "value", "rule_id", "severity").rows() == [
        (2, "gender", "x", "participants.gender.code", "error")
    ]
    up = table(settings, "uploads").filter(pl.col("upload_id") == report.upload_id)
    assert up.select("file_name", "kind", "rows_read", "inserted", "rejected", "outcome").rows() == [
        ("p.csv", P, 3, 2, 1, "partially_applied")
    ]


def test_withdraw_command(settings):
    ingest_bytes(settings, sample_file(P), "p.csv")
    report = withdraw(settings, P, "S30355", "P001")
    assert (report.withdrawn, report.exit_code) == (1, 0)
    cur = current(settings, P).filter(pl.col("participant_id") == "P001")
    assert cur["withdrawn"].to_list() == [True] and cur["age_at_entry"].to_list() == [34]
    again = withdraw(settings, P, "S30355", "P001")
    assert (again.unchanged, again.exit_code, again.outcome) == (1, 0, "unchanged")
    assert withdraw(settings, P, "S30355", "NOPE").exit_code == 2
    assert withdraw(settings, P, "S30355", None).refusal_reason == "withdraw.bad_key"
    assert withdraw(settings, "projects", "S30356").withdrawn == 1
    # Re-uploading the original file un-withdraws P001 (its row says withdrawn is empty = no).
    r = ingest_bytes(settings, sample_file(P), "p.csv")
    assert r.updated == 1


def test_withdraw_multi_part_keys(settings):
    ingest_bytes(settings, sample_file("activities"), "a.csv")
    ingest_bytes(settings, sample_file("feedback"), "f.csv")
    ingest_bytes(settings, sample_file("targets"), "t.csv")
    assert withdraw(settings, "feedback", "S30355", "A-001/R1").withdrawn == 1
    assert withdraw(settings, "targets", "project", "S30355/EECO02/31.12.2026").withdrawn == 1
    assert withdraw(settings, "targets", "project", "S30355/EECO02").refusal_reason == "withdraw.bad_key"
    assert current(settings, "targets").filter(pl.col("withdrawn")).height == 1


def test_report_files_csv_and_json(settings, tmp_path):
    rows = [dict(r) for r in SAMPLE_ROWS[P]]
    rows[0]["participant_id"] = "=HYPERLINK(1)"
    rows[1]["gender"] = "@cmd"
    path = tmp_path / "p.csv"
    path.write_bytes(to_csv(P, rows))
    out = io.StringIO()
    assert ingest_files(settings, [path], report_path=tmp_path / "r.csv", out=out) == 1
    raw = (tmp_path / "r.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    cells = [c for row in csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";") for c in row]
    assert "'=HYPERLINK(1)" in cells and "'@cmd" in cells
    assert not any(c.startswith(("=", "+", "@", "\t", "\r")) for c in cells)
    assert not any(c.startswith("-") and c != "-" for c in cells)

    assert ingest_files(settings, [path], report_path=tmp_path / "r.json", out=out, dry_run=True) == 1
    payload = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert payload[0]["summary"]["rejected"] == 2 and payload[0]["summary"]["dry_run"] is True
    assert {p["rule_id"] for p in payload[0]["problems"]} == {
        "participants.participant_id.pattern", "participants.gender.code"
    }
    text = out.getvalue()
    assert "Ongelmat / Problems" in text and "rivi / row 2" in text
    en_first = io.StringIO()
    ingest_files(settings, [path], out=en_first, dry_run=True, lang="en")
    assert "Problems / Ongelmat" in en_first.getvalue()


@pytest.mark.parametrize("cell, expected", [
    ("=1+1", "'=1+1"), ("+1", "'+1"), ("-1", "'-1"), ("@x", "'@x"), ("\tx", "'\tx"), ("\rx", "'\rx"),
    ("ok", "ok"), (None, ""), (5, "5"),
])
def test_neutralise(cell, expected):
    assert neutralise(cell) == expected


def test_connection_is_closed_after_ingest(settings):
    ingest_bytes(settings, sample_file(P), "p.csv")
    # Another process (dbt, the web page) can take the file's write lock right away.
    code = (
        "import duckdb,sys; c=duckdb.connect(sys.argv[1]); c.execute('CREATE TABLE IF NOT EXISTS t(x INT)'); c.close()"
    )
    import subprocess
    import sys

    subprocess.run([sys.executable, "-c", code, str(settings.ledger_path)], check=True, env=dict(os.environ))
