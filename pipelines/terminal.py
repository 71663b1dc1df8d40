"""Text from outside (a file name, a cell, an error message) as the terminal may show it: every
character that is not printable (control characters such as ESC, CR and newline, bidirectional
and zero-width marks, other separators than the space) escaped as Python writes it, `\\x1b`,
`\\u202e`. The one function every terminal output of stored or received text goes through."""

from __future__ import annotations


def _escape(ch: str) -> str:
    code = ord(ch)
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def printable(text: str) -> str:
    """`text` with every non-printable character escaped (str.isprintable, as repr does)."""
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else _escape(ch) for ch in text)
