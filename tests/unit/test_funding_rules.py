"""The funding kinds' rules (seed-work section 2.3): each with a failing and a passing example,
the FUN-01…07 ids, the referral's defaults and the e-mail refusal (FUN-07)."""

from __future__ import annotations

import shutil
from pathlib import Path

import polars as pl
import pytest

from indicators.messages import all_rules
from indicators.messages.funding import SPEC_RULES
from pipelines.ingest import ingest_bytes
from pipelines.settings import Settings
from tests.support.funding_cases import FUNDING_CASES, FUNDING_TODAY, R
from tests.support.samples import SAMPLE_ROWS, sample_file, to_csv

BEFORE_REFERRALS = ("projects", "entities", "activities", "funding_opportunities")


@pytest.fixture(scope="module")
def template_home(tmp_path_factory) -> Path:
    home = tmp_path_factory.mktemp("funding") / "home"
    s = Settings(home=home)
    for kind in BEFORE_REFERRALS:
        report = ingest_bytes(s, sample_file(kind), f"{kind}.csv", today=FUNDING_TODAY)
        assert report.exit_code == 0 and report.warnings == 0, report.format_text()
    return home


@pytest.fixture
def settings(template_home, tmp_path) -> Settings:
    home = tmp_path / "home"
    shutil.copytree(template_home, home)
    return Settings(home=home)


def _file(kind: str, changes: dict) -> bytes:
    return to_csv(kind, [dict(SAMPLE_ROWS[kind][0], **changes)])


def _dry(settings: Settings, kind: str, changes: dict):
    return ingest_bytes(settings, _file(kind, changes), f"{kind}.csv", kind=kind, dry_run=True, today=FUNDING_TODAY)


@pytest.mark.parametrize("case", FUNDING_CASES, ids=[c[0] for c in FUNDING_CASES])
def test_funding_rule(settings, case):
    _, kind, bad, good, rule_id = case
    severity = all_rules()[rule_id].severity
    report = _dry(settings, kind, bad)
    hits = report.problems.filter(pl.col("rule_id") == rule_id)
    assert hits.height == 1, report.format_text()
    assert set(hits["severity"]) == {severity}
    assert hits["row_number"][0] == 2
    assert hits["message_fi"][0] and hits["message_en"][0]
    assert all_rules()[rule_id].sv
    if severity == "warning":
        assert report.rejected == 0 and report.exit_code == 0, report.format_text()
    else:
        assert report.rejected == 1 and report.exit_code == 1
    report = _dry(settings, kind, good)
    assert rule_id not in set(report.problems["rule_id"].to_list()), report.format_text()


def test_every_spec_rule_has_its_ids_and_cases():
    assert sorted(SPEC_RULES) == [f"FUN-0{i}" for i in range(1, 8)]
    cased = {c[4] for c in FUNDING_CASES}
    for spec_id, rule_ids in SPEC_RULES.items():
        for rule_id in rule_ids:
            assert rule_id in all_rules(), (spec_id, rule_id)
            assert rule_id in cased or rule_id == "file.email_address", (spec_id, rule_id)
    # FUN-01 refuses the row; FUN-02..06 only warn (the row is stored); FUN-07 refuses the file.
    assert {all_rules()[r].severity for r in SPEC_RULES["FUN-01"]} == {"error"}
    for spec_id in ("FUN-02", "FUN-03", "FUN-04", "FUN-05", "FUN-06"):
        assert {all_rules()[r].severity for r in SPEC_RULES[spec_id]} == {"warning"}, spec_id


def test_a_grant_beyond_ten_million_is_unusual(settings):
    """FUN-05's sanity bound, on an opportunity without a grant maximum."""
    opp = dict(SAMPLE_ROWS["funding_opportunities"][1], grant_max_eur="")
    assert ingest_bytes(settings, to_csv("funding_opportunities", [opp]), "o.csv", today=FUNDING_TODAY).exit_code == 0
    base = {"opportunity_id": "ELY-YT-2024", "applied_amount_eur": ""}
    over = _dry(settings, R, base | {"granted_amount_eur": "10000000,01"})
    at = _dry(settings, R, base | {"granted_amount_eur": "10000000"})
    assert "funding_referrals.granted_amount_eur.unusual" in over.problems["rule_id"].to_list()
    assert "funding_referrals.granted_amount_eur.unusual" not in at.problems["rule_id"].to_list()


def test_the_opportunity_project_code_defaults_to_the_project_and_status_changes_are_versions(settings):
    row = dict(SAMPLE_ROWS[R][0], opportunity_project_code="", status="submitted", decision_date="",
               granted_amount_eur="", status_checked_date="2025-06-01")
    first = ingest_bytes(settings, to_csv(R, [row]), "r.csv", today=FUNDING_TODAY)
    assert (first.exit_code, first.inserted) == (0, 1), first.format_text()
    funded = dict(row, opportunity_project_code="S30355", status="myönnetty", decision_date="1.10.2025",
                  granted_amount_eur="150000", status_checked_date="2025-10-02")
    second = ingest_bytes(settings, to_csv(R, [funded]), "r2.csv", today=FUNDING_TODAY)
    assert (second.exit_code, second.inserted, second.updated) == (0, 0, 1), second.format_text()
    import duckdb

    with duckdb.connect(str(settings.ledger_path), read_only=True) as con:
        versions = con.execute(
            "select opportunity_project_code, status from funding_referrals_versions order by upload_id"
        ).fetchall()
    assert versions == [("S30355", "submitted"), ("S30355", "funded")]


@pytest.mark.parametrize("kind", ["funding_opportunities", "funding_referrals"])
def test_an_email_address_in_any_cell_refuses_the_file(settings, kind):
    lines = sample_file(kind).decode().splitlines()
    with_contact = "\n".join(
        [lines[0] + ",contact_person"] + [line + ",Maija Meikäläinen maija.m@esimerkki.FI" for line in lines[1:]]
    ).encode()
    report = ingest_bytes(settings, with_contact, f"{kind}.csv", today=FUNDING_TODAY)
    assert report.refusal_reason == "file.email_address" and report.exit_code == 2
    assert not (settings.home / "uploads" / "blobs" / report.sha256).exists()
    # A name without an address is an unknown column (a warning), never stored.
    no_address = with_contact.replace(b" maija.m@esimerkki.FI", b"")
    ok = ingest_bytes(settings, no_address, f"{kind}.csv", today=FUNDING_TODAY, dry_run=True)
    assert ok.exit_code == 0 and "file.unknown_column" in ok.problems["rule_id"].to_list()
