"""Henkilötunnus: refused on the pattern, never stored, never echoed (spec 1 and 5.1);
Y-tunnus check digits (spec 5.2)."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
import zipfile
from pathlib import Path

import duckdb
import polars as pl
import pytest
from hypothesis import given, settings as hsettings, strategies as st
from stdnum.fi import hetu as std_hetu
from stdnum.fi import ytunnus as std_ytunnus

from indicators.identifiers import (
    contains_hetu,
    frame_contains_hetu,
    hetu_check_char,
    ytunnus_valid,
    ytunnus_valid_expr,
)
from pipelines.ingest import ingest_bytes, ingest_files
from tests.support.samples import SAMPLE_ROWS, sample_file, to_csv
from pipelines.settings import Settings

# Built, not written out whole, so this test file holds no complete identity code either.
BIRTH, CENTURY, INDIVIDUAL = "131052", "-", "308"
VALID = BIRTH + CENTURY + INDIVIDUAL + hetu_check_char(BIRTH, INDIVIDUAL)
WRONG_CHECK = BIRTH + CENTURY + INDIVIDUAL + ("A" if VALID[-1] != "A" else "B")


def test_reference_code_is_valid_per_stdnum():
    assert std_hetu.is_valid(VALID)
    assert not std_hetu.is_valid(WRONG_CHECK)


@pytest.mark.parametrize(
    "text",
    [
        VALID, WRONG_CHECK, VALID.lower(), f"hetu:{VALID}", f"x_{VALID}_y", f'"{VALID}"',
        "010203A123B",  # 2000s
        "290200A0010",  # 29.2.2000 (leap year)
        "010190+1234",  # 1800s
        "131052\u2013308H",  # an en dash from autocorrect
        f"P001;{VALID};x",
    ],
)
def test_hetu_pattern_matches(text):
    assert contains_hetu(text)


@pytest.mark.parametrize(
    "text",
    [
        "0116297-6",  # Y-tunnus
        "2025-03-31", "31.3.2025", "31.03.2025", "20250331-1200",
        "S30355", "4.1", "MK01", "P0000001", "A-001",
        "320190-123A",  # day 32
        "011390-123A",  # month 13
        "290201A0010",  # 29.2.2001 does not exist
        "010150A123B",  # born 2050: in the future
        "010190-123G",  # G is not a check character
        "1010190-123A",  # seven digits before the sign
        "010190-123AB",  # continues with a letter
        "010190-12",
        "+358401234567",
    ],
)
def test_hetu_pattern_does_not_match_ordinary_values(text):
    assert not contains_hetu(text, today=dt.date(2026, 1, 1))


def test_frame_scan_finds_codes_in_any_cell():
    frame = pl.DataFrame({"a": ["x", "y", None], "b": ["1", f"foo {WRONG_CHECK}", "2"]})
    assert frame_contains_hetu(frame)
    assert not frame_contains_hetu(frame.with_columns(b=pl.lit("0116297-6")))


@given(st.text(alphabet="0123456789-+ABCDEFUVWXY;,. \n", max_size=40))
@hsettings(max_examples=300, deadline=None)
def test_frame_scan_agrees_with_text_scan(text):
    frame = pl.DataFrame({"c": [text]})
    assert frame_contains_hetu(frame) == contains_hetu(text)


def _all_bytes_under(home: Path) -> bytes:
    chunks = []
    for root, _, files in os.walk(home):
        for f in files:
            chunks.append(Path(root, f).read_bytes())
    return b"\n".join(chunks)


def _variants(code: str) -> list[bytes]:
    out = []
    for enc in ("utf-8", "utf-16-le", "utf-16-be"):
        out.append(code.encode(enc))
        out.append(code.lower().encode(enc))
    return out


@pytest.mark.parametrize("where", ["cell", "header", "file_name", "sensitive_cell", "wrong_check", "cp1252"])
def test_refusal_leaves_no_trace(tmp_path, where):
    home = tmp_path / "home"
    s = Settings(home=home)
    assert ingest_bytes(s, sample_file("projects"), "projects.csv").exit_code == 0
    rows = [dict(r) for r in SAMPLE_ROWS["participants"]]
    name = "participants.csv"
    code = VALID
    if where == "cell":
        rows[1]["participant_id"] = code
    elif where == "sensitive_cell":
        rows[2]["disability"] = code
    elif where == "wrong_check":
        code = WRONG_CHECK
        rows[0]["participant_id"] = code
    elif where == "cp1252":
        rows[0]["participant_id"] = code
    data = to_csv("participants", rows, "finnish" if where == "cp1252" else "canonical")
    if where == "header":
        data = data.replace(b"homeless", code.encode(), 1)
    if where == "file_name":
        name = f"osallistujat_{code}.csv"
    path = tmp_path / "upload" / name
    path.parent.mkdir()
    path.write_bytes(data)
    out = io.StringIO()
    report_path = home / "reports" / "r.csv"
    code_exit = ingest_files(s, [path], out=out, report_path=report_path)
    assert code_exit == 2
    for text in (out.getvalue(), report_path.read_text(encoding="utf-8-sig")):
        assert code not in text and code.lower() not in text
        assert "file.henkilotunnus" in text
    everything = _all_bytes_under(home)
    for variant in _variants(code):
        assert variant not in everything
    assert {b.name for b in s.blobs_dir.iterdir()} == {hashlib.sha256(sample_file("projects")).hexdigest()}
    with duckdb.connect(str(s.ledger_path), read_only=True) as con:
        refusals = con.execute("SELECT sha256, size_bytes, reason, upload_id FROM refusals").fetchall()
        assert [(r[2], r[3]) for r in refusals] == [("file.henkilotunnus", None)]
        assert refusals[0][1] == len(data)
        assert con.execute("SELECT count(*) FROM uploads WHERE outcome = 'refused'").fetchone()[0] == 0
        assert con.execute("SELECT count(*) FROM participants_versions").fetchone()[0] == 0


def test_dry_run_refusal_writes_nothing(tmp_path):
    s = Settings(home=tmp_path / "home")
    rows = [dict(r) for r in SAMPLE_ROWS["projects"]]
    rows[0]["project_name"] = VALID
    report = ingest_bytes(s, to_csv("projects", rows), "projects.csv", dry_run=True)
    assert report.exit_code == 2 and report.refusal_reason == "file.henkilotunnus"
    assert not (tmp_path / "home").exists()


def test_hetu_in_xlsx_part_is_refused_and_not_stored(tmp_path):
    s = Settings(home=tmp_path / "home")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/worksheets/sheet2.xml", f"<sheetData><row><c t='inlineStr'><is><t>{VALID}</t></is></c></row></sheetData>")
    report = ingest_bytes(s, buf.getvalue(), "book.xlsx")
    assert report.refusal_reason == "file.henkilotunnus"
    assert not s.blobs_dir.exists() or not any(s.blobs_dir.iterdir())


def test_hetu_in_binary_file_is_refused_as_hetu(tmp_path):
    s = Settings(home=tmp_path / "home")
    report = ingest_bytes(s, b"\x00\x01" + VALID.encode() + b"\x00", "x.bin")
    assert report.refusal_reason == "file.henkilotunnus"
    assert not s.blobs_dir.exists() or not any(s.blobs_dir.iterdir())


def test_hetu_in_ragged_extra_cell_is_found(tmp_path):
    s = Settings(home=tmp_path / "home")
    data = to_csv("projects", SAMPLE_ROWS["projects"]).decode().splitlines()
    data[2] += "," + VALID  # a cell beyond the header's width, which the reader would drop
    report = ingest_bytes(s, ("\n".join(data) + "\n").encode(), "projects.csv")
    assert report.refusal_reason == "file.henkilotunnus"


# ---- Y-tunnus ------------------------------------------------------------------------------
@pytest.mark.parametrize("value, ok", [
    ("0116297-6", True), ("1572860-0", True), ("0116297-5", False), ("116297-6", False),
    ("01162976", False), ("0116297-", False), ("abcdefg-h", False),
])
def test_ytunnus(value, ok):
    assert ytunnus_valid(value) is ok
    assert pl.select(ytunnus_valid_expr(pl.lit(value))).item() is ok


@given(st.from_regex(r"[0-9]{7}-[0-9]", fullmatch=True))
@hsettings(max_examples=300, deadline=None)
def test_ytunnus_agrees_with_stdnum(value):
    assert ytunnus_valid(value) == std_ytunnus.is_valid(value)
    assert pl.select(ytunnus_valid_expr(pl.lit(value))).item() == std_ytunnus.is_valid(value)


def test_hetu_in_real_workbook_cell_is_refused(tmp_path):
    from tests.support.samples import to_xlsx

    s = Settings(home=tmp_path / "home")
    rows = [dict(r) for r in SAMPLE_ROWS["projects"]]
    rows[1]["lead_organisation"] = f"yhteyshenkilö {WRONG_CHECK}"
    out = io.StringIO()
    path = tmp_path / "hankkeet.xlsx"
    path.write_bytes(to_xlsx("projects", rows))
    assert ingest_files(s, [path], out=out) == 2
    assert WRONG_CHECK not in out.getvalue() and "file.henkilotunnus" in out.getvalue()
    everything = _all_bytes_under(tmp_path / "home")
    assert all(v not in everything for v in _variants(WRONG_CHECK))
    assert not s.blobs_dir.exists() or not any(s.blobs_dir.iterdir())


@pytest.mark.parametrize("container", ["utf16_no_bom", "zip_of_csv"])
def test_hetu_inside_other_containers_is_found(tmp_path, container):
    s = Settings(home=tmp_path / "home")
    rows = [dict(r) for r in SAMPLE_ROWS["projects"]]
    rows[0]["project_name"] = VALID
    text = to_csv("projects", rows).decode()
    if container == "utf16_no_bom":
        data = text.encode("utf-16-le")
    else:
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as z:
            z.writestr("hankkeet.csv", text)
        data = buf.getvalue()
    report = ingest_bytes(s, data, "upload.bin")
    assert report.refusal_reason == "file.henkilotunnus"
    assert not s.blobs_dir.exists() or not any(s.blobs_dir.iterdir())
