"""Figure builders (dashboards/figures.py): pure functions, checked without a browser."""

from __future__ import annotations

import polars as pl
import pytest

from dashboards import figures as f


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
    assert outputs.marker.color == f.OKABE_ITO["blue"]
    assert fig.data[1].marker.color == f.OKABE_ITO["vermillion"]
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
        f.OKABE_ITO["orange"],
        f.OKABE_ITO["sky_blue"],
        f.OKABE_ITO["bluish_green"],
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
    label = f.indicator_label("EECR05", "x" * 100)
    assert len(label) == f.LABEL_MAX_CHARS and label.endswith("…")
    assert f.indicator_label("EECO01", "Osallistujat yhteensä") == "EECO01  Osallistujat yhteensä"
