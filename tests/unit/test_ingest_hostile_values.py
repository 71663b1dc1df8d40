"""Values that once got through (issue 14, part 6, the input side): dates before 1900, absurd
magnitudes, a formula as the priority, full-width formula characters in exports; and the
spec's Finnish and Swedish yes/no words in a code column that has `no`."""

from __future__ import annotations

import duckdb
import pytest

from indicators.contract import CONTRACT
from indicators.exports.safe_text import neutralise
from pipelines.ingest import ingest_bytes
from pipelines.settings import Settings
from tests.support.samples import SAMPLE_ROWS, sample_file, to_csv


def _rule_ids(settings: Settings, kind: str, **changes) -> set[str]:
    rows = [dict(r) for r in SAMPLE_ROWS[kind]]
    rows[0].update(changes)
    report = ingest_bytes(settings, to_csv(kind, rows), f"{kind}.csv", kind=kind, dry_run=True)
    assert not report.refused, report.format_text()
    return set(report.problems["rule_id"].to_list())


@pytest.fixture(scope="module")
def settings(tmp_path_factory) -> Settings:
    s = Settings(home=tmp_path_factory.mktemp("values") / "home")
    assert ingest_bytes(s, sample_file("projects"), "projects.csv").exit_code == 0
    return s


@pytest.mark.parametrize("kind, column", [
    (k.name, c.name) for k in CONTRACT.values() for c in k.columns if c.type == "date"
])
def test_a_date_before_1900_is_a_row_error(settings, kind, column):
    assert f"{kind}.{column}.too_early" in _rule_ids(settings, kind, **{column: "0001-01-01"})
    assert f"{kind}.{column}.too_early" in _rule_ids(settings, kind, **{column: "31.12.1899"})


@pytest.mark.parametrize("kind, column, value", [
    ("projects", "budget_eur", "1" * 38),
    ("projects", "budget_eur", "1e30"),
    ("activities", "attendees_total", "999999999999999999"),
    ("activities", "duration_hours", "100000"),
    ("entities", "employees", "12345678901"),
    ("participants", "unemployment_months", "99999"),
    ("targets", "target_value", "1" * 20),
])
def test_absurd_magnitudes_are_row_errors(settings, kind, column, value):
    found = _rule_ids(settings, kind, **{column: value})
    assert f"{kind}.{column}.max" in found or f"{kind}.{column}.format" in found, found


def test_the_priority_is_the_objectives_number(settings):
    assert "projects.priority.pattern" in _rule_ids(settings, "projects", priority="=1+1")
    assert "projects.priority.not_of_objective" in _rule_ids(settings, "projects", priority="5")
    assert not _rule_ids(settings, "projects", priority="4", specific_objective="4.12") & {
        "projects.priority.pattern", "projects.priority.not_of_objective"}


@pytest.mark.parametrize("word", ["ei", "EI", "nej", "no", "e", "0", "false"])
def test_yes_no_words_in_a_code_column_with_no(settings, word):
    """Spec 1, codes `yes`/`no`: `ei` (and the other words for no) is `no` in
    social_enterprise (yhteiskunnallinen_yritys), whose codes include `no` but not `yes`."""
    home = settings.home.parent / f"yesno-{word}"
    s = Settings(home=home)
    assert ingest_bytes(s, sample_file("projects"), "projects.csv").exit_code == 0
    rows = [dict(r, social_enterprise=word) for r in SAMPLE_ROWS["entities"]]
    report = ingest_bytes(s, to_csv("entities", rows), "entities.csv")
    assert report.exit_code == 0, report.format_text()
    with duckdb.connect(str(s.ledger_path), read_only=True) as con:
        assert {r[0] for r in con.execute("SELECT social_enterprise FROM entities_versions").fetchall()} == {"no"}


def test_a_yes_word_is_no_code_where_the_column_has_no_yes(settings):
    assert "entities.social_enterprise.code" in _rule_ids(settings, "entities", social_enterprise="kyllä")


@pytest.mark.parametrize("text", ["＝1+1", "＋1", "－1", "＠SUM(A1)", "﹦1", "﹢1", "﹣1", "﹫x", "－"])
def test_full_width_formula_characters_are_neutralised(text):
    assert neutralise(text) == "'" + text


@pytest.mark.parametrize("text", ["-", "Hanke", "1-2", "", "ＡＢＣ"])
def test_ordinary_text_is_kept(text):
    assert neutralise(text) == text
