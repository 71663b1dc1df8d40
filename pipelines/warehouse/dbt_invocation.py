"""dbt in this process, through dbt's documented programmatic interface (`dbtRunner`) only.

Every invocation parses the project the way the `dbt` command does, and dbt's partial parsing
makes that cheap when the warehouse's target folder holds a parse from the same sources,
settings and profile (a fraction of a second in a warm process, ≈ 1.5 s in a new one, against
5-8 s for a full parse). dbt's profile names the warehouse file, so each warehouse has its own
target folder beside it, and the first build of a new warehouse parses in full. (A parsed
Manifest handed to `dbtRunner(manifest=...)` would save the rest, but reusing one for a second
invocation breaks models that read an ephemeral model in dbt-core 1.11, so none is kept.)

profiles.yml reads the warehouse from IMPACT_WAREHOUSE: dbt's only channel for a profile's
values is the environment, so `invoke_dbt` sets it for the invocation's warehouse. After every
invocation the DuckDB adapter lets go of the warehouse file, so that the next step (the
published copy) and other processes can open it.

Nothing here imports dbt until dbt is invoked.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipelines.settings import DBT_PROJECT_DIR

DBT_LOG_LEVEL = "warn"  # on the console: warnings (a WARN test) and errors; the rest to dbt.log
# dbt's result events: one per seed, model, snapshot and test that ran.
RESULT_EVENTS = frozenset({"LogSeedResult", "LogModelResult", "LogSnapshotResult", "LogTestResult"})


def dbt_vars(long_term_unemployment_rule: str) -> dict[str, Any]:
    return {"long_term_unemployment_rule": long_term_unemployment_rule}


def vars_json(values: dict[str, Any]) -> str:
    return json.dumps(values, sort_keys=True)


def target_dir(warehouse: Path) -> Path:
    """Where dbt keeps what a run on `warehouse` leaves (compiled SQL, dbt.log, the partial parse)."""
    return warehouse.parent / "dbt-target"


def common_args(warehouse: Path) -> list[str]:
    target = str(target_dir(warehouse))
    return [
        "--project-dir", str(DBT_PROJECT_DIR),
        "--profiles-dir", str(DBT_PROJECT_DIR),
        "--target-path", target,
        "--log-path", target,
        "--log-level", DBT_LOG_LEVEL,
        "--log-level-file", "info",
        "--no-send-anonymous-usage-stats",
        "--no-version-check",
        "--no-use-colors",  # plain text where dbt writes to a terminal (a WARN test during `make demo`)
    ]


def build_args(values: dict[str, Any], select: list[str] | None = None, tests: bool = True) -> list[str]:
    """`dbt build` with the settings as vars. dbt's unit tests check the SQL's logic, not the
    data: they run in the test suite, not on every build. The data tests (row checks and the
    consistency rules) run here and stop the build. `select`: node names (None: everything);
    `tests=False`: models and seeds only."""
    args = ["build", "--exclude-resource-type", "unit_test", "--vars", vars_json(values),
            "--no-write-json"]
    if not tests:
        args += ["--resource-type", "model", "--resource-type", "seed"]
    if select is not None:
        args += ["--select", *select, "--indirect-selection", "empty"]
    return args


@dataclass(frozen=True)
class NodeResult:
    """One node dbt finished: a model, seed, snapshot or test."""

    unique_id: str
    resource_type: str
    name: str
    status: str  # dbt's node status: success | error | skipped (models); pass | fail | warn | error (tests)
    seconds: float
    failures: int = 0  # tests: the rows that failed


@dataclass
class DbtRun:
    success: bool
    results: list[NodeResult] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    exception: BaseException | None = None

    def message(self, warehouse: Path) -> str:
        failed = [f"{r.name}: {r.status}" for r in self.results if r.status in ("error", "fail")]
        detail = "\n".join([*failed, *self.errors]) or str(self.exception or "")
        return f"dbt build failed; see {target_dir(warehouse) / 'dbt.log'}.\n{detail}"


def node_result(msg) -> NodeResult | None:
    """The NodeResult of a dbt event message, if it is a node's result."""
    if msg.info.name not in RESULT_EVENTS:
        return None
    node = msg.data.node_info
    return NodeResult(
        unique_id=node.unique_id,
        resource_type=node.resource_type,
        name=node.node_name,
        status=node.node_status,
        seconds=float(msg.data.execution_time),
        failures=int(msg.data.num_failures) if msg.info.name == "LogTestResult" else 0,
    )


def release_connections() -> None:
    """dbt-duckdb keeps its database open in the process after an invocation; let it go."""
    from dbt.adapters.duckdb import DuckDBConnectionManager

    DuckDBConnectionManager.close_all_connections()


def invoke_dbt(warehouse: Path, args: list[str],
               on_result: Callable[[NodeResult], None] | None = None) -> DbtRun:
    """Run dbt `args` (e.g. build_args(values)) on `warehouse` in this process; `on_result`
    gets each node's result as dbt finishes it (from dbt's own thread)."""
    from dbt.cli.main import dbtRunner

    target_dir(warehouse).mkdir(parents=True, exist_ok=True)
    os.environ["IMPACT_WAREHOUSE"] = str(warehouse)
    run = DbtRun(success=False)

    def on_event(msg) -> None:
        result = node_result(msg)
        if result is not None:
            run.results.append(result)
            if on_result is not None:
                on_result(result)
        elif msg.info.level == "error":
            run.errors.append(msg.info.msg)

    try:
        outcome = dbtRunner(callbacks=[on_event]).invoke([*args, *common_args(warehouse)])
    finally:
        release_connections()
    run.success, run.exception = bool(outcome.success), outcome.exception
    return run
