"""`indicators.xlsx`: the export as one workbook for the officials who work in Excel.

Sheets: a cover in Finnish, Swedish and English (what, cut-off, when the numbers were computed,
from which uploads, with which settings, the legend), SFC2021 Table 6 and Table 10 with SFC's
codes for each row (fund, specific objective code, category of region), the project-specific
indicators, the values per project, the long table and the EU Pact for Skills' yearly report
(pact_annual). Every sheet has two header rows (Finnish, then
English), frozen, with a filter; numbers are stored as numbers with a number format, dates as
dates; every text cell goes through `neutralise`; a suppressed cell of the public export holds
the mark SUPPRESSED_MARK.

Byte-stable: the workbook's creation date is the published snapshot's build time (an input,
not the clock), and xlsxwriter dates the zip entries 1980-01-01, so the same inputs give the
same bytes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import polars as pl
import xlsxwriter

from indicators.exports.safe_text import neutralise
from indicators.exports.tables import SFC_GENDER_COLUMNS, ExportTables

# One mark for every suppressed cell, primary or secondary (see indicators/disclosure/cells.py):
# ".." is Statistics Finland's sign for "confidential or not available"; a "<5" would be false
# for the cells hidden only to protect another one.
SUPPRESSED_MARK = ".."
MIN_WIDTH, MAX_WIDTH = 6, 60


@dataclass(frozen=True)
class Column:
    name: str  # the frame's column
    fi: str
    en: str
    kind: str = "text"  # text | int | number | value | rate | date


LANGS = ("fi", "sv", "en")  # the cover's columns, one language each
Texts = dict[str, str]  # one text per language of LANGS


@dataclass
class Cover:
    """What the cover sheet says, in Finnish, Swedish and English; pipelines/exports/cover.py
    fills it."""

    title: Texts
    lines: list[tuple[Texts, Texts]]  # (label, value) per language
    uploads: pl.DataFrame
    notes: list[Texts] = field(default_factory=list)
    created: datetime | None = None


SCOPE_COLUMNS = [
    Column("scope_type", "Taso", "Scope type"),
    Column("scope_code", "Tunnus", "Scope code"),
    Column("scope_name", "Nimi", "Name"),
]
INDICATOR_COLUMNS = [
    Column("indicator_code", "Indikaattori", "Indicator"),
    Column("name_fi", "Nimi (fi)", "Name (fi)"),
    Column("name_en", "Nimi (en)", "Name (en)"),
    Column("unit", "Yksikkö", "Unit"),
]
GENDER_VALUE_COLUMNS = [
    Column("total", "Yhteensä", "Total", "value"),
    Column("women", "Naiset", "Women", "value"),
    Column("men", "Miehet", "Men", "value"),
    Column("non_binary", "Muu sukupuoli", "Non-binary", "value"),
]
TARGET_COLUMNS = [
    Column("target", "Tavoite", "Target", "number"),
    Column("achievement_rate", "Toteutumisaste", "Achievement rate", "rate"),
]
SFC_COLUMNS = [
    Column("fund", "Rahasto", "Fund"),
    Column("priority", "Toimintalinja", "Priority"),
    Column("specific_objective", "Erityistavoite", "Specific objective"),
    Column("specific_objective_code", "Erityistavoitteen SFC-koodi", "Specific objective (SFC code)"),
    Column("category_of_region_sfc", "Aluekategoria", "Category of region"),
    *INDICATOR_COLUMNS,
    *GENDER_VALUE_COLUMNS,
    *TARGET_COLUMNS,
]
WIDE_COLUMNS = [*SCOPE_COLUMNS, *INDICATOR_COLUMNS, *GENDER_VALUE_COLUMNS, *TARGET_COLUMNS]
PROJECT_COLUMNS = [
    Column("scope_code", "Hankekoodi", "Project code"),
    Column("scope_name", "Hankkeen nimi", "Project name"),
    Column("lead_organisation", "Toteuttaja", "Lead organisation"),
    Column("priority", "Toimintalinja", "Priority"),
    Column("specific_objective", "Erityistavoite", "Specific objective"),
    Column("category_of_region", "Aluekategoria", "Category of region"),
    Column("region_code", "Maakunta", "Region"),
    *INDICATOR_COLUMNS,
    *GENDER_VALUE_COLUMNS,
    *TARGET_COLUMNS,
]
LONG_COLUMNS = [
    Column("cutoff_date", "Katkaisupäivä", "Cut-off date", "date"),
    Column("scope_type", "Taso", "Scope type"),
    Column("scope_code", "Tunnus", "Scope code"),
    Column("indicator_code", "Indikaattori", "Indicator"),
    Column("gender", "Sukupuoli", "Gender"),
    Column("value", "Arvo", "Value", "value"),
    Column("name_fi", "Nimi (fi)", "Name (fi)"),
    Column("name_en", "Nimi (en)", "Name (en)"),
    Column("unit", "Yksikkö", "Unit"),
    Column("target", "Tavoite", "Target", "number"),
    Column("target_date", "Tavoitepäivä", "Target date", "date"),
    Column("achievement_rate", "Toteutumisaste", "Achievement rate", "rate"),
]
# The EU Pact for Skills' yearly report (indicators/exports/pact.py PACT_ANNUAL_COLUMNS), in the
# order of the annual survey. Attendances are labelled as attendances, never as persons.
PACT_COLUMNS = [
    Column("year", "Vuosi", "Year", "int"),
    Column("project_code", "Hankekoodi", "Project code"),
    Column("people_upskilled_attendances", "Osaamisen kehittämisen osallistumiset", "Upskilling attendances", "int"),
    Column("people_upskilled_distinct", "Osaamistaan kehittäneet henkilöt", "Persons upskilled (distinct)", "int"),
    Column("people_reached", "Tavoitetut", "People reached", "int"),
    Column("stakeholders_identified", "Sidosryhmät, yksilöidyt", "Stakeholders identified", "int"),
    Column("stakeholders_counted", "Sidosryhmät, lasketut", "Stakeholders counted", "int"),
    Column("training_programmes_new_or_updated", "Uudet tai uudistetut koulutusohjelmat",
           "Training programmes new or updated", "int"),
    Column("investment_eur", "Investointi (EUR)", "Investment (EUR)", "number"),
    Column("regions_reached", "Maakunnat", "Regions reached", "int"),
    Column("share_outside_uusimaa", "Osuus Uudenmaan ulkopuolella", "Share outside Uusimaa", "rate"),
    Column("share_online_or_hybrid", "Osuus verkossa tai hybridinä", "Share online or hybrid", "rate"),
    Column("principle_1_progress", "Periaate 1: elinikäinen oppiminen", "Principle 1: lifelong learning"),
    Column("principle_2_progress", "Periaate 2: osaamiskumppanuudet", "Principle 2: skills partnerships"),
    Column("principle_3_progress", "Periaate 3: osaamistarpeiden seuranta", "Principle 3: monitoring skill needs"),
    Column("principle_4_progress", "Periaate 4: yhdenvertaisuus", "Principle 4: equal opportunities"),
]
UPLOAD_COLUMNS = [
    Column("upload_id", "Lataus", "Upload", "int"),
    Column("file_name", "Tiedosto", "File"),
    Column("kind", "Tyyppi", "Kind"),
    Column("sha256", "SHA-256", "SHA-256"),
    Column("received_at", "Vastaanotettu", "Received"),
    Column("rows_read", "Rivejä", "Rows read", "int"),
    Column("inserted", "Lisätty", "Inserted", "int"),
    Column("updated", "Päivitetty", "Updated", "int"),
    Column("rejected", "Hylätty", "Rejected", "int"),
    Column("outcome", "Tulos", "Outcome"),
]


def wide_by_gender(long: pl.DataFrame) -> pl.DataFrame:
    """scope x indicator rows with total, women, men, non_binary (and their suppressed flags);
    target and achievement rate of the total."""
    keys = ["scope_type", "scope_code", "indicator_code"]
    base = long.filter(pl.col("gender") == "total").select(
        *keys, "name_fi", "name_en", "unit", "decimals", "target", "achievement_rate"
    )
    for gender, column in SFC_GENDER_COLUMNS.items():
        part = long.filter(pl.col("gender") == gender).select(
            *keys, pl.col("value").alias(column), pl.col("suppressed").alias(f"{column}_suppressed")
        )
        base = base.join(part, on=keys, how="left", maintain_order="left")
    return base


class _Writer:
    def __init__(self, path: Path, created: datetime | None):
        self.book = xlsxwriter.Workbook(
            str(path),
            {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False},
        )
        # a fixed creation date keeps the bytes stable (xlsxwriter would take the clock)
        properties = {"author": "esf-impact", "title": "ESF+ indicators",
                      "created": created or datetime(2000, 1, 1)}
        self.book.set_properties(properties)
        b = self.book
        self.fmt = {
            "head_fi": b.add_format({"bold": True, "bg_color": "#DCE6F1", "text_wrap": True, "valign": "top"}),
            "head_en": b.add_format({"italic": True, "bg_color": "#F2F2F2", "text_wrap": True, "valign": "top"}),
            "title": b.add_format({"bold": True, "font_size": 14}),
            "label": b.add_format({"bold": True}),
            "text": b.add_format({}),
            "int": b.add_format({"num_format": "0"}),
            "number": b.add_format({"num_format": "0.##"}),
            "rate": b.add_format({"num_format": "0.0%"}),
            "date": b.add_format({"num_format": "yyyy-mm-dd"}),
            "mark": b.add_format({"align": "right"}),
            "wrap": b.add_format({"text_wrap": True, "valign": "top"}),
        }
        self.decimal_formats: dict[int, Any] = {}

    def decimal(self, decimals: int):
        if decimals not in self.decimal_formats:
            pattern = "0" if decimals <= 0 else "0." + "0" * decimals
            self.decimal_formats[decimals] = self.book.add_format({"num_format": pattern})
        return self.decimal_formats[decimals]

    def text(self, sheet, row: int, col: int, value: Any, fmt=None) -> int:
        text = neutralise(value)
        sheet.write_string(row, col, text, fmt or self.fmt["text"])
        return len(text)

    def cell(self, sheet, row: int, col: int, column: Column, record: dict) -> int:
        """Write one cell; returns its display width."""
        value = record.get(column.name)
        if record.get(f"{column.name}_suppressed"):
            sheet.write_string(row, col, SUPPRESSED_MARK, self.fmt["mark"])
            return len(SUPPRESSED_MARK)
        if value is None:
            sheet.write_blank(row, col, None)
            return 0
        if column.kind == "text":
            return self.text(sheet, row, col, value)
        if column.kind == "date":
            if isinstance(value, datetime):
                value = value.date()
            if isinstance(value, date):
                sheet.write_datetime(row, col, datetime(value.year, value.month, value.day), self.fmt["date"])
                return 10
            return self.text(sheet, row, col, value)
        if column.kind == "value":
            decimals = int(record.get("decimals") or 0)
            sheet.write_number(row, col, float(value), self.decimal(decimals))
            return len(f"{float(value):.{decimals}f}")
        fmt = self.fmt[column.kind] if column.kind in self.fmt else self.fmt["number"]
        sheet.write_number(row, col, float(value), fmt)
        return len(f"{float(value):g}") + (2 if column.kind == "rate" else 0)

    def table(self, name: str, columns: list[Column], frame: pl.DataFrame, first_row: int = 0) -> None:
        sheet = self.book.add_worksheet(name)
        widths = [max(len(c.fi), len(c.en)) for c in columns]
        for col, column in enumerate(columns):
            sheet.write_string(first_row, col, column.fi, self.fmt["head_fi"])
            sheet.write_string(first_row + 1, col, column.en, self.fmt["head_en"])
        row = first_row + 2
        for record in frame.iter_rows(named=True):
            for col, column in enumerate(columns):
                widths[col] = max(widths[col], self.cell(sheet, row, col, column, record))
            row += 1
        for col, width in enumerate(widths):
            sheet.set_column(col, col, min(max(width + 2, MIN_WIDTH), MAX_WIDTH))
        sheet.freeze_panes(first_row + 2, 0)
        sheet.autofilter(first_row + 1, 0, max(row - 1, first_row + 1), len(columns) - 1)

    def cover(self, cover: Cover, sheet_list: list[tuple[str, Texts]]) -> None:
        """One column per language (fi, sv, en): each column reads as a whole on its own."""
        sheet = self.book.add_worksheet("Tietoja - About")
        for col, lang in enumerate(LANGS):
            sheet.write_string(0, col, neutralise(cover.title[lang]), self.fmt["title"])
        row = 2
        for label, value in cover.lines:
            for col, lang in enumerate(LANGS):
                sheet.write_string(row, col, neutralise(f"{label[lang]}: {value[lang]}"), self.fmt["wrap"])
            row += 1
        row += 1
        for note in cover.notes:
            for col, lang in enumerate(LANGS):
                sheet.write_string(row, col, neutralise(note[lang]), self.fmt["wrap"])
            row += 1
        row += 1
        for col, lang in enumerate(LANGS):
            sheet.write_string(row, col, SHEETS_HEADING[lang], self.fmt["label"])
        row += 1
        for name, texts in sheet_list:
            for col, lang in enumerate(LANGS):
                sheet.write_string(row, col, neutralise(f"{name}: {texts[lang]}"), self.fmt["wrap"])
            row += 1
        row += 1
        for col, lang in enumerate(LANGS):
            sheet.write_string(row, col, UPLOADS_HEADING[lang], self.fmt["label"])
        row += 1
        for col, column in enumerate(UPLOAD_COLUMNS):
            sheet.write_string(row, col, column.fi, self.fmt["head_fi"])
            sheet.write_string(row + 1, col, column.en, self.fmt["head_en"])
        row += 2
        for record in cover.uploads.iter_rows(named=True):
            for col, column in enumerate(UPLOAD_COLUMNS):
                self.cell(sheet, row, col, column, record)
            row += 1
        for col in range(len(LANGS)):
            sheet.set_column(col, col, 60)
        sheet.set_column(len(LANGS), len(UPLOAD_COLUMNS) - 1, 16)

    def close(self) -> None:
        self.book.close()


SHEETS_HEADING: Texts = {"fi": "Välilehdet", "sv": "Flikar", "en": "Sheets"}
UPLOADS_HEADING: Texts = {
    "fi": "Lataukset, joista luvut on laskettu",
    "sv": "Uppladdningar som siffrorna räknats från",
    "en": "Uploads the numbers come from",
}
SHEETS: list[tuple[str, Texts]] = [
    ("Taulukko 6 - Table 6", {
        "fi": "SFC2021 taulukko 6: yhteiset tuotosindikaattorit (EECO01–EECO19)",
        "sv": "SFC2021 tabell 6: gemensamma outputindikatorer (EECO01–EECO19)",
        "en": "SFC2021 Table 6: common output indicators (EECO01–EECO19)"}),
    ("Taulukko 10 - Table 10", {
        "fi": "SFC2021 taulukko 10: yhteiset tulosindikaattorit (EECR01–EECR06)",
        "sv": "SFC2021 tabell 10: gemensamma resultatindikatorer (EECR01–EECR06)",
        "en": "SFC2021 Table 10: common result indicators (EECR01–EECR06)"}),
    ("Hankekohtaiset - Specific", {
        "fi": "hankekohtaiset indikaattorit (SE01–SE13) kaikilla tasoilla",
        "sv": "projektspecifika indikatorer (SE01–SE13) på alla nivåer",
        "en": "project-specific indicators (SE01–SE13) at every level"}),
    ("Hankkeet - Projects", {
        "fi": "kaikki indikaattorit hankkeittain",
        "sv": "alla indikatorer per projekt",
        "en": "every indicator per project"}),
    ("Pitkä taulukko - Long table", {
        "fi": "taso × indikaattori × sukupuoli (sama kuin indicator_values.csv)",
        "sv": "nivå × indikator × kön (samma som indicator_values.csv)",
        "en": "level × indicator × gender (as indicator_values.csv)"}),
    ("Pact for Skills", {
        "fi": "EU:n osaamissopimuksen (Pact for Skills) vuosiraportti hankkeittain, vuosikyselyn järjestyksessä "
              "(sama kuin pact_annual.csv)",
        "sv": "EU:s kompetenspakt (Pact for Skills), årsrapport per projekt i årsenkätens ordning "
              "(samma som pact_annual.csv)",
        "en": "EU Pact for Skills yearly report per project, in the annual survey's order (as pact_annual.csv)"}),
]


def write_workbook(
    path: Path, tables: ExportTables, scopes: pl.DataFrame, cover: Cover, pact: pl.DataFrame | None = None,
) -> None:
    """Write the workbook to `path` (the caller makes it atomic); `pact`: the pact_annual rows
    (indicators/exports/pact.py pact_annual_table), an empty sheet without them."""
    names = scopes.select(
        "scope_type", "scope_code", "scope_name", "lead_organisation", "priority",
        "specific_objective", "category_of_region", "region_code",
    )
    wide = wide_by_gender(tables.long).join(
        names, on=["scope_type", "scope_code"], how="left", maintain_order="left"
    )
    specific = wide.filter(pl.col("indicator_code").str.starts_with("SE"))
    projects = wide.filter(pl.col("scope_type") == "project").sort("scope_code", maintain_order=True)
    writer = _Writer(path, cover.created)
    writer.cover(cover, SHEETS)
    writer.table(SHEETS[0][0], SFC_COLUMNS, tables.sfc["table6"])
    writer.table(SHEETS[1][0], SFC_COLUMNS, tables.sfc["table10"])
    writer.table(SHEETS[2][0], WIDE_COLUMNS, specific)
    writer.table(SHEETS[3][0], PROJECT_COLUMNS, projects)
    long = tables.long.with_columns(pl.col("suppressed").alias("value_suppressed"))
    writer.table(SHEETS[4][0], LONG_COLUMNS, long)
    empty = pl.DataFrame(schema={c.name: pl.String for c in PACT_COLUMNS})
    writer.table(SHEETS[5][0], PACT_COLUMNS, empty if pact is None else pact)
    writer.close()
