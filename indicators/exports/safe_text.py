"""Text that a spreadsheet will never run as a formula (CSV/formula injection).

Excel, LibreOffice and Google Sheets treat a cell starting with `=`, `+`, `-` or `@` (and, after
some parsers strip them, a tab or carriage return) as a formula, which can run commands (DDE) or
leak data through links. Every text cell the project writes to a CSV or XLSX file goes through
`neutralise`: such a cell gets a leading apostrophe, which every spreadsheet shows as text. The
apostrophe is part of the stored text, so a workbook converted back to CSV stays safe too.

Numbers are written as numbers and never pass through here (a negative mean such as -0.35 is a
number, not a formula). A lone "-" (the programme's scope code, and the usual "nil" sign) cannot
start a formula and is kept as it is.
"""

from __future__ import annotations

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def is_formula_like(text: str) -> bool:
    return text.startswith(FORMULA_START) and text != "-"


def neutralise(cell: object) -> str:
    """The text for a spreadsheet cell; None is the empty string."""
    text = "" if cell is None else str(cell)
    return "'" + text if is_formula_like(text) else text
