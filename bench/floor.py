"""The DuckDB floor: what DuckDB alone needs to read the participant files and count the basic
participant indicators by project and gender, in one SQL, in a fresh in-memory connection.

    python -m bench.floor DATA_DIR      # prints JSON: seconds, read_seconds, groups

Run in its own process by the harness so that nothing is cached or imported beforehand; the
time is measured inside (connect + read + aggregate), without the interpreter's start-up.
`seconds` is the floor: EECO01 (participants), EECO02 (unemployed), EECO04 (inactive) and
EECO05 (employed) as distinct participants by project_code x gender. `read_seconds` is a
lower one for reference: the same counts without distinct (read and group only).
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import duckdb

# The generator writes the participants in two files: the main one (canonical English headers,
# UTF-8) and one project's in Finnish Excel's dialect (aliases, semicolons, Windows-1252); the
# harness splits a file longer than the upload contract allows into parts (10M participants).
PARTICIPANT_GLOB = "02_participants*.csv"
STATUSES = {
    "unemployed": ("unemployed", "tyoton"),
    "inactive": ("inactive", "tyovoiman_ulkopuolella"),
    "employed": ("employed", "tyossa"),
}


def _is_finnish(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.readline().lstrip(b"\xef\xbb\xbf").startswith(b"hankekoodi")


def participants_sql(data_dir: Path) -> str:
    english = [p for p in sorted(data_dir.glob(PARTICIPANT_GLOB)) if not _is_finnish(p)]
    finnish = [p for p in sorted(data_dir.glob(PARTICIPANT_GLOB)) if _is_finnish(p)]
    parts = [
        "SELECT project_code, participant_id, gender, labour_market_status "
        f"FROM read_csv({[str(p) for p in english]}, header = true)"
    ]
    for path in finnish:
        parts.append(
            "SELECT hankekoodi, osallistujatunnus, sukupuoli, tyomarkkina_asema "
            f"FROM read_csv('{path}', header = true, sep = ';', encoding = 'latin-1')"
        )
    return " UNION ALL ".join(parts)


def _in(values: tuple[str, ...]) -> str:
    return "labour_market_status IN (" + ", ".join(f"'{v}'" for v in values) + ")"


def floor_sql(data_dir: Path, distinct: bool = True) -> str:
    count = "count(DISTINCT participant_id)" if distinct else "count(*)"
    return (
        f"SELECT project_code, gender, {count} AS eeco01, "
        f"{count} FILTER (WHERE {_in(STATUSES['unemployed'])}) AS eeco02, "
        f"{count} FILTER (WHERE {_in(STATUSES['inactive'])}) AS eeco04, "
        f"{count} FILTER (WHERE {_in(STATUSES['employed'])}) AS eeco05 "
        f"FROM ({participants_sql(data_dir)}) AS participants GROUP BY ALL"
    )


def timed(sql: str) -> tuple[float, int]:
    started = time.perf_counter()
    with duckdb.connect() as con:  # fresh, in memory
        rows = con.execute(sql).fetchall()
    return time.perf_counter() - started, len(rows)


def main(argv: list[str] | None = None) -> int:
    data_dir = Path((argv or sys.argv[1:])[0]).resolve()
    seconds, groups = timed(floor_sql(data_dir, distinct=True))
    read_seconds, _ = timed(floor_sql(data_dir, distinct=False))
    print(json.dumps({"seconds": seconds, "read_seconds": read_seconds, "groups": groups}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
