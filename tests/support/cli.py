"""Running the real `impact` command as a user would, with its own IMPACT_HOME."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from tests.support.paths import IMPACT, REPO_ROOT


def run_impact(
    home: Path, *args: str, timeout: float = 300, env: dict[str, str] | None = None, stdin: str | None = None,
) -> subprocess.CompletedProcess:
    env = {**os.environ, **(env or {}), "IMPACT_HOME": str(home)}
    env.pop("IMPACT_WAREHOUSE", None)
    return subprocess.run(
        [IMPACT, *args], env=env, cwd=REPO_ROOT, capture_output=True, text=True, timeout=timeout, input=stdin,
    )
