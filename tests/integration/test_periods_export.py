"""Issue #15's done-when, with the real `impact` command: after `impact periods approve
--cutoff 2025-12-31`, an upload that changes that half-year's values, built, leaves
`impact export --cutoff 2025-12-31` byte-identical (manifest included), and `--revised` shows
the change flagged with its delta. One built home for the module (a build runs dbt)."""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path

import duckdb
import pytest

from pipelines.access import audit
from pipelines.periods import store
from pipelines.settings import Settings
from tests.support.cli import run_impact
from tests.support.paths import NETWORK

pytestmark = pytest.mark.slow

CUTOFF = "2025-12-31"
HEADER = (NETWORK / "participants.csv").read_text(encoding="utf-8").splitlines()[0]
# one more woman in S10001, entering in the approved half-year
LATE = HEADER + "\nS10001,LATE1,2025-10-01,,woman,40,unemployed,3,3,no,no,no,no,no,no,no,MK11,,,,,,,,\n"


def impact(home: Path, *args: str):
    result = run_impact(home, *args)
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.fixture(scope="module")
def revised_home(tmp_path_factory, dbt_manifest):
    home = tmp_path_factory.mktemp("periods_home")
    out = tmp_path_factory.mktemp("periods_out")
    for kind in ("projects", "participants"):
        result = run_impact(home, "ingest", str(NETWORK / f"{kind}.csv"))
        assert result.returncode in (0, 1), result.stdout + result.stderr
    impact(home, "build")
    impact(home, "periods", "submit", "--project", "S10001", "--cutoff", CUTOFF)
    approve = impact(home, "periods", "approve", "--cutoff", CUTOFF)
    before = impact(home, "export", "--cutoff", CUTOFF, "--out", str(out / "before"))
    (out / "late.csv").write_text(LATE, encoding="utf-8")
    dry_run = impact(home, "ingest", "--dry-run", str(out / "late.csv"))
    unexplained = run_impact(home, "ingest", str(out / "late.csv"))
    applied = impact(home, "ingest", "--revision-reason", "a participant entered late", str(out / "late.csv"))
    impact(home, "build")
    after = impact(home, "export", "--cutoff", CUTOFF, "--out", str(out / "after"))
    revised = impact(home, "export", "--cutoff", CUTOFF, "--revised", "--out", str(out / "revised"))
    return {"home": home, "out": out, "approve": approve, "before": before, "after": after, "revised": revised,
            "dry_run": dry_run, "unexplained": unexplained, "applied": applied}


def test_an_approved_export_stays_byte_identical_after_a_changing_upload(revised_home):
    out = revised_home["out"]
    before, after = files(out / "before"), files(out / "after")
    assert set(before) == {"indicator_values.csv", "sfc_table6_outputs.csv", "sfc_table10_results.csv",
                           "sfc_table6_outputs_excel.csv", "sfc_table10_results_excel.csv", "pact_annual.csv",
                           "indicators.xlsx", "manifest.json"}
    assert before == after
    assert "final" in revised_home["approve"].stdout


def test_the_manifest_records_the_approval_not_todays_build(revised_home):
    manifest = json.loads((revised_home["out"] / "after" / "manifest.json").read_text(encoding="utf-8"))
    approval = manifest["approval"]
    assert approval["cutoff_date"] == CUTOFF
    assert approval["approved_at"] and approval["published_snapshot"].startswith("v")
    # no clock in the export: the data's time is the last upload's, before the approval
    assert "generated_at" not in manifest
    assert manifest["data_as_of"] == max(u["received_at"] for u in manifest["uploads"]) < approval["approved_at"]
    assert set(approval["projects"]) == {"S10001", "S10002"}
    assert manifest["provisional"] is False


def test_revised_shows_the_change_flagged_with_its_delta(revised_home):
    folder = revised_home["out"] / "revised"
    assert files(folder).keys() - files(revised_home["out"] / "before").keys() == {"indicator_values_revised.csv"}
    for name, content in files(revised_home["out"] / "before").items():
        assert (folder / name).read_bytes() == content
    with (folder / "indicator_values_revised.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    changed = {(r["scope_type"], r["scope_code"], r["indicator_code"], r["gender"]): r
               for r in rows if r["revised"] == "true"}
    for scope in (("project", "S10001"), ("programme", "-")):
        row = changed[(*scope, "EECO01", "woman")]
        assert float(row["current_value"]) - float(row["approved_value"]) == 1
        assert row["delta"] == "1"
    assert ("project", "S10002", "EECO01", "woman") not in changed
    assert all(r["cutoff_date"] == CUTOFF for r in rows)


