"""The export's CSV files: the long table, the SFC2021 tables and the EU Pact for Skills' yearly
report as rows of text, and writing them. Every text cell is neutralised against formulas
(indicators/exports/safe_text.py)."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import polars as pl

from indicators.exports.pact import PACT_ANNUAL_COLUMNS, SUPPRESSIBLE
from indicators.exports.safe_text import neutralise
from indicators.exports.tables import ExportTables
from indicators.values_at_cutoff import format_value

INDICATOR_VALUES_COLUMNS = [
    "cutoff_date", "scope_type", "scope_code", "indicator_code", "gender", "value",
]
LONG_EXTRA_COLUMNS = ["name_fi", "name_en", "unit", "target", "target_date", "achievement_rate"]
SFC_COLUMNS = [
    "cutoff_date", "priority", "specific_objective", "category_of_region", "indicator_code",
    "name_fi", "name_en", "unit", "total", "women", "men", "non_binary", "target",
    "achievement_rate",
]
SFC_FLAG_COLUMNS = ["total_suppressed", "women_suppressed", "men_suppressed", "non_binary_suppressed"]


def format_number(value: float | None) -> str:
    """A target: an integer when whole, else its shortest exact decimal."""
    if value is None:
        return ""
    value = float(value)
    return str(int(value)) if value.is_integer() else repr(value)


def format_rate(value: float | None) -> str:
    return "" if value is None else f"{value:.4f}"


def format_date(value: date | None) -> str:
    return "" if value is None else value.isoformat()


def format_flag(value: bool | None) -> str:
    return "true" if value else "false"


def write_csv(path: Path, header: list[str], rows: list[list[str]], delimiter: str = ",",
              encoding: str = "utf-8") -> None:
    """UTF-8, comma-separated unless told otherwise (the Excel-ready files: excel_rows.py);
    written beside and swapped in, so a reader never sees half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    with tmp.open("w", newline="", encoding=encoding) as handle:
        writer = csv.writer(handle, delimiter=delimiter)
        writer.writerow(header)
        writer.writerows(rows)
    tmp.replace(path)


def long_rows(tables: ExportTables) -> tuple[list[str], list[list[str]]]:
    header = [*INDICATOR_VALUES_COLUMNS, *LONG_EXTRA_COLUMNS]
    if tables.public:
        header.append("suppressed")
    rows = []
    for r in tables.long.iter_rows(named=True):
        row = [
            r["cutoff_date"].isoformat(), neutralise(r["scope_type"]), neutralise(r["scope_code"]),
            neutralise(r["indicator_code"]), neutralise(r["gender"]),
            format_value(r["value"], r["aggregation"], r["decimals"]),
            neutralise(r["name_fi"]), neutralise(r["name_en"]), neutralise(r["unit"]),
            format_number(r["target"]), format_date(r["target_date"]), format_rate(r["achievement_rate"]),
        ]
        if tables.public:
            row.append(format_flag(r["suppressed"]))
        rows.append(row)
    return header, rows


def sfc_rows(tables: ExportTables, name: str) -> tuple[list[str], list[list[str]]]:
    header = SFC_COLUMNS + (SFC_FLAG_COLUMNS if tables.public else [])
    rows = []
    for r in tables.sfc[name].iter_rows(named=True):
        row = [
            tables.cutoff.isoformat(),
            *(neutralise(r[c]) for c in ("priority", "specific_objective", "category_of_region",
                                         "indicator_code", "name_fi", "name_en", "unit")),
            *(format_value(r[c], "count", 0) for c in ("total", "women", "men", "non_binary")),
            format_number(r["target"]), format_rate(r["achievement_rate"]),
        ]
        if tables.public:
            row.extend(format_flag(r[c]) for c in SFC_FLAG_COLUMNS)
        rows.append(row)
    return header, rows


def pact_annual_rows(frame: pl.DataFrame, public: bool) -> tuple[list[str], list[list[str]]]:
    """pact_annual.csv: the columns of PACT_ANNUAL_COLUMNS (numbers with their decimals, empty
    when absent or withheld), and in the public export a `<column>_suppressed` flag per column
    that may be withheld."""
    flags = [f"{c}_suppressed" for c in SUPPRESSIBLE] if public else []
    rows = []
    for r in frame.iter_rows(named=True):
        row = [
            neutralise(r[c]) if decimals is None else format_value(r[c], "sum", decimals)
            for c, decimals in PACT_ANNUAL_COLUMNS.items()
        ]
        rows.append(row + [format_flag(r[f]) for f in flags])
    return [*PACT_ANNUAL_COLUMNS, *flags], rows
