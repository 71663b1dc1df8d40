"""Bounded work for any file (issue 14, part 1): the limits are checked before the expensive
step, and refusing any of these files under 100 MB peaks well under 1 GB of memory, measured
in a child process (its own peak resident set, the kernel's VmHWM). Refused files are kept
only within the quota and the retention, and never when they could not be scanned."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import duckdb
import pytest

from pipelines.ingest import ingest_bytes, refused_files
from pipelines.settings import Settings
from tests.support.samples import SAMPLE_ROWS, sample_file, to_csv, to_xlsx, with_sheet_xml
from tests.support.paths import REPO_ROOT

REPO = REPO_ROOT
PEAK_LIMIT_MB = 1024

# One child ingests the files one after the other and reports, after each, its peak resident
# set so far (it only grows): every refusal stays under the final peak, and the step where the
# peak rose shows which file raised it. One child: its start (≈ 1.5 s) paid once. The peak is
# the kernel's VmHWM, which starts afresh at exec: `ru_maxrss` (self or RUSAGE_CHILDREN) keeps
# the forked parent's resident set across exec, and the test process holds the files.
_CHILD = """
import json, re, sys, time
from pathlib import Path
from pipelines.ingest import ingest_bytes
from pipelines.settings import Settings
for i, path in enumerate(map(Path, sys.argv[2:])):
    started = time.monotonic()
    report = ingest_bytes(Settings(home=Path(sys.argv[1]) / str(i)), path.read_bytes(), path.name)
    print(json.dumps({
        "name": path.name, "exit_code": report.exit_code, "refusal_reason": report.refusal_reason,
        "rule_ids": sorted(set(report.problems["rule_id"].to_list())), "inserted": report.inserted,
        "seconds": time.monotonic() - started,
        "peak_mb": int(re.search(r"VmHWM:\\s+(\\d+) kB", Path("/proc/self/status").read_text())[1]) / 1024,
    }), flush=True)
