"""Everything under IMPACT_HOME is readable by its owner only: the ledger, the blobs, the
warehouse, the published copy, the exports, the logs, the access store. The file mode comes from
the process's umask, so it is set once where a process of ours starts: `impact` (pipelines/cli.py,
every command, `impact serve` and `impact demo` included) and each child the service starts
(pipelines/service/supervisor.py passes it to the Dagster code server, webserver, daemon, the
build runner and the web server, and every process they start inherits it). New files are then
0600 and new folders 0700, whoever writes them: DuckDB, dbt, polars, Dagster or our own code."""

from __future__ import annotations

import os

OWNER_ONLY_UMASK = 0o077


def restrict_new_files() -> None:
    """From now on this process (and its children) create files 0600 and folders 0700."""
    os.umask(OWNER_ONLY_UMASK)
