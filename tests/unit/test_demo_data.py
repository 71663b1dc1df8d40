"""The demo-data generator: deterministic, plausible, valid per the contract except for the
mistakes it lists in errors_injected.json, and free of anything shaped like a henkilötunnus.

The contract checks here are an independent, compact re-statement of monitoring-data.md in
polars (not the ingest code), so that a mistake in either one shows up.
"""

from __future__ import annotations

import io
import json
import re
from datetime import date
from pathlib import Path

import polars as pl
import pytest

from indicators.catalogue import indicator_codes
from indicators.contract import CONTRACT, GENDERS, ID_PATTERN, REGIONS, fold_header, header_lookup
from pipelines.demo.data import ERRORS_FILE, generate_demo_data, main

TODAY = date(2026, 11, 27)
EXPECTED_FILES = [
    ("01_projects.csv", "projects"),
    ("02_participants.csv", "participants"),
    ("02_participants_S30355_kuopio.csv", "participants"),
    ("03_entities.csv", "entities"),
    ("03_entities_S30355_kuopio.csv", "entities"),
    ("04_activities.csv", "activities"),
    ("04_activities_S30355_kuopio.csv", "activities"),
    ("05_feedback.csv", "feedback"),
    ("05_feedback_S30355_kuopio.csv", "feedback"),
    ("06_targets.csv", "targets"),
    ("07_funding_opportunities.csv", "funding_opportunities"),
    ("08_funding_referrals.csv", "funding_referrals"),
]
# Broader than the ingest's pattern on purpose: no date check, no word boundaries, any case.
HETU_SHAPE = re.compile(r"[0-9]{6}[-+A-FU-Y\u2010-\u2014\u2212][0-9]{3}[0-9A-Y]", re.IGNORECASE)
YES_NO = {"yes": "yes", "no": "no", "kyllä": "yes", "ei": "no", "declined": "declined",
          "ei halua vastata": "declined"}
# Dates that must not be after `today` (project ends and target dates lie ahead by nature).
NOT_AFTER_TODAY = {
    "participants": ("entry_date", "exit_date", "followup_date"), "entities": ("support_start_date",),
    "activities": ("start_date", "end_date"), "feedback": ("response_date",),
    "funding_opportunities": ("recorded_date",),
    "funding_referrals": ("informed_date", "application_date", "decision_date", "status_checked_date"),
}
# Each injected rule and the check above that must catch it.
INJECTED_RULE_CHECKS = {
    "exit_column_without_exit_date": "exit_columns_iff_exit_date",
    "invalid_date": "date.{column}",
    "unknown_code": "codes.{column}",
    "out_of_range": "range.{column}",
    "required_if_unemployed": "months_iff_unemployed",
    "duplicate_key": "duplicate_key",
    "business_id_check_digit": "ytunnus.{column}",
    "attendees_parts_exceed_total": "parts_within_total",
    "deadline_before_opening": "deadline_after_opening",
    "decision_date_missing": "status_dates",
}


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Path]]:
    out = tmp_path_factory.mktemp("demo")
    return out, generate_demo_data(out, today=TODAY)


