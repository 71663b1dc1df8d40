"""The Pact for Skills additions to the contract (seed-work.md 3.3 a and d): the activities'
pact_category defaulted from activity_type, its Finnish aliases and the rule that the types SE09
counts are always upskilling; the project_figures kind's columns, aliases, codes and key."""

from __future__ import annotations

import polars as pl
import pytest

from indicators.contract import (
    ACTIVITIES, CONTRACT, PACT_CATEGORY_OF_TYPE, PROJECT_FIGURES, header_lookup,
)
from indicators.contract_lists import competence_area_codes, competence_area_names
from pipelines.ingest.parse import parse_frame


def _raw(rows: list[dict[str, str | None]]) -> pl.DataFrame:
    frame = pl.DataFrame(rows, schema={k: pl.String for k in rows[0]})
    return frame.with_row_index("_row", offset=2).with_columns(pl.col("_row").cast(pl.Int64))


@pytest.mark.parametrize("activity_type, category", sorted(PACT_CATEGORY_OF_TYPE.items()))
def test_pact_category_defaults_from_the_activity_type(activity_type, category):
    typed, failures = parse_frame(_raw([{"activity_type": activity_type, "pact_category": None}]), ACTIVITIES)
    assert failures.is_empty()
    assert typed["pact_category"].to_list() == [category]


def test_the_spec_defaults():
    # seed-work.md 3.3 (a): training, webinar, peer_learning -> upskilling; info_event -> outreach;
    # network_event -> partnership; advisory -> none; and every activity type has one
    assert PACT_CATEGORY_OF_TYPE == {
        "training": "upskilling", "webinar": "upskilling", "peer_learning": "upskilling",
        "info_event": "outreach", "network_event": "partnership", "advisory": "none",
    }
    assert set(PACT_CATEGORY_OF_TYPE) == set(ACTIVITIES.column("activity_type").codes)


def test_a_given_category_overrides_the_default_and_finnish_aliases_read():
    raw = _raw([
        {"activity_type": "advisory", "pact_category": "Osaamisen kehittäminen"},
        {"activity_type": "network_event", "pact_category": "tiedottaminen"},
        {"activity_type": "info_event", "pact_category": "kumppanuus"},
        {"activity_type": "info_event", "pact_category": "ei"},
        {"activity_type": None, "pact_category": None},
    ])
    typed, failures = parse_frame(raw, ACTIVITIES)
    assert failures.is_empty()
    assert typed["pact_category"].to_list() == ["upskilling", "outreach", "partnership", "none", None]


def test_new_activity_columns_are_optional_with_their_aliases():
    lookup = header_lookup(ACTIVITIES)
    assert lookup["pact_luokka"] == "pact_category"
    assert lookup["uusi_koulutusohjelma"] == "new_training_programme"
    assert lookup["osaamisalue"] == "competence_area"
    for name in ("pact_category", "new_training_programme", "competence_area"):
        assert not ACTIVITIES.column(name).required
    assert ACTIVITIES.column("new_training_programme").type == "yes_no"
    assert ACTIVITIES.column("competence_area").codes == competence_area_codes()


def test_competence_areas_are_the_catalogue_of_section_1_4():
    assert competence_area_codes() == (
        "se_concept", "cooperative_model", "business_model", "impact_measurement", "financing",
        "public_procurement", "partial_work_ability", "management_hr", "marketing_sales", "digital",
        "green_circular", "networks_ecosystems", "eu_knowledge", "advising_se", "other",
    )
    assert all(set(names) == {"fi", "sv", "en"} and all(names.values()) for names in competence_area_names().values())


def test_project_figures_kind():
    assert CONTRACT["project_figures"] is PROJECT_FIGURES
    assert PROJECT_FIGURES.key == ("project_code", "year", "figure_code")
    assert [(c.name, c.alias_fi, c.type, c.required) for c in PROJECT_FIGURES.columns] == [
        ("project_code", "hankekoodi", "text", True),
        ("year", "vuosi", "integer", True),
        ("figure_code", "luku", "code", True),
        ("value", "arvo", "decimal", True),
        ("note", "huomautus", "text", False),
        ("withdrawn", "poistettu", "yes_no", False),
    ]
    year = PROJECT_FIGURES.column("year")
    assert (year.min, year.max) == (2021, 2029)
    assert PROJECT_FIGURES.column("value").min == 0
    assert PROJECT_FIGURES.column("figure_code").codes == (
        "skills_investment_eur", "distinct_persons_upskilled", "newsletter_recipients",
        "event_reach_other", "web_visits", "social_media_reach", "media_mentions",
        "policy_statements", "international_events",
    )


def test_project_figures_parse_finnish_values():
    raw = _raw([
        {"project_code": "S30355", "year": "2025", "figure_code": "Lausunnot", "value": "1 234,5",
         "note": None, "withdrawn": "ei"},
        {"project_code": "S30355", "year": "2030", "figure_code": "web_visits", "value": "-1",
         "note": None, "withdrawn": None},
    ])
    typed, failures = parse_frame(raw, PROJECT_FIGURES)
    assert typed.row(0, named=True) == {
        "_row": 2, "project_code": "S30355", "year": 2025, "figure_code": "policy_statements",
        "value": 1234.5, "note": None, "withdrawn": False,
    }
    assert typed["figure_code"][1] == "web_visits" and typed["withdrawn"][1] is False
    assert failures.is_empty()  # out of range is pandera's (the rule coverage test: min, max)
