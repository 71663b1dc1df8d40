"""The SFC tables as Excel-ready CSV (`;`, UTF-8 with a BOM, decimal comma) beside the machine
CSVs, SFC's codes for each row, and the workbook's cover in Finnish, Swedish and English: from
hand-made export inputs, written as run_export writes them, read back as bytes, with Python's
csv module and (where installed) through LibreOffice's CSV import."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
from datetime import date

import openpyxl
import polars as pl
import pytest

from indicators.exports.sfc_codes import objective_code, region_category
from indicators.exports.tables import build_tables
from pipelines.exports.excel_rows import DELIMITER, ENCODING, excel_sfc_rows
from pipelines.exports.rows import sfc_rows, write_csv
from tests.support.exports import CUTOFF, programme_inputs, with_totals

NAME_FI = "Työttömät äidit ja öljynporaajat"
NAME_SV = "Arbetslösa mödrar på Åland"


def _inputs():
    """4.1 in two categories of region, 5.1 (no ESF+ objective code); a target of 3 persons for
    one row (achievement 7/3 = 2.3333: a decimal); names with ä, ö and å; a formula in a name."""
    projects = [
        {"code": "S10001", "objective": "4.1", "category": "more_developed",
         "counts": {"EECO01": with_totals({"woman": 4, "man": 3, "non_binary": 0}),
                    "EECO02": with_totals({"woman": 1, "man": 0, "non_binary": 0})}},
        {"code": "S10002", "objective": "4.1", "category": "transition",
         "counts": {"EECO01": with_totals({"woman": 2, "man": 2, "non_binary": 1})}},
        {"code": "S10003", "objective": "5.1", "category": "less_developed",
         "counts": {"EECO01": with_totals({"woman": 0, "man": 6, "non_binary": 0})}},
    ]
    inputs = programme_inputs(projects)
    catalogue = inputs.catalogue.with_columns(
        pl.when(pl.col("indicator_code") == "EECO01").then(pl.lit(NAME_FI)).otherwise(pl.col("name_fi")).alias("name_fi"),
        pl.when(pl.col("indicator_code") == "EECO01").then(pl.lit(NAME_SV)).otherwise(pl.col("name_sv")).alias("name_sv"),
        pl.when(pl.col("indicator_code") == "EECO02").then(pl.lit("=HYPERLINK(1)")).otherwise(pl.col("name_en")).alias("name_en"),
    )
    targets = pl.DataFrame(
        [("project", "S10001", "EECO01", "total", date(2026, 12, 31), 3.0)],
        schema={"scope_type": pl.String, "scope_code": pl.String, "indicator_code": pl.String,
                "gender": pl.String, "target_date": pl.Date, "target_value": pl.Float64},
        orient="row",
    )
    return type(inputs)(**{**inputs.__dict__, "catalogue": catalogue, "targets": targets})


def _write_both(tmp_path, public=False):
    tables = build_tables(_inputs(), CUTOFF, public=public, k=5)
    write_csv(tmp_path / "machine.csv", *sfc_rows(tables, "table6"))
    write_csv(tmp_path / "excel.csv", *excel_sfc_rows(tables, "table6"), delimiter=DELIMITER, encoding=ENCODING)
    return tmp_path / "machine.csv", tmp_path / "excel.csv"


def _read_excel_csv(path):
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), raw[:8]  # the BOM
    text = raw[3:].decode("utf-8")  # strict: UTF-8 throughout
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    return text, rows


@pytest.mark.parametrize(("number", "code"), [
    ("4.1", "ESO4.1"), ("4.9", "ESO4.9"), ("4.13", "ESO4.13"), (" 4.10 ", "ESO4.10"),
    ("4.14", None), ("4.0", None), ("5.1", None), ("1.1", None), ("", None), (None, None), ("4.1.1", None),
])
def test_objective_code_only_for_the_esf_objectives(number, code):
    assert objective_code(number) == code


def test_region_category_in_sfc_words():
    assert [region_category(c) for c in ("more_developed", "transition", "less_developed", "other", None)] == [
        "More developed", "Transition", "Less developed", None, None]


def test_excel_csv_is_semicolon_utf8_bom_with_decimal_comma_and_sfc_codes(tmp_path):
    machine, excel = _write_both(tmp_path)
    text, rows = _read_excel_csv(excel)
    header, body = rows[0], rows[1:]
    assert len({len(r) for r in rows}) == 1 and len(header) == 16  # every row splits into the same columns
    assert header[:5] == ["Katkaisupäivä / Brytdag / Cut-off date", "Rahasto / Fond / Fund",
                          "Toimintalinja / Prioritering / Priority",
                          "Erityistavoite (SFC-koodi) / Specifikt mål (SFC-kod) / Specific objective (SFC code)",
                          "Aluekategoria / Regionkategori / Category of region"]
    by_row = {(r[3], r[4], r[5]): dict(zip(header, r)) for r in body}
    first = by_row[("ESO4.1", "More developed", "EECO01")]
    assert first["Rahasto / Fond / Fund"] == "ESF+"
    assert first["Nimi suomeksi / Namn på finska / Name in Finnish"] == NAME_FI  # ä, ö intact
    assert first["Nimi ruotsiksi / Namn på svenska / Name in Swedish"] == NAME_SV  # å
    assert (first["Yhteensä / Totalt / Total"], first["Naiset / Kvinnor / Women"]) == ("7", "4")
    assert first["Tavoite / Mål / Target"] == "3"
    assert first["Toteutumisaste / Måluppfyllelse / Achievement rate"] == "2,3333"  # decimal comma
    assert ("ESO4.1", "Transition", "EECO01") in by_row
    assert ("", "Less developed", "EECO01") in by_row  # 5.1: no ESF+ code, not a guessed one
    assert by_row[("ESO4.1", "More developed", "EECO02")]["Nimi englanniksi / Namn på engelska / Name in English"] \
        == "'=HYPERLINK(1)"  # neutralised, through safe_text
    assert "." not in "".join(r[15] for r in body)  # no decimal point anywhere in the rates
    # the machine CSV is as before: comma-separated, no BOM, decimal point, the contract's own columns
    raw = machine.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    machine_rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8"), newline="")))
    assert list(machine_rows[0])[:5] == ["cutoff_date", "priority", "specific_objective", "category_of_region",
                                         "indicator_code"]
    assert "fund" not in machine_rows[0] and "name_sv" not in machine_rows[0]
    assert {r["achievement_rate"] for r in machine_rows} >= {"2.3333"}


def test_public_excel_csv_marks_suppressed_cells(tmp_path):
    _machine, excel = _write_both(tmp_path, public=True)
    _text, rows = _read_excel_csv(excel)
    header = rows[0]
    women = header.index("Naiset / Kvinnor / Women")
    shown = {r[women] for r in rows[1:]}
    assert ".." in shown  # 1 woman (EECO02) is below k = 5
    assert all(v == ".." or v == "" or v.isdigit() for v in shown)


def test_libreoffice_imports_the_excel_csv_as_columns_numbers_and_text(tmp_path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed: apt-get install libreoffice-calc-nogui to run this")
    _machine, excel = _write_both(tmp_path)
    out = tmp_path / "out"
    result = subprocess.run(
        [soffice, f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless",
         # the CSV import as a Finnish user's: `;`, text in quotes, UTF-8 (76), from line 1, Finnish (1035)
         "--infilter=CSV:59,34,76,1,,1035", "--convert-to", "xlsx", "--outdir", str(out), str(excel)],
        capture_output=True, text=True, timeout=180,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    sheet = openpyxl.load_workbook(out / "excel.xlsx").active
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    _text, ours = _read_excel_csv(excel)
    assert rows[0] == ours[0]  # the header, ä and å intact, one column per field
    body = {(r[3], r[4], r[5]): r for r in rows[1:]}
    first = body[("ESO4.1", "More developed", "EECO01")]
    assert first[6] == NAME_FI and first[7] == NAME_SV
    assert first[10] == 7 and first[14] == 3
    assert first[15] == pytest.approx(2.3333)  # the decimal comma read as a number
