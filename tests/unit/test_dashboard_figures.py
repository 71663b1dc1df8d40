"""Figure builders (dashboards/figures/): pure functions, checked without a browser."""

from __future__ import annotations

import polars as pl
import pytest

from dashboards.figures import charts as f
from dashboards.figures import theme


def frame() -> pl.DataFrame:
    """The shape data.programme_participant_values returns (only the columns figures use)."""
    return pl.DataFrame(
        {
            "indicator_code": ["EECO01", "EECO02", "EECR04", "SE04"],
            "name": [
                "Osallistujat yhteensä",
                "Työttömät, mukaan lukien pitkäaikaistyöttömät",
                "Osallistujat työssä, mukaan lukien itsensä työllistäjät, "
                "osallistumisen päättyessä",
                "Osatyökykyiset osallistujat",
            ],
            "indicator_group": [
                "common_output",
                "common_output",
                "common_result",
                "project_specific",
            ],
            "total": [224.0, 117.0, 76.0, 0.0],
            "woman": [120.0, 60.0, 40.0, 0.0],
            "man": [100.0, 55.0, 35.0, 0.0],
            "non_binary": [4.0, 2.0, 1.0, 0.0],
        }
    )


def test_totals_figure_has_one_coloured_trace_per_group() -> None:
    fig = f.participant_totals_figure(frame(), "fi")
    names = [tr.name for tr in fig.data]
    assert names == [
        "Yhteiset tuotosindikaattorit",
        "Yhteiset tulosindikaattorit",
        "Hankekohtaiset indikaattorit",
    ]
    outputs = fig.data[0]
    assert outputs.orientation == "h"
    assert list(outputs.x) == [224.0, 117.0]
    assert outputs.y[0] == "EECO01  Osallistujat yhteensä"
    assert outputs.marker.color == theme.OKABE_ITO["blue"]
    assert fig.data[1].marker.color == theme.OKABE_ITO["vermillion"]
    # Catalogue order top to bottom, Finnish number format.
    assert list(fig.layout.yaxis.categoryarray)[0].startswith("EECO01")
    assert fig.layout.yaxis.autorange == "reversed"
    assert fig.layout.separators == ", "


def test_totals_figure_in_english() -> None:
    fig = f.participant_totals_figure(frame(), "en")
    assert fig.data[0].name == "Common output indicators"
    assert fig.layout.xaxis.title.text == "Persons"
    assert fig.layout.separators == ".,"


def test_gender_figure_counts_are_stacked_by_gender() -> None:
    fig = f.gender_breakdown_figure(frame(), "fi", mode="count")
    assert [tr.name for tr in fig.data] == ["Naiset", "Miehet", "Muunsukupuoliset"]
    assert fig.layout.barmode == "stack"
    woman, man, nb = fig.data
    assert list(woman.x) == [120.0, 60.0, 40.0, 0.0]
    assert list(man.x) == [100.0, 55.0, 35.0, 0.0]
    assert list(nb.x) == [4.0, 2.0, 1.0, 0.0]
    assert [tr.marker.color for tr in fig.data] == [
        theme.OKABE_ITO["orange"],
        theme.OKABE_ITO["sky_blue"],
        theme.OKABE_ITO["bluish_green"],
    ]


def test_gender_figure_shares_sum_to_100() -> None:
    fig = f.gender_breakdown_figure(frame(), "en", mode="share")
    woman, man, nb = fig.data
    for i in range(3):
        assert woman.x[i] + man.x[i] + nb.x[i] == pytest.approx(100)
    assert woman.x[0] == pytest.approx(120 / 224 * 100)
    assert woman.x[3] is None  # nobody in the indicator: no share, not a division by zero
    assert tuple(fig.layout.xaxis.range) == (0, 100)


def test_empty_frame_gives_a_message_not_an_error() -> None:
    empty = frame().clear()
    for fig in (f.participant_totals_figure(empty, "fi"), f.gender_breakdown_figure(empty, "en")):
        assert len(fig.data) == 0
        assert fig.layout.annotations[0].text


def test_long_names_are_shortened_for_the_axis() -> None:
    label = theme.indicator_label("EECR05", "x" * 100)
    assert len(label) == theme.LABEL_MAX_CHARS and label.endswith("…")
    assert theme.indicator_label("EECO01", "Osallistujat yhteensä") == "EECO01  Osallistujat yhteensä"


