"""Time each dashboard page's server-side work on a published copy, in-process.

    python -m bench.dashboard PUBLISHED_DIR [--repeats N]    # prints JSON

When `dashboards/bench.py` exists (the dashboard's own measurement) its `bench(home, repeat)`
is used: each page's callbacks for its default view, data loads and the component tree
serialised as Dash sends it. Otherwise every `render_<page>` function of the modules in
dashboards/views is called as the page's callback would call it (the copy, lang="fi", every
other argument at its default or None), which includes building the figures.

Each page is timed cold (a new PublishedCopy, so the Parquet files are read again, as after a
new build) and warm (the same copy again, as for the next request).
"""

from __future__ import annotations

import argparse
import importlib
import inspect
import json
import pkgutil
import statistics
import time
from collections.abc import Callable
from pathlib import Path


def _render_loaders() -> dict[str, Callable]:
    import dashboards.views as views

    loaders: dict[str, Callable] = {}
    for info in pkgutil.iter_modules(views.__path__):
        module = importlib.import_module(f"dashboards.views.{info.name}")
        for name, fn in inspect.getmembers(module, inspect.isfunction):
            if not name.startswith("render_") or fn.__module__ != module.__name__:
                continue
            params = list(inspect.signature(fn).parameters.values())
            if not params or params[0].name != "copy":
                continue
            loaders[name.removeprefix("render_")] = _caller(fn, params[1:])
    return loaders


def _caller(fn: Callable, params: list[inspect.Parameter]) -> Callable:
    kwargs = {}
    for p in params:
        if p.name == "lang":
            kwargs[p.name] = "fi"
        elif p.default is not inspect.Parameter.empty:
            kwargs[p.name] = p.default
        else:
            kwargs[p.name] = None
    return lambda copy: fn(copy, **kwargs)


def _render_loaders_source() -> tuple[str, dict[str, Callable]]:
    return "dashboards.views render_* (data + figures)", _render_loaders()


def _dashboard_bench(published_dir: Path, repeats: int) -> dict | None:
    try:
        custom = importlib.import_module("dashboards.bench")
    except ModuleNotFoundError:
        return None
    if not hasattr(custom, "bench"):
        return None
    timings = custom.bench(published_dir.parent, repeat=repeats)
    return {
        "source": "dashboards.bench (callbacks of each page's default view, JSON-serialised)",
        "pages": {
            name: {"cold_ms": round(t["cold"] * 1000, 1), "warm_ms": round(t["warm"] * 1000, 1), "error": None}
            for name, t in timings.items()
        },
    }


def time_pages(published_dir: Path, repeats: int = 3) -> dict:
    from dashboards.data import PublishedCopy

    try:
        found = _dashboard_bench(published_dir, repeats)
    except Exception as exc:  # fall back to our own below, and say why
        found, fallback_reason = None, f"dashboards.bench failed: {type(exc).__name__}: {exc}"[:300]
    else:
        fallback_reason = None
    if found is not None:
        return found
    source, loaders = _render_loaders_source()
    pages: dict[str, dict] = {}
    for name, load in sorted(loaders.items()):
        cold, warm, error = [], [], None
        try:
            for _ in range(repeats):
                copy = PublishedCopy(published_dir)
                started = time.perf_counter()
                load(copy)
                cold.append(time.perf_counter() - started)
                started = time.perf_counter()
                load(copy)
                warm.append(time.perf_counter() - started)
        except Exception as exc:  # a broken page is a result, not a harness failure
            error = f"{type(exc).__name__}: {exc}"[:300]
        pages[name] = {
            "cold_ms": round(statistics.median(cold) * 1000, 1) if cold else None,
            "warm_ms": round(statistics.median(warm) * 1000, 1) if warm else None,
            "error": error,
        }
    return {"source": source, "pages": pages, "fallback_reason": fallback_reason}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.dashboard")
    parser.add_argument("published_dir", type=Path)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args(argv)
    print(json.dumps(time_pages(args.published_dir, args.repeats)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
