"""The dry run's indicator delta: how the indicators at today's cut-off would change if an
upload were applied, e.g. "EECO01 +14 (woman +9, man +5)".

No indicator rule is written here. Both states are computed by the dbt models a build runs:
1. `prepare` (under the writer lock, on the ledger exactly as the upload was validated
   against) makes a scratch warehouse (IMPACT_HOME/scratch/after) whose raw tables are the
   ledger's current state with the proposed versions applied (pipelines.warehouse.raw_tables,
   the same code a build loads them with). The "before" state is the published copy's
   increments when that copy was built from this very ledger state, by these models, with
   these settings; otherwise a second scratch warehouse (scratch/before) of the ledger as it is.
2. `Pending.compute` (after the lock) runs dbt up to `indicator_increments` on the scratch
   warehouses in one child process (pipelines.warehouse.dbt_scratch; `ScratchChild`, which
   `ingest_bytes` starts before it reads the file, so that importing dbt overlaps the rest) and values both states at the cut-off with indicators.values_at_cutoff, the
   function the exports use.
The scratch warehouses are removed afterwards; what stays under IMPACT_HOME/scratch is dbt's
parse of the project, which the next dry run reuses. One dry run at a time uses them
(`scratch_lock`).

`indicator_delta` (pure: increments in, changes out) and `IndicatorDelta` (the data plus its
text) are what the web page can show as well.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import polars as pl

from indicators.calendar import cutoff_of, last_closed_cutoff
from indicators.catalogue import load_catalogue
from indicators.values_at_cutoff import GENDER_ORDER, KEY, values_at_cutoff
from pipelines.warehouse.dbt_sources import current_manifest, source_fingerprint
from pipelines.ingest import ledger
from pipelines.periods.store import approved_periods
from pipelines.publish.reader import NotPublishedError, PublishedCopy, PublishedCopyError
from pipelines.warehouse.raw_tables import load_raw_tables
from pipelines.settings import REPO_ROOT, Settings
from pipelines.writer_lock import writer_lock

MART = "indicator_increments"
SELECT = f"+{MART}"
CHILD_TIMEOUT_S = 900
MAX_REASON_CHARS = 200

DELTA_SCHEMA: dict[str, pl.DataType] = {
    "indicator_code": pl.String,
    "gender": pl.String,
    "aggregation": pl.String,
    "decimals": pl.Int64,
    "before": pl.Float64,
    "after": pl.Float64,
    "change": pl.Float64,  # null for a mean that is absent before or after
}


def empty_changes() -> pl.DataFrame:
    return pl.DataFrame(schema=DELTA_SCHEMA)


def catalogue_decimals() -> dict[str, int]:
    catalogue = load_catalogue()
    return dict(zip(catalogue["indicator_code"], catalogue["decimals"].cast(pl.Int64)))


def indicator_delta(
    before: pl.DataFrame,
    after: pl.DataFrame,
    cutoff: dt.date,
    scope_type: str = "programme",
    scope_code: str = "-",
    decimals: dict[str, int] | None = None,
) -> pl.DataFrame:
    """Every (indicator, gender) of one scope whose value at `cutoff` differs between two
    `indicator_increments` frames (DELTA_SCHEMA), in catalogue-code and gender order."""
    decimals = decimals if decimals is not None else catalogue_decimals()

    def scoped(frame: pl.DataFrame) -> pl.DataFrame:
        return frame.filter((pl.col("scope_type") == scope_type) & (pl.col("scope_code") == scope_code))

    b, a = scoped(before), scoped(after)
    scaffold = pl.concat([b.select(*KEY, "aggregation"), a.select(*KEY, "aggregation")]).unique()
    if scaffold.height == 0:
        return empty_changes()

    def valued(frame: pl.DataFrame, name: str) -> pl.DataFrame:
        values = values_at_cutoff(frame, scaffold, cutoff, decimals)
        # Sums of decimals (hours) are compared at the precision they are reported with.
        places = values["indicator_code"].replace_strict(decimals, default=2, return_dtype=pl.Int64)
        rounded = [None if v is None else round(v, p) for v, p in zip(values["value"], places)]
        return values.with_columns(pl.Series(name, rounded, dtype=pl.Float64)).select(*KEY, "aggregation", name)

    joined = valued(b, "before").join(valued(a, "after").drop("aggregation"), on=KEY)
    changed = joined.filter(pl.col("before").ne_missing(pl.col("after")))
    return (
        changed.with_columns(
            (pl.col("after") - pl.col("before")).alias("change"),
            pl.col("indicator_code").replace_strict(decimals, default=0, return_dtype=pl.Int64).alias("decimals"),
        )
        .sort("indicator_code", pl.col("gender").replace_strict(GENDER_ORDER, default=9))
        .select(list(DELTA_SCHEMA))
        .cast(DELTA_SCHEMA)
    )


def _number(value: float | None, aggregation: str, decimals: int, signed: bool = False) -> str:
    if value is None:
        return "–"
    if aggregation == "count" or decimals == 0:
        return f"{int(round(value)):+d}" if signed else str(int(round(value)))
    return f"{value:+.{decimals}f}" if signed else f"{value:.{decimals}f}"


def format_change(rows: list[dict]) -> str:
    """One indicator's line: 'EECO01 +14 (woman +9, man +5)'; a mean as 'SE12 4.20 → 4.25 (+0.05)'."""
    code, aggregation, decimals = rows[0]["indicator_code"], rows[0]["aggregation"], rows[0]["decimals"]
    by_gender = {r["gender"]: r for r in rows}
    total = by_gender.get("total")
    if aggregation == "mean":
        if total is None:
            return code
        line = f"{code} {_number(total['before'], aggregation, decimals)} → {_number(total['after'], aggregation, decimals)}"
        if total["change"] is not None:
            line += f" ({_number(total['change'], aggregation, decimals, signed=True)})"
        return line
    head = _number(total["change"] if total else 0.0, aggregation, decimals, signed=True)
    parts = [
        f"{g} {_number(by_gender[g]['change'], aggregation, decimals, signed=True)}"
        for g in sorted(by_gender, key=lambda g: GENDER_ORDER.get(g, 9)) if g != "total"
    ]
    return f"{code} {head}" + (f" ({', '.join(parts)})" if parts else "")