"""


def _ingest_in_child(tmp_path: Path, files: dict[str, bytes]) -> dict[str, dict]:
    """{file name: its report's essentials, its time, the child's peak after it}."""
    paths = []
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
        paths.append(str(tmp_path / name))
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, str(tmp_path / "homes"), *paths],
        cwd=REPO, capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    results = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    return {r["name"]: r for r in results}


# ---- the files --------------------------------------------------------------------------------
def _wide_header() -> bytes:
    """A 2 MB CSV whose header has a million columns (it took 12 GB and two minutes)."""
    return (",".join(["a"] * 1_000_000) + "\nS30355\n").encode()


def _wide_row() -> bytes:
    """A valid header, then a row of a million cells."""
    lines = sample_file("projects").decode().splitlines()
    return "\n".join(lines[:2] + [lines[2] + "," * 1_000_000] + lines[3:]).encode() + b"\n"


def _huge_cell(mb: int) -> bytes:
    rows = [dict(r) for r in SAMPLE_ROWS["projects"]]
    rows[0]["project_name"] = "Hanke " + "x" * (mb << 20)
    return to_csv("projects", rows)


def _deflate_zeros(mib: int) -> bytes:
    """A raw deflate stream of `mib` MiB of zero bytes, made without inflating it: one MiB
    compressed with a full flush (byte-aligned, independent of what came before) repeated."""
    c = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    segment = c.compress(b"\0" * (1 << 20)) + c.flush(zlib.Z_FULL_FLUSH)
    return segment * mib + c.flush(zlib.Z_FINISH)


def _zip(members: list[tuple[str, bytes, int, int]]) -> bytes:
    """A zip written by hand: (name, deflated bytes, declared size, declared CRC) per member."""
    out, central = io.BytesIO(), io.BytesIO()
    for name, body, size, crc in members:
        offset = out.tell()
        encoded = name.encode()
        fields = (20, 0, 8, 0, 0, crc, len(body), size, len(encoded), 0)
        out.write(b"PK\x03\x04" + struct.pack("<HHHHHIIIHH", *fields) + encoded + body)
        central.write(b"PK\x01\x02" + struct.pack("<HHHHHHIIIHHHHHII", 20, *fields, 0, 0, 0, 0, offset) + encoded)
    directory = central.getvalue()
    end = struct.pack("<HHHHIIH", 0, 0, len(members), len(members), len(directory), out.tell(), 0)
    return out.getvalue() + directory + b"PK\x05\x06" + end


def _bomb() -> bytes:
    """An XLSX whose sheet declares 300 bytes (with the CRC of its first 300 bytes, so a reader
    that trusts the declaration finds nothing wrong) and inflates to 2.1 GiB."""
    deflate = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    workbook = b'<?xml version="1.0"?><workbook><sheets><sheet name="a" sheetId="1" r:id="rId1"/></sheets></workbook>'
    small = deflate.compress(workbook) + deflate.flush()
    return _zip([
        ("xl/workbook.xml", small, len(workbook), zlib.crc32(workbook)),
        ("xl/worksheets/sheet1.xml", _deflate_zeros(2150), 300, zlib.crc32(b"\0" * 300)),
    ])


def _sheet(change) -> bytes:
    return with_sheet_xml(to_xlsx("projects", SAMPLE_ROWS["projects"]), change)


def _far_corner(xml: str) -> str:
    """A cell at XFD1048576 too: a reader allocates the 16,384 x 1,048,576 rectangle (512 GB)."""
    return xml.replace("</sheetData>", '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>')


def _unreferenced_row(xml: str) -> str:
    """300,000 cells without references in one row: a reader places them in 300,000 columns."""
    return xml.replace("</sheetData>", "<row>" + "<c><v>1</v></c>" * 300_000 + "</row></sheetData>")


CASES = {  # name: (file, the refusal expected; None: read, the extra cells dropped)
    "wide.csv": (_wide_header, "file.too_many_columns"),  # a header of a million columns
    "wide_row.csv": (_wide_row, None),  # a row of a million cells
    "rows.csv": (lambda: b"project_code,x\n" + b"S1,\n" * 25_000_000, "file.too_many_rows"),  # 100 MB
    "bomb.xlsx": (_bomb, "file.too_large"),  # a zip bomb declaring 300 bytes
    "far.xlsx": (lambda: _sheet(_far_corner), "file.too_many_columns"),  # a cell at XFD1048576
    "rless.xlsx": (lambda: _sheet(_unreferenced_row), "file.xlsx_layout"),  # unreferenced cells
}
HUGE_CELL = "hankkeet.csv"  # a 50 MB project name


def test_hostile_files_are_refused_cheaply(tmp_path):
    files = {name: make() for name, (make, _) in CASES.items()} | {HUGE_CELL: _huge_cell(50)}
    results = _ingest_in_child(tmp_path, files)
    del files
    for name, r in results.items():
        print(f"{name}: peak so far {r['peak_mb']:.0f} MB, {r['seconds']:.1f} s")
    assert list(results) == [*CASES, HUGE_CELL]
    assert max(r["peak_mb"] for r in results.values()) < PEAK_LIMIT_MB
    for name, (_, reason) in CASES.items():
        r = results[name]
        assert r["seconds"] < 20, name
        if reason is None:
            assert r["exit_code"] == 0 and "file.ragged_rows" in r["rule_ids"], name
        else:
            assert (r["exit_code"], r["refusal_reason"]) == (2, reason), name
    # the bomb could not be scanned: nothing of it kept
    assert not any((tmp_path / "homes" / str(list(CASES).index("bomb.xlsx"))).rglob("blobs/*"))
    # a 50 MB project name is a row error: that row is not applied, the others are
    r = results[HUGE_CELL]
    assert "projects.project_name.too_long" in r["rule_ids"]
    assert r["exit_code"] == 1 and r["inserted"] == len(SAMPLE_ROWS["projects"]) - 1
    ledger = tmp_path / "homes" / str(len(CASES)) / "uploads" / "ledger.duckdb"
    with duckdb.connect(str(ledger), read_only=True) as con:
        assert con.execute("SELECT max(length(project_name)) FROM projects_versions").fetchone()[0] < 500


def test_the_cell_limit_is_a_setting(tmp_path):
    rows = [dict(r) for r in SAMPLE_ROWS["projects"]]
    rows[0]["project_name"] = "x" * 600
    data = to_csv("projects", rows)
    strict = ingest_bytes(Settings(home=tmp_path / "a"), data, "p.csv", dry_run=True)
    assert "projects.project_name.too_long" in strict.problems["rule_id"].to_list()
    loose = ingest_bytes(Settings(home=tmp_path / "b", max_cell_chars=1000), data, "p.csv", dry_run=True)
    assert loose.exit_code == 0
    assert Settings.from_env({"IMPACT_MAX_CELL_CHARS": "1000"}).max_cell_chars == 1000
    with pytest.raises(ValueError):
        Settings.from_env({"IMPACT_REFUSED_QUOTA_MB": "-1"})


# ---- refused files: quota and retention -----------------------------------------------------------
def _refused(i: int, kb: int) -> bytes:
    """A file refused as of no known kind, `kb` KB, different for every i."""
    return (f"colour,size\nred,{i}\n" + "blue,3\n" * (kb * 1024 // 7)).encode()


def _blobs(s: Settings) -> set[str]:
    return {p.name for p in s.blobs_dir.iterdir()} if s.blobs_dir.exists() else set()


def test_refused_files_are_kept_within_the_quota(tmp_path):
    s = Settings(home=tmp_path / "home", refused_quota_mb=1)
    accepted = sample_file("projects")
    assert ingest_bytes(s, accepted, "projects.csv").exit_code == 0
    # the same bytes refused (a kind that does not exist): still the accepted upload's blob
    assert ingest_bytes(s, accepted, "projects.csv", kind="people").refusal_reason == "file.unknown_kind_name"
    files = [_refused(i, 400) for i in range(4)]
    for data in files:
        assert ingest_bytes(s, data, "x.csv").refusal_reason == "file.unknown_kind"
    digests = [hashlib.sha256(d).hexdigest() for d in files]
    # 1 MB holds two of the 400 KB files: the newest two are kept, the accepted blob always
    assert _blobs(s) == {hashlib.sha256(accepted).hexdigest(), *digests[2:]}
    too_big = _refused(9, 1100)
    assert ingest_bytes(s, too_big, "x.csv").refusal_reason == "file.unknown_kind"
    assert hashlib.sha256(too_big).hexdigest() not in _blobs(s)
    with duckdb.connect(str(s.ledger_path), read_only=True) as con:  # every refusal is listed
        assert con.execute("SELECT count(*) FROM uploads WHERE outcome = 'refused'").fetchone()[0] == 6


def test_refused_files_are_dropped_after_the_retention(tmp_path):
    s = Settings(home=tmp_path / "home", refused_retention_days=30)
    old = _refused(1, 10)
    ingest_bytes(s, old, "x.csv")
    assert hashlib.sha256(old).hexdigest() in _blobs(s)
    later = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None) + dt.timedelta(days=31)
    new = _refused(2, 10)
    assert refused_files.keep(s, hashlib.sha256(new).hexdigest(), new, later)
    assert _blobs(s) == {hashlib.sha256(new).hexdigest()}
    never = Settings(home=tmp_path / "never", refused_retention_days=0)
    ingest_bytes(never, old, "x.csv")
    assert _blobs(never) == set()
