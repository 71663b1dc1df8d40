"""Read access to the published copy: the only data the dashboard ever sees.

After every successful build the pipeline writes a snapshot directory
`Settings.published_dir / <version>` of Parquet files plus manifest.json, then swaps the file
`published_dir / "CURRENT"` (holding the version name) atomically. The dashboard never opens the
DuckDB warehouse: a reader holding it would make the next `dbt build` fail on the file lock
(stack-notes.md).

`PublishedCopy.snapshot()` reads CURRENT on every call (one small file read) and returns the
cached `Snapshot` of that version, so a new build shows up at the next callback without a
restart, and an unchanged version costs no Parquet reads. Tables load on first use; a new
published table is one more entry in TABLES.

The query helpers at the end are pure functions over frames, shared by pages and tests.
"""

from __future__ import annotations

import datetime as dt
import json
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

CURRENT_FILE = "CURRENT"
MANIFEST_FILE = "manifest.json"

# Published tables and the columns the dashboard relies on. Extra columns are fine; a new
# table (targets, evaluation marts) is one more line here and is read with Snapshot.table().
TABLES: dict[str, tuple[str, ...]] = {
    "indicator_values": (
        "cutoff_date",
        "scope_type",
        "scope_code",
        "indicator_code",
        "gender",
        "value",
    ),
    "dim_scopes": (
        "scope_type",
        "scope_code",
        "scope_name",
        "priority",
        "specific_objective",
        "category_of_region",
        "region_code",
    ),
    "indicator_increments": (
        "scope_type",
        "scope_code",
        "indicator_code",
        "gender",
        "event_date",
        "n",
        "value_sum",
    ),
    "dim_indicator_genders": ("indicator_code", "gender", "aggregation"),
    "uploads": ("upload_id", "file_name", "kind", "received_at", "rows_read", "rejected", "outcome"),
    # The data-quality marts (dbt_project/models/marts/quality/).
    "quality_upload_projects": ("upload_id", "kind", "project_code", "records", "current_records", "is_latest"),
    "quality_upload_problems": (
        "upload_id", "kind", "project_code", "severity", "rule_id", "problems", "problem_rows", "open_problems",
    ),
    "quality_completeness": ("project_code", "kind", "column_name", "records", "filled", "filled_share"),
    "indicator_catalogue": (
        "indicator_code",
        "indicator_group",
        "subject",
        "unit",
        "breakdown",
        "sensitive",
        "reference_indicator",
        "decimals",
        "name_fi",
        "name_sv",
        "name_en",
    ),
}
# Loaded as soon as a version is first seen, so that a half-written or already removed
# version fails once, loudly, instead of in the middle of drawing a page.
EAGER_TABLES = ("indicator_values", "indicator_catalogue")

GENDERS = ("woman", "man", "non_binary")
PROGRAMME_SCOPE = ("programme", "-")


class PublishedCopyError(Exception):
    """The version named in CURRENT exists but cannot be read (missing file, wrong columns)."""


class Snapshot:
    """One published version. Immutable on disk; tables are read once and kept."""

    def __init__(self, version: str, path: Path):
        self.version = version
        self.path = path
        self._tables: dict[str, pl.DataFrame] = {}
        self._memo: dict[object, object] = {}
        self._lock = threading.Lock()
        self.manifest = self._read_manifest()
        for name in EAGER_TABLES:
            self.table(name)

    def _read_manifest(self) -> dict:
        path = self.path / MANIFEST_FILE
        if not path.is_file():
            raise PublishedCopyError(f"{path} is missing")
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            raise PublishedCopyError(f"{path} is not valid JSON ({exc})") from exc

    def has_table(self, name: str) -> bool:
        return name in self._tables or (self.path / f"{name}.parquet").is_file()

    def table(self, name: str) -> pl.DataFrame:
        """The Parquet file `<name>.parquet` of this version, checked against TABLES."""
        with self._lock:
            if name not in self._tables:
                path = self.path / f"{name}.parquet"
                if not path.is_file():
                    raise PublishedCopyError(f"{path.name} is missing from version {self.version}")
                try:
                    frame = pl.read_parquet(path)
                except Exception as exc:  # pyarrow/polars raise several types for bad files
                    raise PublishedCopyError(f"{path.name} cannot be read ({exc})") from exc
                missing = [c for c in TABLES.get(name, ()) if c not in frame.columns]
                if missing:
                    raise PublishedCopyError(f"{path.name} lacks columns {', '.join(missing)}")
                self._tables[name] = frame
            return self._tables[name]

    def optional(self, name: str) -> pl.DataFrame | None:
        """A table other builds may not publish yet (targets, evaluation marts): None if absent.

        A table that is there but unreadable still raises PublishedCopyError.
        """
        return self.table(name) if self.has_table(name) else None

    def memo(self, key: object, compute):
        """`compute()` once per snapshot: derived frames that several requests share."""
        with self._lock:
            if key in self._memo:
                return self._memo[key]
        value = compute()
        with self._lock:
            return self._memo.setdefault(key, value)

    @property
    def indicator_values(self) -> pl.DataFrame:
        return self.table("indicator_values")

    @property
    def indicator_catalogue(self) -> pl.DataFrame:
        return self.table("indicator_catalogue")

    @property
    def dim_scopes(self) -> pl.DataFrame:
        return self.table("dim_scopes")

    @property
    def built_at(self) -> str | None:
        return self.manifest.get("built_at")

    @property
    def cutoffs(self) -> list[dt.date]:
        """Cut-off dates present in the values, oldest first."""
        return self.memo("cutoffs", lambda: cutoffs(self.indicator_values))

    @property
    def latest_cutoff(self) -> dt.date | None:
        found = self.cutoffs
        return found[-1] if found else None