@dataclass
class IndicatorDelta:
    """What applying an upload would change in one scope's indicators at one cut-off."""

    cutoff: dt.date
    scope_type: str = "programme"
    scope_code: str = "-"
    changes: pl.DataFrame = field(default_factory=empty_changes)
    unavailable: str | None = None  # why it could not be computed (the report still stands)
    seconds: float = 0.0
    # every closed cut-off whose programme values would change: (cut-off, approved?, changes)
    closed: list[tuple[dt.date, bool, pl.DataFrame]] = field(default_factory=list)
    # every approved period (project, cut-off) whose values would change, with the changes
    revised: list[tuple[str, dt.date, pl.DataFrame]] = field(default_factory=list)

    def closed_lines(self) -> list[str]:
        """'30.6.2026 (approved): EECO01 +1 (woman +1)', one line per cut-off and indicator."""
        out = []
        for cutoff, approved, changes in self.closed:
            head = f"{cutoff.day}.{cutoff.month}.{cutoff.year}" + (" (approved)" if approved else "")
            for (_,), group in changes.group_by("indicator_code", maintain_order=True):
                out.append(f"{head}: {format_change(group.to_dicts())}")
        return out

    def lines(self) -> list[str]:
        """One line per changed indicator, in code order."""
        out = []
        for (_,), group in self.changes.group_by("indicator_code", maintain_order=True):
            out.append(format_change(group.to_dicts()))
        return out

    def format_text(self, lang: str = "fi") -> str:
        def pair(fi: str, en: str) -> str:
            return f"{fi} / {en}" if lang == "fi" else f"{en} / {fi}"

        scope = pair("koko ohjelma", "programme") if self.scope_type == "programme" else f"{self.scope_type} {self.scope_code}"
        head = pair(
            f"Indikaattorien muutos, jos tiedosto tallennetaan, tilanne {self.cutoff.day}.{self.cutoff.month}.{self.cutoff.year}",
            f"Indicator delta if applied, cut-off {self.cutoff.isoformat()}",
        ) + f" ({scope}):"
        if self.unavailable:
            return head + "\n  " + pair("ei laskettavissa", "not available") + f": {self.unavailable}\n"
        lines = self.lines() or [pair("ei muutoksia", "no changes")]
        text = head + "\n" + "".join(f"  {line}\n" for line in lines)
        if self.closed:
            text += pair("Päättyneet kaudet, joiden luvut muuttuisivat (koko ohjelma)",
                         "Closed cut-offs whose values would change (programme)") + ":\n"
            text += "".join(f"  {line}\n" for line in self.closed_lines())
        return text

    def to_dict(self) -> dict:
        return {
            "cutoff": self.cutoff.isoformat(),
            "scope_type": self.scope_type,
            "scope_code": self.scope_code,
            "unavailable": self.unavailable,
            "changes": self.changes.to_dicts(),
            "lines": self.lines(),
            "closed_cutoffs": [
                {"cutoff": c.isoformat(), "approved": approved, "changes": changes.to_dicts()}
                for c, approved, changes in self.closed
            ],
            "closed_lines": self.closed_lines(),
            "approved_periods_changed": [
                {"project": p, "cutoff": c.isoformat(), "changes": changes.to_dicts()}
                for p, c, changes in self.revised
            ],
        }


