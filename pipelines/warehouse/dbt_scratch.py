"""Run the dbt models up to one mart on scratch warehouses: the dry run's indicator delta
computes the indicators of a state that is not stored (the ledger with an upload applied)
with the very models a build runs, so the indicator rules stay in dbt alone.

Run as a child process (`python -m pipelines.warehouse.dbt_scratch`), once for all the warehouses of one
dry run: dbt keeps global state (flags, an adapter holding the DuckDB file open) and reads the
warehouse path from the environment, which a long-running process such as the web page must
not have changed under it. Inside the child, dbt runs in-process (dbtRunner) on the manifest
`impact build` prepared (no parse); when that manifest is stale it parses once into the
scratch folder. Nothing is written to dbt_project/: targets and logs go to the scratch folder.

Each warehouse must be a file named warehouse.duckdb, like the real one, because the manifest
names relations by that database name.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from pipelines.warehouse.dbt_sources import current_manifest
from pipelines.settings import DBT_PROJECT_DIR

DATABASE = "warehouse"


def dbt_args(work: Path) -> list[str]:
    return [
        "--project-dir", str(DBT_PROJECT_DIR),
        "--profiles-dir", str(DBT_PROJECT_DIR),
        "--target-path", str(work / "target"),
        "--log-path", str(work / "logs"),
        "--no-version-check",
        "--quiet",
    ]


def build_args(select: str, rule: str, work: Path) -> list[str]:
    """`dbt build` of the models (and seeds) up to `select`: no tests, nothing else."""
    return [
        "build", "--select", select,
        "--resource-type", "model", "--resource-type", "seed",
        "--vars", json.dumps({"long_term_unemployment_rule": rule}),
        "--no-write-json",
        *dbt_args(work),
    ]


def _prepared_manifest():
    """The manifest `impact build` prepared, when it is current and names our database."""
    from dbt.contracts.graph.manifest import Manifest, WritableManifest

    path = current_manifest()
    if path is None:
        return None
    try:
        manifest = Manifest.from_writable_manifest(WritableManifest.read_and_check_versions(str(path)))
    except Exception:  # being rewritten by a parse right now, or from another dbt version
        return None
    if any(source.database != DATABASE for source in manifest.sources.values()):
        return None
    return manifest


def run(warehouses: list[Path], select: str, rule: str, work: Path, manifest=None) -> None:
    """dbt build up to `select` on each warehouse, on `manifest` (the prepared one when None)."""
    from dbt.cli.main import dbtRunner

    os.environ["DBT_SEND_ANONYMOUS_USAGE_STATS"] = "false"
    for warehouse in warehouses:
        if warehouse.stem != DATABASE:
            raise SystemExit(f"a scratch warehouse must be named {DATABASE}.duckdb: {warehouse}")
    manifest = manifest or _prepared_manifest()
    if manifest is None:
        os.environ["IMPACT_WAREHOUSE"] = str(warehouses[0])
        parsed = dbtRunner().invoke(["parse", "--no-write-json", *dbt_args(work)])
        if not parsed.success:
            raise SystemExit(f"dbt parse failed: {parsed.exception}")
        manifest = parsed.result
    for warehouse in warehouses:
        os.environ["IMPACT_WAREHOUSE"] = str(warehouse)
        result = dbtRunner(manifest=manifest).invoke(build_args(select, rule, work))
        if not result.success:
            failed = [
                r.node.name for r in (result.result or []) if str(getattr(r, "status", "")) in ("error", "fail")
            ]
            raise SystemExit(f"dbt build failed on {warehouse.parent.name}: {failed or result.exception}")


def wait_and_run(select: str, rule: str) -> None:
    """Import dbt and load the prepared manifest first, then read one line from stdin,
    {"work": folder, "warehouses": [paths]}, and run on them; stdin closed without a line:
    nothing to do. So the caller can start this process before the warehouses exist."""
    from dbt.cli.main import dbtRunner  # noqa: F401  (imported now, while the caller works)

    manifest = _prepared_manifest()
    line = sys.stdin.readline()
    if not line.strip():
        return
    request = json.loads(line)
    run([Path(w) for w in request["warehouses"]], select, rule, Path(request["work"]), manifest)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipelines.warehouse.dbt_scratch")
    parser.add_argument("--select", required=True)
    parser.add_argument("--rule", default="eu")
    parser.add_argument("--wait", action="store_true",
                        help="prepare, then take the work folder and warehouses as JSON on stdin")
    parser.add_argument("--work", type=Path, help="scratch folder for dbt's target and logs")
    parser.add_argument("warehouses", nargs="*", type=Path)
    args = parser.parse_args(argv)
    if args.wait:
        wait_and_run(args.select, args.rule)
    elif args.work is None or not args.warehouses:
        parser.error("--work and at least one warehouse, or --wait")
    else:
        run(args.warehouses, args.select, args.rule, args.work)
    return 0


if __name__ == "__main__":
    sys.exit(main())