def test_the_build_reads_the_approved_values_for_consistency_rule_7(revised_home):
    """The build loads what was approved (raw.approved_values) and rule 7 compares with it: the
    late woman raised S10001's value above the approved one, which is no decrease."""
    home = revised_home["home"]
    settings = Settings.from_env({"IMPACT_HOME": str(home)})
    with duckdb.connect(str(settings.warehouse_path), read_only=True) as con:
        loaded = con.execute("SELECT * FROM raw.approved_values ORDER BY ALL").fetchall()
        approved, current = con.execute(
            "SELECT a.value, v.value FROM raw.approved_values AS a JOIN marts.indicator_values AS v"
            " USING (cutoff_date, scope_type, scope_code, indicator_code, gender)"
            " WHERE a.scope_code = 'S10001' AND a.indicator_code = 'EECO01' AND a.gender = 'woman'"
        ).fetchone()
        against_approved = con.execute(
            "SELECT count(*) FROM marts.reported_value_decreases WHERE previous_value_source = 'approved'"
        ).fetchone()[0]
    stored = store.approved_values(home)
    assert len(loaded) == len(stored) > 0
    assert {(str(r[0]), *r[1:6]) for r in loaded} == {r[:6] for r in stored}
    assert {r[0] for r in stored} == {CUTOFF}
    assert current == approved + 1 and against_approved == 0


def test_every_state_change_is_in_the_audit_trail(revised_home):
    actions = [(e.action, e.detail.get("project")) for e in audit.entries(revised_home["home"])
               if e.action.startswith("period.")]
    assert ("period.submit", "S10001") in actions
    assert ("period.approve", "S10001") in actions and ("period.approve", "S10002") in actions
    assert ("period.final", None) in actions


def test_periods_list_and_refusals(revised_home):
    home = revised_home["home"]
    listing = impact(home, "periods", "list", "--cutoff", "2025-06-30").stdout
    assert "2025-06-30  closed" in listing and "S10002" in listing
    again = run_impact(home, "periods", "approve", "--cutoff", CUTOFF, "--project", "S10002")
    assert again.returncode == 2 and "cannot be approved" in again.stderr
    future = run_impact(home, "periods", "submit", "--project", "S10001", "--cutoff", "2027-12-31")
    assert future.returncode == 2 and "has not ended" in future.stderr
    # a project reports for the half-years it runs in (S10001 from 2023-01-01)
    before_start = run_impact(home, "periods", "submit", "--project", "S10001", "--cutoff", "2022-12-31")
    assert before_start.returncode == 2 and "no project S10001 runs in the half-year" in before_start.stderr
    assert "S10001" not in impact(home, "periods", "list", "--cutoff", "2022-12-31").stdout
    unknown = run_impact(home, "periods", "submit", "--project", "NOPE", "--cutoff", "2025-06-30")
    assert unknown.returncode == 2 and "no project NOPE" in unknown.stderr


def test_a_revising_upload_needs_a_reason_and_queues_the_period(revised_home):
    unexplained = revised_home["unexplained"]
    assert unexplained.returncode == 2, unexplained.stdout + unexplained.stderr
    assert "S10001 31.12.2025: EECO01 +1 (woman +1)" in unexplained.stderr
    assert "S10001 2025-12-31: submitted (revised) (a participant entered late)" in revised_home["applied"].stdout
    listing = impact(revised_home["home"], "periods", "list", "--cutoff", CUTOFF).stdout
    assert "submitted (revised)" in listing and "a participant entered late" in listing
    revisions = [e for e in audit.entries(revised_home["home"]) if e.action == "period.revise"]
    assert [(e.detail["project"], e.detail["upload"]) for e in revisions] == [("S10001", "late.csv")]


def test_the_exports_page_downloads_the_approved_export(revised_home):
    import io
    import zipfile

    from dashboards.views.exports import export_zip
    from pipelines.settings import Settings

    content, _name = export_zip(Settings(home=revised_home["home"]), date.fromisoformat(CUTOFF))
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        downloaded = {name: archive.read(name) for name in archive.namelist()}
    assert downloaded == files(revised_home["out"] / "before")


