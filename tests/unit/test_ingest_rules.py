"""Every validation rule with a failing and a passing example (spec section 3)."""

from __future__ import annotations

import shutil
from pathlib import Path

import polars as pl
import pytest

from indicators.contract import CONTRACT
from indicators.messages import all_rules
from pipelines.ingest import ingest_bytes
from tests.support.rule_cases import CASES, P
from tests.support.samples import SAMPLE_ROWS, sample_file, to_csv
from pipelines.settings import Settings


@pytest.fixture(scope="module")
def template_home(tmp_path_factory) -> Path:
    home = tmp_path_factory.mktemp("template") / "home"
    s = Settings(home=home)
    for kind in ("projects", "activities"):
        assert ingest_bytes(s, sample_file(kind), f"{kind}.csv").exit_code == 0
    return home


@pytest.fixture
def settings(template_home, tmp_path) -> Settings:
    """Each test its own home: a copy of the template (projects and activities loaded)."""
    home = tmp_path / "home"
    shutil.copytree(template_home, home)
    return Settings(home=home)


def _file(kind: str, changes) -> bytes:
    base = SAMPLE_ROWS[kind][0]
    rows = [dict(base, **c) for c in changes] if isinstance(changes, list) else [dict(base, **changes)]
    return to_csv(kind, rows)


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_rule(settings, case):
    _, kind, bad, good, rule_id = case
    severity = all_rules()[rule_id].severity

    report = ingest_bytes(settings, _file(kind, bad), f"{kind}.csv", kind=kind, dry_run=True)
    hits = report.problems.filter(pl.col("rule_id") == rule_id)
    assert hits.height >= 1, report.format_text()
    assert set(hits["severity"]) == {severity}
    assert hits["row_number"].min() == 2
    assert report.exit_code == (1 if severity == "error" else 0)
    if severity == "warning":
        assert report.rejected == 0 and report.warnings >= 1
    column = hits["column_name"][0]
    if column in CONTRACT[kind].column_names and CONTRACT[kind].column(column).sensitive:
        assert hits["value"].is_null().all()
    assert hits["message_fi"][0] and hits["message_en"][0]

    report = ingest_bytes(settings, _file(kind, good), f"{kind}.csv", kind=kind, dry_run=True)
    assert report.problems.filter(pl.col("rule_id") == rule_id).height == 0, report.format_text()


def test_every_sample_row_is_clean(settings):
    for kind in ("projects", "participants", "entities", "activities", "feedback", "targets"):
        report = ingest_bytes(settings, sample_file(kind), f"{kind}.csv", dry_run=True)
        assert report.problems.height == 0, report.format_text()


def test_duplicate_key_rejects_both_rows(settings):
    report = ingest_bytes(settings, _file(P, [{}, {"age_at_entry": "40"}, {"participant_id": "P2"}]), "p.csv")
    dup = report.problems.filter(pl.col("rule_id") == "participants.key.duplicate")
    assert sorted(dup["row_number"].to_list()) == [2, 3]
    assert dup["value"].to_list() == ["S30355/P001", "S30355/P001"]
    assert (report.rejected, report.inserted, report.exit_code) == (2, 1, 1)


def test_sensitive_value_is_never_echoed(settings):
    report = ingest_bytes(settings, _file(P, {"minority": "secret-ish"}), "p.csv", dry_run=True)
    hit = report.problems.filter(pl.col("rule_id") == "participants.minority.format")
    assert hit.height == 1 and hit["value"][0] is None
    assert "secret-ish" not in report.format_text()


def test_rejected_row_keeps_previous_version(settings):
    assert ingest_bytes(settings, _file(P, {}), "p.csv").inserted == 1
    report = ingest_bytes(settings, _file(P, {"age_at_entry": "200"}), "p.csv")
    assert (report.rejected, report.updated, report.exit_code) == (1, 0, 1)
    report = ingest_bytes(settings, _file(P, {}), "p.csv", dry_run=True)
    assert report.unchanged == 1


def test_projects_in_same_upload_feed_participants_only_after_apply(settings):
    rows = [dict(SAMPLE_ROWS[P][0], project_code="S40000")]
    report = ingest_bytes(settings, to_csv(P, rows), "p.csv")
    assert report.rejected == 1
    projects = [dict(SAMPLE_ROWS["projects"][0], project_code="S40000")]
    assert ingest_bytes(settings, to_csv("projects", projects), "projects.csv").inserted == 1
    assert ingest_bytes(settings, to_csv(P, rows), "p.csv").inserted == 1


def test_every_rule_has_messages_in_both_languages():
    for rule_id, text in all_rules().items():
        assert text.severity in ("error", "warning"), rule_id
        assert text.fi.strip() and text.en.strip(), rule_id
        assert text.fi != text.en or rule_id.endswith(".code"), rule_id