@dataclass
class PublishedCopy:
    """The published directory as the dashboard sees it; one per app, shared by all requests."""

    published_dir: Path
    max_cached_versions: int = 2
    _cache: OrderedDict[str, Snapshot] = field(default_factory=OrderedDict, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def current_version(self) -> str | None:
        try:
            version = (self.published_dir / CURRENT_FILE).read_text(encoding="utf-8").strip()
        except (FileNotFoundError, NotADirectoryError):
            return None
        return version or None

    def snapshot(self) -> Snapshot | None:
        """The current version, or None when nothing has been published yet.

        Raises PublishedCopyError when CURRENT names a version that cannot be read.
        """
        version = self.current_version()
        if version is None:
            return None
        with self._lock:
            cached = self._cache.get(version)
            if cached is not None:
                self._cache.move_to_end(version)
                return cached
        try:
            snap = self._load(version)
        except PublishedCopyError:
            # A publish may have swapped CURRENT (and pruned the old version) while we read.
            newer = self.current_version()
            if newer is None or newer == version:
                raise
            version = newer
            snap = self._load(version)
        with self._lock:
            self._cache[version] = snap
            self._cache.move_to_end(version)
            while len(self._cache) > self.max_cached_versions:
                self._cache.popitem(last=False)
        return snap

    def _load(self, version: str) -> Snapshot:
        if version in (".", "..") or "/" in version or "\\" in version:
            raise PublishedCopyError(f"CURRENT names {version!r}, which is not a version directory")
        path = self.published_dir / version
        if not path.is_dir():
            raise PublishedCopyError(f"CURRENT names {version!r}, but {path} does not exist")
        return Snapshot(version, path)


# --- Queries: pure functions over the published frames -------------------------------------


def cutoffs(values: pl.DataFrame) -> list[dt.date]:
    return sorted(values.get_column("cutoff_date").unique().drop_nulls().to_list())


def previous_cutoff(cutoff: dt.date | None, available: list[dt.date]) -> dt.date | None:
    """The cut-off just before `cutoff` in `available`, or None for the first one."""
    earlier = [c for c in available if cutoff is not None and c < cutoff]
    return earlier[-1] if earlier else None


def parse_cutoff(value: str | dt.date | None, available: list[dt.date]) -> dt.date | None:
    """The cut-off the user asked for if it exists in this version, else the latest."""
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value[:10])
        except ValueError:
            value = None
    if value in available:
        return value
    return available[-1] if available else None


def catalogue_with_order(catalogue: pl.DataFrame, lang: str) -> pl.DataFrame:
    """The catalogue with its row order kept and `name` in `lang` (else English, else the code)."""
    name_col = f"name_{lang}"
    fallbacks = [pl.col(c) for c in (name_col, "name_en") if c in catalogue.columns]
    return catalogue.with_row_index("catalogue_order").with_columns(
        pl.coalesce(*fallbacks, pl.col("indicator_code")).alias("name"),
        pl.col("sensitive")
        .cast(pl.String)
        .str.to_lowercase()
        .is_in(["true", "1", "yes"])
        .alias("sensitive"),
        pl.col("decimals").cast(pl.Int64, strict=False).fill_null(0).alias("decimals"),
    )


def programme_participant_values(
    values: pl.DataFrame,
    catalogue: pl.DataFrame,
    cutoff: dt.date,
    lang: str,
    previous: dt.date | None = None,
) -> pl.DataFrame:
    """Programme-level participant indicators at one cut-off, one row per indicator.

    Columns: indicator_code, name, indicator_group, reference_indicator, sensitive, decimals,
    total, woman, man, non_binary, reference_total, share_of_reference, previous_total and
    change (null without a `previous` cut-off); catalogue order.
    Participant indicators are those whose catalogue subject is `participants` (EECO01–17,
    EECR01–06, SE04, SE05): whichever of them the published copy holds.
    """
    scope_type, scope_code = PROGRAMME_SCOPE
    cat = catalogue_with_order(catalogue, lang).filter(pl.col("subject") == "participants")
    at_cutoff = values.filter(
        (pl.col("cutoff_date") == cutoff)
        & (pl.col("scope_type") == scope_type)
        & (pl.col("scope_code") == scope_code)
    )
    wide = (
        at_cutoff.filter(pl.col("gender").is_in(("total", *GENDERS)))
        .group_by("indicator_code")
        .agg(
            pl.col("value").filter(pl.col("gender") == g).first().alias(g)
            for g in ("total", *GENDERS)
        )
    )
    frame = cat.join(wide, on="indicator_code", how="inner")
    totals = wide.select(
        pl.col("indicator_code").alias("reference_indicator"),
        pl.col("total").alias("reference_total"),
    )
    frame = frame.join(totals, on="reference_indicator", how="left").with_columns(
        pl.when(pl.col("reference_total") > 0)
        .then(pl.col("total") / pl.col("reference_total"))
        .otherwise(None)
        .alias("share_of_reference")
    )
    earlier = values.clear() if previous is None else values.filter(
        (pl.col("cutoff_date") == previous)
        & (pl.col("scope_type") == scope_type)
        & (pl.col("scope_code") == scope_code)
        & (pl.col("gender") == "total")
    )
    earlier = earlier.select("indicator_code", pl.col("value").alias("previous_total"))
    frame = frame.join(earlier, on="indicator_code", how="left").with_columns(
        (pl.col("total") - pl.col("previous_total")).alias("change")
    )
    return frame.sort("catalogue_order").select(
        "indicator_code",
        "name",
        "indicator_group",
        "reference_indicator",
        "sensitive",
        "decimals",
        "total",
        *GENDERS,
        "reference_total",
        "share_of_reference",
        "previous_total",
        "change",
    )
