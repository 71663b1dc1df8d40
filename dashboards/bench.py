"""How long each page takes on the server: the data loads and the component tree a callback
returns, serialised to JSON as Dash sends it. A measurement, not a test.

    python -m dashboards.bench [IMPACT_HOME] [--repeat N] [--lang fi]

Build a large home first, e.g. 100,000 participants:

    python -m pipelines.demo.data /tmp/big/in --participants 100000
    IMPACT_HOME=/tmp/big impact ingest /tmp/big/in/*.csv && IMPACT_HOME=/tmp/big impact build
    python -m dashboards.bench /tmp/big

`cold` is the first call on a fresh PublishedCopy (Parquet reads included, as after a new
build), `warm` the median of the next `repeat` calls (tables cached per version).

`--viewer ROLE[:PROJECT,...]` times the pages in that viewer's shape (dashboards/viewer_copy.py),
e.g. `--viewer project_manager:S30101`: a restricted viewer's first page after a build also
works out the public shape of every published cut-off.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import plotly.utils
import polars as pl

from dashboards.data import PublishedCopy
from dashboards.viewer_copy import ViewerCopy
from pipelines.access.roles import User, check_role
from pipelines.settings import Settings


def page_loads(copy: PublishedCopy | ViewerCopy, lang: str) -> dict[str, Callable[[], object]]:
    """Each page's server work for its default view, as its callbacks do it."""
    from dashboards.views import evaluation, indicators, overview, projects, quality, regions

    snap = copy.snapshot()
    project = None
    if snap is not None:
        codes = snap.table("dim_scopes").filter(pl.col("scope_type") == "project")["scope_code"]
        project = codes[0] if len(codes) else None
    return {
        "overview": lambda: (overview.controls(copy, lang, None), overview.render_overview(copy, None, lang)),
        "indicators": lambda: (
            indicators.controls(copy, lang, None, None, None, None),
            indicators.render_indicators(copy, lang, "EECO01", "programme", "all", None),
        ),
        "indicators_projects": lambda: indicators.render_indicators(
            copy, lang, "EECO02", "project", "all", None
        ),
        "indicators_regions": lambda: indicators.render_indicators(
            copy, lang, "SE12", "region", "total", None
        ),
        "projects": lambda: (projects.controls(copy, lang, None, None),
                             projects.render_projects(copy, lang, None, None)),
        "project": lambda: projects.render_project(copy, lang, project, None),
        "regions": lambda: (regions.controls(copy, lang, None, None),
                            regions.render_regions(copy, lang, None, None)),
        "evaluation": lambda: (evaluation.controls(copy, lang, None, None),
                               evaluation.render_evaluation(copy, lang, None, None)),
        "quality": lambda: quality.render_quality(copy, lang, today=dt.date.today()),
    }


def _timed(func: Callable[[], object]) -> float:
    start = time.perf_counter()
    json.dumps(func(), cls=plotly.utils.PlotlyJSONEncoder)
    return time.perf_counter() - start


def parse_viewer(text: str | None) -> User | None:
    """"project_manager:S30101,S30102" -> that User; None (or "") -> None, the exact copy."""
    if not text:
        return None
    role, _, projects = text.partition(":")
    return User("bench", check_role(role), frozenset(p for p in projects.split(",") if p))


def viewer_copy(published_dir: Path, viewer: User | None, k: int = Settings.disclosure_k):
    """A fresh reader of `published_dir`, in `viewer`'s shape when one is given."""
    copy = PublishedCopy(published_dir)
    return copy if viewer is None else ViewerCopy(copy, viewer, k)


def time_page(published_dir: Path, name: str, repeat: int = 5, lang: str = "fi",
              viewer: User | None = None) -> dict[str, float]:
    """{"cold": seconds, "warm": seconds} of page `name` on the published copy in `published_dir`
    (as `viewer` sees it, when given)."""
    copy = viewer_copy(published_dir, viewer)  # cold: nothing read yet
    load = page_loads(copy, lang)[name]
    cold = _timed(load)
    warm = statistics.median(_timed(load) for _ in range(max(1, repeat)))
    return {"cold": cold, "warm": warm}


def bench(home: Path, repeat: int = 5, lang: str = "fi", viewer: User | None = None) -> dict[str, dict[str, float]]:
    """{page: {"cold": seconds, "warm": seconds}} for the published copy under `home`."""
    published_dir = Settings(home=Path(home)).published_dir
    pages = page_loads(viewer_copy(published_dir, viewer), lang)
    return {name: time_page(published_dir, name, repeat, lang, viewer) for name in pages}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("home", nargs="?", default=None, help="IMPACT_HOME (default: the environment's)")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--lang", default="fi", choices=("fi", "sv", "en"))
    parser.add_argument("--viewer", default=None, metavar="ROLE[:PROJECT,...]",
                        help="time the pages in this viewer's shape (default: the exact copy)")
    args = parser.parse_args(argv)
    home = Path(args.home) if args.home else Settings.from_env().home
    results = bench(home, args.repeat, args.lang, parse_viewer(args.viewer))
    width = max(len(n) for n in results)
    print(f"{'page':<{width}}  {'cold ms':>8}  {'warm ms':>8}")
    for name, r in results.items():
        print(f"{name:<{width}}  {r['cold'] * 1000:8.1f}  {r['warm'] * 1000:8.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
