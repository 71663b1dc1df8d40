"""Reading uploads: encodings, delimiters, headers, kinds, refusals, exit codes (spec section 1)."""

from __future__ import annotations

import io
from pathlib import Path

import duckdb
import polars as pl
import pytest

from pipelines.ingest import ingest_bytes, ingest_files
from pipelines.ingest import reader as reader_mod
from tests.support.samples import SAMPLE_ROWS, sample_file, to_csv
from pipelines.settings import Settings


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    s = Settings(home=tmp_path / "home")
    assert ingest_bytes(s, sample_file("projects"), "projects.csv").exit_code == 0
    return s


def rule_ids(report) -> set[str]:
    return set(report.problems["rule_id"].to_list())


def participants_csv(sep: str = ",", rows: list[dict] | None = None) -> str:
    rows = rows or SAMPLE_ROWS["participants"]
    names = list(rows[0])
    lines = [sep.join(names)] + [sep.join(r[n] for n in names) for r in rows]
    return "\n".join(lines) + "\n"


def test_canonical_file_exit_0(settings):
    report = ingest_bytes(settings, sample_file("participants"), "p.csv")
    assert report.exit_code == 0
    assert (report.kind, report.rows_read, report.inserted) == ("participants", 3, 3)


@pytest.mark.parametrize("sep", [",", ";", "\t"])
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "latin-1"])
def test_delimiters_and_encodings(settings, sep, encoding):
    rows = [dict(r) for r in SAMPLE_ROWS["participants"]]
    text = participants_csv(sep, rows).replace("\n", "\r\n")
    report = ingest_bytes(settings, text.encode(encoding), "p.csv", dry_run=True)
    assert report.exit_code == 0, report.format_text()
    assert report.rows_read == 3


def test_cp1252_characters_survive(settings):
    rows = [dict(r) for r in SAMPLE_ROWS["projects"]]
    rows[0]["project_name"] = "Äänekosken €-hanke – työ"
    data = to_csv("projects", rows).decode().encode("cp1252")
    report = ingest_bytes(settings, data, "projects.csv")
    assert report.encoding == "cp1252" and report.exit_code == 0
    with duckdb.connect(str(settings.ledger_path), read_only=True) as con:
        names = {r[0] for r in con.execute("SELECT project_name FROM projects_versions").fetchall()}
    assert "Äänekosken €-hanke – työ" in names


def test_utf16_excel_unicode_text(settings):
    text = participants_csv("\t")
    report = ingest_bytes(settings, text.encode("utf-16"), "p.txt", dry_run=True)
    assert report.exit_code == 0 and report.rows_read == 3


def test_headers_fold_aliases_any_case(settings):
    header = "HANKEKOODI;Osallistujatunnus;aloituspvm;Sukupuoli;IKÄ ALOITTAESSA;Työmarkkina-asema;Työttömyyden kesto kk;koulutusaste isced"
    row = "S30355;X1;1.2.2024;Nainen;30;työtön;3;4"
    report = ingest_bytes(settings, f"{header}\n{row}\n".encode("cp1252"), "x.csv", dry_run=True)
    assert report.exit_code == 0, report.format_text()
    assert report.kind == "participants" and report.inserted == 1


def test_decomposed_umlauts_in_header(settings):
    header = "hankekoodi,osallistujatunnus,aloituspvm,sukupuoli,ika\u0308 aloittaessa,tyo\u0308markkina-asema,koulutusaste_isced"
    row = "S30355,X1,2024-02-01,man,30,inactive,3"
    report = ingest_bytes(settings, f"{header}\n{row}\n".encode(), "x.csv", dry_run=True)
    assert report.exit_code == 0, report.format_text()


def test_unknown_column_is_a_warning(settings):
    text = participants_csv().splitlines()
    text[0] += ",shoe_size"
    text[1:] = [line + ",44" for line in text[1:]]
    report = ingest_bytes(settings, ("\n".join(text) + "\n").encode(), "p.csv")
    assert report.exit_code == 0
    warn = report.problems.filter(pl.col("rule_id") == "file.unknown_column")
    assert warn["column_name"].to_list() == ["shoe_size"] and warn["severity"][0] == "warning"
    assert report.warnings >= 1


