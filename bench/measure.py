"""Run a command as a subprocess and measure its wall time and peak memory.

Peak memory is the resident set of the whole process tree (the command and every child it
starts, e.g. dbt), sampled every 20 ms from /proc, and at least the kernel's own high-water
mark of the largest single process, which a short peak between two samples cannot escape.
That high-water mark comes from /usr/bin/time (GNU time, %M) wrapped around the command: our
own wait4's ru_maxrss would count this (large) Python process, which the child starts as a
copy of before it execs. GNU time also gives the CPU time (user + system) of the tree, which a
busy shared machine disturbs much less than the wall time.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

PAGE_KB = os.sysconf("SC_PAGE_SIZE") // 1024
SAMPLE_SECONDS = 0.02
GNU_TIME = "/usr/bin/time"


@dataclass
class Measured:
    seconds: float
    returncode: int
    peak_rss_mb: float
    output: str  # stdout and stderr, the last few KB
    cpu_seconds: float | None = None  # user + system of the whole tree (GNU time), if known

    def as_dict(self) -> dict:
        cpu = None if self.cpu_seconds is None else round(self.cpu_seconds, 3)
        return {"seconds": round(self.seconds, 4), "cpu_seconds": cpu,
                "returncode": self.returncode, "peak_rss_mb": round(self.peak_rss_mb, 1)}


def _children_map() -> dict[int, list[int]]:
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as handle:
                stat = handle.read()
        except OSError:
            continue
        # The command name may hold spaces and parentheses: the fields start after the last ')'.
        fields = stat[stat.rindex(b")") + 2:].split()
        children.setdefault(int(fields[1]), []).append(int(entry.name))
    return children


def _rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm", "rb") as handle:
            return int(handle.read().split()[1]) * PAGE_KB
    except (OSError, IndexError, ValueError):
        return 0


def tree_rss_kb(root: int) -> int:
    """The resident set of `root` and all its descendants, in KB."""
    children = _children_map()
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        total += _rss_kb(pid)
        stack.extend(children.get(pid, ()))
    return total


def run_measured(cmd: list[str], env: dict[str, str] | None = None, cwd: Path | None = None,
                 timeout: float | None = None) -> Measured:
    """Run `cmd` to completion; never raises for a non-zero exit (the caller decides)."""
    maxrss_file = None
    if os.access(GNU_TIME, os.X_OK):
        fd, maxrss_file = tempfile.mkstemp(prefix="bench-maxrss-")
        os.close(fd)
        cmd = [GNU_TIME, "-q", "-f", "%M %U %S", "-o", maxrss_file, *cmd]
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, cwd=cwd, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT)
    peak = [0]
    done = threading.Event()
    chunks: list[bytes] = []

    def sample() -> None:
        while not done.is_set():
            peak[0] = max(peak[0], tree_rss_kb(proc.pid))
            done.wait(SAMPLE_SECONDS)

    def drain() -> None:
        assert proc.stdout is not None
        for block in iter(lambda: proc.stdout.read(65536), b""):
            chunks.append(block)
            if len(chunks) > 64:
                del chunks[:32]

    sampler = threading.Thread(target=sample, daemon=True)
    reader = threading.Thread(target=drain, daemon=True)
    sampler.start()
    reader.start()
    deadline = None if timeout is None else started + timeout
    while True:
        pid, status = os.waitpid(proc.pid, os.WNOHANG)
        if pid:
            break
        if deadline is not None and time.perf_counter() > deadline:
            proc.kill()
        time.sleep(0.005)
    seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    reader.join()
    proc.returncode = os.waitstatus_to_exitcode(status)
    peak_kb, cpu = peak[0], None
    if maxrss_file is not None:
        try:
            maxrss, user, system = Path(maxrss_file).read_text().strip().splitlines()[-1].split()
            peak_kb, cpu = max(peak_kb, int(maxrss)), float(user) + float(system)
        except (OSError, ValueError, IndexError):
            pass
        Path(maxrss_file).unlink(missing_ok=True)
    output = b"".join(chunks)[-8192:].decode("utf-8", errors="replace")
    return Measured(seconds, proc.returncode, peak_kb / 1024, output, cpu)
