"""The funding tables in a viewer's shape (pipelines/publish/shapes.py): the register whole, the
referrals' statuses only of the viewer's own projects, the funnel exact for its own projects and
elsewhere without small groups and without euros."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import polars as pl

from pipelines.access.roles import User
from pipelines.publish.reader import Snapshot
from pipelines.publish.shapes import FUNNEL_NUMBERS, hide_small_groups, view

K = 5
MANAGER = User("pm", "project_manager", frozenset({"S00001"}))
EVALUATOR = User("ev", "evaluator")
CUTOFF = date(2024, 12, 31)


def _funnel_row(dimension: str, value: str, informed: int, euros: float) -> dict:
    row = {c: 1 for c in FUNNEL_NUMBERS}
    row.update(cutoff_date=CUTOFF, group_dimension=dimension, group_value=value,
               organisations_informed=informed, granted_eur=euros, granted_organisations=1)
    return row


def _snapshot(tmp_path: Path) -> Snapshot:
    tables = {
        "funding_register": pl.DataFrame({"project_code": ["S00001", "S00002"], "opportunity_id": ["o1", "o2"]}),
        "funding_referral_statuses": pl.DataFrame({
            "project_code": ["S00001", "S00002"], "business_id": ["0116297-6", "1572860-0"],
            "organisation_name": ["Oma Oy", "Toisen hankkeen Oy"]}),
        "eval_funding_funnel": pl.DataFrame([
            _funnel_row("all", "all", 40, 90000.0),
            _funnel_row("project", "S00001", 2, 1000.0),    # own, small: exact
            _funnel_row("project", "S00002", 3, 2000.0),    # small: hidden
            _funnel_row("project", "S00003", 20, 50000.0),  # the smallest other: hidden with it
            _funnel_row("project", "S00004", 25, 37000.0),
            _funnel_row("region", "MK01", 30, 60000.0),
            _funnel_row("region", "MK02", 10, 30000.0),
        ]),
    }
    columns = {}
    for name, frame in tables.items():
        frame.write_parquet(tmp_path / f"{name}.parquet")
        columns[name] = frame.columns
    (tmp_path / "manifest.json").write_text(json.dumps({"tables": list(tables), "columns": columns}))
    return Snapshot("v1", tmp_path)


def _by_group(frame: pl.DataFrame) -> dict[tuple[str, str], dict]:
    return {(r["group_dimension"], r["group_value"]): r for r in frame.iter_rows(named=True)}


def test_the_register_is_whole_and_the_statuses_are_the_viewers_own(tmp_path: Path) -> None:
    snap = _snapshot(tmp_path)
    manager, anonymous = view(snap, MANAGER, K), view(snap, None, K)
    assert manager.table("funding_register").equals(snap.table("funding_register"))
    assert anonymous.table("funding_register").height == 2
    assert manager.table("funding_referral_statuses")["organisation_name"].to_list() == ["Oma Oy"]
    assert anonymous.table("funding_referral_statuses").is_empty()
    assert view(snap, EVALUATOR, K).table("funding_referral_statuses").height == 2


def test_the_funnel_hides_small_groups_and_euros_but_not_the_viewers_own(tmp_path: Path) -> None:
    snap = _snapshot(tmp_path)
    rows = _by_group(view(snap, MANAGER, K).table("eval_funding_funnel"))
    assert len(rows) == 7
    own = rows[("project", "S00001")]
    assert own["organisations_informed"] == 2 and own["granted_eur"] == 1000.0
    small = rows[("project", "S00002")]
    assert all(small[c] is None for c in FUNNEL_NUMBERS)
    # the other project hidden with it is not the viewer's own one (that would give it away)
    assert rows[("project", "S00003")]["organisations_informed"] is None
    assert rows[("project", "S00004")]["organisations_informed"] == 25
    # euros are withheld wherever the row is not the viewer's own, large groups included
    assert rows[("all", "all")]["organisations_informed"] == 40 and rows[("all", "all")]["granted_eur"] is None
    assert rows[("region", "MK01")]["granted_eur"] is None and rows[("region", "MK02")]["organisations_informed"] == 10
    exact = _by_group(view(snap, EVALUATOR, K).table("eval_funding_funnel"))
    assert exact[("all", "all")]["granted_eur"] == 90000.0 and exact[("project", "S00002")]["organisations_informed"] == 3


def test_the_second_group_hidden_with_a_small_one_is_of_the_same_breakdown() -> None:
    """hide_small_groups (every evaluation mart): a lone small group's companion comes from its
    own breakdown, however small the groups of another breakdown are."""
    frame = pl.DataFrame({
        "cutoff_date": [CUTOFF] * 5,
        "group_dimension": ["gender", "gender", "gender", "region", "region"],
        "group_value": ["non_binary", "woman", "man", "MK01", "MK11"],
        "n": [3, 40, 30, 6, 67],
    })
    hidden = hide_small_groups(frame, "n", ["n"], ["cutoff_date", "group_dimension"], K)
    assert dict(zip(hidden["group_value"], hidden["n"])) == {
        "non_binary": None, "woman": 40, "man": None, "MK01": 6, "MK11": 67}
