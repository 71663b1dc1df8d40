"""The dbt seeds that hold reference facts (no dbt run): the regions agree with the upload
contract, and the Student t table holds the published critical values."""

from __future__ import annotations

import csv
import re

import pytest

from indicators.contract import REGION_CODES
from tests.support.paths import REPO_ROOT

SEEDS = REPO_ROOT / "dbt_project" / "seeds"
SPEC = REPO_ROOT / "docs" / "monitoring-data.md"


def read_seed(name: str) -> list[dict[str, str]]:
    with (SEEDS / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_regions_are_the_contracts() -> None:
    """The seed (which the upload contract reads) holds the codes and Finnish names of
    monitoring-data.md 5.3, with Swedish and English names for each."""
    section = SPEC.read_text(encoding="utf-8").split("### 5.3")[1].split("\n\n")[0]
    spec = dict(re.findall(r"(MK\d\d) ([A-ZÄÖ][^,.]+)", section))
    rows = read_seed("regions")
    assert {row["region_code"]: row["name_fi"] for row in rows} == spec == dict(REGION_CODES)
    assert all(row["name_sv"] and row["name_en"] for row in rows)


# t(0.975, df) from published tables (e.g. NIST/SEMATECH e-Handbook, table 1.3.6.7.2)
PUBLISHED_T = {1: 12.706, 2: 4.303, 3: 3.182, 4: 2.776, 5: 2.571, 10: 2.228, 20: 2.086, 30: 2.042,
               50: 2.009, 100: 1.984}


def test_student_t_table() -> None:
    rows = read_seed("student_t_critical_values")
    table = {int(row["degrees_of_freedom"]): float(row["t_975"]) for row in rows}
    assert sorted(table) == list(range(1, 101))
    for df, published in PUBLISHED_T.items():
        assert table[df] == pytest.approx(published, abs=0.0005), df
    # decreasing towards z(0.975) = 1.959964, and the Cornish-Fisher expansion the SQL uses
    # beyond the table (macro t_975) continues it smoothly
    values = [table[df] for df in range(1, 101)]
    assert all(a > b for a, b in zip(values, values[1:])) and values[-1] > 1.959964
    z = 1.959964
    def expansion(df: int) -> float:
        return (z + (z**3 + z) / (4 * df) + (5 * z**5 + 16 * z**3 + 3 * z) / (96 * df**2)
                + (3 * z**7 + 19 * z**5 + 17 * z**3 - 15 * z) / (384 * df**3))
    assert expansion(100) == pytest.approx(table[100], abs=1e-6)
    assert table[100] > expansion(101) > expansion(1000) > z
