"""Reading the published copy: the one reader the dashboard, the exports and the API share.

A build publishes IMPACT_HOME/published/<version>/ (pipelines/publish/snapshot.py): a Parquet
file per table and manifest.json, which names every table's columns as the warehouse held them.
The marts' columns and types are dbt contracts (`contract: {enforced: true}` in their yml): a
model whose SQL does not give them fails the build, so nothing else is ever published. This
reader checks each file against the manifest as it loads it, so a reader can rely on every
published table and column without looking for alternatives.

`PublishedCopy.snapshot()` reads CURRENT on every call (one small file read) and returns the
cached `Snapshot` of that version, so a new build shows at the next request without a restart,
and an unchanged version costs no Parquet reads. Tables load on first use and are kept.
"""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from typing import Any

import polars as pl

CURRENT = "CURRENT"
MANIFEST = "manifest.json"


class NotPublishedError(RuntimeError):
    """Nothing has been published yet."""

    def __init__(self) -> None:
        super().__init__(
            "Nothing has been published yet: run `impact build` (or `make demo`) first. / "
            "Mitään ei ole vielä julkaistu: aja ensin `impact build` (tai `make demo`)."
        )


class PublishedCopyError(RuntimeError):
    """The published version cannot be read (a missing file, columns other than published)."""


class Snapshot:
    """One published version. Immutable on disk; tables are read once and kept."""

    def __init__(self, version: str, path: Path):
        self.version = version
        self.path = path
        self._tables: dict[str, pl.DataFrame] = {}
        self._memo: dict[object, object] = {}
        self._lock = threading.Lock()
        self.manifest: dict[str, Any] = self._read_manifest()

    def _read_manifest(self) -> dict:
        path = self.path / MANIFEST
        if not path.is_file():
            raise PublishedCopyError(f"{path} is missing")
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            raise PublishedCopyError(f"{path} is not valid JSON ({exc})") from exc

    @property
    def table_names(self) -> list[str]:
        return sorted(self.manifest["tables"])

    def file(self, name: str) -> Path:
        return self.path / f"{name}.parquet"

    def table(self, name: str) -> pl.DataFrame:
        """The published table `name`, with exactly the columns the build published."""
        with self._lock:
            if name not in self._tables:
                self._tables[name] = self._load(name)
            return self._tables[name]

    def _load(self, name: str) -> pl.DataFrame:
        expected = self.manifest.get("columns", {}).get(name)
        if expected is None:
            raise PublishedCopyError(f"version {self.version} publishes no table {name!r}")
        path = self.file(name)
        try:
            frame = pl.read_parquet(path)
        except Exception as exc:  # polars raises several types for missing and bad files
            raise PublishedCopyError(f"{path.name} of version {self.version} cannot be read ({exc})") from exc
        if frame.columns != list(expected):
            raise PublishedCopyError(
                f"{path.name} of version {self.version} has columns {frame.columns}, "
                f"published as {list(expected)}"
            )
        return frame

    def memo(self, key: object, compute: Callable[[], Any]) -> Any:
        """`compute()` once per snapshot: derived frames that several requests share."""
        with self._lock:
            if key in self._memo:
                return self._memo[key]
        value = compute()
        with self._lock:
            return self._memo.setdefault(key, value)


class PublishedCopy:
    """The published folder of one IMPACT_HOME; thread-safe, one per process is enough."""

    def __init__(self, published_dir: Path, max_cached_versions: int = 2):
        self.published_dir = published_dir
        self.max_cached_versions = max_cached_versions
        self._cache: OrderedDict[str, Snapshot] = OrderedDict()
        self._lock = threading.Lock()

    def current_version(self) -> str | None:
        try:
            version = (self.published_dir / CURRENT).read_text(encoding="utf-8").strip()
        except (FileNotFoundError, NotADirectoryError):
            return None
        return version or None

    def snapshot(self) -> Snapshot | None:
        """The current version, or None when nothing has been published yet. Raises
        PublishedCopyError when CURRENT names a version that cannot be read."""
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
            version, snap = newer, self._load(newer)
        with self._lock:
            self._cache[version] = snap
            self._cache.move_to_end(version)
            while len(self._cache) > self.max_cached_versions:
                self._cache.popitem(last=False)
        return snap

    def current(self) -> Snapshot:
        """The current version; NotPublishedError when there is none."""
        snap = self.snapshot()
        if snap is None:
            raise NotPublishedError()
        return snap

    def _load(self, version: str) -> Snapshot:
        if version in (".", "..") or "/" in version or "\\" in version:
            raise PublishedCopyError(f"CURRENT names {version!r}, which is not a version directory")
        path = self.published_dir / version
        if not path.is_dir():
            raise PublishedCopyError(f"CURRENT names {version!r}, but {path} does not exist")
        return Snapshot(version, path)
