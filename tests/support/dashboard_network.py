"""The small test network (tests/fixtures/network: projects S10001 and S10002, four or five
participants each, so every count is below the disclosure threshold 5) ingested and built by
the real `impact` commands once per test session (and xdist worker), and a fresh home with its
ledger and published copy for each test that needs one, so that users and the audit trail are
the test's own.

`network_build` is a pytest fixture: a test module imports it to use it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.support.cli import run_impact
from tests.support.paths import NETWORK

OWN, OTHER = "S10001", "S10002"  # a project manager's own project, and another
K = 5  # the disclosure threshold the tests' settings keep (Settings.disclosure_k)


@pytest.fixture(scope="session")
def network_build(tmp_path_factory) -> Path:
    home = tmp_path_factory.mktemp("network") / "home"
    home.mkdir()
    for path in (NETWORK / "projects.csv", NETWORK / "participants.csv"):
        result = run_impact(home, "ingest", str(path))
        assert result.returncode in (0, 1), result.stdout[-3000:] + result.stderr[-3000:]
    result = run_impact(home, "build")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return home


def network_home(build: Path, home: Path) -> Path:
    """A new home at `home` with the built network's uploads and published copy (not its
    warehouse: the pages, the API and a dry run read none)."""
    home.mkdir(parents=True)
    for part in ("uploads", "published"):
        shutil.copytree(build / part, home / part)
    return home
