"""Henkilötunnus wherever it hides (issue 14, part 2): every placement that once got through is
refused here and leaves nothing behind (no blob, no trace of the code under IMPACT_HOME); files
that cannot be scanned (compressed, encrypted) are refused and their bytes never kept.

Every file is built here, with openpyxl (a real workbook) and zipfile; the code itself is built
from its parts, so this file holds no complete identity code either.
"""

from __future__ import annotations

import codecs
import gzip
import io
import os
import struct
import zipfile
from pathlib import Path

import openpyxl
import pytest
from openpyxl.comments import Comment
from openpyxl.packaging.custom import StringProperty
from openpyxl.workbook.defined_name import DefinedName

from indicators.identifiers import hetu_check_char
from pipelines.ingest import ingest_bytes
from pipelines.settings import Settings
from tests.support.samples import SAMPLE_ROWS, to_csv

BIRTH, INDIVIDUAL = "010190", "123"
CODE = BIRTH + "-" + INDIVIDUAL + hetu_check_char(BIRTH, INDIVIDUAL)
HEAD, TAIL = CODE[:4], CODE[4:]  # a code split in two runs: "0101" + "90-123M"
PLACEHOLDER = "PAIKKA"


# ---- workbooks ----------------------------------------------------------------------------------
def _workbook(change=None) -> bytes:
    """A two-sheet workbook whose first sheet is a valid projects file; `change(wb)` adds more."""
    wb = openpyxl.Workbook()
    first = wb.active
    rows = SAMPLE_ROWS["projects"]
    first.append(list(rows[0]))
    for row in rows:
        first.append(list(row.values()))
    second = wb.create_sheet("Muistiinpanot")
    second.append(["huomio", PLACEHOLDER])
    if change is not None:
        change(wb)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _rewrite(xlsx: bytes, member: str, change) -> bytes:
    """The workbook with one member's text changed (or added, from "")."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(xlsx)) as z, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as w:
        names = z.namelist()
        for name in names:
            data = z.read(name)
            w.writestr(name, change(data.decode()).encode() if name == member else data)
        if member not in names:
            w.writestr(member, change("").encode())
    return out.getvalue()


def _add_member(xlsx: bytes, name: str, data: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(xlsx)) as z, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as w:
        for info in z.infolist():
            w.writestr(info.filename, z.read(info.filename))
        w.writestr(name, data)
    return out.getvalue()


def _shared_strings(xlsx: bytes, item: str) -> bytes:
    """The second sheet's placeholder cell made a shared string (`t="s"`) whose item is
    `item`, with the part, its relationship and its content type, as Excel writes them."""
    xlsx = _rewrite(xlsx, "xl/worksheets/sheet2.xml", lambda x: x.replace(
        f'<c r="B1" t="inlineStr"><is><t>{PLACEHOLDER}</t></is></c>', '<c r="B1" t="s"><v>0</v></c>'))
    xlsx = _rewrite(xlsx, "xl/_rels/workbook.xml.rels", lambda x: x.replace("</Relationships>", (
        '<Relationship Id="rIdSst" Target="sharedStrings.xml" Type="http://schemas.openxmlformats.org/'
        'officeDocument/2006/relationships/sharedStrings"/></Relationships>')))
    xlsx = _rewrite(xlsx, "[Content_Types].xml", lambda x: x.replace("</Types>", (
        '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.spreadsheetml.sharedStrings+xml"/></Types>')))
    return _rewrite(xlsx, "xl/sharedStrings.xml", lambda _: (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" '
        f'uniqueCount="1"><si>{item}</si></sst>'))


RUNS = f"<r><t>{HEAD}</t></r><r><rPr><b/><sz val=\"11\"/></rPr><t>{TAIL}</t></r>"
REFERENCES = "".join(f"&#{ord(ch)};" for ch in CODE[:6]) + "".join(f"&#x{ord(ch):x};" for ch in CODE[6:])


def _inline(sheet: str, old: str, new: str):
    return lambda xlsx: _rewrite(xlsx, f"xl/worksheets/{sheet}.xml", lambda x: x.replace(old, new))


def _comment(wb) -> None:
    wb["Muistiinpanot"]["A1"].comment = Comment(f"syntynyt {CODE}", "ohjaaja")


def _core(wb) -> None:
    wb.properties.title = f"Osallistujat {CODE}"


def _custom(wb) -> None:
    wb.custom_doc_props.append(StringProperty(name="yhteyshenkilö", value=CODE))


def _custom_name(wb) -> None:
    wb.custom_doc_props.append(StringProperty(name=f"tunnus {CODE}", value="x"))


def _defined_name(wb) -> None:
    wb.defined_names.add(DefinedName("tunnus", attr_text=f'"{CODE}"'))


def _app(xml: str) -> str:
    return xml.replace("</Properties>", f"<Company>{CODE}</Company></Properties>")


def _encrypted_member(xlsx: bytes) -> bytes:
    """The workbook with its first member flagged encrypted (bit 0 of the general purpose
    flags, as ZipCrypto writes it), in both its local header and the central directory."""
    data = bytearray(xlsx)
    for signature, flag_at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = data.find(signature)
        flags = struct.unpack_from("<H", data, at + flag_at)[0]
        struct.pack_into("<H", data, at + flag_at, flags | 0x1)
    return bytes(data)


def _rich_text(wb) -> None:
    from openpyxl.cell.rich_text import CellRichText, TextBlock
    from openpyxl.cell.text import InlineFont

    wb["Muistiinpanot"]["C1"] = CellRichText(HEAD, TextBlock(InlineFont(b=True), TAIL))


# ---- text files ---------------------------------------------------------------------------------
def _participants(**changes) -> str:
    rows = [dict(r) for r in SAMPLE_ROWS["participants"]]
    rows[1].update(changes)
    return to_csv("participants", rows).decode()


def _projects(**changes) -> str:
    rows = [dict(r) for r in SAMPLE_ROWS["projects"]]
    rows[0].update(changes)
    return to_csv("projects", rows).decode()


def _nested_zip() -> bytes:
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w") as z:
        z.writestr("piilossa.csv", _participants(participant_id=CODE))
    return _add_member(_workbook(), "xl/embeddings/oleObject1.bin", inner.getvalue())


FULL_WIDTH = CODE.translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789-ABCDEFHJKLMNPRSTUVWXY"})

HETU_CASES = {
    "second sheet, rich-text runs in shared strings": lambda: _shared_strings(_workbook(), RUNS),
    "second sheet, rich text as openpyxl writes it": lambda: _workbook(_rich_text),
    "second sheet, XML character references in shared strings": lambda: _shared_strings(
        _workbook(), f"<t>{REFERENCES}</t>"),
    "second sheet, XML character references inline": lambda: _inline(
        "sheet2", f"<t>{PLACEHOLDER}</t>", f"<t>{REFERENCES}</t>")(_workbook()),
    "cell comment": lambda: _workbook(_comment),
    "document properties, core.xml": lambda: _workbook(_core),
    "document properties, app.xml": lambda: _rewrite(_workbook(), "docProps/app.xml", _app),
    "document properties, custom.xml value": lambda: _workbook(_custom),
    "document properties, custom.xml name": lambda: _workbook(_custom_name),
    "defined name": lambda: _workbook(_defined_name),
    "XML part in UTF-16 LE without BOM": lambda: _add_member(
        _workbook(), "xl/notes.xml", f"<a><b>{CODE}</b></a>".encode("utf-16-le")),
    "XML part in UTF-16 BE without BOM": lambda: _add_member(
        _workbook(), "xl/notes.xml", f"<a><b>{CODE}</b></a>".encode("utf-16-be")),
    "zip member named after one": lambda: _add_member(_workbook(), f"xl/media/{CODE}.png", b"\x89PNG\r\n\x1a\n"),
    "UTF-32 LE with BOM": lambda: codecs.BOM_UTF32_LE + _participants(participant_id=CODE).encode("utf-32-le"),
    "UTF-32 BE with BOM": lambda: codecs.BOM_UTF32_BE + _participants(participant_id=CODE).encode("utf-32-be"),
    "UTF-32 without BOM": lambda: _participants(participant_id=CODE).encode("utf-32-le"),
    "UTF-16 with BOM": lambda: _participants(participant_id=CODE).encode("utf-16"),
    "full-width digits": lambda: _projects(project_name=f"Hanke {FULL_WIDTH}").encode(),
    "zero-width space inside": lambda: _projects(project_name=f"Hanke {CODE[:6]}\u200b{CODE[6:]}").encode(),
    "soft hyphen inside": lambda: _projects(project_name=f"Hanke {CODE[:3]}\u00ad{CODE[3:]}").encode(),
    "word joiner inside, UTF-8 with BOM": lambda: b"\xef\xbb\xbf" + _projects(lead_organisation=f"{CODE[:2]}\u2060{CODE[2:]}").encode(),
    "glued to letters: participant id": lambda: _participants(participant_id=f"P{CODE}").encode(),
    "glued to letters: project name": lambda: _projects(project_name=f"Hanke ID{CODE}x").encode(),
    "glued to letters: project name in a workbook": lambda: _inline(
        "sheet1", f"<t>{SAMPLE_ROWS['projects'][0]['project_name']}</t>", f"<t>Hanke ID{CODE}x</t>")(_workbook()),
}

UNSCANNABLE_CASES = {
    "gzip": lambda: gzip.compress(_participants(participant_id=CODE).encode()),
    "gzip without a code": lambda: gzip.compress(_participants().encode()),
    "nested zip inside a workbook": _nested_zip,
    "encrypted zip member": lambda: _encrypted_member(_workbook()),
    "OLE2 container (an encrypted workbook, an .xls)": lambda: (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512 + CODE.encode("utf-16-le")),
    "zip of a CSV, not a workbook": lambda: _zip_of("osallistujat.csv", _participants().encode()),
}


def _zip_of(name: str, data: bytes) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(name, data)
    return buf.getvalue()


def _everything_under(home: Path) -> bytes:
    chunks = []
    for root, _, files in os.walk(home):
        chunks += [Path(root, f).read_bytes() for f in files]
    return b"\n".join(chunks)


def _blobs(settings: Settings) -> list[str]:
    return sorted(p.name for p in settings.blobs_dir.iterdir()) if settings.blobs_dir.exists() else []


@pytest.mark.parametrize("case", list(HETU_CASES))
def test_identity_code_is_refused_and_nothing_is_kept(tmp_path, case):
    s = Settings(home=tmp_path / "home")
    data = HETU_CASES[case]()
    report = ingest_bytes(s, data, "upload.xlsx" if data[:2] == b"PK" else "upload.csv")
    assert report.exit_code == 2 and report.refusal_reason == "file.henkilotunnus", report.format_text()
    assert _blobs(s) == []
    everything = _everything_under(s.home)
    for variant in (CODE, CODE.lower(), HEAD, FULL_WIDTH):
        for encoding in ("utf-8", "utf-16-le", "utf-32-le"):
            assert variant.encode(encoding) not in everything


@pytest.mark.parametrize("case", list(UNSCANNABLE_CASES))
def test_unscannable_file_is_refused_and_not_kept(tmp_path, case):
    s = Settings(home=tmp_path / "home")
    report = ingest_bytes(s, UNSCANNABLE_CASES[case](), "upload.bin")
    assert report.exit_code == 2 and report.refusal_reason in ("file.unscannable", "file.henkilotunnus")
    assert _blobs(s) == []
    assert CODE.encode() not in _everything_under(s.home)


def test_the_clean_workbook_of_the_corpus_is_accepted(tmp_path):
    """The corpus' workbook without a code is an ordinary upload: the refusals above are the
    codes', not the workbook's."""
    s = Settings(home=tmp_path / "home")
    report = ingest_bytes(s, _workbook(lambda wb: (_rich_text_clean(wb), wb.properties)), "hankkeet.xlsx")
    assert report.exit_code == 0, report.format_text()
    assert report.rows_read == len(SAMPLE_ROWS["projects"]) and len(_blobs(s)) == 1


def _rich_text_clean(wb) -> None:
    from openpyxl.cell.rich_text import CellRichText, TextBlock
    from openpyxl.cell.text import InlineFont

    wb["Muistiinpanot"]["C1"] = CellRichText("tila ", TextBlock(InlineFont(b=True), "kunnossa"))
    wb["Muistiinpanot"]["A1"].comment = Comment("tarkistettu 31.3.2025", "ohjaaja")


def test_glued_detection_is_for_ids_and_names_only(tmp_path):
    """Letters glued to a code-shaped string outside the id and name columns (an unknown
    column of free text here) do not refuse the file: the bounded pattern applies there."""
    s = Settings(home=tmp_path / "home")
    rows = [dict(r, huomio=f"tilaus{CODE}B") for r in SAMPLE_ROWS["projects"]]
    text = to_csv("projects", [{k: v for k, v in r.items() if k != "huomio"} for r in rows]).decode().splitlines()
    data = "\n".join([text[0] + ",huomio"] + [line + f",tilaus{CODE}B" for line in text[1:]]) + "\n"
    report = ingest_bytes(s, data.encode(), "hankkeet.csv", dry_run=True)
    assert report.exit_code == 0 and "file.unknown_column" in report.problems["rule_id"].to_list()
