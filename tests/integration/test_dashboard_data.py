"""Data access to the published copy as the dashboard does it (the shared reader,
pipelines/publish/reader.py, through dashboards/data.py), the query helpers over it, and the
number formats users read. The test copies are tests/support/dashboard_copy.py's.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl
import pytest

from dashboards import data as d
from dashboards.data import snapshot_cutoffs
from dashboards.i18n import format_date, format_number, format_percent, format_timestamp
from tests.support.dashboard_copy import (
    CUTOFFS,
    LATEST,
    PROGRAMME_LATEST,
    expected_total,
    published_schemas,
    write_published_copy,
)


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
        d.PublishedCopy(published).snapshot().table("indicator_values")


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
    assert snap.table("dim_scopes").height == 6  # programme, objective, 2 projects, 2 regions
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
        snap2.table("indicator_values"), snap2.table("indicator_catalogue"), LATEST, "fi"
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


def test_every_published_table_is_read_by_name(published: Path) -> None:
    snap = d.PublishedCopy(published).snapshot()
    assert snap.table_names == sorted(published_schemas())
    assert snap.table("regions").columns == ["region_code", "name_fi", "name_sv", "name_en"]
    with pytest.raises(d.PublishedCopyError, match="no table 'evaluation_rates'"):
        snap.table("evaluation_rates")


def test_the_test_copies_have_what_a_build_publishes(dbt_manifest: Path) -> None:
    """The tables of tests/support/dashboard_copy.py are those of a build, with the columns
    dbt gives the marts (pipelines/publish/tables.py reads the same manifest)."""
    from pipelines.publish.tables import published_nodes, published_relations

    schemas = published_schemas()
    assert set(schemas) == set(published_relations())
    for name, node in published_nodes().items():
        if node["resource_type"] == "model":
            assert list(schemas[name]) == list(node["columns"]), name


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
