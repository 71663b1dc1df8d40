"""Data access to the published copy (dashboards/data.py), plus the builder of the small
published copies every dashboard test uses.

The builder fabricates Parquet files in the published-copy layout (fakes live only in tests).
The catalogue is the project's real seed, so names and subjects are the ones users see.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import polars as pl
import pytest

from dashboards import data as d
from dashboards.i18n import format_date, format_number, format_percent, format_timestamp

REPO_ROOT = Path(__file__).resolve().parents[1]
CATALOGUE_CSV = REPO_ROOT / "dbt_project" / "seeds" / "indicator_catalogue.csv"

CUTOFFS = (dt.date(2024, 12, 31), dt.date(2025, 6, 30))
LATEST = CUTOFFS[-1]

# Programme values at the latest cut-off (woman, man, non_binary); consistent with the
# indicator rules (EECO01 = EECO02 + EECO04 + EECO05, results ≤ their reference, ...).
PROGRAMME_LATEST: dict[str, tuple[int, int, int]] = {
    "EECO01": (120, 100, 4),
    "EECO02": (60, 55, 2),
    "EECO03": (20, 25, 1),
    "EECO04": (30, 20, 1),
    "EECO05": (30, 25, 1),
    "EECO06": (5, 6, 0),
    "EECO07": (40, 35, 2),
    "EECO08": (15, 12, 0),
    "EECO09": (30, 35, 1),
    "EECO10": (50, 45, 2),
    "EECO11": (40, 20, 1),
    "EECO12": (8, 6, 0),
    "EECO13": (12, 14, 1),
    "EECO14": (25, 22, 1),
    "EECO15": (3, 2, 0),
    "EECO16": (4, 6, 0),
    "EECO17": (35, 30, 1),
    "EECR01": (20, 18, 1),
    "EECR02": (15, 10, 1),
    "EECR03": (12, 9, 0),
    "EECR04": (40, 35, 1),
    "EECR05": (30, 28, 1),
    "EECR06": (10, 9, 0),
    "SE04": (15, 12, 0),
    "SE05": (5, 4, 0),
}
# Indicators that are not about participants: they must stay off the participant views.
PROGRAMME_TOTAL_ONLY = {"EECO18": 7, "EECO19": 21, "SE07": 12}


def expected_total(code: str, scale: int = 1) -> int:
    return sum(PROGRAMME_LATEST[code]) * scale


def write_published_copy(
    published_dir: Path,
    version: str = "v1",
    *,
    scale: int = 1,
    cutoffs: tuple[dt.date, ...] = CUTOFFS,
    codes: tuple[str, ...] | None = None,
    set_current: bool = True,
) -> Path:
    """Write one published version (Parquet + manifest) and, by default, point CURRENT at it.

    Values at the latest cut-off are PROGRAMME_LATEST × scale; earlier cut-offs are smaller
    (cumulative). Specific objective and project rows carry other numbers, so a page that
    forgets to filter to the programme shows wrong values.
    """
    codes = tuple(PROGRAMME_LATEST) if codes is None else codes
    rows = []
    for i, cutoff in enumerate(sorted(cutoffs)):
        factor = scale * (i + 1) / len(cutoffs)  # cumulative: grows to `scale` at the latest
        for code, parts in PROGRAMME_LATEST.items():
            if code not in codes:
                continue
            split = [round(p * factor) for p in parts]
            for scope_type, scope_code, k in (
                ("programme", "-", 1.0),
                ("specific_objective", "4.1", 1.0),  # the only SO: equals the programme
                ("project", "S30355", 0.75),
                ("project", "S30356", 0.25),
            ):
                values = [round(v * k) for v in split]
                if scope_type == "project" and scope_code == "S30356":
                    values = [a - round(a * 0.75) for a in split]
                for gender, v in zip(("woman", "man", "non_binary"), values, strict=True):
                    rows.append((cutoff, scope_type, scope_code, code, gender, float(v)))
                rows.append((cutoff, scope_type, scope_code, code, "total", float(sum(values))))
        for code, total in PROGRAMME_TOTAL_ONLY.items():
            rows.append((cutoff, "programme", "-", code, "total", float(round(total * factor))))
    values = pl.DataFrame(
        rows,
        schema={
            "cutoff_date": pl.Date,
            "scope_type": pl.String,
            "scope_code": pl.String,
            "indicator_code": pl.String,
            "gender": pl.String,
            "value": pl.Float64,
        },
        orient="row",
    )
    scopes = pl.DataFrame(
        {
            "scope_type": ["programme", "specific_objective", "project", "project"],
            "scope_code": ["-", "4.1", "S30355", "S30356"],
            "scope_name": [
                "Uudistuva ja osaava Suomi",
                "4.1",
                "Yhteiskunnalliset yritykset",
                "Osatyökykyiset",
            ],
            "priority": [None, "4", "4", "4"],
            "specific_objective": [None, "4.1", "4.1", "4.1"],
            "category_of_region": [None, "more_developed", "more_developed", "more_developed"],
            "region_code": [None, None, "FI1B", "FI1C"],
        },
        schema_overrides={"priority": pl.String, "specific_objective": pl.String},
    )
    catalogue = pl.read_csv(CATALOGUE_CSV, schema_overrides={"reference_indicator": pl.String})
    target = published_dir / version
    target.mkdir(parents=True, exist_ok=True)
    values.write_parquet(target / "indicator_values.parquet")
    scopes.write_parquet(target / "dim_scopes.parquet")
    catalogue.write_parquet(target / "indicator_catalogue.parquet")
    manifest = {
        "version": version,
        "built_at": "2025-07-01T08:30:00+03:00",
        "cutoffs": [c.isoformat() for c in sorted(cutoffs)],
        "settings": {"long_term_unemployment_rule": "eu"},
    }
    (target / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    if set_current:
        set_current_version(published_dir, version)
    return target


def set_current_version(published_dir: Path, version: str) -> None:
    """Swap CURRENT atomically, as the pipeline does."""
    tmp = published_dir / "CURRENT.tmp"
    tmp.write_text(version + "\n", encoding="utf-8")
    os.replace(tmp, published_dir / "CURRENT")


@pytest.fixture
def published(tmp_path: Path) -> Path:
    published_dir = tmp_path / "published"
    write_published_copy(published_dir)
    return published_dir


# --- The published copy ----------------------------------------------------------------------


def test_no_published_copy_yet(tmp_path: Path) -> None:
    copy = d.PublishedCopy(tmp_path / "nothing-here")
    assert copy.current_version() is None
    assert copy.snapshot() is None


def test_empty_current_counts_as_nothing_published(tmp_path: Path) -> None:
    (tmp_path / "CURRENT").write_text("\n")
    assert d.PublishedCopy(tmp_path).snapshot() is None


def test_current_naming_a_missing_version_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "CURRENT").write_text("v9\n")
    with pytest.raises(d.PublishedCopyError, match="v9"):
        d.PublishedCopy(tmp_path).snapshot()


def test_current_must_name_a_directory_inside_published(tmp_path: Path) -> None:
    (tmp_path / "CURRENT").write_text("../elsewhere\n")
    with pytest.raises(d.PublishedCopyError, match="not a version directory"):
        d.PublishedCopy(tmp_path).snapshot()


def test_a_table_without_its_columns_is_an_error(published: Path) -> None:
    pl.DataFrame({"indicator_code": ["EECO01"]}).write_parquet(
        published / "v1" / "indicator_values.parquet"
    )
    with pytest.raises(d.PublishedCopyError, match="cutoff_date"):
        d.PublishedCopy(published).snapshot()


def test_a_missing_manifest_is_an_error(published: Path) -> None:
    (published / "v1" / "manifest.json").unlink()
    with pytest.raises(d.PublishedCopyError, match="manifest.json"):
        d.PublishedCopy(published).snapshot()


def test_snapshot_reads_the_current_version(published: Path) -> None:
    snap = d.PublishedCopy(published).snapshot()
    assert snap is not None
    assert snap.version == "v1"
    assert snapshot_cutoffs(snap) == list(CUTOFFS)
    assert snapshot_cutoffs(snap)[-1] == LATEST
    assert snap.manifest["built_at"] == "2025-07-01T08:30:00+03:00"
    assert snap.table("dim_scopes").height == 4
    assert {"EECO01", "SE13"} <= set(snap.table("indicator_catalogue")["indicator_code"])


def test_snapshot_is_cached_per_version(published: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    copy = d.PublishedCopy(published)
    first = copy.snapshot()
    reads = []
    monkeypatch.setattr(d.pl, "read_parquet", lambda *a, **k: reads.append(a) or pl.DataFrame())
    assert copy.snapshot() is first
    assert reads == []


def test_a_new_current_version_is_picked_up_without_restart(published: Path) -> None:
    copy = d.PublishedCopy(published)
    snap = copy.snapshot()
    before = d.programme_participant_values(
        snap.table("indicator_values"), snap.table("indicator_catalogue"), LATEST, "fi"
    )
    write_published_copy(published, "v2", scale=2)
    snap2 = copy.snapshot()
    after = d.programme_participant_values(
        snap2.indicator_values, snap2.indicator_catalogue, LATEST, "fi"
    )
    assert snap2.version == "v2"
    total = lambda f: f.filter(pl.col("indicator_code") == "EECO01")["total"].item()  # noqa: E731
    assert total(before) == expected_total("EECO01") == 224
    assert total(after) == expected_total("EECO01", scale=2)


def test_a_version_pruned_after_the_swap_is_not_a_problem(published: Path) -> None:
    copy = d.PublishedCopy(published)
    write_published_copy(published, "v2", scale=2)
    # CURRENT read as v1, then the pipeline swaps to v2 and prunes v1 before v1 is loaded.
    real = copy._load
    calls = []

    def load(version: str):
        calls.append(version)
        if version == "v1":
            raise d.PublishedCopyError("v1 is gone")
        return real(version)

    copy._load = load  # type: ignore[method-assign]
    copy.current_version = iter(["v1", "v2"]).__next__  # type: ignore[method-assign]
    assert copy.snapshot().version == "v2"
    assert calls == ["v1", "v2"]


def test_further_tables_are_read_by_name(published: Path) -> None:
    pl.DataFrame({"indicator_code": ["EECO01"], "target": [500.0]}).write_parquet(
        published / "v1" / "targets.parquet"
    )
    snap = d.PublishedCopy(published).snapshot()
    assert snap.has_table("targets") and not snap.has_table("evaluation_rates")
    assert snap.table("targets")["target"].to_list() == [500.0]
    with pytest.raises(d.PublishedCopyError, match="evaluation_rates.parquet"):
        snap.table("evaluation_rates")


# --- Queries ---------------------------------------------------------------------------------


def test_programme_participant_values(published: Path) -> None:
    snap = d.PublishedCopy(published).snapshot()
    frame = d.programme_participant_values(
        snap.table("indicator_values"), snap.table("indicator_catalogue"), LATEST, "fi"
    )
    assert frame["indicator_code"].to_list() == list(PROGRAMME_LATEST)  # catalogue order
    row = frame.row(0, named=True)
    assert row["name"] == "Osallistujat yhteensä"
    assert (row["total"], row["woman"], row["man"], row["non_binary"]) == (224, 120, 100, 4)
    eecr04 = frame.filter(pl.col("indicator_code") == "EECR04").row(0, named=True)
    assert eecr04["reference_indicator"] == "EECO01"
    assert eecr04["share_of_reference"] == pytest.approx(76 / 224)
    eecr06 = frame.filter(pl.col("indicator_code") == "EECR06").row(0, named=True)
    assert eecr06["reference_total"] == expected_total("EECO05")
    se04 = frame.filter(pl.col("indicator_code") == "SE04").row(0, named=True)
    assert se04["sensitive"] is True and se04["share_of_reference"] is None


def test_programme_participant_values_at_an_earlier_cutoff_and_in_english(published: Path) -> None:
    snap = d.PublishedCopy(published).snapshot()
    frame = d.programme_participant_values(
        snap.table("indicator_values"), snap.table("indicator_catalogue"), CUTOFFS[0], "en"
    )
    row = frame.row(0, named=True)
    assert row["name"] == "Total number of participants"
    assert (row["woman"], row["man"], row["non_binary"]) == (60, 50, 2)


def test_only_indicators_present_in_the_data_are_shown(tmp_path: Path) -> None:
    write_published_copy(tmp_path, codes=("EECO01", "EECR04"))
    snap = d.PublishedCopy(tmp_path).snapshot()
    frame = d.programme_participant_values(
        snap.table("indicator_values"), snap.table("indicator_catalogue"), LATEST, "fi"
    )
    assert frame["indicator_code"].to_list() == ["EECO01", "EECR04"]


def test_parse_cutoff_falls_back_to_the_latest() -> None:
    assert d.parse_cutoff("2024-12-31", list(CUTOFFS)) == CUTOFFS[0]
    assert d.parse_cutoff("2023-06-30", list(CUTOFFS)) == LATEST
    assert d.parse_cutoff("not a date", list(CUTOFFS)) == LATEST
    assert d.parse_cutoff(None, list(CUTOFFS)) == LATEST
    assert d.parse_cutoff(None, []) is None


# --- Numbers and dates as users read them ----------------------------------------------------


def test_number_and_date_formats() -> None:
    assert format_number(12345.5, "fi") == "12\u00a0346"
    assert format_number(12345.5, "en") == "12,346"
    assert format_number(2.345, "fi", 2) == "2,35"  # half away from zero
    assert format_number(None, "fi") == "–"
    assert format_percent(76 / 224, "fi") == "33,9\u00a0%"
    assert format_percent(76 / 224, "en") == "33.9%"
    assert format_date(dt.date(2025, 6, 30), "fi") == "30.6.2025"
    assert format_date(dt.date(2025, 6, 30), "en") == "30 Jun 2025"


def test_build_time_is_shown_in_local_time_with_its_zone(monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    if not Path("/usr/share/zoneinfo/Europe/Helsinki").exists():
        pytest.skip("no tz database on this machine")
    monkeypatch.setenv("TZ", "Europe/Helsinki")
    time.tzset()
    try:
        assert format_timestamp("2025-07-01T05:30:00+00:00", "fi") == "1.7.2025 08.30 EEST"
        assert format_timestamp("2025-12-31T22:30:00+00:00", "en") == "1 Jan 2026 00:30 EET"
        assert format_timestamp("not a time", "en") == "not a time"
    finally:
        monkeypatch.undo()
        time.tzset()