def test_the_half_year_export_asset_writes_the_approved_export(revised_home):
    """The Dagster export (the half-year schedule's) writes what `impact export` writes: for
    an approved cut-off, the frozen files, however much was uploaded since."""
    from dagster import DagsterInstance, materialize

    from pipelines.orchestration.exports.assets import official_export
    from pipelines.orchestration.resources import ImpactHome
    from pipelines.settings import Settings

    settings = Settings(home=revised_home["home"])
    with DagsterInstance.ephemeral() as instance:
        result = materialize([official_export], resources={"impact": ImpactHome.from_settings(settings)},
                             instance=instance, run_config={"ops": {"exports__official": {"config": {"cutoff": CUTOFF}}}})
    assert result.success
    assert files(settings.exports_dir / CUTOFF / "official") == files(revised_home["out"] / "before")


def test_reopening_keeps_the_approved_export_until_a_new_approval_refreezes(revised_home, tmp_path):
    home = revised_home["home"]
    no_reason = run_impact(home, "periods", "reopen", "--project", "S10001", "--cutoff", CUTOFF, "--reason", " ")
    assert no_reason.returncode == 2
    impact(home, "periods", "reopen", "--project", "S10001", "--cutoff", CUTOFF, "--reason", "late participant")
    impact(home, "export", "--cutoff", CUTOFF, "--out", str(tmp_path / "open"))
    assert files(tmp_path / "open") == files(revised_home["out"] / "before")  # what was approved stands
    # an upload applied but not built yet: approving would freeze values without it
    (tmp_path / "later.csv").write_text(LATE.replace("LATE1,2025-10-01", "LATE2,2026-03-01"), encoding="utf-8")
    impact(home, "ingest", str(tmp_path / "later.csv"))
    stale = run_impact(home, "periods", "approve", "--cutoff", CUTOFF, "--project", "S10001")
    assert stale.returncode == 2 and "impact build" in stale.stderr
    impact(home, "build")
    impact(home, "periods", "approve", "--cutoff", CUTOFF, "--project", "S10001")
    impact(home, "export", "--cutoff", CUTOFF, "--out", str(tmp_path / "reapproved"))
    new = files(tmp_path / "reapproved")
    old = files(revised_home["out"] / "before")
    assert new["indicator_values.csv"] != old["indicator_values.csv"]  # now with the late participant
    assert json.loads(new["manifest.json"])["approval"]["projects"]["S10001"]["approved_by"].startswith("os:")


def test_the_dry_run_names_every_closed_cut_off_it_would_change(revised_home):
    out = revised_home["dry_run"].stdout
    assert "31.12.2025 (approved): EECO01 +1 (woman +1)" in out
    assert "30.6.2026: EECO01 +1 (woman +1)" in out  # closed, cumulative, not approved
    assert "30.6.2025" not in out  # before the participant entered


def test_the_default_cut_off_is_the_last_closed_one_and_a_provisional_one_is_marked(revised_home, tmp_path):
    import openpyxl

    from indicators.calendar import current_cutoff, default_cutoff

    home, today = revised_home["home"], date.today()
    impact(home, "export", "--out", str(tmp_path / "default"))
    manifest = json.loads((tmp_path / "default" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["cutoff_date"] == default_cutoff(today).isoformat() and manifest["provisional"] is False
    current = current_cutoff(today).isoformat()
    refused = run_impact(home, "export", "--cutoff", current, "--out", str(tmp_path / "refused"))
    assert refused.returncode == 2 and "--provisional" in refused.stderr
    assert not (tmp_path / "refused").exists()
    impact(home, "export", "--cutoff", current, "--provisional", "--out", str(tmp_path / "provisional"))
    manifest = json.loads((tmp_path / "provisional" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["provisional"] is True
    cover = openpyxl.load_workbook(tmp_path / "provisional" / "indicators.xlsx").worksheets[0]
    assert any("PROVISIONAL" in str(cell.value) for row in cover.iter_rows() for cell in row)
    impact(home, "export", "--cutoff", current, "--public", "--out", str(tmp_path / "public"))  # no flag needed
    assert json.loads((tmp_path / "public" / "manifest.json").read_text(encoding="utf-8"))["provisional"] is True
