"""The specs in docs/ are kept in step with the shared ones the project is built to
(../shared/spec/, beside the repository on every developer's machine and in CI)."""

from __future__ import annotations

import pytest

from tests.support.paths import REPO_ROOT

SHARED = REPO_ROOT.parent / "shared" / "spec"


@pytest.mark.parametrize("name", ["monitoring-data.md", "indicators.md", "seed-work.md"])
def test_the_spec_in_docs_is_the_shared_one(name):
    if not SHARED.is_dir():
        pytest.skip(f"{SHARED} is not beside this checkout")
    assert (REPO_ROOT / "docs" / name).read_text(encoding="utf-8") == (SHARED / name).read_text(encoding="utf-8")
