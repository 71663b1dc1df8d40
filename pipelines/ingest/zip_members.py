"""The members of a zip file (an XLSX) inflated with a bound on the bytes they produce.

A zip says how big each member is, and a reader that trusts it can be made to inflate a member
declaring 300 bytes to gigabytes. Here every member is inflated from its own compressed bytes,
in pieces, and the bytes actually produced are counted while streaming: a member that produces
more than `MAX_MEMBER_BYTES`, or more than `MAX_RATIO` bytes per compressed byte read so far
(past a first `RATIO_GRACE`), or members that together produce more than `MAX_TOTAL_BYTES`,
make the file unscannable. So is a zip whose central directory is larger than an XLSX ever
needs (`MAX_DIRECTORY_BYTES`, checked before the directory is parsed), an encrypted member, or a
compression method other than stored and deflated. Memory stays at a piece (`PIECE` bytes of
output) whatever the file declares.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from collections.abc import Iterator

MAX_MEMBER_BYTES = 1 << 31  # 2 GiB: a million-row sheet is about 1 GB of XML
MAX_TOTAL_BYTES = 1 << 32  # 4 GiB for all members together
# Inflated bytes per compressed byte beyond a first RATIO_GRACE: workbook XML compresses 5 to
# 50 times, deflate at most 1,032 times (what bombs use), so a bomb is refused after tens of
# megabytes instead of after MAX_MEMBER_BYTES.
MAX_RATIO = 256
RATIO_GRACE = 64 << 20
MAX_DIRECTORY_BYTES = 1 << 20  # ~10,000 members; a workbook has a few dozen
PIECE = 1 << 20  # output bytes per inflate step
_INPUT = 1 << 16  # compressed bytes fed per step

_EOCD = b"PK\x05\x06"
_LOCAL = b"PK\x03\x04"


class Unscannable(Exception):
    """The zip cannot be read within the bounds (or at all): refuse it without keeping it.
    `rule_id` says why: `file.too_large` for a member or file that inflates beyond the bounds,
    `file.unscannable` for everything else."""

    def __init__(self, rule_id: str = "file.unscannable"):
        super().__init__(rule_id)
        self.rule_id = rule_id


def directory_size(data: bytes) -> int:
    """The central directory's size as the end record declares it (the part zipfile parses
    whole on opening). Zip64 files (for members over 4 GB) are not accepted."""
    end = data.rfind(_EOCD, max(0, len(data) - (1 << 16) - 22))
    if end < 0 or end + 22 > len(data):
        raise Unscannable()
    size = struct.unpack_from("<I", data, end + 12)[0]
    if size == 0xFFFFFFFF:
        raise Unscannable()
    return size


def members(data: bytes) -> list[zipfile.ZipInfo]:
    """Every member, in the directory's order; refuses what cannot be inflated here."""
    if directory_size(data) > MAX_DIRECTORY_BYTES:
        raise Unscannable()
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            infos = z.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError, struct.error):
        raise Unscannable() from None
    for info in infos:
        if info.flag_bits & 0x1 or info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise Unscannable()
    return infos


def _compressed(data: bytes, info: zipfile.ZipInfo) -> memoryview:
    """The member's compressed bytes, located through its local header (as every reader does)."""
    at = info.header_offset
    if data[at:at + 4] != _LOCAL or at + 30 > len(data):
        raise Unscannable()
    name_len, extra_len = struct.unpack_from("<HH", data, at + 26)
    start = at + 30 + name_len + extra_len
    return memoryview(data)[start:start + info.compress_size]


class Budget:
    """The bytes all members of one file may still inflate to."""

    def __init__(self, total: int = MAX_TOTAL_BYTES):
        self.left = total

    def take(self, n: int) -> None:
        self.left -= n
        if self.left < 0:
            raise Unscannable("file.too_large")


def inflate(data: bytes, info: zipfile.ZipInfo, budget: Budget) -> Iterator[bytes]:
    """The member's bytes in pieces of at most PIECE, counted as they are produced: raises
    Unscannable when the member or the file goes over its bound, or the stream is damaged."""
    raw = _compressed(data, info)
    produced = consumed = 0

    def count(piece: bytes) -> bytes:
        nonlocal produced
        produced += len(piece)
        if produced > MAX_MEMBER_BYTES or produced > MAX_RATIO * consumed + RATIO_GRACE:
            raise Unscannable("file.too_large")
        budget.take(len(piece))
        return piece

    if info.compress_type == zipfile.ZIP_STORED:
        for at in range(0, len(raw), PIECE):
            consumed = min(len(raw), at + PIECE)
            yield count(bytes(raw[at:at + PIECE]))
        return
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    try:
        for at in range(0, len(raw), _INPUT):
            pending = raw[at:at + _INPUT]
            while True:
                piece = inflater.decompress(pending, PIECE)
                pending = inflater.unconsumed_tail
                consumed = min(len(raw), at + _INPUT) - len(pending)
                if piece:
                    yield count(piece)
                if inflater.eof or (not pending and len(piece) < PIECE):
                    break
            if inflater.eof:
                return
    except zlib.error:
        raise Unscannable() from None
    raise Unscannable()  # the stream ends before its end mark: damaged
