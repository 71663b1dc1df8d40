"""Text that a spreadsheet will never run as a formula (CSV/formula injection).

Excel, LibreOffice and Google Sheets treat a cell starting with `=`, `+`, `-` or `@` (and, after
some parsers strip them, a tab or carriage return) as a formula, which can run commands (DDE) or
leak data through links. Every text cell the project writes to a CSV or XLSX file goes through
`neutralise`: such a cell gets a leading apostrophe, which every spreadsheet shows as text. The
apostrophe is part of the stored text, so a workbook converted back to CSV stays safe too.

Numbers are written as numbers and never pass through here (a negative mean such as -0.35 is a
number, not a formula). A lone "-" (the programme's scope code, and the usual "nil" sign) cannot
start a formula and is kept as it is.

The first character is compared after Unicode NFKC folding: some spreadsheets (and the
conversions on the way) read the full-width `＝` `＋` `－` `＠` and the small forms `﹦` `﹢` `﹣`
`﹫` as their ASCII selves. A lone full-width minus is neutralised too: it is not the "-" kept.
"""

from __future__ import annotations

import unicodedata

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def is_formula_like(text: str) -> bool:
    if text == "-":
        return False
    first = unicodedata.normalize("NFKC", text[:1]) if text else ""
    return first.startswith(FORMULA_START)


def neutralise(cell: object) -> str:
    """The text for a spreadsheet cell; None is the empty string."""
    text = "" if cell is None else str(cell)
    return "'" + text if is_formula_like(text) else text