# --- The other pages' builders -------------------------------------------------------------------

import datetime as dt  # noqa: E402

from dashboards.figures import evaluation as fe  # noqa: E402
from dashboards.figures import regions as fr  # noqa: E402
from dashboards.regions import ABBREVIATIONS, TILES  # noqa: E402
from tests.support.dashboard_copy import seed_tables  # noqa: E402


def region_names(lang: str) -> dict[str, str]:
    """The seed's names, as regions.region_names reads them from the published copy."""
    regions = seed_tables()["regions"]
    return dict(zip(regions["region_code"], regions[f"name_{lang}"], strict=True))


def test_every_region_of_the_seed_has_a_tile_and_an_abbreviation() -> None:
    codes = set(seed_tables()["regions"]["region_code"])
    assert set(TILES) == codes and set(ABBREVIATIONS) == codes
    assert len(set(TILES.values())) == len(TILES)  # no two regions on one tile


def test_time_series_has_a_line_per_series_and_ticks_on_the_cutoffs() -> None:
    dates = [dt.date(2024, 12, 31), dt.date(2025, 6, 30)]
    frame = pl.DataFrame({
        "cutoff_date": dates * 2,
        "gender": ["total", "total", "woman", "woman"],
        "value": [10.0, 20.0, 6.0, 11.0],
    })
    fig = f.time_series_figure(frame, "fi", "gender", {"total": "Yhteensä", "woman": "Naiset"}, "hlö")
    assert [tr.name for tr in fig.data] == ["Yhteensä", "Naiset"]
    assert fig.data[1].line.color == theme.OKABE_ITO["orange"]  # genders keep their colours
    # Short half-year ticks that fit a phone; the full date in the hover.
    assert list(fig.layout.xaxis.ticktext) == ["2024/2", "2025/1"]
    assert fig.data[0].customdata[0] == "31.12.2024"
    assert fig.layout.legend.yref == "container" and fig.layout.legend.orientation == "h"
    assert "layout" not in fig.to_plotly_json()["layout"]["template"]  # see new_figure


def test_achievement_bars_say_their_status_in_words() -> None:
    frame = pl.DataFrame({
        "indicator_code": ["EECO01", "EECR04"], "name": ["A", "B"],
        "achievement": [0.56, 0.2], "forecast": [420.0, None], "target_value": [400.0, 100.0],
        "status": ["on_track", "off_track"],
    })
    fig = f.achievement_figure(frame, "en")
    bars = fig.data[0]
    assert list(bars.x) == pytest.approx([56.0, 20.0])
    assert bars.text[0] == "56% · on track" and bars.text[1] == "20% · off track"
    assert list(bars.marker.color) == [theme.STATUS_COLOURS["on_track"], theme.STATUS_COLOURS["off_track"]]
    assert fig.data[1].x[0] == pytest.approx(105.0)  # forecast 420 of target 400


def test_tile_map_puts_each_region_on_its_tile() -> None:
    frame = pl.DataFrame({"region_code": ["MK01", "MK19"], "value": [699.0, 21.0]})
    fig = fr.tile_map_figure(frame, "fi", "hlö", region_names("fi"))
    heat = fig.data[0]
    col, row = TILES["MK01"]
    assert heat.z[row][col] == 699.0 and heat.colorscale[0][1]  # Cividis
    labels = fig.data[1]  # each tile's name and number, on its tile
    i = list(labels.text).index("UUS<br>699")
    assert (labels.x[i], labels.y[i]) == (col, row)
    assert "<b>Uusimaa</b> (MK01)" in heat.customdata[row][col]
    col, row = TILES["MK11"]
    assert heat.z[row][col] is None  # no value: drawn as an empty grey tile
    assert len(fig.layout.shapes) == len(TILES) - 2


def test_interval_figure_draws_asymmetric_whiskers() -> None:
    fig = fe.interval_figure(["a", "b"], [0.4, 0.2], [0.31, 0.05], [0.5, 0.52], [100, 5], "en", "%")
    scatter = fig.data[0]
    assert list(scatter.x) == pytest.approx([40.0, 20.0])
    assert list(scatter.error_x.arrayminus) == pytest.approx([9.0, 15.0])
    assert list(scatter.error_x.array) == pytest.approx([10.0, 32.0])


