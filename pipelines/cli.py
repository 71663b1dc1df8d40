"""The `impact` command line: ingest uploads, build the indicators, export, serve the dashboard.

Exit codes of `impact ingest`: 0 every row accepted, 1 some rows rejected (the rest applied),
2 a file refused whole (nothing loaded). Other commands: 0 success, 1 failure, 2 usage error.
Heavy libraries are imported inside each command so that `impact --help` stays instant.
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date
from pathlib import Path

from indicators.contract import KINDS
from pipelines.settings import Settings

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8050


def _cutoff(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date in the form YYYY-MM-DD: {text!r}") from None


def _default_port() -> int:
    return int(os.environ.get("IMPACT_PORT", DEFAULT_PORT))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="impact",
        description="ESF+ impact indicators: monitoring uploads -> indicators -> dashboard and exports. "
        "State lives under IMPACT_HOME (default ./data).",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    ingest = sub.add_parser("ingest", help="validate and apply monitoring CSV files")
    ingest.add_argument("--kind", choices=KINDS, help="the file kind (detected from the header when omitted)")
    ingest.add_argument("--dry-run", action="store_true", help="report only; change nothing")
    ingest.add_argument("--report", type=Path, metavar="PATH", help="also save the import report (.csv or .json)")
    ingest.add_argument("files", nargs="+", type=Path, metavar="FILE")

    sub.add_parser("build", help="load the ledger into DuckDB, run dbt models and tests, publish")

    export = sub.add_parser("export", help="write the indicator tables for a cut-off date")
    export.add_argument("--cutoff", required=True, type=_cutoff, metavar="YYYY-MM-DD")
    export.add_argument("--out", required=True, type=Path, metavar="DIR")

    serve = sub.add_parser("serve", help="serve the dashboard")
    serve.add_argument("--host", default=DEFAULT_HOST)
    serve.add_argument("--port", type=int, default=None, help=f"default IMPACT_PORT or {DEFAULT_PORT}")

    demo = sub.add_parser("demo", help="generate demo data, ingest, build, export and serve")
    demo.add_argument("--host", default=DEFAULT_HOST)
    demo.add_argument("--port", type=int, default=None)
    demo.add_argument("--no-serve", action="store_true", help="stop after the export")
    return parser


def cmd_ingest(settings: Settings, args: argparse.Namespace) -> int:
    from pipelines.ingest import ingest_files

    return ingest_files(settings, args.files, kind=args.kind, dry_run=args.dry_run, report_path=args.report)


def cmd_build(settings: Settings, args: argparse.Namespace) -> int:
    from pipelines.build import run_build

    ok = run_build(settings)
    print("Build finished: the published copy is updated." if ok else "Build FAILED: see the log above; the published copy was not changed.")
    return 0 if ok else 1


def cmd_export(settings: Settings, args: argparse.Namespace) -> int:
    from pipelines.export import run_export
    from pipelines.published import NotPublishedError

    try:
        written = run_export(settings, args.cutoff, args.out)
    except NotPublishedError as exc:
        print(exc, file=sys.stderr)
        return 1
    for path in written:
        print(f"wrote {path}")
    return 0


def cmd_serve(settings: Settings, args: argparse.Namespace) -> int:
    from dashboards.app import run_server

    run_server(settings, host=args.host, port=args.port or _default_port())
    return 0


def cmd_demo(settings: Settings, args: argparse.Namespace) -> int:
    from pipelines.demo import run_demo

    return run_demo(settings, host=args.host, port=args.port or _default_port(), serve=not args.no_serve)


COMMANDS = {
    "ingest": cmd_ingest,
    "build": cmd_build,
    "export": cmd_export,
    "serve": cmd_serve,
    "demo": cmd_demo,
}


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    settings = Settings.from_env()
    # The environment is the one source of configuration; subprocesses (dbt) get the resolved
    # absolute paths so that they agree with this process whatever their working directory.
    os.environ.update(settings.dbt_env())
    return COMMANDS[args.command](settings, args)


if __name__ == "__main__":
    sys.exit(main())
