"""An internal error of an `impact` command (a damaged ledger, a full disk, MemoryError, a bug):
exit code 3 and one line on standard error saying what failed and where the details are; the
details, the traceback, go to IMPACT_HOME/logs/impact.log. Never a traceback on the terminal,
and never exit 1, which means "some rows rejected" for `impact ingest`.

Neither the line nor the log holds personal values: error messages quote what they complain
about (DuckDB, polars and Python quote values), so every quoted part is replaced by '…' unless
it is a path under IMPACT_HOME (that is where it failed), and a message that still holds
something like a henkilötunnus is withheld whole. The command's arguments (file names) are not
logged, only the command.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import traceback
from pathlib import Path

from indicators.identifiers import contains_hetu
from pipelines.terminal import printable

EXIT_INTERNAL_ERROR = 3
_QUOTED = re.compile(r"""(["'`])(.*?)\1""", re.S)
_WITHHELD = "(message withheld: it may hold a personal identity code)"


def log_path(home: Path) -> Path:
    return home / "logs" / "impact.log"


def safe_message(exc: BaseException, home: Path) -> str:
    """The exception's message without the values it quotes (paths under `home` kept)."""
    prefix = f"{home}{os.sep}"

    def keep_paths(match: re.Match) -> str:
        quote, inner = match.group(1), match.group(2)
        return match.group(0) if inner.startswith(prefix) or inner == str(home) else f"{quote}…{quote}"

    text = _QUOTED.sub(keep_paths, str(exc))
    return _WITHHELD if contains_hetu(text) else text


def describe(exc: BaseException, home: Path) -> str:
    """What failed, in one line: the error's type and its message's first line."""
    if isinstance(exc, MemoryError):
        return "out of memory (MemoryError)"
    message = safe_message(exc, home).strip().splitlines()
    name = type(exc).__name__
    return f"{name}: {message[0]}" if message else name


def _chain(exc: BaseException) -> list[BaseException]:
    """The exception and those it was raised from or while handling, first one first."""
    chain: list[BaseException] = []
    while exc is not None and exc not in chain:
        chain.append(exc)
        exc = exc.__cause__ or (None if exc.__suppress_context__ else exc.__context__)
    return chain[::-1]


def log_entry(command: str, exc: BaseException, home: Path) -> str:
    """The log's record of one failure: time, command, each exception of the chain with its
    stack (code lines, no variables) and its message without values."""
    at = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
    parts = [f"{at} impact {command} (pid {os.getpid()}): internal error, exit {EXIT_INTERNAL_ERROR}\n"]
    for i, e in enumerate(_chain(exc)):
        if i:
            parts.append("During handling of the above exception, another exception occurred:\n")
        parts.append("Traceback (most recent call last):\n")
        parts.extend(traceback.extract_tb(e.__traceback__).format())
        parts.append(f"{type(e).__module__}.{type(e).__qualname__}: {safe_message(e, home)}\n")
    return "".join(parts) + "\n"


def report_internal_error(command: str, exc: BaseException, home: Path) -> tuple[int, str]:
    """Log the failure under `home`; returns the exit code and the terminal's one line."""
    path = log_path(home)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "a", encoding="utf-8") as log:
            log.write(log_entry(command, exc, home))
        where = f"details in {path}"
    except OSError as log_error:  # a full disk may refuse the log too: say so on the line
        where = f"the details could not be logged ({describe(log_error, home)})"
    line = f"impact {command}: internal error: {describe(exc, home)}; {where}"
    return EXIT_INTERNAL_ERROR, printable(line)
