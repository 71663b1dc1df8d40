"""`impact serve`: the running service, as one supervised group of processes.

- the Dagster code server (the definitions, loaded once for the webserver and the daemon);
- the Dagster webserver, the UI, on 127.0.0.1:IMPACT_DAGSTER_PORT (default 3070);
- the Dagster daemon: the half-year schedule and runs launched from the UI;
- the build runner (pipelines/service/build_runner.py): a Dagster run after every upload;
- the web server (pipelines/web/server.py: the dashboard, the sign-in pages and the API) under
  gunicorn on IMPACT_PORT (default 8050).

All share the persistent instance under IMPACT_HOME/dagster. A child that dies is started again
(a few times, with a pause; its exit is logged). SIGTERM or Ctrl-C stops the children (SIGTERM,
then SIGKILL after a grace period) and returns. The children's output goes to
IMPACT_HOME/logs/<name>.log; the terminal gets one line per event of the service. Each child
starts with umask 077 (pipelines/private_files.py): what it and the processes it starts write
under IMPACT_HOME is its owner's only.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from pipelines.private_files import OWNER_ONLY_UMASK
from pipelines.service.instance import dagster_home, open_instance, write_workspace
from pipelines.settings import REPO_ROOT, Settings

GRACE_SECONDS = 15
MAX_RESTARTS = 5
RESTART_PAUSE_SECONDS = 2
DEFINITIONS_MODULE = "pipelines.orchestration.definitions"


def _bin(name: str) -> str:
    return str(Path(sys.executable).with_name(name))


@dataclass(frozen=True)
class Ports:
    dashboard: int
    dagster: int
    code_server: int
    host: str = "127.0.0.1"  # the dashboard's; Dagster's always bind 127.0.0.1


def commands(settings: Settings, ports: Ports) -> dict[str, list[str]]:
    """The children, in the order they start."""
    workspace = str(dagster_home(settings) / "workspace.yaml")
    return {
        "code-server": [_bin("dagster"), "code-server", "start", "-m", DEFINITIONS_MODULE,
                        "-h", "127.0.0.1", "-p", str(ports.code_server), "--log-level", "warning"],
        "dagster-webserver": [_bin("dagster-webserver"), "-w", workspace, "-h", "127.0.0.1",
                              "-p", str(ports.dagster), "--log-level", "warning"],
        "dagster-daemon": [_bin("dagster-daemon"), "run", "-w", workspace, "--log-level", "warning"],
        "build-runner": [sys.executable, "-m", "pipelines.service.build_runner"],
        # One worker with threads: the upload page keeps a previewed file in memory until applied.
        "web": [_bin("gunicorn"), "--bind", f"{ports.host}:{ports.dashboard}", "--workers", "1",
                "--threads", "8", "--timeout", "300", "--graceful-timeout", "10",
                "pipelines.web.server:wsgi_app()"],
    }


def wait_for_port(port: int, timeout: float, alive: Callable[[], bool] = lambda: True) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and alive():
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return True
        except OSError:
            time.sleep(0.2)
    return False


@dataclass
class Child:
    name: str
    command: list[str]
    log_path: Path
    env: dict[str, str]
    process: subprocess.Popen | None = None
    restarts: int = 0

    def start(self) -> None:
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.log_path, "ab") as log:
            # A session of its own: a terminal's Ctrl-C reaches the supervisor, which stops
            # each child's whole group (the code server starts processes of its own).
            self.process = subprocess.Popen(
                self.command, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                env=self.env, cwd=REPO_ROOT, start_new_session=True, umask=OWNER_ONLY_UMASK,
            )

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def signal(self, signum: int) -> None:
        if self.alive():
            try:
                os.killpg(self.process.pid, signum)
            except ProcessLookupError:
                pass


@dataclass
class Service:
    settings: Settings
    ports: Ports
    say: Callable[[str], None] = print
    children: list[Child] = field(default_factory=list)
    stopping: threading.Event = field(default_factory=threading.Event)

    def start(self) -> None:
        from pipelines.warehouse.dbt_sources import prepare_manifest

        self.settings.ensure_dirs()
        prepare_manifest()  # the definitions load the dbt assets from it
        open_instance(self.settings)  # writes dagster.yaml
        write_workspace(self.settings, self.ports.code_server)
        env = {**os.environ, **self.settings.env(), "DAGSTER_HOME": str(dagster_home(self.settings)),
               "PYTHONUNBUFFERED": "1", "IMPACT_BIND_HOST": self.ports.host}
        env.pop("IMPACT_WAREHOUSE", None)
        logs = self.settings.home / "logs"
        for name, command in commands(self.settings, self.ports).items():
            child = Child(name, command, logs / f"{name}.log", env)
            child.start()
            self.children.append(child)
            up = lambda: child.alive() and not self.stopping.is_set()  # noqa: E731
            if name == "code-server" and not wait_for_port(self.ports.code_server, 120, up):
                raise RuntimeError(f"the Dagster code server did not start: see {child.log_path}")
        self.say(f"Dashboard:  http://{self.ports.host}:{self.ports.dashboard}/")
        self.say(f"Dagster UI: http://127.0.0.1:{self.ports.dagster}/  (logs: {logs})")

    def watch(self) -> None:
        """Start again any child that died, until stop() is called."""
        while not self.stopping.wait(1.0):
            for child in self.children:
                if child.alive() or self.stopping.is_set():
                    continue
                code = child.process.returncode
                if child.restarts >= MAX_RESTARTS:
                    self.say(f"{child.name} exited ({code}) {child.restarts} times; stopping the service. See {child.log_path}")
                    self.stopping.set()
                    break
                child.restarts += 1
                self.say(f"{child.name} exited ({code}); starting it again. See {child.log_path}")
                time.sleep(RESTART_PAUSE_SECONDS)
                child.start()

    def stop(self) -> None:
        self.stopping.set()
        for child in reversed(self.children):
            child.signal(signal.SIGTERM)
        deadline = time.monotonic() + GRACE_SECONDS
        for child in self.children:
            while child.alive() and time.monotonic() < deadline:
                time.sleep(0.1)
            child.signal(signal.SIGKILL)
            if child.process is not None:
                child.process.wait()


def serve(settings: Settings, ports: Ports, say: Callable[[str], None] = print) -> int:
    """Run the service until SIGTERM or Ctrl-C; 0 on a clean stop, 1 when a child kept dying."""
    service = Service(settings, ports, say)
    previous = {s: signal.signal(s, lambda *_: service.stopping.set()) for s in (signal.SIGTERM, signal.SIGINT)}
    try:
        service.start()
        service.watch()
    finally:
        service.stop()
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    return 1 if any(c.restarts >= MAX_RESTARTS for c in service.children) else 0
