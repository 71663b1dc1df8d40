"""Run the dbt models up to one mart on scratch warehouses: the dry run's indicator delta
computes the indicators of a state that is not stored (the ledger with an upload applied) with
the very models a build runs, so the indicator rules stay in dbt alone.

Run as a child process (`python -m pipelines.warehouse.dbt_scratch`): dbt keeps global state
(flags, an adapter holding the DuckDB file) and reads the warehouse from the environment, which
a long-running process such as the web page must not have changed under it. Inside the child,
dbt runs in-process (pipelines/warehouse/dbt_invocation.py). With `--wait` the child imports
dbt first and then reads its work from stdin, so the caller can start it before the warehouses
exist.

The scratch warehouses have fixed places under IMPACT_HOME (pipelines/ingest/delta.py), so dbt's
partial parsing in their target folders serves every dry run after the first.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from pipelines.warehouse.dbt_invocation import build_args, dbt_vars, invoke_dbt


def run(warehouses: list[Path], select: str, rule: str) -> None:
    """dbt build of the models and seeds up to `select` on each warehouse (no tests)."""
    values = dbt_vars(rule)
    for warehouse in warehouses:
        result = invoke_dbt(warehouse, build_args(values, [select], tests=False))
        if not result.success:
            failed = [r.name for r in result.results if r.status == "error"]
            raise SystemExit(f"dbt build failed on {warehouse.parent.name}: {failed or result.exception}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipelines.warehouse.dbt_scratch")
    parser.add_argument("--select", required=True)
    parser.add_argument("--rule", default="eu")
    parser.add_argument("--wait", action="store_true",
                        help="import dbt first, then take the warehouses as JSON on stdin")
    parser.add_argument("warehouses", nargs="*", type=Path)
    args = parser.parse_args(argv)
    warehouses = args.warehouses
    if args.wait:
        import dbt.cli.main  # noqa: F401  (imported now, while the caller works)

        line = sys.stdin.readline()
        if not line.strip():
            return 0  # nothing to do
        warehouses = [Path(w) for w in json.loads(line)["warehouses"]]
    run(warehouses, args.select, args.rule)
    return 0


if __name__ == "__main__":
    sys.exit(main())
