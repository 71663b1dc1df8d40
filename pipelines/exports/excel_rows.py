"""The SFC2021 tables for a spreadsheet user: `;`-separated, UTF-8 with a byte-order mark and a
decimal comma, as a Finnish or Swedish Excel opens a double-clicked CSV (one column per field,
ä and ö intact). They stand beside the machine CSVs (rows.py), which stay as they are.

One header row in Finnish, Swedish and English; the row identified as SFC2021 does (fund,
priority, specific objective code, category of region in SFC's words:
indicators/exports/sfc_codes.py); a suppressed cell of the public export holds the workbook's
mark. Every text cell is neutralised against formulas (indicators/exports/safe_text.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from indicators.exports.safe_text import neutralise
from indicators.exports.tables import ExportTables
from indicators.exports.workbook import SUPPRESSED_MARK
from indicators.values_at_cutoff import format_value
from pipelines.exports.rows import format_number, format_rate

DELIMITER = ";"
ENCODING = "utf-8-sig"  # UTF-8 with the byte-order mark Excel needs to read it as UTF-8


@dataclass(frozen=True)
class ExcelColumn:
    name: str
    fi: str
    sv: str
    en: str
    kind: str = "text"  # text | count | number | rate

    @property
    def header(self) -> str:
        return " / ".join(dict.fromkeys((self.fi, self.sv, self.en)))


COLUMNS = [
    ExcelColumn("cutoff_date", "Katkaisupäivä", "Brytdag", "Cut-off date"),
    ExcelColumn("fund", "Rahasto", "Fond", "Fund"),
    ExcelColumn("priority", "Toimintalinja", "Prioritering", "Priority"),
    ExcelColumn("specific_objective_code", "Erityistavoite (SFC-koodi)", "Specifikt mål (SFC-kod)",
                "Specific objective (SFC code)"),
    ExcelColumn("category_of_region_sfc", "Aluekategoria", "Regionkategori", "Category of region"),
    ExcelColumn("indicator_code", "Indikaattori", "Indikator", "Indicator"),
    ExcelColumn("name_fi", "Nimi suomeksi", "Namn på finska", "Name in Finnish"),
    ExcelColumn("name_sv", "Nimi ruotsiksi", "Namn på svenska", "Name in Swedish"),
    ExcelColumn("name_en", "Nimi englanniksi", "Namn på engelska", "Name in English"),
    ExcelColumn("unit", "Yksikkö", "Enhet", "Unit"),
    ExcelColumn("total", "Yhteensä", "Totalt", "Total", "count"),
    ExcelColumn("women", "Naiset", "Kvinnor", "Women", "count"),
    ExcelColumn("men", "Miehet", "Män", "Men", "count"),
    ExcelColumn("non_binary", "Muu sukupuoli", "Icke-binär", "Non-binary", "count"),
    ExcelColumn("target", "Tavoite", "Mål", "Target", "number"),
    ExcelColumn("achievement_rate", "Toteutumisaste", "Måluppfyllelse", "Achievement rate", "rate"),
]


def decimal_comma(number_text: str) -> str:
    """A number as written for the machine CSVs ('0.5000', '12.5', '-3') with a decimal comma."""
    return number_text.replace(".", ",")


def _cell(column: ExcelColumn, record: dict) -> str:
    if record.get(f"{column.name}_suppressed"):
        return SUPPRESSED_MARK
    value = record.get(column.name)
    if column.kind == "count":
        return decimal_comma(format_value(value, "count", 0))
    if column.kind == "number":
        return decimal_comma(format_number(value))
    if column.kind == "rate":
        return decimal_comma(format_rate(value))
    return neutralise(value)


def excel_sfc_rows(tables: ExportTables, name: str) -> tuple[list[str], list[list[str]]]:
    """One SFC table ("table6" or "table10") as the Excel-ready CSV's header and rows."""
    header = [c.header for c in COLUMNS]
    cutoff = tables.cutoff.isoformat()
    rows = [
        [_cell(c, {**record, "cutoff_date": cutoff}) for c in COLUMNS]
        for record in tables.sfc[name].iter_rows(named=True)
    ]
    return header, rows
