"""`impact template`: empty templates from the contract; filled in, they are accepted."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import duckdb
import openpyxl
import polars as pl
import pytest

from indicators.catalogue import indicator_codes
from indicators.contract import CONTRACT, KINDS, REGIONS
from pipelines.ingest import ingest_bytes
from pipelines.ingest.parse import parse_series
from tests.support.samples import LOAD_ORDER, SAMPLE_ROWS, _finnish_value, sample_file
from pipelines.ingest.templates import (
    LIST_SHEET,
    column_choices,
    csv_template,
    headers,
    write_template,
    xlsx_template,
)
from pipelines.settings import Settings
from tests.support.cli import run_impact


def _workbook(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def _dropdowns(book: openpyxl.Workbook) -> dict[str, list[str]]:
    """Header of each validated column -> the values its dropdown offers."""
    sheet, lists = book.worksheets[0], book.worksheets[1]
    names = [c.value for c in sheet[1]]
    out = {}
    for dv in sheet.data_validations.dataValidation:
        assert dv.type == "list" and dv.showErrorMessage
        (cells,) = str(dv.sqref).split()
        start, end = cells.split(":")
        column = openpyxl.utils.column_index_from_string("".join(ch for ch in start if ch.isalpha()))
        assert start[len(start.rstrip("0123456789")):] == "2"  # everything under the header
        assert end.endswith("1048576")
        sheet_name, ref = dv.formula1.split("!")
        assert sheet_name.strip("'") == lists.title
        out[names[column - 1]] = [c.value for row in lists[ref.replace("$", "")] for c in row]
    return out


@pytest.mark.parametrize("lang", ["fi", "en"])
@pytest.mark.parametrize("kind", KINDS)
def test_csv_template_has_the_contract_headers(kind, lang, tmp_path):
    data = csv_template(kind, lang)
    expected = [c.alias_fi if lang == "fi" else c.name for c in CONTRACT[kind].columns]
    text = data.decode("utf-8-sig")
    sep = ";" if lang == "fi" else ","
    assert next(csv.reader(io.StringIO(text), delimiter=sep)) == expected
    assert text.count("\n") == 1  # the header only
    # An empty template is a valid, empty upload: read, the kind recognised, nothing rejected.
    report = ingest_bytes(Settings(home=tmp_path / "h"), data, f"{kind}.csv", dry_run=True)
    assert (report.exit_code, report.kind, report.rows_read) == (0, kind, 0), report.format_text()


@pytest.mark.parametrize("lang", ["fi", "en"])
@pytest.mark.parametrize("kind", KINDS)
def test_xlsx_template_layout(kind, lang, tmp_path):
    book = _workbook(xlsx_template(kind, lang))
    sheet = book.worksheets[0]
    assert [c.value for c in sheet[1]] == headers(kind, lang)
    assert sheet.max_row == 1
    assert sheet.freeze_panes == "A2"
    assert book.worksheets[1].title == LIST_SHEET[lang] and book.worksheets[1].sheet_state == "hidden"
    assert all(c.font.b for c in sheet[1])
    widths = {}  # Excel stores neighbouring columns of one width as one range
    for dim in sheet.column_dimensions.values():
        for i in range(dim.min, dim.max + 1):
            widths[i] = dim.width
    for i, col in enumerate(CONTRACT[kind].columns, start=1):
        width = widths[i]
        assert 10 <= width <= 45 and width >= len(headers(kind, lang)[i - 1]), (col.name, width)
        assert (sheet.cell(1, i).comment is not None) == col.required
    # Every coded and yes/no column has a dropdown, and nothing else has one.
    dropdowns = _dropdowns(book)
    kind_ = CONTRACT[kind]
    expected = {
        (c.alias_fi if lang == "fi" else c.name): list(column_choices(kind_, c, lang))
        for c in kind_.columns
        if column_choices(kind_, c, lang)
    }
    assert dropdowns == expected
    coded = {c.name for c in kind_.columns if c.type in ("code", "yes_no", "yes_no_declined")}
    assert {n for n in coded} <= {c.name for c in kind_.columns if column_choices(kind_, c, lang)}
    report = ingest_bytes(Settings(home=tmp_path / "h"), xlsx_template(kind, lang), "t.xlsx", dry_run=True)
    assert (report.exit_code, report.kind, report.rows_read) == (0, kind, 0), report.format_text()


def test_dropdown_values_in_finnish_and_english():
    book = _workbook(xlsx_template("participants", "fi"))
    d = _dropdowns(book)
    assert d["sukupuoli"] == ["nainen", "mies", "muu"]
    assert d["tyomarkkina_asema"] == ["tyoton", "tyovoiman_ulkopuolella", "tyossa"]
    assert d["vamma"] == ["kyllä", "ei", "ei halua vastata"]
    assert d["asunnoton"] == ["kyllä", "ei"]
    assert d["maakunta"] == list(REGIONS)
    d = _dropdowns(_workbook(xlsx_template("participants", "en")))
    assert d["gender"] == ["woman", "man", "non_binary"]
    assert d["disability"] == ["yes", "no", "declined"]
    d = _dropdowns(_workbook(xlsx_template("targets", "fi")))
    assert d["indikaattori"] == list(indicator_codes())
    assert d["sukupuoli"] == ["yhteensa", "nainen", "mies", "muu"]


@pytest.mark.parametrize("lang", ["fi", "en"])
def test_every_dropdown_value_is_accepted(lang):
    """What the template offers, the reader takes: each value parses to a canonical code."""
    for kind in CONTRACT.values():
        for col in kind.columns:
            values = column_choices(kind, col, lang)
            if not values or col.name == "indicator_code":
                continue
            parsed = parse_series(pl.Series(col.name, list(values), dtype=pl.String), col)
            assert parsed.null_count() == 0, (kind.name, col.name)
            if col.type == "code":
                assert parsed.to_list() == list(col.codes), (kind.name, col.name)


def _fill_xlsx(template: bytes, kind: str, lang: str) -> bytes:
    """Fill a template as a person would in Excel: dates as dates, numbers as numbers, codes
    and yes/no picked from the dropdowns, text typed in."""
    book = _workbook(template)
    sheet = book.worksheets[0]
    for r, row in enumerate(SAMPLE_ROWS[kind], start=2):
        for i, col in enumerate(CONTRACT[kind].columns, start=1):
            value = row.get(col.name, "")
            if value == "":
                continue
            if col.type == "date":
                sheet.cell(r, i, dt.date.fromisoformat(value))
            elif col.type == "integer":
                sheet.cell(r, i, int(value))
            elif col.type == "decimal":
                sheet.cell(r, i, float(value))
            elif lang == "fi":
                sheet.cell(r, i, _finnish_value(kind, col.name, value))
            else:
                sheet.cell(r, i, value)
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def _fill_csv(template: bytes, kind: str, lang: str) -> bytes:
    text = template.decode("utf-8-sig")
    sep, end = (";", "\r\n") if lang == "fi" else (",", "\n")
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=sep, lineterminator=end)
    for row in SAMPLE_ROWS[kind]:
        values = [row.get(c.name, "") for c in CONTRACT[kind].columns]
        if lang == "fi":
            values = [_finnish_value(kind, c.name, v) for c, v in zip(CONTRACT[kind].columns, values)]
        w.writerow(values)
    prefix = b"\xef\xbb\xbf" if template.startswith(b"\xef\xbb\xbf") else b""
    return prefix + (text + buf.getvalue()).encode("utf-8")


def _ledger(s: Settings, kind: str) -> pl.DataFrame:
    with duckdb.connect(str(s.ledger_path), read_only=True) as con:
        return con.sql(f"SELECT * FROM {kind}_versions ORDER BY ALL").pl()


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("lang", ["fi", "en"])
def test_filled_template_is_accepted_and_equals_canonical(tmp_path, lang, fmt):
    canonical = Settings(home=tmp_path / "canonical")
    filled = Settings(home=tmp_path / "filled")
    for kind in LOAD_ORDER:
        assert ingest_bytes(canonical, sample_file(kind), f"{kind}.csv").exit_code == 0
        if fmt == "xlsx":
            data = _fill_xlsx(xlsx_template(kind, lang), kind, lang)
        else:
            data = _fill_csv(csv_template(kind, lang), kind, lang)
        report = ingest_bytes(filled, data, f"{kind}.{fmt}")
        assert report.exit_code == 0 and report.warnings == 0, report.format_text()
        assert (report.kind, report.inserted) == (kind, len(SAMPLE_ROWS[kind]))
    for kind in LOAD_ORDER:
        assert _ledger(canonical, kind).equals(_ledger(filled, kind)), kind


def test_template_command(tmp_path):
    home = tmp_path / "home"
    result = run_impact(home, "template", "participants", "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    path = tmp_path / "osallistujat_pohja.csv"
    assert path.read_bytes() == csv_template("participants", "fi")
    assert str(path) in result.stdout
    out = tmp_path / "sub" / "t.xlsx"
    result = run_impact(home, "template", "targets", "--lang", "en", "--xlsx", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert [c.value for c in _workbook(out.read_bytes()).worksheets[0][1]] == headers("targets", "en")
    assert run_impact(home, "template", "nonsense").returncode == 2
    assert not home.exists() or not any(home.rglob("*.duckdb"))  # a template touches no state


def test_write_template_default_name(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert write_template("entities", "en", xlsx=True) == Path("entities_template.xlsx")
    assert Path("entities_template.xlsx").exists()
