"""dbt without Dagster: prepare the manifest once per change of the dbt sources, and run
`dbt build` in this process on it. Used by the Dagster asset (pipelines/orchestration/dbt/assets.py) and by
`impact build` (pipelines/warehouse/build.py); imports neither Dagster nor, until a run, dbt.

Why in-process and pre-parsed (measured on this 2-core machine, stack-notes.md): a `dbt`
process costs ≈ 2.6 s before any work, dagster-dbt's `DbtCliResource.cli` adds `dbt --version`
(another dbt process) and an adapter of its own, and gives every run a new target folder, so
partial parsing never hits and every build parses the project again (≈ 3.6 s).

`prepare_manifest()` runs `dbt parse` in a subprocess when the sources' fingerprint changed; it
writes target/manifest.json (Dagster's asset graph) and target/partial_parse.msgpack (dbt's own
serialised Manifest). A copy of the latter, named by fingerprint and dbt vars, is what
`build_manifest()` loads for a run (≈ 0.1 s). The vars are part of the name although no
model's configuration depends on them today (they reach the SQL at compile time): a build with
other vars parses once with them, in-process, and keeps that parse too.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipelines.warehouse.dbt_sources import FINGERPRINT_PATH, MANIFEST_PATH, source_fingerprint
from pipelines.settings import DBT_PROJECT_DIR, Settings

if TYPE_CHECKING:
    from dbt.contracts.graph.manifest import Manifest

TARGET_DIR = MANIFEST_PATH.parent
PARTIAL_PARSE_FILE = "partial_parse.msgpack"
BUILD_MANIFESTS_DIR = TARGET_DIR / "build_manifests"
KEEP_BUILD_MANIFESTS = 8
DBT_LOG_LEVEL = "warn"  # on the console: warnings (a WARN test) and errors; the rest goes to dbt.log
PUBLISHED_SCHEMAS = ("marts", "reference")


def dbt_vars(long_term_unemployment_rule: str) -> dict[str, Any]:
    return {"long_term_unemployment_rule": long_term_unemployment_rule}


# The vars of a build with the default settings: prepare_manifest's parse uses them so that
# the default build finds its manifest ready.
DEFAULT_VARS = dbt_vars("eu")


def vars_json(values: dict[str, Any]) -> str:
    return json.dumps(values, sort_keys=True)


def dbt_build_args(long_term_unemployment_rule: str) -> list[str]:
    """The dbt command line for a build with the pipeline's settings as dbt vars.

    dbt's unit tests check the SQL's logic, not the data, so they run in the test suite
    (tests/test_dbt_models.py) rather than on every build; the data tests (the consistency
    rules) do run here and stop the build.
    """
    return [
        "build",
        "--exclude-resource-type", "unit_test",
        "--vars", json.dumps(dbt_vars(long_term_unemployment_rule)),
    ]


# What a build selects when the warehouse's views and seeds are those of the current dbt
# sources and vars (see DefinitionsMarker): the tables, the incremental model and every test.
DATA_NODES_SELECTION = "config.materialized:table config.materialized:incremental resource_type:test"


class DefinitionsMarker:
    """Whether the warehouse's views and seeds are those the current dbt sources and vars
    create: their SQL depends on nothing else (DuckDB binds a view's tables when it is read, and
    the raw tables it reads are replaced by every build), so a build need not create them again
    (17 views and 4 seeds, ≈ 40 ms of dbt's work each). A file beside the warehouse names the
    sources and vars of the last `impact build` that created them all and succeeded. Every
    other dbt run on the warehouse (a Dagster run, with its own vars or selection) removes it
    first (run_dbt), and so does a build that creates them, so a failed or foreign run leaves
    none; a build asks before it loads the raw tables, which create a deleted warehouse anew."""

    def __init__(self, settings: Settings, values: dict[str, Any]):
        from pipelines.warehouse.dbt_sources import source_fingerprint

        self.path = settings.warehouse_path.parent / "definitions.fingerprint"
        self.key = f"{source_fingerprint()} {vars_json(values)}"
        self.warehouse = settings.warehouse_path

    def current(self) -> bool:
        try:
            return self.warehouse.exists() and self.path.read_text() == self.key
        except OSError:
            return False

    def clear(self) -> None:
        self.path.unlink(missing_ok=True)

    def record(self) -> None:
        self.path.write_text(self.key)


def run_args(target_dir: Path) -> list[str]:
    """Where dbt finds the project and writes what a run leaves (compiled SQL, dbt.log): a folder
    of IMPACT_HOME, reused by every build of that home. No manifest.json/run_results.json:
    writing them costs ≈ 0.3 s a run and nothing reads them (dbt.log has every result)."""
    return [
        "--project-dir", str(DBT_PROJECT_DIR),
        "--profiles-dir", str(DBT_PROJECT_DIR),
        "--target-path", str(target_dir),
        "--log-path", str(target_dir),
        "--log-level", DBT_LOG_LEVEL,
        "--log-level-file", "info",
        "--no-write-json",
        "--no-send-anonymous-usage-stats",
        "--no-version-check",
    ]


def run_target_dir(settings: Settings) -> Path:
    return settings.home / "dbt" / "target"


def dbt_executable() -> str:
    """The dbt beside this interpreter (an unactivated venv has no dbt on PATH)."""
    beside = Path(sys.executable).with_name("dbt")
    return str(beside) if beside.exists() else (shutil.which("dbt") or "dbt")


def build_manifest_path(fingerprint: str, values: dict[str, Any]) -> Path:
    key = hashlib.sha256(f"{fingerprint}\0{vars_json(values)}".encode()).hexdigest()[:20]
    return BUILD_MANIFESTS_DIR / f"{key}.msgpack"


def manifest_is_stale() -> bool:
    """True when target/manifest.json is missing or was parsed from other dbt sources."""
    if not MANIFEST_PATH.exists() or not FINGERPRINT_PATH.exists():
        return True
    fingerprint = source_fingerprint()
    return (FINGERPRINT_PATH.read_text() != fingerprint
            or not build_manifest_path(fingerprint, DEFAULT_VARS).exists())


def _keep(source: Path, target: Path) -> None:
    """Copy atomically: another process may be reading `target` (every writer writes the same
    bytes for the same name); keep the few most recent."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".incoming-")
    os.close(fd)
    try:
        shutil.copyfile(source, tmp)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    kept = sorted(target.parent.glob("*.msgpack"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in kept[KEEP_BUILD_MANIFESTS:]:
        old.unlink(missing_ok=True)


def prepare_manifest(force: bool = False) -> None:
    """Parse the dbt project when its sources changed since the last parse (about 4 s)."""
    if not (force or manifest_is_stale()):
        return
    # Fingerprint before parsing: a file changed during the parse makes the next call parse again.
    fingerprint = source_fingerprint()
    # A plain subprocess: this process need not import dbt, and dbt's global state stays clean.
    subprocess.run(
        [
            dbt_executable(), "parse", "--quiet",
            "--project-dir", str(DBT_PROJECT_DIR),
            "--profiles-dir", str(DBT_PROJECT_DIR),
            "--target-path", str(TARGET_DIR),
            "--vars", vars_json(DEFAULT_VARS),
        ],
        check=True,
        cwd=DBT_PROJECT_DIR,
        env={**os.environ, "DBT_SEND_ANONYMOUS_USAGE_STATS": "false"},
    )
    _keep(TARGET_DIR / PARTIAL_PARSE_FILE, build_manifest_path(fingerprint, DEFAULT_VARS))
    FINGERPRINT_PATH.write_text(fingerprint)


def _load_msgpack(path: Path) -> "Manifest":
    from dbt.contracts.graph.manifest import Manifest
    from dbt.parser.manifest import extended_mashumuro_decoder

    manifest = Manifest.from_msgpack(path.read_bytes(), decoder=extended_mashumuro_decoder)
    manifest.build_flat_graph()  # what dbt's own load does after reading a partial parse
    return manifest


def build_manifest(values: dict[str, Any]) -> "Manifest":
    """The parsed dbt Manifest for the current sources and these vars, for dbtRunner.

    Loaded from the kept parse (≈ 0.1 s); otherwise parsed here, in-process, and kept.
    """
    path = build_manifest_path(source_fingerprint(), values)
    if path.exists():
        try:
            return _load_msgpack(path)
        except Exception:  # unreadable (written by another dbt version?): parse again below
            pass
    from dbt.cli.main import dbtRunner

    with tempfile.TemporaryDirectory(prefix="dbt-parse-") as tmp:
        result = dbtRunner().invoke([
            "parse", "--quiet",
            "--project-dir", str(DBT_PROJECT_DIR),
            "--profiles-dir", str(DBT_PROJECT_DIR),
            "--target-path", tmp,
            "--log-path", tmp,
            "--vars", vars_json(values),
        ])
        if not result.success:
            raise RuntimeError(f"dbt parse failed: {result.exception}")
        if (Path(tmp) / PARTIAL_PARSE_FILE).exists():
            _keep(Path(tmp) / PARTIAL_PARSE_FILE, path)
    return result.result


def close_duckdb() -> None:
    """dbt-duckdb keeps its database handle in a class attribute: close it, so that the next
    step (the published copy opens the warehouse read-only) and other processes can open it."""
    try:
        from dbt.adapters.duckdb.connections import DuckDBConnectionManager
    except ImportError:
        return
    env = DuckDBConnectionManager._ENV
    try:
        if env is not None:
            env.close()
    finally:
        DuckDBConnectionManager.close_all_connections()


@dataclass
class DbtRun:
    success: bool
    errors: list[str] = field(default_factory=list)
    exception: BaseException | None = None

    def message(self, args: list[str], target_dir: Path) -> str:
        detail = "\n\n".join(self.errors) or str(self.exception or "")
        return f"dbt {' '.join(args[:1])} failed; see {target_dir / 'dbt.log'}.\n\n{detail}"


# dbt's result events (one per seed, model, snapshot and test), what Dagster reports.
RESULT_EVENTS = frozenset({"LogSeedResult", "LogModelResult", "LogSnapshotResult", "LogTestResult"})


def run_dbt(settings: Settings, args: list[str], values: dict[str, Any],
            on_result: Callable[[dict], None] | None = None,
            manifest: "Manifest | None" = None) -> DbtRun:
    """Run dbt (e.g. dbt_build_args(...) plus any selection) in this process on the prepared
    manifest (build_manifest(values), unless given). `on_result` receives each result event as
    dbt's JSON log line would hold it."""
    from dbt.cli.main import dbtRunner
    from dbt_common.events.functions import msg_to_dict

    # profiles.yml reads the warehouse from the environment.
    os.environ.update(settings.dbt_env())
    if DATA_NODES_SELECTION not in args:  # it may create views and seeds with other vars
        DefinitionsMarker(settings, values).clear()
    target_dir = run_target_dir(settings)
    target_dir.mkdir(parents=True, exist_ok=True)
    errors: list[str] = []

    def on_event(msg) -> None:
        info = msg.info
        if on_result is not None and info.name in RESULT_EVENTS:
            on_result(msg_to_dict(msg))
        elif info.level == "error":
            errors.append(info.msg)

    try:
        result = dbtRunner(manifest=manifest or build_manifest(values), callbacks=[on_event]).invoke(
            [*args, *run_args(target_dir)]
        )
    finally:
        close_duckdb()
    return DbtRun(bool(result.success), errors, result.exception)


def published_relations() -> dict[str, str]:
    """{table name: warehouse relation} of every model and seed in the marts and reference
    schemas (target/manifest.json): what the published copy is made of. The same list as the
    Dagster assets' (pipelines/assets/dbt.published_tables), without loading Dagster."""
    manifest = json.loads(MANIFEST_PATH.read_text())
    found = {}
    for node in manifest["nodes"].values():
        if node["resource_type"] not in ("model", "seed", "snapshot"):
            continue
        if node["config"].get("materialized") == "ephemeral" or not node["config"].get("enabled", True):
            continue
        if node["schema"] in PUBLISHED_SCHEMAS:
            found[node["name"]] = f"{node['schema']}.{node['name']}"
    return dict(sorted(found.items()))
