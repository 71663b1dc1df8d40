"""`make bench`: the pipeline as a user runs it, timed against the DuckDB floor.

For each size (participants; organisations, events and feedback follow in the generator's
proportions) the harness generates the demo files once (pipelines.demo_data, fixed seed and
date), then, in one run and for several repeats on a fresh IMPACT_HOME each time:

- the DuckDB floor (bench/floor.py) in a fresh process;
- `impact ingest FILE` for each file, in order, as a subprocess (the real console script), and
  `impact ingest FILE...` with all of them in one call on another fresh home;
- `impact build`, `impact export`, and `impact build` again with nothing changed (`rebuild`,
  which finds the published copy current and skips);
- `impact withdraw` of one participant and `impact build` after it (`build after one change`,
  what follows every upload: the raw tables updated in place, the views and seeds kept, every
  table and test run);
- `impact build --force` through Dagster's executor (IMPACT_BUILD_ENGINE=dagster): the same
  build as `build`, through Dagster;
- peak memory (RSS of the process tree) and CPU time of every step;
- each dashboard page's server-side work on the published copy (bench/dashboard.py), once
  per size after the first build.

Medians over the repeats are printed as a table and written to bench/results/latest.json and
latest.md, with the targets of issue #7 checked.

The smallest default size, 10 participants (and the generator's minimum of organisations,
events and feedback), measures the fixed costs: what every `impact ingest` process and every
build costs before the data matter (interpreter and imports, dbt's work per node).

    python -m bench.run [--sizes 10,10000,100000,1000000] [--repeats 3] [--big-repeats 1]
    BENCH_SIZES=10000 BENCH_REPEATS=1 make bench
    python -m bench.run --with-10m      # adds 10,000,000 participants (one repeat; minutes;
                                        # files over the contract's 1M rows are split in parts)
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from bench.measure import run_measured

REPO_ROOT = Path(__file__).resolve().parents[1]
RESULTS_DIR = REPO_ROOT / "bench" / "results"
DEFAULT_WORKDIR = REPO_ROOT / "bench" / ".work"
DEFAULT_SIZES = (10, 10_000, 100_000, 1_000_000)
BIG = 1_000_000  # from this size on, --big-repeats applies
SEED = 2027
TODAY = dt.date(2026, 11, 30)  # fixed: the same bytes on every run
CUTOFF = "2025-12-31"

# Issue #7's targets.
TARGET_RATIO_1M = 10.0
TARGET_SECONDS_10K = 8.0
TARGET_RSS_MB_1M = 3072.0
TARGET_PAGE_MS_100K = 300.0


def _bin(name: str) -> str:
    beside = Path(sys.executable).with_name(name)
    return str(beside) if beside.exists() else (shutil.which(name) or name)


def _median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def _env(home: Path) -> dict[str, str]:
    env = {**os.environ, "IMPACT_HOME": str(home)}
    env.pop("IMPACT_WAREHOUSE", None)
    return env


def generate(size: int, workdir: Path) -> tuple[Path, list[Path], float]:
    """The demo files for `size` participants, generated once and kept under workdir."""
    from pipelines.demo_data import ERRORS_FILE, generate_demo_data

    data_dir = workdir / "data" / f"p{size}"
    stamp = data_dir / "bench.stamp"
    want = f"seed={SEED} participants={size} today={TODAY.isoformat()}"
    if stamp.exists() and stamp.read_text() == want:
        order = json.loads((data_dir / "order.json").read_text())
        return data_dir, [data_dir / name for name in order], 0.0
    shutil.rmtree(data_dir, ignore_errors=True)
    started = time.perf_counter()
    files = generate_demo_data(data_dir, seed=SEED, participants=size, today=TODAY)
    seconds = time.perf_counter() - started
    assert (data_dir / ERRORS_FILE).exists()
    files = [part for f in files for part in split_rows(f)]
    (data_dir / "order.json").write_text(json.dumps([f.name for f in files]))
    stamp.write_text(want)
    return data_dir, files, seconds


def split_rows(path: Path, limit: int | None = None) -> list[Path]:
    """A file longer than the upload contract allows (MAX_ROWS data rows: 10M participants)
    becomes parts of at most that many rows, each with the header, as a user would upload it.
    The generator writes no line breaks inside fields, so lines are rows."""
    from indicators.contract import MAX_ROWS

    limit = limit or MAX_ROWS
    with path.open("rb") as handle:
        header = handle.readline()
        rows = sum(1 for _ in handle)
    if rows <= limit:
        return [path]
    parts: list[Path] = []
    with path.open("rb") as handle:
        handle.readline()
        while True:
            chunk = [line for _, line in zip(range(limit), handle)]
            if not chunk:
                break
            part = path.with_name(f"{path.stem}.part{len(parts) + 1}{path.suffix}")
            part.write_bytes(header + b"".join(chunk))
            parts.append(part)
    path.unlink()
    return parts


def measure_floor(data_dir: Path) -> dict:
    out = subprocess.run([sys.executable, "-m", "bench.floor", str(data_dir)], cwd=REPO_ROOT,
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def measure_pages(published_dir: Path) -> dict:
    out = subprocess.run(
        [sys.executable, "-W", "ignore", "-m", "bench.dashboard", str(published_dir)],
        cwd=REPO_ROOT, capture_output=True, text=True,
    )
    if out.returncode != 0:
        return {"source": None, "pages": {}, "error": out.stderr[-2000:]}
    return json.loads(out.stdout.strip().splitlines()[-1])


def ingest_in_one_call(files: list[Path], home: Path, log) -> dict:
    """`impact ingest FILE...`: every file in one call (one interpreter start), fresh home."""
    shutil.rmtree(home, ignore_errors=True)
    home.mkdir(parents=True)
    m = run_measured([_bin("impact"), "ingest", *map(str, files)], env=_env(home), cwd=REPO_ROOT)
    if m.returncode not in (0, 1):
        raise RuntimeError(f"impact ingest (all files) exited {m.returncode}:\n{m.output}")
    log(f"    {'ingest all files in one call':<47} {m.seconds:7.2f} s {m.peak_rss_mb:7.0f} MB")
    shutil.rmtree(home, ignore_errors=True)
    return m.as_dict()


def first_participant(files: list[Path]) -> tuple[str, str]:
    """(project_code, participant_id) of the first stored row of the last participants file
    with one: the generator writes the key first, and lists the rows it made invalid."""
    from pipelines.demo_data import ERRORS_FILE

    errors = json.loads((files[0].parent / ERRORS_FILE).read_text())["errors"]
    for path in reversed(files):
        if not path.name.startswith("02_participants"):
            continue
        invalid = {e["row"] for e in errors if e["file"] == path.name}
        lines = path.read_bytes().decode("latin-1").splitlines()
        delimiter = ";" if ";" in lines[0] else ","
        for row, line in enumerate(lines[1:], start=2):  # spreadsheet rows: the header is 1
            if row not in invalid:
                project, participant = line.split(delimiter)[:2]
                return project, participant
    raise RuntimeError("no participant in the generated files")


def one_repeat(files: list[Path], home: Path, log) -> dict:
    """Ingest every file, build, export, rebuild on a fresh IMPACT_HOME."""
    shutil.rmtree(home, ignore_errors=True)
    home.mkdir(parents=True)
    env, impact = _env(home), _bin("impact")
    steps: dict[str, dict] = {}
    for path in files:
        m = run_measured([impact, "ingest", str(path)], env=env, cwd=REPO_ROOT)
        if m.returncode not in (0, 1):  # 1: some rows rejected, on purpose
            raise RuntimeError(f"impact ingest {path.name} exited {m.returncode}:\n{m.output}")
        steps[f"ingest {path.name}"] = m.as_dict()
        log(f"    ingest {path.name:<40} {m.seconds:7.2f} s {m.peak_rss_mb:7.0f} MB")
    project, participant = first_participant(files)
    for step, cmd in (
        ("build", [impact, "build"]),
        ("export", [impact, "export", "--cutoff", CUTOFF, "--out", str(home / "bench_export")]),
        ("rebuild", [impact, "build"]),
        ("withdraw one participant",
         [impact, "withdraw", "--kind", "participants", "--project", project, "--id", participant]),
        ("build after one change", [impact, "build"]),
        ("rebuild (Dagster engine)", [impact, "build", "--force"]),
    ):
        step_env = {**env, "IMPACT_BUILD_ENGINE": "dagster"} if "Dagster" in step else env
        m = run_measured(cmd, env=step_env, cwd=REPO_ROOT)
        if m.returncode != 0:
            raise RuntimeError(f"impact {step} exited {m.returncode}:\n{m.output}")
        steps[step] = m.as_dict()
        log(f"    {step:<47} {m.seconds:7.2f} s {m.peak_rss_mb:7.0f} MB")
    return steps


def bench_size(size: int, repeats: int, workdir: Path, log) -> dict:
    log(f"== {size:,} participants, {repeats} repeat(s)")
    data_dir, files, gen_seconds = generate(size, workdir)
    if gen_seconds:
        log(f"  generated {len(files)} files in {gen_seconds:.1f} s")
    rows = json.loads((data_dir / "errors_injected.json").read_text())["files"]
    floors, runs, pages = [], [], None
    for r in range(repeats):
        floor = measure_floor(data_dir)
        floors.append(floor)
        log(f"  repeat {r + 1}: floor {floor['seconds']:.2f} s (read only {floor['read_seconds']:.2f} s)")
        home = workdir / "home" / f"p{size}"
        runs.append(one_repeat(files, home, log))
        if pages is None:
            pages = measure_pages(home / "published")
        runs[-1]["ingest_one_call"] = ingest_in_one_call(files, workdir / "home" / f"p{size}-one-call", log)
    return summarise(size, files, rows, floors, runs, pages)


def summarise(size, files, rows, floors, runs, pages) -> dict:
    step_names = [name for name in runs[0] if name != "ingest_one_call"]
    steps = {
        name: {
            "seconds": _median([run[name]["seconds"] for run in runs]),
            "peak_rss_mb": max(run[name]["peak_rss_mb"] for run in runs),
        }
        for name in step_names
    }
    ingest_totals = [sum(v["seconds"] for k, v in run.items() if k.startswith("ingest ")) for run in runs]
    ib_totals = [t + run["build"]["seconds"] for t, run in zip(ingest_totals, runs)]
    floor = _median([f["seconds"] for f in floors])
    read_floor = _median([f["read_seconds"] for f in floors])
    page_cold = [p["cold_ms"] for p in (pages or {}).get("pages", {}).values() if p.get("cold_ms") is not None]
    ingest_build = _median(ib_totals)
    one_call = _median([run["ingest_one_call"]["seconds"] for run in runs])
    cpu = lambda name: _median([run[name]["cpu_seconds"] for run in runs if run[name].get("cpu_seconds") is not None])  # noqa: E731
    ingest_cpu = _median([sum(v.get("cpu_seconds") or 0 for k, v in run.items() if k.startswith("ingest ")) for run in runs])
    return {
        "participants": size,
        "files": {f.name: rows.get(f.name, {}).get("rows") for f in files},
        "repeats": len(runs),
        "floor_seconds": floor,
        "floor_read_seconds": read_floor,
        "ingest_seconds": _median(ingest_totals),
        "build_seconds": steps["build"]["seconds"],
        "ingest_build_seconds": ingest_build,
        "ratio_to_floor": ingest_build / floor if floor else None,
        "ratio_to_read_floor": ingest_build / read_floor if read_floor else None,
        "ingest_one_call_seconds": one_call,
        "ingest_one_call_build_seconds": one_call + steps["build"]["seconds"],
        "ratio_to_floor_one_call": (one_call + steps["build"]["seconds"]) / floor if floor else None,
        "ingest_cpu_seconds": ingest_cpu,
        "build_cpu_seconds": cpu("build"),
        "rebuild_seconds": steps["rebuild"]["seconds"],
        "rebuild_dagster_seconds": (steps.get("rebuild (Dagster engine)") or {}).get("seconds"),
        "change_build_seconds": (steps.get("build after one change") or {}).get("seconds"),
        "export_seconds": steps["export"]["seconds"],
        "slowest_page_ms": max(page_cold) if page_cold else None,
        "peak_rss_mb": max(s["peak_rss_mb"] for s in steps.values()),
        "steps": steps,
        "pages": pages,
        "raw": {"floors": floors, "runs": runs},
    }


def targets(results: dict[int, dict]) -> list[dict]:
    def check(name, size, key, limit, value_of=lambda r, k: r[k]):
        r = results.get(size)
        value = value_of(r, key) if r else None
        return {"target": name, "limit": limit, "value": value,
                "holds": None if value is None else value <= limit}

    return [
        check("1M: ingest + build <= 10x the DuckDB floor (ratio)", 1_000_000, "ratio_to_floor", TARGET_RATIO_1M),
        check("1M: same, all files in one ingest call (ratio)", 1_000_000, "ratio_to_floor_one_call", TARGET_RATIO_1M),
        check("10k: ingest + build <= 8 s", 10_000, "ingest_build_seconds", TARGET_SECONDS_10K),
        check("10k: same, all files in one ingest call (s)", 10_000, "ingest_one_call_build_seconds", TARGET_SECONDS_10K),
        check("1M: peak memory <= 3 GB (MB)", 1_000_000, "peak_rss_mb", TARGET_RSS_MB_1M),
        check("100k: slowest dashboard page <= 300 ms (cold)", 100_000, "slowest_page_ms", TARGET_PAGE_MS_100K),
    ]


def _fmt(value, digits=2) -> str:
    if value is None:
        return "–"
    return f"{value:,.{digits}f}"


COLUMNS = (
    ("participants", "participants", 0), ("floor s", "floor_seconds", 2),
    ("ingest s", "ingest_seconds", 2), ("build s", "build_seconds", 2),
    ("ingest+build s", "ingest_build_seconds", 2), ("x floor", "ratio_to_floor", 1),
    ("x read floor", "ratio_to_read_floor", 1), ("1-call ingest+build s", "ingest_one_call_build_seconds", 2),
    ("build CPU s", "build_cpu_seconds", 2), ("rebuild s", "rebuild_seconds", 2),
    ("rebuild via Dagster s", "rebuild_dagster_seconds", 2),
    ("build after one change s", "change_build_seconds", 2),
    ("export s", "export_seconds", 2), ("slowest page ms", "slowest_page_ms", 0),
    ("peak RSS MB", "peak_rss_mb", 0),
)


def markdown(report: dict) -> str:
    repeats = ", ".join(f"{r['repeats']} ({r['participants']:,})" for r in report["sizes"])
    lines = [
        "# Benchmark results",
        "",
        f"Run {report['started_at']} on {report['machine']['cpus']} CPUs "
        f"(load average {report['machine']['loadavg_before']} before, "
        f"{report['machine']['loadavg_after']} after), commit {report['git']['commit']}"
        f"{' (with uncommitted changes)' if report['git']['dirty'] else ''}. "
        f"Medians of {repeats} repeats; "
        "peak RSS is the maximum over the repeats of any step (the process tree).",
        "",
        "| " + " | ".join(c[0] for c in COLUMNS) + " |",
        "|" + "---|" * len(COLUMNS),
    ]
    for r in report["sizes"]:
        lines.append("| " + " | ".join(_fmt(r[key], d) for _, key, d in COLUMNS) + " |")
    lines += ["", "| target | limit | measured | holds |", "|---|---|---|---|"]
    for t in report["targets"]:
        holds = "–" if t["holds"] is None else ("yes" if t["holds"] else "**no**")
        lines.append(f"| {t['target']} | {_fmt(t['limit'], 1)} | {_fmt(t['value'], 2)} | {holds} |")
    lines += ["", "Steps (median seconds, peak RSS MB):", ""]
    for r in report["sizes"]:
        lines.append(f"- {r['participants']:,}: " + ", ".join(
            f"{name} {s['seconds']:.2f} s / {s['peak_rss_mb']:.0f} MB" for name, s in r["steps"].items()))
    lines += ["", "Dashboard pages (cold / warm ms, the default view of each page):", ""]
    for r in report["sizes"]:
        pages = (r.get("pages") or {}).get("pages", {})
        lines.append(f"- {r['participants']:,} ({(r.get('pages') or {}).get('source')}): " + ", ".join(
            f"{name} {_fmt(p['cold_ms'], 0)}/{_fmt(p['warm_ms'], 0)}" + (f" ({p['error']})" if p["error"] else "")
            for name, p in pages.items()))
    lines += ["", "The floor: " + report["floor_definition"], ""]
    return "\n".join(lines)


def table(report: dict) -> str:
    widths = [max(len(c[0]), 10) for c in COLUMNS]
    out = ["  ".join(c[0].rjust(w) for c, w in zip(COLUMNS, widths))]
    for r in report["sizes"]:
        out.append("  ".join(_fmt(r[key], d).rjust(w) for (_, key, d), w in zip(COLUMNS, widths)))
    out.append("")
    for t in report["targets"]:
        holds = "not measured" if t["holds"] is None else ("holds" if t["holds"] else "DOES NOT HOLD")
        out.append(f"  {t['target']:<55} {_fmt(t['value']):>10}  {holds}")
    return "\n".join(out)


def _git() -> dict:
    def git(*args):
        out = subprocess.run(["git", *args], cwd=REPO_ROOT, capture_output=True, text=True)
        return out.stdout.strip() if out.returncode == 0 else None

    return {"commit": git("rev-parse", "--short", "HEAD"), "dirty": bool(git("status", "--porcelain"))}


def _parse_sizes(text: str) -> list[int]:
    return [int(s.replace("_", "")) for s in text.split(",") if s.strip()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default=os.environ.get("BENCH_SIZES"),
                        help="participants per size, comma-separated (default 10000,100000,1000000; env BENCH_SIZES)")
    parser.add_argument("--with-10m", action="store_true", help="add 10,000,000 participants")
    parser.add_argument("--repeats", type=int, default=int(os.environ.get("BENCH_REPEATS", 3)),
                        help="repeats below 1M participants (default 3; env BENCH_REPEATS)")
    parser.add_argument("--big-repeats", type=int, default=int(os.environ.get("BENCH_BIG_REPEATS", 1)),
                        help="repeats from 1M participants on (default 1; env BENCH_BIG_REPEATS)")
    parser.add_argument("--workdir", type=Path, default=Path(os.environ.get("BENCH_WORKDIR", DEFAULT_WORKDIR)),
                        help="generated files and IMPACT_HOMEs (default bench/.work)")
    parser.add_argument("--out", type=Path, default=RESULTS_DIR, help="where latest.json/latest.md go")
    parser.add_argument("--name", default="latest", help="result file name stem (default latest)")
    args = parser.parse_args(argv)
    sizes = _parse_sizes(args.sizes) if args.sizes else list(DEFAULT_SIZES)
    if args.with_10m and 10_000_000 not in sizes:
        sizes.append(10_000_000)

    from pipelines.dbt_project import prepare_manifest

    prepare_manifest()  # as `make` does before anything runs the graph
    log = lambda text: print(text, flush=True)  # noqa: E731
    started_at = dt.datetime.now().isoformat(timespec="seconds")
    load_before = os.getloadavg()
    results: dict[int, dict] = {}
    for size in sizes:
        repeats = args.big_repeats if size >= BIG else args.repeats
        results[size] = bench_size(size, max(1, repeats), args.workdir.resolve(), log)
    from bench.floor import floor_sql

    report = {
        "started_at": started_at,
        "machine": {
            "cpus": os.cpu_count(), "python": platform.python_version(),
            "loadavg_before": [round(x, 2) for x in load_before],
            "loadavg_after": [round(x, 2) for x in os.getloadavg()],
        },
        "git": _git(),
        "floor_definition": (
            "one SQL in a fresh in-memory DuckDB connection over the participant CSVs (both dialects): "
            "count(DISTINCT participant_id) for EECO01, EECO02, EECO04, EECO05 by project_code x gender "
            "(bench/floor.py); 'read floor' is the same with count(*)."
        ),
        "floor_sql_example": floor_sql(Path("DATA_DIR")),
        "sizes": [results[s] for s in sizes],
        "targets": targets(results),
    }
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / f"{args.name}.json").write_text(json.dumps(report, indent=1) + "\n")
    (args.out / f"{args.name}.md").write_text(markdown(report))
    print()
    print(table(report))
    print(f"\nwrote {args.out / (args.name + '.json')} and {args.name}.md")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
