"""`impact uploads`: every upload listed; the stored bytes of an upload retrievable exactly."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import polars as pl
import pytest

from pipelines.ingest import ingest_bytes, withdraw
from pipelines.ingest.history import (
    BytesNotStored,
    UploadNotFound,
    format_uploads,
    list_uploads,
    show_uploads,
    stored_report,
    upload_bytes,
)
from tests.support.samples import SAMPLE_ROWS, sample_file, to_csv
from pipelines.settings import Settings
from tests.support.cli import run_impact

HETU = "131052-308T"  # the Population Register Centre's published example


@pytest.fixture
def history(tmp_path: Path) -> tuple[Settings, dict[str, bytes]]:
    """A home with one upload of each outcome: applied, partially applied (Finnish dialect),
    unchanged, refused (stored), refused for a henkilötunnus (not stored), and a withdrawal."""
    s = Settings(home=tmp_path / "home")
    rows = [dict(r) for r in SAMPLE_ROWS["participants"]]
    rows[0]["gender"] = "x"
    files = {
        "projects.csv": sample_file("projects"),
        "osallistujat.csv": to_csv("participants", rows, "finnish"),
        "projects again.csv": sample_file("projects"),
        "binary.csv": b"\x00\x01\x02 not a table",
    }
    for name, data in files.items():
        ingest_bytes(s, data, name)
    hetu_rows = [dict(r) for r in SAMPLE_ROWS["participants"]]
    hetu_rows[1]["participant_id"] = HETU
    assert ingest_bytes(s, to_csv("participants", hetu_rows), "p.csv").refusal_reason == "file.henkilotunnus"
    assert withdraw(s, "participants", "S30355", "P002").withdrawn == 1
    return s, files


def test_list_uploads_returns_every_upload(history):
    s, files = history
    frame = list_uploads(s)
    assert frame.height == 6
    assert frame["outcome"].to_list() == [
        "applied", "partially_applied", "unchanged", "refused", "refused", "applied",
    ]
    assert frame["file_name"].to_list() == [
        "projects.csv", "osallistujat.csv", "projects again.csv", "binary.csv", None, "(impact withdraw)",
    ]
    assert frame["upload_id"].to_list() == [1, 2, 3, 4, None, 5]
    assert frame["sha256"].to_list()[:4] == [hashlib.sha256(d).hexdigest() for d in files.values()]
    assert frame["refusal_reason"].to_list()[3:5] == ["file.binary", "file.henkilotunnus"]
    p = frame.row(1, named=True)
    assert (p["kind"], p["rows_read"], p["inserted"], p["rejected"]) == ("participants", 3, 2, 1)
    assert frame["received_at"].is_sorted()
    # Only the kind asked for; the henkilötunnus refusal has no kind, so it is not among them.
    assert list_uploads(s, "participants")["upload_id"].to_list() == [2, 5]


def test_table_is_readable_and_hides_nothing_it_should_not_show(history):
    s, _ = history
    text = format_uploads(list_uploads(s))
    lines = text.splitlines()
    assert lines[0].split()[:3] == ["lataus", "aika", "(UTC)"]
    assert lines[1].split()[:3] == ["upload", "time", "(UTC)"]
    assert len(lines) == 2 + 6
    assert "osallistujat.csv" in text and "partially_applied" in text
    assert "refused (file.binary)" in text and "refused (file.henkilotunnus)" in text
    assert "(nimi piilotettu) (name hidden)" in text
    assert HETU not in text
    sha = hashlib.sha256(sample_file("projects")).hexdigest()
    assert sha[:12] in text and sha not in text
    assert format_uploads(list_uploads(Settings(home=s.home / "nothing"))) == "Ei latauksia. / No uploads.\n"


def test_upload_bytes_are_byte_for_byte(history, tmp_path):
    s, files = history
    for upload_id, data in zip((1, 2, 3, 4), files.values()):
        assert upload_bytes(s, upload_id) == data
    out = io.StringIO()
    target = tmp_path / "back" / "osallistujat.csv"
    assert show_uploads(s, upload_id=2, out_path=target, out=out) == 0
    assert hashlib.sha256(target.read_bytes()).hexdigest() == hashlib.sha256(files["osallistujat.csv"]).hexdigest()
    text = out.getvalue()
    assert "participants.gender.code" in text and "osallistujat.csv" in text  # the stored report
    assert f"wrote {target}" in text


def test_uploads_without_bytes(history, tmp_path):
    s, _ = history
    with pytest.raises(BytesNotStored):
        upload_bytes(s, 5)  # the withdrawal: no file was sent
    with pytest.raises(UploadNotFound):
        upload_bytes(s, 99)
    out = io.StringIO()
    assert show_uploads(s, upload_id=5, out_path=tmp_path / "x", out=out) == 1
    assert "not stored" in out.getvalue() and not (tmp_path / "x").exists()
    assert show_uploads(s, upload_id=99, out=out) == 1
    # A damaged blob is never handed out as if it were the upload.
    blob = s.blobs_dir / hashlib.sha256(sample_file("projects")).hexdigest()
    blob.write_bytes(b"changed")
    with pytest.raises(BytesNotStored):
        upload_bytes(s, 1)


def test_stored_report_is_the_import_report(history):
    s, _ = history
    report = stored_report(s, 2)
    assert (report.kind, report.inserted, report.rejected, report.exit_code) == ("participants", 2, 1, 1)
    assert report.problems.select("row_number", "rule_id").rows() == [(2, "participants.gender.code")]
    assert stored_report(s, 4).refusal_reason == "file.binary"


def test_uploads_command(history, tmp_path):
    s, files = history
    listed = run_impact(s.home, "uploads")
    assert listed.returncode == 0, listed.stderr
    assert "osallistujat.csv" in listed.stdout and "binary.csv" in listed.stdout
    only = run_impact(s.home, "uploads", "--kind", "projects")
    assert only.returncode == 0 and "osallistujat.csv" not in only.stdout and "projects again.csv" in only.stdout
    out = tmp_path / "got.csv"
    shown = run_impact(s.home, "uploads", "--show", "2", "--out", str(out))
    assert shown.returncode == 0, shown.stdout + shown.stderr
    assert out.read_bytes() == files["osallistujat.csv"]
    assert run_impact(s.home, "uploads", "--out", str(out)).returncode == 2
    assert run_impact(s.home, "uploads", "--show", "99").returncode == 1


def test_listing_an_empty_home_creates_nothing(tmp_path):
    home = tmp_path / "empty"
    assert list_uploads(Settings(home=home)).height == 0
    assert not home.exists()
    assert isinstance(list_uploads(Settings(home=home)), pl.DataFrame)
