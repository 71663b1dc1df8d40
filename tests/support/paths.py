"""Where the tests find the repository, its fixtures and the `impact` command."""

from __future__ import annotations

import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
FIXTURES = REPO_ROOT / "tests" / "fixtures"
IMPACT = str(Path(sys.executable).with_name("impact"))
NETWORK = FIXTURES / "network"  # a small network of projects and participants, by hand
SNAPSHOTS = REPO_ROOT / "tests" / "snapshots"