def test_ecosystems_stack_by_organisation_type() -> None:
    frame = pl.DataFrame({
        "region_code": ["MK11", "MK11", "MK19"], "organisation_type": ["enterprise", "funder", "enterprise"],
        "organisations": [12.0, 1.0, 5.0], "social_enterprises": [4.0, 0.0, 1.0],
    })
    fig = fr.ecosystems_figure(frame, "sv", region_names("sv"))
    assert [tr.name for tr in fig.data] == ["Företag", "Finansiärer"]
    assert list(fig.data[0].y) == ["Norra Savolax", "Lappland"]
    assert fig.layout.barmode == "stack"


def test_ecosystems_figure_does_not_stack_the_all_row():
    frame = pl.DataFrame({
        "region_code": ["MK01", "MK01", "MK01"],
        "organisation_type": ["enterprise", "association", "all"],
        "organisations": [3.0, 2.0, 5.0],
        "social_enterprises": [1.0, 0.0, 1.0],
    })
    fig = fr.ecosystems_figure(frame, "en", region_names("en"))
    stacked = sum(sum(v for v in trace.x if v is not None) for trace in fig.data)
    assert stacked == 5.0


def test_cohort_figure_draws_a_line_per_indicator() -> None:
    # Long rows in the mart's own (unsorted) order: each indicator becomes its own series,
    # in cohort order, so no line zig-zags back in time.
    frame = pl.DataFrame({
        "entry_half_year": ["2024-H2", "2025-H1", "2024-H1", "2024-H2", "2024-H1", "2025-H1"],
        "indicator_code": ["EECR05", "EECR04", "EECR05", "EECR04", "EECR04", "EECR05"],
        "rate": [0.4, 0.5, None, 0.42, 0.375, 0.3],
        "wilson_low": [0.3, 0.4, None, 0.32, 0.3, 0.2],
        "wilson_high": [0.5, 0.6, None, 0.52, 0.45, 0.4],
        "n": [50, 40, 0, 60, 80, 30],
    })
    labels = {"EECR04": "EECR04 Employed", "EECR05": "EECR05 Followed"}
    fig = fe.cohort_figure(frame, "en", labels)
    assert [tr.name for tr in fig.data] == ["EECR04 Employed", "EECR05 Followed"]
    assert list(fig.data[0].x) == ["2024/1", "2024/2", "2025/1"]
    assert list(fig.data[0].y) == [37.5, 42.0, 50.0]
    assert fig.data[1].y[0] is None  # no one in the denominator yet: a gap, not 0 %
    assert list(fig.layout.xaxis.categoryarray) == ["2024/1", "2024/2", "2025/1"]
    # The page's chosen outcome: drawn with its intervals, the others in the legend only.
    fig = fe.cohort_figure(frame, "en", labels, chosen="EECR05")
    assert [tr.visible for tr in fig.data] == ["legendonly", True]
    assert list(fig.data[1].error_y.array)[1:] == pytest.approx([10.0, 10.0])
    assert fig.data[0].error_y.array is None
    assert fe.cohort_figure(frame.clear(), "en", {}).layout.annotations  # "no values"


def test_interval_figure_mutes_groups_too_small() -> None:
    fig = fe.interval_figure(["a", "b"], [0.4, 0.2], [0.31, 0.05], [0.5, 0.52], [100, 5], "en", "%",
                             muted=[False, True])
    assert list(fig.data[0].marker.symbol) == ["circle", "circle-open"]


def test_satisfaction_on_its_own_scale() -> None:
    frame = pl.DataFrame({"label": ["S1", "S2", "S3"], "SE12": [4.1, None, 4.3]})
    fig = fe.scale_figure(frame, "fi", "Keskiarvo (1–5)", "SE12")
    assert list(fig.data[0].y) == ["S1", "S3"]
    assert fig.layout.xaxis.range[0] > 0.9 and fig.layout.xaxis.range[1] < 5.1


def test_half_year_ticks_from_dates_and_codes() -> None:
    assert theme.half_year_tick(dt.date(2025, 6, 30)) == "2025/1"
    assert theme.half_year_tick(dt.date(2025, 12, 31)) == "2025/2"
    assert theme.half_year_tick("2024-H2") == "2024/2"
    assert theme.pct_suffix("fi") == "\u00a0%" and theme.pct_suffix("en") == "%"
