"""Time each dashboard page's server-side work on a published copy, in-process.

    python -m bench.dashboard PUBLISHED_DIR [--repeats N] [--viewer ROLE[:PROJECT,...]]    # prints JSON

The pages are those of dashboards/bench.py (`page_loads`: each page's callbacks for its default
view: the data loads, the figures and the component tree serialised as Dash sends it). Each page
is timed cold (a new PublishedCopy, so the Parquet files are read again, as after a new build)
and warm (the same copy again, as for the next request; the median of N calls). A page that
fails is a result, reported with its error, not a failure of the harness. With `--viewer`, the
pages are timed in that viewer's shape (dashboards/viewer_copy.py, what the service serves a
signed-in user), e.g. `--viewer project_manager:S30101`; by default the exact copy.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from dashboards.bench import page_loads, parse_viewer, time_page, viewer_copy
from pipelines.access.roles import User

SOURCE = "dashboards.bench (callbacks of each page's default view, JSON-serialised)"


def time_pages(published_dir: Path, repeats: int = 3, viewer: User | None = None) -> dict:
    pages: dict[str, dict] = {}
    for name in page_loads(viewer_copy(published_dir, viewer), "fi"):
        try:
            timing = time_page(published_dir, name, repeats, viewer=viewer)
        except Exception as exc:  # a broken page is a result, not a harness failure
            pages[name] = {"cold_ms": None, "warm_ms": None, "error": f"{type(exc).__name__}: {exc}"[:300]}
            continue
        pages[name] = {"cold_ms": round(timing["cold"] * 1000, 1),
                       "warm_ms": round(timing["warm"] * 1000, 1), "error": None}
    shape = "exact" if viewer is None else f"{viewer.role}:{','.join(sorted(viewer.projects))}"
    return {"source": SOURCE, "viewer": shape, "pages": pages}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.dashboard")
    parser.add_argument("published_dir", type=Path)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--viewer", default=None, metavar="ROLE[:PROJECT,...]")
    args = parser.parse_args(argv)
    print(json.dumps(time_pages(args.published_dir, args.repeats, parse_viewer(args.viewer))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
