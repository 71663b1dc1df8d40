"""A zip upload (an XLSX) scanned whole before any spreadsheet reader opens it.

Every member is first inflated within the bounds of zip_members (counted while streaming,
never trusting the sizes the zip declares, and thrown away: a bomb is refused after a second or
two of inflating, before any scanning), then inflated again and scanned for henkilötunnus:
- its name;
- an XML part (all sheets, shared strings with their runs joined, comments, document
  properties core/app/custom, defined names, relationships ...) as text, see xml_text;
- any other member byte by byte (as Latin-1, and without NUL bytes for UTF-16).
A member that is itself an archive or encrypted container (zip, gzip, bzip2, xz, 7z, rar,
zstd, OLE2: embedded workbooks, encrypted packages) cannot be scanned, nor can a part with a
DOCTYPE, nor a zip that is not a workbook: those raise `Unscannable`, and the caller keeps
nothing of the file. A worksheet whose extent is beyond the limits (xml_text) gives the rule
id of its refusal in `ZipScan.limit`; the file was scanned, so it may be kept.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from dataclasses import dataclass

from indicators.identifiers import HetuScanner, contains_hetu
from pipelines.ingest.xml_text import MAX_COLUMNS, WIDE, XmlPart
from pipelines.ingest.zip_members import MAX_TOTAL_BYTES, Budget, Unscannable, inflate, members

# Leading bytes of archives and containers that hide their contents from a byte scan.
CONTAINER_MAGIC = (
    b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08",  # zip
    b"\x1f\x8b",  # gzip
    b"BZh",  # bzip2
    b"\xfd7zXZ\x00",  # xz
    b"7z\xbc\xaf\x27\x1c",  # 7z
    b"Rar!\x1a\x07",  # rar
    b"\x28\xb5\x2f\xfd",  # zstandard
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",  # OLE2: encrypted OOXML, .xls, embedded objects
)
WORKBOOK = "xl/workbook.xml"


@dataclass
class ZipScan:
    hetu: bool = False
    limit: str | None = None  # the rule id of a sheet beyond the limits, if any


def _is_xml(first: bytes) -> bool:
    head = first[:64].lstrip(b"\xef\xbb\xbf").lstrip()
    return first[:2] in (b"\xff\xfe", b"\xfe\xff", b"\x00<") or head.startswith(b"<")


def _scan_bytes(pieces, first: bytes, today: dt.date) -> bool:
    """Bytes of unknown encoding: as Latin-1 (any ASCII-compatible encoding), and without NUL
    bytes (UTF-16 and UTF-32 text)."""
    latin, no_nul = HetuScanner(today), HetuScanner(today)
    for piece in (first, *pieces) if first else pieces:
        latin.feed(piece.decode("latin-1"))
        no_nul.feed(piece.replace(b"\x00", b"").decode("latin-1"))
        if latin.found or no_nul.found:
            return True
    return False


def _read_part(data: bytes, info: zipfile.ZipInfo, today: dt.date, max_rows: int,
               count_rows: bool = False) -> XmlPart:
    """A worksheet read again to count its rows (only for one wider than WIDE columns)."""
    part = XmlPart(today, max_rows, count_rows)
    for piece in inflate(data, info, Budget(MAX_TOTAL_BYTES)):
        part.feed(piece)
    part.close()
    return part


def _member(data: bytes, info: zipfile.ZipInfo, budget: Budget, today: dt.date, max_rows: int,
            scan: ZipScan) -> None:
    pieces = inflate(data, info, budget)
    first = next(pieces, b"")
    if first.startswith(CONTAINER_MAGIC):
        raise Unscannable()
    if not _is_xml(first):
        scan.hetu = _scan_bytes(pieces, first, today)
        return
    part = XmlPart(today, max_rows)
    part.feed(first)
    for piece in pieces:
        part.feed(piece)
        if part.hetu:
            break
    part.close()
    if part.hetu:
        scan.hetu = True
        return
    if part.doctype:
        raise Unscannable()
    if part.sheet and scan.limit is None:
        scan.limit = _limit(data, info, today, max_rows, part)


def _limit(data: bytes, info: zipfile.ZipInfo, today: dt.date, max_rows: int, part: XmlPart) -> str | None:
    e = part.extent
    if e.unreferenced:
        return "file.xlsx_layout"
    if e.too_wide or e.max_column > MAX_COLUMNS:
        return "file.too_many_columns"
    if e.too_long:
        return "file.too_many_rows"
    if e.max_column > WIDE:
        rows = _read_part(data, info, today, max_rows, count_rows=True).extent.max_row
        if e.max_column * rows > WIDE * (max_rows + 1):
            return "file.too_many_cells"
    return None


def scan_zip(data: bytes, max_rows: int, today: dt.date | None = None) -> ZipScan:
    """Scan every member; stops at the first henkilötunnus. Raises Unscannable (see above)."""
    today = today or dt.date.today()
    infos = members(data)
    scan = ZipScan()
    if any(contains_hetu(info.filename, today) for info in infos):
        scan.hetu = True
        return scan
    files = [info for info in infos if not info.is_dir()]
    budget = Budget()
    for info in files:  # inflated only, counting: a bomb is refused before any scanning
        for _ in inflate(data, info, budget):
            pass
    budget = Budget()
    for info in files:
        _member(data, info, budget, today, max_rows, scan)
        if scan.hetu:
            return scan
    if WORKBOOK not in {info.filename for info in infos}:
        raise Unscannable()  # a zip of other files: compressed, not a workbook
    return scan
