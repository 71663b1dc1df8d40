"""The dashboard as a process of the service (`impact serve` starts it):

    python -m dashboards.server [--host 127.0.0.1] [--port 8050]    # settings from IMPACT_HOME etc.
"""

from __future__ import annotations

import argparse
import sys

from dashboards.app import run_server
from pipelines.settings import Settings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dashboards.server")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8050)
    args = parser.parse_args(argv)
    run_server(Settings.from_env(), host=args.host, port=args.port)
    return 0


if __name__ == "__main__":
    sys.exit(main())
