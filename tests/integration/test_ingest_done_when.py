"""Issue 3's "Done when", through the real command line and (for the dialect) `impact build` and
`impact export`:

- a Finnish-dialect file gives exactly the same warehouse content and indicators as the same
  data in canonical form;
- unreadable, empty, binary, missing-column and identity-code files exit 2 and load nothing
  (identity-code files leave no trace of the value anywhere under IMPACT_HOME); files with
  some bad rows exit 1, apply the good rows and report every bad one.
(The third item, every rule with a failing and a passing example, is test_ingest_rule_coverage.)
"""

from __future__ import annotations

import csv
import io
import os
import re
from pathlib import Path

import duckdb
import pytest

from tests.support.samples import LOAD_ORDER, SAMPLE_ROWS, sample_file, to_csv
from tests.support.cli import run_impact

HETU = "131052-308T"  # the Population Register Centre's published example
CUTOFFS = ("2024-06-30", "2024-12-31", "2026-12-31")


def _relations(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The raw and mart relations, but for those naming the files themselves (their SHA-256):
    the upload list and the raw tables' load state."""
    rows = con.execute(
        "SELECT table_schema, table_name FROM information_schema.tables "
        "WHERE table_schema IN ('raw', 'marts') AND table_name NOT IN ('uploads', 'load_state')"
        " ORDER BY ALL"
    ).fetchall()
    return [f"{schema}.{name}" for schema, name in rows]


@pytest.fixture(scope="module")
def homes(tmp_path_factory, dbt_manifest) -> dict[str, Path]:
    """The sample data of every kind, once canonical and once in Finnish Excel's dialect
    (`;`, Windows-1252, Finnish headers in mixed case, d.m.yyyy, decimal commas, kyllä/ei,
    nainen/mies/muu), each ingested with `impact ingest` and built with `impact build`."""
    out = {}
    for dialect in ("canonical", "finnish"):
        home = tmp_path_factory.mktemp(dialect)
        files = tmp_path_factory.mktemp(f"{dialect}_files")
        for kind in LOAD_ORDER:
            path = files / f"{kind}.csv"
            path.write_bytes(sample_file(kind, dialect))
            result = run_impact(home, "ingest", str(path))  # the kind detected from the header
            assert result.returncode == 0, result.stdout + result.stderr
        build = run_impact(home, "build")
        assert build.returncode == 0, build.stdout[-3000:] + build.stderr[-3000:]
        out[dialect] = home
    return out


@pytest.mark.slow
def test_finnish_dialect_gives_the_same_warehouse(homes):
    finnish_bytes = sample_file("participants", "finnish")
    assert b";" in finnish_bytes.splitlines()[0] and b"Kyll\xe4" in finnish_bytes  # really cp1252
    with duckdb.connect(str(homes["canonical"] / "warehouse" / "warehouse.duckdb"), read_only=True) as a, \
            duckdb.connect(str(homes["finnish"] / "warehouse" / "warehouse.duckdb"), read_only=True) as b:
        relations = _relations(a)
        assert relations == _relations(b)
        assert {"raw.participants", "raw.targets", "marts.indicator_increments", "marts.indicator_values"} <= set(relations)
        for relation in relations:
            query = f"SELECT * FROM {relation} ORDER BY ALL"
            left, right = a.sql(query).pl(), b.sql(query).pl()
            # the sample files are clean: no problems to summarise; no period has been approved
            empty_here = ("raw.upload_problems", "raw.approved_values")
            assert left.height > 0 or relation.startswith("marts.") or relation in empty_here, relation
            assert left.equals(right), relation
        counted = a.execute(
            "SELECT sum(n) FROM marts.indicator_increments WHERE scope_type = 'programme'"
        ).fetchone()[0]
        assert counted > 0  # the comparison is about real indicator values


@pytest.mark.slow
def test_finnish_dialect_gives_the_same_indicators(homes, tmp_path):
    for cutoff in CUTOFFS:
        exported = []
        for dialect, home in homes.items():
            out = tmp_path / dialect / cutoff
            result = run_impact(home, "export", "--cutoff", cutoff, "--provisional", "--out", str(out))
            assert result.returncode == 0, result.stderr
            exported.append((out / "indicator_values.csv").read_bytes())
        assert exported[0] == exported[1], cutoff
    rows = list(csv.DictReader(io.StringIO(exported[0].decode("utf-8"))))
    values = {(r["scope_type"], r["indicator_code"], r["gender"]): r["value"] for r in rows}
    assert values[("programme", "EECO01", "total")] == "3"


# ---- bad files through `impact ingest` --------------------------------------------------------
def _all_bytes(home: Path) -> bytes:
    return b"\n".join(p.read_bytes() for p in home.rglob("*") if p.is_file())


def _versions(home: Path) -> int:
    with duckdb.connect(str(home / "uploads" / "ledger.duckdb"), read_only=True) as con:
        return con.execute("SELECT count(*) FROM participants_versions").fetchone()[0]


def _header_without(column: str) -> bytes:
    rows = [{k: v for k, v in r.items() if k != column} for r in SAMPLE_ROWS["participants"]]
    return to_csv("participants", rows)


BAD_FILES = {
    "unreadable": (b'project_code,participant_id\n"never closed,P1\nS30355,P2\n', "file.unreadable"),
    "empty": (b"", "file.empty"),
    "binary": (bytes(range(256)) * 4, "file.binary"),
    "missing_column": (_header_without("gender"), "file.missing_column"),
}


@pytest.fixture
def loaded_home(tmp_path) -> Path:
    home = tmp_path / "home"
    path = tmp_path / "projects.csv"
    path.write_bytes(sample_file("projects"))
    assert run_impact(home, "ingest", str(path)).returncode == 0
    return home


@pytest.mark.parametrize("name", list(BAD_FILES))
def test_bad_file_exits_2_and_loads_nothing(loaded_home, tmp_path, name):
    data, rule = BAD_FILES[name]
    path = tmp_path / f"{name}.csv"
    path.write_bytes(data)
    result = run_impact(loaded_home, "ingest", "--kind", "participants", str(path))
    assert result.returncode == 2, result.stdout + result.stderr
    assert rule in result.stdout and "Traceback" not in result.stderr
    assert _versions(loaded_home) == 0


@pytest.mark.parametrize("where", ["cell", "header", "file_name"])
def test_identity_code_exits_2_and_leaves_no_trace(loaded_home, tmp_path, where):
    rows = [dict(r) for r in SAMPLE_ROWS["participants"]]
    name = "participants.csv"
    if where == "cell":
        rows[1]["participant_id"] = HETU
    data = to_csv("participants", rows, "finnish")
    if where == "header":
        data = re.sub(rb"(?i)asunnoton", HETU.encode(), data, count=1)  # in the header row
        assert HETU.encode() in data
    if where == "file_name":
        name = f"osallistujat {HETU}.csv"
    path = tmp_path / name
    path.write_bytes(data)
    report = tmp_path / "report.csv"
    result = run_impact(loaded_home, "ingest", "--report", str(report), str(path))
    assert result.returncode == 2, result.stdout + result.stderr
    assert "file.henkilotunnus" in result.stdout
    for text in (result.stdout, result.stderr, report.read_text(encoding="utf-8-sig")):
        assert HETU not in text and HETU.lower() not in text
    everything = _all_bytes(loaded_home)
    for variant in (HETU, HETU.lower(), HETU.replace("-", "")):
        assert variant.encode() not in everything and variant.encode("utf-16-le") not in everything
    assert _versions(loaded_home) == 0
    listed = run_impact(loaded_home, "uploads")
    assert "file.henkilotunnus" in listed.stdout and HETU not in listed.stdout


def test_some_bad_rows_exit_1_apply_the_good_ones_and_report_each(loaded_home, tmp_path):
    rows = [dict(r) for r in SAMPLE_ROWS["participants"]]
    rows[0]["gender"] = "x"  # row 2
    rows[2]["entry_date"] = "31.2.2024"  # row 4
    path = tmp_path / "participants.csv"
    path.write_bytes(to_csv("participants", rows))
    report = tmp_path / "report.csv"
    result = run_impact(loaded_home, "ingest", "--report", str(report), str(path))
    assert result.returncode == 1, result.stdout + result.stderr
    assert _versions(loaded_home) == 1
    lines = list(csv.reader(io.StringIO(report.read_text(encoding="utf-8-sig")), delimiter=";"))
    problems = [line for line in lines if len(line) == 9 and line[0].isdigit()]
    assert [(p[0], p[1], p[3], p[7], p[8]) for p in problems] == [
        ("2", "gender", "participants.gender.code", rows[0]["participant_id"], "gender"),
        ("4", "entry_date", "participants.entry_date.no_such_date", rows[2]["participant_id"], "entry_date"),
    ]
    assert "rivi / row 2" in result.stdout and "rivi / row 4" in result.stdout
    assert os.path.getsize(report) > 0
