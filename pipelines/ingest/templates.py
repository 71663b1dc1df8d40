"""Empty upload templates, generated from the contract (indicators/contract.py), so a template
can never disagree with what the reader accepts.

- CSV: the header row only. Finnish (`fi`): the Finnish aliases, `;`-separated, UTF-8 with a
  BOM and CRLF line ends, as Finnish Excel opens it with a double click. English (`en`): the
  canonical names, `,`-separated UTF-8.
- XLSX: the same headers on the first sheet (the one the reader reads), bold and frozen,
  required columns shaded and commented, widths that fit the names and choices, text format
  for identifiers (so Excel keeps leading zeros), a date format for dates, and a dropdown list
  on every coded and yes/no column. The lists live on a second, hidden sheet, because Excel
  limits a list typed into the validation itself to 255 characters (the indicator codes of
  targets are longer).
"""

from __future__ import annotations

import io
from pathlib import Path

from indicators.catalogue import indicator_codes
from indicators.contract import CONTRACT, Column, Kind, choices
from indicators.messages import KIND_NAMES_FI

LANGS = ("fi", "en")
LIST_SHEET = {"fi": "koodit", "en": "codes"}
DATA_SHEET = {"fi": "tiedot", "en": "data"}
EXCEL_LAST_ROW = 1_048_575  # 0-based: the validations cover the whole column under the header
DATE_FORMAT = {"fi": "d.m.yyyy", "en": "yyyy-mm-dd"}
REQUIRED_NOTE = {"fi": "Pakollinen sarake.", "en": "Required column."}
INVALID = {
    "fi": ("Arvo ei kelpaa", "Valitse arvo luettelosta."),
    "en": ("Not a valid value", "Choose a value from the list."),
}
MIN_WIDTH, MAX_WIDTH = 10, 40


def _check(kind_name: str, lang: str) -> Kind:
    if kind_name not in CONTRACT:
        raise ValueError(f"unknown kind {kind_name!r}; one of {', '.join(CONTRACT)}")
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; one of {', '.join(LANGS)}")
    return CONTRACT[kind_name]


def header(col: Column, lang: str) -> str:
    return col.alias_fi if lang == "fi" else col.name


def headers(kind_name: str, lang: str = "fi") -> list[str]:
    """The template's header row: every contract column in contract order."""
    return [header(c, lang) for c in _check(kind_name, lang).columns]


def column_choices(kind: Kind, col: Column, lang: str) -> tuple[str, ...]:
    """The dropdown values of one column (empty: no dropdown)."""
    if kind.name == "targets" and col.name == "indicator_code":
        # A text column in the contract whose values the catalogue lists (the seed dbt reads).
        return indicator_codes()
    return choices(col, lang)


def csv_template(kind_name: str, lang: str = "fi") -> bytes:
    names = headers(kind_name, lang)
    if lang == "fi":
        return b"\xef\xbb\xbf" + (";".join(names) + "\r\n").encode("utf-8")
    return (",".join(names) + "\n").encode("utf-8")


def _width(col: Column, name: str, values: tuple[str, ...]) -> int:
    longest = max([len(name)] + [len(v) for v in values])
    if col.type == "date":
        longest = max(longest, 10)
    return max(MIN_WIDTH, min(MAX_WIDTH, longest + 2))


def xlsx_template(kind_name: str, lang: str = "fi") -> bytes:
    import xlsxwriter

    kind = _check(kind_name, lang)
    buf = io.BytesIO()
    book = xlsxwriter.Workbook(buf, {"in_memory": True})
    head = {"bold": True, "bottom": 1, "bg_color": "#DDEBF7"}
    formats = {
        "header": book.add_format(head),
        "required": book.add_format({**head, "bg_color": "#FCE4D6"}),
        "text": book.add_format({"num_format": "@"}),
        "date": book.add_format({"num_format": DATE_FORMAT[lang]}),
    }
    sheet = book.add_worksheet(DATA_SHEET[lang])
    lists = book.add_worksheet(LIST_SHEET[lang])
    list_col = 0
    for i, col in enumerate(kind.columns):
        name = header(col, lang)
        values = column_choices(kind, col, lang)
        cell_format = (
            formats["text"] if col.type in ("text", "business_id")
            else formats["date"] if col.type == "date" else None
        )
        sheet.set_column(i, i, _width(col, name, values), cell_format)
        sheet.write_string(0, i, name, formats["required" if col.required else "header"])
        if col.required:
            sheet.write_comment(0, i, REQUIRED_NOTE[lang])
        if not values:
            continue
        lists.write_string(0, list_col, name, formats["header"])
        for r, value in enumerate(values, start=1):
            lists.write_string(r, list_col, value)
        ref = xlsxwriter.utility.xl_range_abs(1, list_col, len(values), list_col)
        title, message = INVALID[lang]
        sheet.data_validation(
            1, i, EXCEL_LAST_ROW, i,
            {
                "validate": "list",
                "source": f"='{LIST_SHEET[lang]}'!{ref}",
                "error_title": title,
                "error_message": message,
            },
        )
        lists.set_column(list_col, list_col, _width(col, name, values))
        list_col += 1
    sheet.freeze_panes(1, 0)
    sheet.activate()
    lists.hide()
    book.close()
    return buf.getvalue()


def default_file_name(kind_name: str, lang: str, xlsx: bool) -> str:
    suffix = "xlsx" if xlsx else "csv"
    if lang == "fi":
        return f"{KIND_NAMES_FI[kind_name]}_pohja.{suffix}"
    return f"{kind_name}_template.{suffix}"


def write_template(kind_name: str, lang: str = "fi", xlsx: bool = False, out: Path | None = None) -> Path:
    """Write a template to `out` (a file, or a folder to put the default name in; default the
    current folder) and return its path."""
    data = xlsx_template(kind_name, lang) if xlsx else csv_template(kind_name, lang)
    name = default_file_name(kind_name, lang, xlsx)
    path = Path(name) if out is None else (out / name if out.is_dir() else out)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(data)
    tmp.replace(path)
    return path