def test_missing_required_column_refuses_whole_file(settings):
    rows = [{k: v for k, v in r.items() if k != "gender"} for r in SAMPLE_ROWS["participants"]]
    report = ingest_bytes(settings, to_csv("participants", rows), "p.csv", kind="participants")
    assert report.exit_code == 2 and report.refusal_reason == "file.missing_column"
    assert report.problems["column_name"].to_list() == ["gender"]
    with duckdb.connect(str(settings.ledger_path), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM participants_versions").fetchone()[0] == 0
        assert con.execute("SELECT outcome FROM uploads ORDER BY upload_id DESC LIMIT 1").fetchone()[0] == "refused"
        assert con.execute("SELECT reason FROM refusals").fetchall() == [("file.missing_column",)]
    # The refused file was stored (it holds no identity code): it is the record of what came in.
    assert (settings.blobs_dir / report.sha256).exists()


def test_kind_detection_and_unknown_kind(settings):
    for kind in ("projects", "participants", "entities", "activities", "feedback", "targets"):
        report = ingest_bytes(settings, sample_file(kind), "x.csv", dry_run=True)
        assert report.kind == kind
    report = ingest_bytes(settings, b"foo,bar\n1,2\n", "x.csv", dry_run=True)
    assert report.exit_code == 2 and report.refusal_reason == "file.unknown_kind"


def test_unknown_kind_name(settings):
    report = ingest_bytes(settings, sample_file("projects"), "x.csv", kind="nonsense", dry_run=True)
    assert report.exit_code == 2 and report.refusal_reason == "file.unknown_kind_name"


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"", "file.empty"),
        (b"   \r\n\n", "file.empty"),
        (b"\x00\x01\x02binary\xff\xfe\x00", "file.binary"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "file.binary"),
        (b"PK\x03\x04not really a zip", "file.unscannable"),  # a damaged zip: never kept
        (b";;;\n;;;\n", "file.no_header"),
    ],
)
def test_unreadable_files_refused(settings, data, reason):
    report = ingest_bytes(settings, data, "x.csv")
    assert report.exit_code == 2 and report.refusal_reason == reason


def test_duplicate_column_refused(settings):
    text = participants_csv().splitlines()
    text[0] += ",hankekoodi"
    text[1:] = [line + ",S30355" for line in text[1:]]
    report = ingest_bytes(settings, ("\n".join(text) + "\n").encode(), "p.csv", dry_run=True)
    assert report.exit_code == 2 and report.refusal_reason == "file.duplicate_column"


def test_too_many_rows_refused(settings, monkeypatch):
    monkeypatch.setattr(reader_mod, "MAX_ROWS", 2)
    report = ingest_bytes(settings, sample_file("participants"), "p.csv", dry_run=True)
    assert report.exit_code == 2 and report.refusal_reason == "file.too_many_rows"
    assert "1 000 000" in report.problems["message_fi"][0]


def test_header_only_file(settings):
    header = sample_file("participants").split(b"\n")[0] + b"\n"
    report = ingest_bytes(settings, header, "p.csv")
    assert report.exit_code == 0 and report.rows_read == 0
    assert "file.no_data_rows" in rule_ids(report)


def test_blank_lines_keep_spreadsheet_row_numbers(settings):
    lines = participants_csv().splitlines()
    rows = [lines[0], lines[1], "", lines[2], ",,,", lines[3].replace(",woman,", ",x,").replace(",non_binary,", ",x,")]
    report = ingest_bytes(settings, ("\n".join(rows) + "\n").encode(), "p.csv", dry_run=True)
    assert report.rows_read == 3
    bad = report.problems.filter(pl.col("rule_id") == "participants.gender.code")
    assert bad["row_number"].to_list() == [6]  # header 1, P001 2, blank 3, P002 4, blank 5


def test_quoted_cells_with_delimiters_and_newlines(settings):
    rows = [dict(r) for r in SAMPLE_ROWS["projects"]]
    rows[0]["project_name"] = 'Nimi, jossa "lainaus";\nja rivinvaihto'
    report = ingest_bytes(settings, to_csv("projects", rows), "projects.csv")
    assert report.exit_code == 0 and report.updated == 1


