"""The official export of an approved (final) cut-off: the files frozen when its last period
was approved (pipelines/periods/), written back byte for byte, manifest included; and
`--revised`: beside them, indicator_values_revised.csv, every approved value with today's
value, the delta and a revision flag."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pipelines.access.store import connect, store_path
from pipelines.exports.rows import format_number, write_csv
from pipelines.periods import freeze, store
from pipelines.publish.reader import PublishedCopy
from pipelines.settings import Settings

REVISED_FILE = "indicator_values_revised.csv"
REVISED_COLUMNS = [
    "cutoff_date", "scope_type", "scope_code", "indicator_code", "gender",
    "approved_value", "current_value", "delta", "revised",
]


def write_export(settings: Settings, cutoff: date, out_dir: Path, public: bool = False,
                 revised: bool = False) -> tuple[list[Path], store.Final | None]:
    """The export every caller writes: an official export of a final cut-off as frozen (with
    `revised`, today's values beside it), any other from the published copy as it is now.
    Returns (the files written, the final they came from or None)."""
    from pipelines.exports.run import run_export

    final = None if public else standing_final(settings, cutoff)
    if revised and final is None:
        raise NotApproved(
            f"--revised compares with the approved values, and {cutoff.isoformat()} has no approved "
            "official export (impact periods list)"
        )
    if final is None:
        return run_export(settings, cutoff, out_dir, public=public), None
    written = write_frozen(settings, final, out_dir)
    if revised:
        written.append(write_revised(settings, final, out_dir))
    return written, final


class NotApproved(ValueError):
    """A revision asked of a cut-off that has no standing approval."""


def standing_final(settings: Settings, cutoff: date) -> store.Final | None:
    """The cut-off's latest final: what was approved stands, through a reopening or a revising
    upload, until an approval makes the cut-off final again (then the new one)."""
    if not store_path(settings.home).exists():
        return None
    with connect(settings.home) as con:
        return store.latest_final(con, cutoff)


def write_frozen(settings: Settings, final: store.Final, out_dir: Path) -> list[Path]:
    """The frozen files into `out_dir`, manifest.json last."""
    with connect(settings.home) as con:
        files = store.final_files(con, final.id)
    out_dir.mkdir(parents=True, exist_ok=True)
    order = sorted(files, key=lambda name: name == "manifest.json")
    written = []
    for name in order:
        path = out_dir / name
        tmp = out_dir / f".{name}.tmp"
        tmp.write_bytes(files[name])
        tmp.replace(path)
        written.append(path)
    return written


def revision_rows(approved: list[tuple], current: list[tuple], cutoff: date) -> list[list[str]]:
    """Pure: approved and current rows (scope_type, scope_code, indicator_code, gender, value)
    side by side over the union of their keys, with the delta and the revision flag."""
    before = {r[:4]: r[4] for r in approved}
    now = {r[:4]: r[4] for r in current}
    rows = []
    for key in sorted(before.keys() | now.keys()):
        old, new = before.get(key), now.get(key)
        delta = None if old is None or new is None else round(new - old, 9)
        changed = (key in before) != (key in now) or (delta is not None and abs(delta) > 1e-9) or (
            (old is None) != (new is None))
        rows.append([cutoff.isoformat(), *key, format_number(old), format_number(new), format_number(delta),
                     "true" if changed else "false"])
    return rows


def write_revised(settings: Settings, final: store.Final, out_dir: Path) -> Path:
    snapshot = PublishedCopy(settings.published_dir).current()
    with connect(settings.home) as con:
        approved = store.final_values(con, final)
    current = freeze.values_at(snapshot, final.cutoff).rows()
    path = out_dir / REVISED_FILE
    write_csv(path, REVISED_COLUMNS, revision_rows(approved, current, final.cutoff))
    return path