def closed_cutoffs(before: pl.DataFrame, after: pl.DataFrame, today: dt.date) -> list[dt.date]:
    """Every closed cut-off (indicators/calendar.py) from the half-year of the first event on."""
    dates = pl.concat([before["event_date"], after["event_date"]]).drop_nulls()
    if dates.is_empty():
        return []
    cutoff, last = cutoff_of(dates.min()), last_closed_cutoff(today)
    out = []
    while cutoff <= last:
        out.append(cutoff)
        cutoff = cutoff_of(cutoff + dt.timedelta(days=1))
    return out


def changed_closed_cutoffs(before: pl.DataFrame, after: pl.DataFrame, today: dt.date,
                           approved: set[dt.date]) -> list[tuple[dt.date, bool, pl.DataFrame]]:
    """Pure: the closed cut-offs whose programme values differ, with their changes."""
    decimals = catalogue_decimals()
    out = []
    for cutoff in closed_cutoffs(before, after, today):
        changes = indicator_delta(before, after, cutoff, decimals=decimals)
        if changes.height:
            out.append((cutoff, cutoff in approved, changes))
    return out


def approved_periods_changed(before: pl.DataFrame, after: pl.DataFrame,
                             approved: set[tuple[str, dt.date]]) -> list[tuple[str, dt.date, pl.DataFrame]]:
    """Pure: the approved periods (project, cut-off) whose project values would change."""
    decimals = catalogue_decimals()
    out = []
    for project, cutoff in sorted(approved):
        changes = indicator_delta(before, after, cutoff, "project", project, decimals=decimals)
        if changes.height:
            out.append((project, cutoff, changes))
    return out


# ---- computing it ----------------------------------------------------------------------------
def kinds_feeding_indicators() -> set[str] | None:
    """The upload kinds the indicator increments are computed from, read from the lineage of
    the prepared dbt manifest (None when it is not current: then assume every kind)."""
    path = current_manifest()
    if path is None:
        return None
    try:
        parents = json.loads(path.read_text(encoding="utf-8"))["parent_map"]
    except (OSError, ValueError, KeyError):
        return None
    seen: set[str] = set()
    stack = [n for n in parents if n.startswith("model.") and n.endswith(f".{MART}")]
    while stack:
        for parent in parents.get(stack.pop(), []):
            if parent not in seen:
                seen.add(parent)
                stack.append(parent)
    return {n.split(".")[-1] for n in seen if n.startswith("source.") and ".monitoring." in n}


def published_increments(settings: Settings, max_upload_id: int) -> pl.DataFrame | None:
    """The published copy's increments, if it was built from the ledger as it is now (the same
    last upload), by the dbt models as they are now, with the same settings."""
    try:
        snapshot = PublishedCopy(settings.published_dir).current()
        manifest = snapshot.manifest
        if manifest.get("dbt_fingerprint") != source_fingerprint():
            return None
        if manifest["settings"]["long_term_unemployment_rule"] != settings.long_term_unemployment_rule:
            return None
        if (snapshot.table("uploads")["upload_id"].max() or 0) != max_upload_id:
            return None
        return snapshot.table(MART)
    except (NotPublishedError, PublishedCopyError):
        return None


def scratch_warehouse(settings: Settings, state: str) -> Path:
    """The scratch warehouse of one state ("after", "before"): a fixed place, so that dbt's
    parse of it is reused; named warehouse.duckdb like the real one, as dbt's relations are."""
    return settings.scratch_dir / state / "warehouse.duckdb"


@contextmanager
def scratch_lock(settings: Settings) -> Iterator[None]:
    """One dry run at a time uses the scratch warehouses."""
    with writer_lock(settings.scratch_dir / ".lock"):
        yield


def _remove_warehouse(path: Path) -> None:
    for f in (path, path.with_name(path.name + ".wal")):
        f.unlink(missing_ok=True)