def test_ragged_rows_warn(settings):
    lines = participants_csv().splitlines()
    lines[2] += ",extra"
    report = ingest_bytes(settings, ("\n".join(lines) + "\n").encode(), "p.csv", dry_run=True)
    assert report.exit_code == 0
    assert "file.ragged_rows" in rule_ids(report)


def test_xlsx_without_reader_is_refused_clearly(settings):
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("xl/sharedStrings.xml", "<sst><si><t>hankekoodi</t></si></sst>")
    report = ingest_bytes(settings, buf.getvalue(), "p.xlsx", dry_run=True)
    assert report.exit_code == 2
    assert report.refusal_reason in ("file.xlsx_unsupported", "file.unreadable", "file.unscannable")


def test_ingest_files_worst_exit_code_and_missing_file(settings, tmp_path):
    good = tmp_path / "good.csv"
    good.write_bytes(sample_file("participants"))
    rows = [dict(r) for r in SAMPLE_ROWS["participants"]]
    rows[0]["gender"] = "x"
    partial = tmp_path / "partial.csv"
    partial.write_bytes(to_csv("participants", rows))
    out = io.StringIO()
    assert ingest_files(settings, [good], out=out) == 0
    assert ingest_files(settings, [good, partial], out=out) == 1
    assert ingest_files(settings, [good, partial, tmp_path / "missing.csv"], out=out) == 2
    assert ingest_files(settings, [tmp_path / "missing.csv"], out=out) == 2
    assert "missing.csv" in out.getvalue()


def test_xlsx_first_sheet_gives_identical_ledger(tmp_path):
    pytest.importorskip("fastexcel")
    from tests.support.samples import LOAD_ORDER, to_xlsx

    csv_home, xlsx_home = Settings(home=tmp_path / "csv"), Settings(home=tmp_path / "xlsx")
    for kind in LOAD_ORDER:
        assert ingest_bytes(csv_home, sample_file(kind), f"{kind}.csv").exit_code == 0
        report = ingest_bytes(xlsx_home, to_xlsx(kind, SAMPLE_ROWS[kind]), f"{kind}.xlsx")
        assert (report.exit_code, report.encoding, report.kind) == (0, "xlsx", kind), report.format_text()
    for kind in LOAD_ORDER:
        with duckdb.connect(str(csv_home.ledger_path), read_only=True) as a, duckdb.connect(
            str(xlsx_home.ledger_path), read_only=True
        ) as b:
            q = f"SELECT * FROM {kind}_versions ORDER BY ALL"
            assert a.sql(q).pl().equals(b.sql(q).pl()), kind


def test_xlsx_row_errors_are_reported_with_sheet_rows(settings):
    pytest.importorskip("fastexcel")
    from tests.support.samples import to_xlsx

    rows = [dict(r) for r in SAMPLE_ROWS["participants"]]
    rows[2]["gender"] = "x"
    report = ingest_bytes(settings, to_xlsx("participants", rows), "p.xlsx")
    assert report.exit_code == 1
    assert report.problems.select("row_number", "rule_id").rows() == [(4, "participants.gender.code")]


@pytest.mark.parametrize(
    "data",
    [
        b"", b"plain ascii", "kyllä;ei;ÅÄÖ €".encode(), "😀".encode(),
        b"\xe4", b"ei\xe4", b"\xc3", b"\xc3\x28", b"\xc0\xaf", b"\xe0\x80\xaf",  # lone, truncated, overlong
        b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"\xf8\x88\x80\x80\x80", b"\xff\xfe",  # surrogate, > U+10FFFF
        "kyllä".encode("cp1252") + b";" + "ei".encode(),
    ],
)
def test_utf8_check_agrees_with_pythons_decoder(data):
    try:
        data.decode("utf-8")
        valid = True
    except UnicodeDecodeError:
        valid = False
    assert reader_mod.is_utf8(data) is valid


def test_utf8_check_agrees_with_pythons_decoder_on_any_bytes():
    from hypothesis import given, settings as hsettings, strategies as st

    @hsettings(max_examples=300, deadline=None)
    @given(st.binary(max_size=64) | st.text(max_size=32).map(lambda t: t.encode("utf-8", "surrogatepass")))
    def check(data):
        try:
            data.decode("utf-8")
            valid = True
        except UnicodeDecodeError:
            valid = False
        assert reader_mod.is_utf8(data) is valid

    check()
