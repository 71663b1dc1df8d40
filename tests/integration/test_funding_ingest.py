"""The funding kinds through the real `impact ingest` (seed-work section 2.3): both sample files
in the canonical and the Finnish-Excel dialect are detected by their headers and stored alike;
a file with a bad row exits 1 and stores the good one; a file with an e-mail address exits 2
and stores nothing; `impact template` and `impact withdraw` know the kinds."""

from __future__ import annotations

import duckdb
import pytest

from tests.support.cli import run_impact
from tests.support.samples import SAMPLE_ROWS, sample_file, to_csv

BEFORE = ("projects", "entities", "activities")
FUNDING = ("funding_opportunities", "funding_referrals")


def _stored(home, kind: str) -> list[tuple]:
    with duckdb.connect(str(home / "uploads" / "ledger.duckdb"), read_only=True) as con:
        cols = [r[0] for r in con.execute(f"describe {kind}_versions").fetchall()
                if r[0] not in ("upload_id", "source_row", "recorded_at", "version")]
        return sorted(con.execute(f"select {', '.join(cols)} from {kind}_versions").fetchall(), key=str)


@pytest.fixture(scope="module")
def homes(tmp_path_factory):
    out = {}
    for dialect in ("canonical", "finnish"):
        home = tmp_path_factory.mktemp(dialect) / "home"
        folder = tmp_path_factory.mktemp(dialect + "-files")
        paths = []
        for kind in BEFORE + FUNDING:
            path = folder / f"{kind}.csv"
            path.write_bytes(sample_file(kind, dialect if kind in FUNDING else "canonical"))
            paths.append(str(path))
        result = run_impact(home, "ingest", *paths)
        assert result.returncode == 0, result.stdout + result.stderr
        out[dialect] = home
    return out


def test_both_dialects_store_the_same_records(homes):
    for kind in FUNDING:
        canonical, finnish = _stored(homes["canonical"], kind), _stored(homes["finnish"], kind)
        assert len(canonical) == len(SAMPLE_ROWS[kind]) and canonical == finnish


def test_a_bad_row_is_rejected_and_the_good_one_stored(homes, tmp_path):
    good, bad = (dict(SAMPLE_ROWS["funding_referrals"][1], status_checked_date="2024-07-01"),
                 dict(SAMPLE_ROWS["funding_referrals"][0], status="haettu", application_date="",
                      decision_date="", granted_amount_eur=""))
    path = tmp_path / "referrals.csv"
    path.write_bytes(to_csv("funding_referrals", [good, bad]))
    result = run_impact(homes["canonical"], "ingest", str(path))
    assert result.returncode == 1, result.stdout + result.stderr
    assert "funding_referrals.application_date.required_for_status" in result.stdout
    rows = _stored(homes["canonical"], "funding_referrals")
    assert len(rows) == len(SAMPLE_ROWS["funding_referrals"]) + 1  # the good row's new version


def test_an_email_address_refuses_the_file(homes, tmp_path):
    path = tmp_path / "opportunities.csv"
    path.write_bytes(sample_file("funding_opportunities").replace(b"Social economy networks",
                                                                   b"Ask anna@example.org"))
    before = _stored(homes["canonical"], "funding_opportunities")
    result = run_impact(homes["canonical"], "ingest", str(path))
    assert result.returncode == 2 and "file.email_address" in result.stdout + result.stderr
    assert _stored(homes["canonical"], "funding_opportunities") == before


def test_template_and_withdraw_know_the_kinds(homes, tmp_path):
    for kind in FUNDING:
        out = tmp_path / f"{kind}.xlsx"
        assert run_impact(homes["finnish"], "template", kind, "--lang", "fi", "--xlsx", "--out", str(out)).returncode == 0
        assert out.stat().st_size > 0
    result = run_impact(homes["finnish"], "withdraw", "--kind", "funding_referrals", "--project", "S30355",
                        "--id", "S30355/ESF-SE-2025/0116297-6")
    assert result.returncode == 0, result.stdout + result.stderr