class ScratchChild:
    """The child process that runs dbt on the scratch warehouses (pipelines.warehouse.dbt_scratch
    --wait), started before they exist: it imports dbt while the caller
    reads and validates the upload and loads the warehouses, then runs on those it is sent.
    `discard` stops it when there is nothing to run."""

    def __init__(self, settings: Settings):
        self.process = subprocess.Popen(
            [sys.executable, "-m", "pipelines.warehouse.dbt_scratch", "--wait", "--select", SELECT,
             "--rule", settings.long_term_unemployment_rule],
            cwd=REPO_ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            text=True,
        )

    def run(self, warehouses: list[Path]) -> subprocess.CompletedProcess:
        request = json.dumps({"warehouses": [str(w) for w in warehouses]})
        try:
            stdout, stderr = self.process.communicate(request + "\n", timeout=CHILD_TIMEOUT_S)
        finally:
            self.discard()
        return subprocess.CompletedProcess(self.process.args, self.process.returncode, stdout, stderr)

    def discard(self) -> None:
        """Stop the child unless it has ended, and reap it."""
        if self.process.returncode is None:
            self.process.kill()
            self.process.communicate()


@dataclass
class Pending:
    """A delta prepared under the writer lock, computed after it."""

    cutoff: dt.date
    settings: Settings
    after: Path | None = None  # the scratch warehouse with the upload (None: nothing to run)
    before: Path | None = None  # a scratch warehouse of the current state, when needed
    before_increments: pl.DataFrame | None = None  # or the current state's increments as read
    error: str | None = None  # preparing failed: the delta is unavailable
    started: float = field(default_factory=time.perf_counter)
    child: ScratchChild | None = None  # started early by the caller; else started by compute

    def compute(self) -> IndicatorDelta:
        delta = IndicatorDelta(cutoff=self.cutoff, unavailable=self.error)
        try:
            if self.after is None:
                return delta
            warehouses = [self.after] + ([self.before] if self.before else [])
            child = (self.child or ScratchChild(self.settings)).run(warehouses)
            if child.returncode != 0:
                lines = (child.stderr or child.stdout).strip().splitlines()
                reason = lines[-1] if lines else f"dbt exited with {child.returncode}"
                delta.unavailable = reason[:MAX_REASON_CHARS]
                return delta
            after = _read_increments(self.after)
            before = _read_increments(self.before) if self.before else self.before_increments
            if before is None:  # an empty ledger: nothing counted before
                before = after.clear()
            delta.changes = indicator_delta(before, after, self.cutoff)
            approved = approved_periods(self.settings.home)
            delta.closed = changed_closed_cutoffs(before, after, self.cutoff, {c for _, c in approved})
            delta.revised = approved_periods_changed(before, after, approved)
            return delta
        except Exception as exc:  # the import report stands without its delta
            delta.unavailable = type(exc).__name__
            return delta
        finally:
            delta.seconds = round(time.perf_counter() - self.started, 2)
            for warehouse in (self.after, self.before):
                if warehouse is not None:
                    _remove_warehouse(warehouse)


def _read_increments(warehouse: Path) -> pl.DataFrame:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.sql(f"SELECT * FROM marts.{MART}").pl()


def prepare(
    settings: Settings, kind: str, versions: pl.DataFrame, cutoff: dt.date, upload: dict | None = None,
    child: ScratchChild | None = None,
) -> Pending:
    """Call under the writer lock with the versions the upload would store (contract columns
    + source_row, as versions.diff gives them) and its `uploads` row (without upload_id);
    `child`, when the caller started one, runs dbt (the caller discards it if unused)."""
    pending = Pending(cutoff=cutoff, settings=settings, child=child)
    if versions.height == 0:
        return pending  # nothing would be stored: nothing can change
    feeding = kinds_feeding_indicators()
    if feeding is not None and kind not in feeding:
        return pending  # e.g. targets: no indicator is computed from them
    max_id = ledger.max_upload_id(settings)
    after = scratch_warehouse(settings, "after")
    try:
        _remove_warehouse(after)
        upload_id = (max_id or 0) + 1
        proposed = {kind: versions.with_columns(upload_id=pl.lit(upload_id, pl.Int64))}
        if upload is not None:
            proposed["uploads"] = pl.DataFrame([{**upload, "upload_id": upload_id}])
        load_raw_tables(settings, warehouse_path=after, pending=proposed)
        pending.after = after
        if max_id is None:
            return pending  # no ledger yet: before, nothing counted
        pending.before_increments = published_increments(settings, max_id)
        if pending.before_increments is None:
            pending.before = scratch_warehouse(settings, "before")
            _remove_warehouse(pending.before)
            load_raw_tables(settings, warehouse_path=pending.before)
        return pending
    except BaseException:
        for warehouse in (after, pending.before):
            if warehouse is not None:
                _remove_warehouse(warehouse)
        raise
