"""`make bench`: the pipeline as a user runs it, timed against the DuckDB floor (the report:
bench/report.py).

For each size (participants; organisations, events and feedback follow in the generator's
proportions) the harness generates the demo files once (pipelines.demo.data, fixed seed and
date), then, in one run and for several repeats on a fresh IMPACT_HOME each time:

- the DuckDB floor (bench/floor.py) in a fresh process;
- `impact ingest FILE` for each file, in order, as a subprocess (the real console script), and
  `impact ingest FILE...` with all of them in one call on another fresh home;
- `impact build`, `impact export`, and `impact build` again with nothing changed (`rebuild`,
  which finds the published copy current and skips);
- `impact withdraw` of one participant and `impact build` after it (`build after one change`,
  what follows every upload: the raw tables updated in place, the views and seeds kept, every
  table and test run);
- peak memory (RSS of the process tree) and CPU time of every step;
- once per size, after the first repeat: each dashboard page's server-side work on the
  published copy (bench/dashboard.py), and the user's wait in the running service, from
  uploading a changed participants file to the new numbers on the dashboard (bench/service.py).

Medians over the repeats are printed as a table and written to bench/results/latest.json and
latest.md, with the targets checked (bench/report.py).

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
import subprocess
import sys
import time
from pathlib import Path

from bench.measure import run_measured
from bench.service import measure_service
from bench.report import markdown, summarise, table, targets

REPO_ROOT = Path(__file__).resolve().parents[1]
RESULTS_DIR = REPO_ROOT / "bench" / "results"
DEFAULT_WORKDIR = REPO_ROOT / "bench" / ".work"
DEFAULT_SIZES = (10, 10_000, 100_000, 1_000_000)
BIG = 1_000_000  # from this size on, --big-repeats applies
SEED = 2027
TODAY = dt.date(2026, 11, 30)  # fixed: the same bytes on every run
CUTOFF = "2025-12-31"

def _bin(name: str) -> str:
    beside = Path(sys.executable).with_name(name)
    return str(beside) if beside.exists() else (shutil.which(name) or name)


def _env(home: Path) -> dict[str, str]:
    env = {**os.environ, "IMPACT_HOME": str(home)}
    env.pop("IMPACT_WAREHOUSE", None)
    return env


def generate(size: int, workdir: Path) -> tuple[Path, list[Path], float]:
    """The demo files for `size` participants, generated once and kept under workdir."""
    from pipelines.demo.data import ERRORS_FILE, generate_demo_data

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


def participants_file(files: list[Path]) -> Path:
    """The main participants file (the comma-separated one, as most projects upload)."""
    return next(f for f in files if f.name.startswith("02_participants") and "kuopio" not in f.name)


def first_participant(files: list[Path]) -> tuple[str, str]:
    """(project_code, participant_id) of the first stored row of the last participants file
    with one: the generator writes the key first, and lists the rows it made invalid."""
    from pipelines.demo.data import ERRORS_FILE

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
    ):
        m = run_measured(cmd, env=env, cwd=REPO_ROOT)
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
            runs[-1]["service"] = measure_service(home, participants_file(files), _env(home), log)
        runs[-1]["ingest_one_call"] = ingest_in_one_call(files, workdir / "home" / f"p{size}-one-call", log)
    return summarise(size, files, rows, floors, runs, pages)


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

    from pipelines.warehouse.dbt_sources import prepare_manifest

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