@pytest.fixture(scope="module")
def injected(demo) -> dict:
    return json.loads((demo[0] / ERRORS_FILE).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def tables(demo) -> dict[str, tuple[str, pl.DataFrame]]:
    """file name -> (kind, the rows as canonical text: English headers, codes and yes/no)."""
    return {path.name: read_canonical(path, kind) for path, (_, kind) in zip(demo[1], EXPECTED_FILES)}


def read_canonical(path: Path, kind: str) -> tuple[str, pl.DataFrame]:
    raw = path.read_bytes()
    finnish = not raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("cp1252") if finnish else raw.decode("utf-8-sig")
    frame = pl.read_csv(io.StringIO(text), separator=";" if finnish else ",", infer_schema=False)
    contract = CONTRACT[kind]
    lookup = header_lookup(contract)
    frame = frame.rename({c: lookup[fold_header(c)] for c in frame.columns})
    for c in contract.columns:
        col = pl.col(c.name)
        if c.type in ("yes_no", "yes_no_declined"):
            frame = frame.with_columns(col.replace(YES_NO))
        elif c.code_aliases and c.name != "region_code":
            frame = frame.with_columns(col.replace(c.code_aliases))
        elif c.type == "decimal" and finnish:
            frame = frame.with_columns(col.str.replace(",", ".", literal=True))
        elif c.type == "date" and finnish:
            # Finnish d.m.yyyy to ISO; anything else stays as written (and fails the date check).
            parsed = col.str.to_date("%d.%m.%Y", strict=False)
            frame = frame.with_columns(
                pl.when(parsed.is_not_null()).then(parsed.dt.strftime("%Y-%m-%d")).otherwise(col)
            )
    return kind, frame.with_row_index("row", offset=2)


def ytunnus_ok(value: str | None) -> bool:
    if value is None or not re.fullmatch(r"[0-9]{7}-[0-9]", value):
        return False
    s = sum(w * int(d) for w, d in zip((7, 9, 10, 5, 8, 4, 2), value[:7])) % 11
    return s != 1 and int(value[8]) == (0 if s == 0 else 11 - s)


def day(name: str) -> pl.Expr:
    return pl.col(name).str.to_date("%Y-%m-%d", strict=False)


def in_codes(name: str, codes) -> pl.Expr:
    return pl.col(name).is_in(list(codes)) | pl.col(name).is_null()


def int_between(name: str, low: int, high: int | None = None) -> pl.Expr:
    value = pl.col(name).cast(pl.Int64, strict=False)
    upper = value <= high if high is not None else pl.lit(True)
    return pl.col(name).is_null() | ((value >= low) & upper)


def rules(kind: str) -> dict[str, pl.Expr]:
    """Rule name -> an expression true where a row keeps the rule."""
    contract = CONTRACT[kind]
    checks: dict[str, pl.Expr] = {
        f"required.{c}": pl.col(c).is_not_null() for c in contract.required_columns
    }
    checks["duplicate_key"] = ~pl.struct(list(contract.key)).is_duplicated()
    for c in contract.columns:
        if c.type in ("yes_no", "yes_no_declined"):
            allowed = ["yes", "no"] + (["declined"] if c.type == "yes_no_declined" else [])
            checks[f"values.{c.name}"] = in_codes(c.name, allowed)
        elif c.type == "code":
            checks[f"codes.{c.name}"] = in_codes(c.name, c.codes)
        elif c.type == "date":
            checks[f"date.{c.name}"] = pl.col(c.name).is_null() | day(c.name).is_not_null()
            if c.name in NOT_AFTER_TODAY.get(kind, ()):
                checks[f"not_future.{c.name}"] = pl.col(c.name).is_null() | (day(c.name) <= pl.lit(TODAY))
        elif c.type == "business_id":
            checks[f"ytunnus.{c.name}"] = pl.col(c.name).map_elements(ytunnus_ok, return_dtype=pl.Boolean) \
                | pl.col(c.name).is_null()
        if c.pattern:
            checks[f"pattern.{c.name}"] = pl.col(c.name).str.contains(c.pattern)
        if c.min is not None and c.type == "integer":
            checks[f"range.{c.name}"] = int_between(c.name, int(c.min), None if c.max is None else int(c.max))
    if kind == "projects":
        checks |= {
            "end_after_start": day("end_date") >= day("start_date"),
            "start_2023_2024": day("start_date").dt.year().is_between(2023, 2024),
            "end_2026_2028": day("end_date").dt.year().is_between(2026, 2028),
        }
    if kind == "participants":
        exit_cols = ["exit_job_searching", "exit_in_education", "exit_qualification", "exit_employed"]
        left = pl.col("exit_date").is_not_null()
        followed = pl.col("followup_date").is_not_null()
        checks |= {
            "exit_after_entry": ~left | (day("exit_date") >= day("entry_date")),
            "exit_columns_iff_exit_date": pl.all_horizontal(
                pl.col(c).is_not_null() == left for c in exit_cols),
            "followup_only_after_exit": ~followed | (left & (day("followup_date") >= day("exit_date"))),
            "followup_columns_only_with_date": followed | pl.all_horizontal(
                pl.col("followup_employed").is_null(), pl.col("followup_improved").is_null()),
            "improved_only_if_employed_at_entry": pl.col("followup_improved").is_null()
            | (pl.col("labour_market_status") == "employed"),
            "months_iff_unemployed": pl.col("unemployment_months").is_not_null()
            == (pl.col("labour_market_status") == "unemployed"),
            "id_pattern": pl.col("participant_id").str.contains(ID_PATTERN),
        }
    if kind == "entities":
        enterprise = pl.col("organisation_type") == "enterprise"
        checks |= {
            "size_iff_enterprise": pl.col("size_class").is_not_null() == enterprise,
            "pwa_within_employees": pl.col("employees_partial_work_ability").is_null()
            | (pl.col("employees_partial_work_ability").cast(pl.Int64)
               <= pl.col("employees").cast(pl.Int64)).fill_null(False),
            "hours_non_negative": pl.col("support_hours").is_null()
            | (pl.col("support_hours").cast(pl.Float64) >= 0),
        }
    if kind == "activities":
        parts = pl.sum_horizontal(
            pl.col(c).cast(pl.Int64).fill_null(0)
            for c in ("attendees_women", "attendees_men", "attendees_non_binary")
        )
        checks |= {
            "end_after_start": day("end_date") >= day("start_date"),
            "duration_positive": pl.col("duration_hours").cast(pl.Float64) > 0,
            "parts_within_total": parts <= pl.col("attendees_total").cast(pl.Int64),
            "organisations_within_total": pl.col("organisations_represented").cast(pl.Int64)
            <= pl.col("attendees_total").cast(pl.Int64),
        }
    if kind == "feedback":
        checks["after_activity_start"] = (day("response_date") >= pl.col("activity_start")).fill_null(False)
    if kind == "funding_opportunities":
        checks |= {
            "deadline_after_opening": pl.col("deadline_date").is_null() | (day("deadline_date") >= day("opening_date")),
            "grant_min_within_max": pl.col("grant_min_eur").is_null()
            | (pl.col("grant_min_eur").cast(pl.Float64) <= pl.col("grant_max_eur").cast(pl.Float64)),
            "region_iff_regional": pl.col("region_code").is_not_null() == (pl.col("geographic_scope") == "regional"),
            "id_pattern": pl.col("opportunity_id").str.contains(ID_PATTERN),
        }
    if kind == "funding_referrals":
        status = pl.col("status")
        applied, decided = status.is_in(["submitted", "funded", "rejected"]), status.is_in(["funded", "rejected"])
        checks |= {
            # FUN-01: the dates a status implies, and a granted amount with funded only (and always)
            "status_dates": (~applied | pl.col("application_date").is_not_null())
            & (~decided | pl.col("decision_date").is_not_null())
            & (pl.col("granted_amount_eur").is_not_null() == (status == "funded")),
            "decision_after_application": pl.col("decision_date").is_null()
            | (day("decision_date") >= day("application_date")),
            "checked_after_informed": day("status_checked_date") >= day("informed_date"),
            "organisation_given": pl.all_horizontal(
                pl.col(c).is_not_null() for c in ("organisation_type", "region_code")),
        }
    if kind == "targets":
        checks |= {
            "indicator_in_catalogue": pl.col("indicator_code").is_in(list(indicator_codes())),
            "value_non_negative": pl.col("target_value").cast(pl.Float64) >= 0,
            "scope_code_known": (
                ((pl.col("scope_type") == "programme") & (pl.col("scope_code") == "-"))
                | ((pl.col("scope_type") == "specific_objective")
                   & pl.col("scope_code").str.contains(r"^[0-9]\.[0-9]{1,2}$"))
                | ((pl.col("scope_type") == "project") & pl.col("scope_code").str.contains(r"^S[0-9]{5}$"))
            ),
        }
    return checks


def broken_rows(kind: str, frame: pl.DataFrame, activity_starts: pl.DataFrame) -> dict[int, list[str]]:
    if kind == "feedback":
        frame = frame.join(
            activity_starts, on=["project_code", "activity_id"], how="left", maintain_order="left",
        )
    checks = rules(kind)
    ok = frame.select("row", *(expr.fill_null(False).alias(name) for name, expr in checks.items()))
    failing = ok.filter(~pl.all_horizontal(list(checks)))
    return {
        r["row"]: [name for name in checks if not r[name]] for r in failing.iter_rows(named=True)
    }


def test_files_are_written_in_ingest_order(demo):
    out, paths = demo
    assert [p.name for p in paths] == [name for name, _ in EXPECTED_FILES]
    assert all(p.parent == out and p.stat().st_size > 0 for p in paths)
    assert (out / ERRORS_FILE).exists()


def test_same_seed_same_bytes_other_seed_other_data(tmp_path: Path):
    first = generate_demo_data(tmp_path / "a", seed=7, participants=600, today=TODAY)
    second = generate_demo_data(tmp_path / "b", seed=7, participants=600, today=TODAY)
    other = generate_demo_data(tmp_path / "c", seed=8, participants=600, today=TODAY)
    for a, b in zip(first, second):
        assert a.read_bytes() == b.read_bytes(), a.name
    assert (tmp_path / "a" / ERRORS_FILE).read_bytes() == (tmp_path / "b" / ERRORS_FILE).read_bytes()
    assert first[1].read_bytes() != other[1].read_bytes()


def test_every_row_obeys_the_contract_except_the_injected_ones(tables, injected):
    activities = pl.concat([f for k, f in tables.values() if k == "activities"])
    activity_starts = activities.select("project_code", "activity_id", activity_start=day("start_date"))
    expected: dict[str, set[int]] = {}
    for e in injected["errors"]:
        expected.setdefault(e["file"], set()).add(e["row"])
    for name, (kind, frame) in tables.items():
        broken = broken_rows(kind, frame, activity_starts)
        unexpected = {r: broken[r] for r in set(broken) - expected.get(name, set())}
        assert set(broken) == expected.get(name, set()), (name, unexpected)
        for e in (e for e in injected["errors"] if e["file"] == name):
            check = INJECTED_RULE_CHECKS[e["rule"]].format(column=e["column"])
            assert check in broken[e["row"]], (e, broken[e["row"]])


def test_injected_errors_are_described_exactly(tables, injected):
    errors = injected["errors"]
    assert set(injected["errors_by_rule"]) == {
        "exit_column_without_exit_date", "invalid_date", "unknown_code", "out_of_range",
        "required_if_unemployed", "duplicate_key", "business_id_check_digit",
        "attendees_parts_exceed_total", "deadline_before_opening", "decision_date_missing",
    }
    assert sum(injected["errors_by_rule"].values()) == len(errors)
    for e in errors:
        kind, frame = tables[e["file"]]
        assert kind == e["kind"]
        cell = frame.filter(pl.col("row") == e["row"]).get_column(e["column"]).item()
        assert (cell or "") == YES_NO.get(e["value"], e["value"]), e
    # Participants: about 0.4 % of the rows, in both dialects; the other kinds only a handful.
    participant_rows = sum(f.height for k, f in tables.values() if k == "participants")
    wrong = {(e["file"], e["row"]) for e in errors if e["kind"] == "participants"}
    assert 0.003 <= len(wrong) / participant_rows <= 0.005
    assert any(e["file"] == "02_participants_S30355_kuopio.csv" for e in errors)
    for kind in ("entities", "activities", "feedback", "funding_opportunities", "funding_referrals"):
        assert 2 <= sum(e["kind"] == kind for e in errors) <= 5
    duplicates = [e for e in errors if e["rule"] == "duplicate_key"]
    assert duplicates and len(duplicates) % 2 == 0
    # No feedback row points at an activity that is rejected.
    bad_activities = {
        tables[e["file"]][1].filter(pl.col("row") == e["row"]).get_column("activity_id").item()
        for e in errors if e["kind"] == "activities"
    }
    feedback_ids = pl.concat([f for k, f in tables.values() if k == "feedback"]).get_column("activity_id")
    assert not feedback_ids.is_in(list(bad_activities)).any()
    # No referral names an opportunity that is rejected.
    register = tables["07_funding_opportunities.csv"][1]
    bad_calls = {register.filter(pl.col("row") == e["row"]).get_column("opportunity_id").item()
                 for e in errors if e["kind"] == "funding_opportunities"}
    assert bad_calls and not tables["08_funding_referrals.csv"][1]["opportunity_id"].is_in(list(bad_calls)).any()


def test_business_ids_have_valid_check_digits_except_the_injected(tables, injected):
    wrong = {(e["file"], e["row"]) for e in injected["errors"] if e["rule"] == "business_id_check_digit"}
    assert wrong
    for name, (kind, frame) in tables.items():
        column = {"projects": "lead_business_id", "entities": "business_id"}.get(kind)
        if column is None:
            continue
        for row, value in frame.select("row", column).iter_rows():
            assert ytunnus_ok(value) != ((name, row) in wrong), (name, row, value)


def test_no_date_after_today_and_keys_unique_across_files(tables, injected):
    bad_dates = {(e["file"], e["row"]) for e in injected["errors"] if e["rule"] == "invalid_date"}
    for name, (kind, frame) in tables.items():
        for column in NOT_AFTER_TODAY.get(kind, ()):
            latest = frame.select(day(column).max()).item()
            assert latest is None or latest <= TODAY, (name, column)
            unparsed = frame.filter(pl.col(column).is_not_null() & day(column).is_null())
            assert {(name, r) for r in unparsed["row"]} <= bad_dates
    for kind in ("participants", "entities", "activities", "feedback", "funding_opportunities", "funding_referrals"):
        frames = [f for k, f in tables.values() if k == kind]
        keys = pl.concat(frames).select(CONTRACT[kind].key)
        dup_rows = keys.is_duplicated().sum()
        expected = sum(e["rule"] == "duplicate_key" for e in injected["errors"] if e["kind"] == kind)
        assert dup_rows == expected, kind


def test_nothing_looks_like_a_henkilotunnus(demo):
    out, paths = demo
    for path in [*paths, out / ERRORS_FILE]:
        raw = path.read_bytes()
        text = raw.decode("utf-8-sig") if not path.name.endswith("kuopio.csv") else raw.decode("cp1252")
        assert not HETU_SHAPE.search(text), path.name
        assert not HETU_SHAPE.search(path.name)


def test_the_finnish_dialect_file_is_what_finnish_excel_saves(demo):
    out, _ = demo
    raw = (out / "02_participants_S30355_kuopio.csv").read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")  # ä is one byte (0xE4) in Windows-1252
    text = raw.decode("cp1252")
    assert "\r\n" in text and "kyllä" in text
    header, first = text.split("\r\n")[:2]
    assert header.split(";") == [c.alias_fi for c in CONTRACT["participants"].columns]
    cells = dict(zip(header.split(";"), first.split(";")))
    assert re.fullmatch(r"[0-9]{1,2}\.[0-9]{1,2}\.20[0-9]{2}", cells["aloituspvm"])
    assert cells["sukupuoli"] in ("nainen", "mies", "muu")
    assert cells["tyomarkkina_asema"] in ("tyoton", "tyovoiman_ulkopuolella", "tyossa")
    frame = pl.read_csv(io.StringIO(text), separator=";", infer_schema=False)
    assert set(frame["sukupuoli"].drop_nulls()) - {"nainen", "mies", "muu"} <= {"nais"}
    assert set(frame["hankekoodi"]) == {"S30355"}
    activities = (out / "04_activities_S30355_kuopio.csv").read_bytes().decode("cp1252")
    assert re.search(r";[0-9]+,[05];", activities)  # decimal comma in kesto_h
    english = (out / "02_participants.csv").read_bytes()
    assert english.startswith(b"\xef\xbb\xbf")
    header = english[3:].decode("utf-8").split("\n")[0]
    assert header.split(",") == list(CONTRACT["participants"].column_names)


def test_the_data_is_plausible(tables):
    people = pl.concat([f for k, f in tables.values() if k == "participants"])
    n = people.height
    assert n == 4000
    share = lambda expr: people.select(expr.mean()).item()  # noqa: E731
    assert 0.48 <= share(pl.col("gender") == "woman") <= 0.56
    assert 0.005 <= share(pl.col("gender") == "non_binary") <= 0.04
    assert 0.55 <= share(pl.col("exit_date").is_not_null()) <= 0.70
    assert 0.30 <= share(pl.col("partial_work_ability") == "yes") <= 0.50
    assert share(pl.col("partial_work_ability") == "declined") > 0.01
    assert share(pl.col("education_isced").is_null()) > 0.01
    assert share(pl.col("followup_date").is_not_null()) > 0.1
    age = pl.col("age_at_entry").cast(pl.Int64, strict=False)
    assert share(age.is_between(18, 29)) > 0.25 and share(age >= 55) > 0.2
    long_term = pl.col("unemployment_months").cast(pl.Int64, strict=False) > 12
    assert share(long_term) > 0.2
    employed = people.filter(pl.col("exit_employed").is_not_null()).group_by("labour_market_status").agg(
        (pl.col("exit_employed") == "yes").mean().alias("rate"))
    rates = dict(employed.iter_rows())
    assert rates["employed"] > rates["unemployed"] > rates["inactive"]
    projects = tables["01_projects.csv"][1]
    assert projects.height >= 10 and projects["region_code"].n_unique() >= 8
    assert set(projects["category_of_region"]) == {"more_developed", "transition"}
    assert projects["specific_objective"].n_unique() >= 3 and projects["priority"].n_unique() >= 2
    assert projects["project_name"].str.contains("koordinaatiohanke").any()
    entities = pl.concat([f for k, f in tables.values() if k == "entities"])
    assert set(entities["social_enterprise"].drop_nulls()) == {"mark", "wise", "self_declared", "no"}
    assert set(entities["organisation_type"]) == set(CONTRACT["entities"].column("organisation_type").codes)
    assert (entities["newly_founded"] == "yes").sum() > 10
    assert entities["business_id"].n_unique() < entities.height  # some organisations in two projects
    activities = pl.concat([f for k, f in tables.values() if k == "activities"])
    assert set(activities["activity_type"]) == set(CONTRACT["activities"].column("activity_type").codes)
    assert activities["attendees_women"].is_null().any() and activities["region_code"].is_null().any()
    targets = tables["06_targets.csv"][1]
    assert set(targets["scope_type"]) == {"programme", "specific_objective", "project"}
    assert {"2027-12-31", "2029-12-31"} <= set(targets["target_date"])


def test_the_funding_files_make_a_plausible_funnel(tables, injected):
    register = tables["07_funding_opportunities.csv"][1]
    referrals = tables["08_funding_referrals.csv"][1]
    # the coordination project's shared register and two regional projects' own
    assert set(register["project_code"]) == {"S30101", "S30212", "S30611"}
    assert register.height >= 30 and register["programme"].n_unique() >= 8
    assert (register["contributed_to_gateway"] == "yes").sum() >= 3
    deadlines = register.select(day("deadline_date")).to_series()
    assert (deadlines > TODAY).sum() >= 2, "calls still open today (the page's badges)"
    assert deadlines.is_null().sum() >= 1, "continuous calls"
    # every referral names a call of the register it says (empty = its own project's)
    known = set(register.select(pl.concat_str("project_code", "opportunity_id", separator="/")).to_series())
    named = referrals.select(pl.concat_str(
        pl.coalesce("opportunity_project_code", "project_code"), "opportunity_id", separator="/")).to_series()
    assert set(named) <= known
    assert referrals["opportunity_project_code"].is_not_null().any()  # regional projects use the shared register
    assert referrals["project_code"].n_unique() >= 8
    # every organisation referred is one the network supports, with its entities' values
    entities = pl.concat([f for k, f in tables.values() if k == "entities"]).select(
        "business_id", "organisation_type", "region_code").unique()
    joined = referrals.join(entities, on=["business_id", "organisation_type", "region_code"], how="semi")
    # (but an entities row given a wrong check digit on purpose no longer shows its organisation's id)
    mangled = sum(e["rule"] == "business_id_check_digit" for e in injected["errors"])
    assert referrals.height - mangled <= joined.height
    statuses = dict(referrals.group_by("status").len().iter_rows())
    assert set(statuses) >= {"informed", "preparing", "submitted", "funded", "rejected", "not_applied"}
    assert 10 <= statuses["funded"] and statuses["funded"] + statuses["rejected"] < statuses["not_applied"] + statuses["informed"]
    # contribution, not attribution: a few applied before they were told (FUN-02)
    prior = referrals.filter(day("application_date") < day("informed_date")).height
    assert 1 <= prior <= 0.05 * referrals.height
    # the follow-up list (FUN-06): open statuses nobody has checked for a year
    stale = referrals.filter(pl.col("status").is_in(["informed", "preparing", "submitted"])
                             & (day("status_checked_date") < date(TODAY.year - 1, TODAY.month, TODAY.day)))
    assert stale.height >= 1


def test_an_early_today_and_a_small_network_still_give_valid_files(tmp_path: Path):
    today = date(2024, 3, 15)
    paths = generate_demo_data(tmp_path, seed=1, participants=300, today=today)
    report = json.loads((tmp_path / ERRORS_FILE).read_text(encoding="utf-8"))
    assert report["today"] == "2024-03-15"
    people = pl.concat([read_canonical(p, "participants")[1] for p in paths[1:3]])
    assert people.height == 300
    later_projects = {"S30819", "S30856", "S30947"}  # start in March to May 2024: too recent
    assert not set(people["project_code"]) & later_projects
    for column in ("entry_date", "exit_date", "followup_date"):
        latest = people.select(day(column).max()).item()
        assert latest is None or latest <= today, column


def test_main_writes_the_files(tmp_path: Path, capsys):
    assert main([str(tmp_path), "--seed", "3", "--participants", "500", "--today", "2026-06-30"]) == 0
    printed = capsys.readouterr().out
    assert "02_participants_S30355_kuopio.csv" in printed and "wrong on purpose" in printed
    assert json.loads((tmp_path / ERRORS_FILE).read_text(encoding="utf-8"))["seed"] == 3


def test_regions_and_genders_use_contract_codes(tables):
    people = pl.concat([f for k, f in tables.values() if k == "participants"])
    assert set(people["region_code"]) <= set(REGIONS)
    assert set(people["gender"]) - set(GENDERS) == {"female", "nais"}  # the injected unknown codes
