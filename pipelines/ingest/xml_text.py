"""An XML part of a workbook, read in pieces: its text as a reader sees it, and the extent of
a worksheet's cells.

`XmlPart.feed` takes the part's bytes as they are inflated and hands whole-tag pieces of the
decoded text to two views, each scanned for henkilötunnus (indicators.identifiers.HetuScanner):
- the markup itself with character references resolved: attribute values (defined names,
  custom property names, sheet names), comments, CDATA, everything contiguous in the file;
- the text between tags, with rich-text runs joined (`<r><t>0101</t></r><r><t>90-123M</t></r>`
  is the one text `010190-123M` a reader sees) and every other tag a line break.
Both are scanned after Unicode NFKC normalisation without invisible characters.

For a worksheet (a part with `<sheetData`) it also bounds what a spreadsheet reader would
allocate: cells and rows must carry their reference (`r="B7"`; without it a reader places
them one after the other and a row of a million empty cells is a million columns), no
reference may lie beyond column `MAX_COLUMNS` or row `max_rows`, and the rectangle of
cells, which readers allocate whole, may hold no more than `max_rows` rows of `WIDE` columns
(for a sheet wider than `WIDE`, its rows are counted on a second reading). These are regular
expressions over each piece: no per-cell Python work, so a large sheet is read quickly.

Nothing here keeps the text: pieces are scanned and dropped.
"""

from __future__ import annotations

import codecs
import datetime as dt
import html
import re
from dataclasses import dataclass

import polars as pl

from indicators.identifiers import HetuScanner

MAX_COLUMNS = 200  # spec section 1
WIDE = 30  # columns; a wider sheet's rows are counted (the widest template has 25)
_CARRY_LIMIT = 4 << 20  # a piece without a tag end is cut anyway at this size

_P = r"(?:[A-Za-z_][A-Za-z0-9_.-]*:)?"  # a namespace prefix
# The markup between the runs of one rich text: run, text and run-property tags and the
# empty elements that hold a run's properties (<b/>, <sz val="11"/> ...). Removed, the runs'
# texts join; every other tag stays between texts and keeps them apart.
_RUN_MARKUP = re.compile(r"</?" + _P + r"(?:r|t|rPr)(?:\s[^>]*)?>|<[^>]*/>")
_RUN_START = ("<r>", "<r ", ":r>", ":r ")

_SHEET_DATA = "sheetData"  # the element a reader takes cells from
_REF = r"""\sr\s*=\s*["']"""
# A cell or row tag none of whose attributes is `r` (names other than "r": not starting with
# r, or longer).
_UNREFERENCED = (
    r"<" + _P + r"(?:c|row)"
    r"""(?:\s+(?:[^\sr=/>][^\s=/>]*|r[^\s=/>]+)\s*=\s*(?:"[^"]*"|'[^']*'))*\s*/?>"""
)
# References beyond column Z or from row 1,000,000: none in most sheets.
_FAR = _REF + r"(?:[A-Z]{2,}[0-9]+|[A-Z]?[0-9]{7,})"
_ROW = _REF + r"[A-Z]{0,3}[0-9]+"


def _column_number(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


@dataclass
class Extent:
    """What a worksheet's references say about its size."""

    unreferenced: bool = False  # a cell or row without its reference
    max_column: int = 0  # the widest column beyond Z (0: none; beyond MAX_COLUMNS: `too_wide`)
    too_wide: bool = False
    max_row: int = 0  # only counted on a second reading, for sheets wider than 30 columns
    too_long: bool = False


class XmlPart:
    """Feed a part's bytes with `feed`, then `close`; `hetu` and `extent` say what was seen."""

    def __init__(self, today: dt.date, max_rows: int, count_rows: bool = False):
        self._decoder: codecs.IncrementalDecoder | None = None
        self._carry = ""
        self._raw = HetuScanner(today)
        self._text = HetuScanner(today)
        self.max_rows = max_rows
        self.count_rows = count_rows  # the second reading of a wide sheet: its highest row
        self.sheet = False
        self.doctype = False
        self.extent = Extent()

    @property
    def hetu(self) -> bool:
        return self._raw.found or self._text.found

    def feed(self, data: bytes) -> None:
        if self._decoder is None:
            self._decoder = codecs.getincrementaldecoder(_encoding(data))(errors="replace")
        text = self._carry + self._decoder.decode(data)
        end = text.rfind(">") + 1
        if end == 0 and len(text) > _CARRY_LIMIT:
            end = len(text) - 64
        self._carry = text[end:]
        if end:
            self._piece(text[:end])

    def close(self) -> None:
        if self._decoder is not None:
            rest = self._carry + self._decoder.decode(b"", final=True)
            self._carry = ""
            if rest:
                self._piece(rest)
        self._raw.end()
        self._text.end()

    def _piece(self, xml: str) -> None:
        if "<!DOCTYPE" in xml:
            self.doctype = True  # entity definitions would hide text; no workbook part has one
        self._raw.feed(html.unescape(xml) if "&" in xml else xml)
        if any(tag in xml for tag in _RUN_START):
            joined = _RUN_MARKUP.sub("", xml)
            self._text.feed(html.unescape(joined) if "&" in joined else joined)
        else:
            self._text.end()
        if not self.sheet and _SHEET_DATA in xml:
            self.sheet = True
        if self.sheet:
            self._measure(xml)

    def _measure(self, xml: str) -> None:
        """The extent's regular expressions in one polars select (Rust's engine, in parallel)."""
        x = pl.col("x")
        found = pl.DataFrame({"x": [xml]}).select(
            unreferenced=x.str.contains(_UNREFERENCED),
            far=x.str.extract_all(_FAR),
            rows=x.str.extract_all(_ROW) if self.count_rows else pl.lit(None, pl.List(pl.String)),
        ).row(0, named=True)
        e = self.extent
        e.unreferenced |= found["unreferenced"]
        for ref in found["far"]:
            letters = _letters(ref)
            if len(letters) > 2 or _column_number(letters) > MAX_COLUMNS:
                e.too_wide = True
            else:
                e.max_column = max(e.max_column, _column_number(letters))
            e.too_long |= int(_digits(ref)) > self.max_rows
        if found["rows"]:
            e.max_row = max(e.max_row, max(int(_digits(m)) for m in found["rows"]))


def _encoding(head: bytes) -> str:
    """UTF-16 by its byte-order mark or, without one, by `<` and a NUL (XML 1.0, appendix F),
    else UTF-8."""
    if head[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return "utf-16"
    if head[:2] == b"<\x00":
        return "utf-16-le"
    if head[:2] == b"\x00<":
        return "utf-16-be"
    return "utf-8-sig"


def _letters(match: str) -> str:
    return "".join(ch for ch in match if "A" <= ch <= "Z")


def _digits(match: str) -> str:
    return "".join(ch for ch in match if ch.isdigit())
