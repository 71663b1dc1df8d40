"""Readable contrast (WCAG 2.x AA: 4.5:1 for text) computed from the dashboard's own colours:
the style sheet's text and background colours, the numbers written on map tiles and heatmap
cells, and the labels on the achievement bars."""

from __future__ import annotations

import re

import polars as pl
import pytest

from dashboards.figures import charts, regions as fr, theme
from dashboards.figures.contrast import (
    WCAG_AA_TEXT,
    contrast_ratio,
    relative_luminance,
    scale_colour,
    text_colour_on,
)
from dashboards.regions import TILES
from tests.support.paths import REPO_ROOT

STYLE = re.sub(r"/\*.*?\*/", "", (REPO_ROOT / "dashboards" / "assets" / "style.css").read_text(encoding="utf-8"),
               flags=re.S)


def css_variable(name: str) -> str:
    return re.search(rf"{re.escape(name)}:\s*(#[0-9A-Fa-f]{{3,6}})", STYLE).group(1)


def css_colour(selector: str, prop: str) -> str:
    """The `prop` colour of the first rule whose selector list holds `selector` (var() resolved)."""
    for selectors, body in re.findall(r"([^{}]+)\{([^}]*)\}", STYLE):
        if selector in [s.strip() for s in selectors.split(",")]:
            found = re.search(rf"(?:^|[;\s]){re.escape(prop)}:\s*([^;]+)", body)
            if found:
                value = found.group(1).strip()
                var = re.fullmatch(r"var\((--[\w-]+)\)", value)
                return css_variable(var.group(1)) if var else value
    raise AssertionError(f"no {prop} for {selector}")


def test_contrast_ratio_is_wcag_s() -> None:
    assert contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast_ratio("#fff", "#ffffff") == pytest.approx(1.0)
    assert contrast_ratio("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)  # just under AA
    assert relative_luminance("rgb(255, 255, 255)") == pytest.approx(1.0)


@pytest.mark.parametrize(
    ("text", "background"),
    [
        ("body", "body"),  # the page's ink on its grey
        (".card-detail", ".card"),
        (".note", ".panel"),
        (".meta", "body"),
        (".status-on_track", ".card"),
        (".status-at_risk", ".card"),
        (".status-off_track", ".card"),
        (".count-rejected .count-value", ".panel"),
        (".nav-link", ".app-header"),
        (".user-role", ".app-header"),
        (".table-details summary", ".panel"),
        (".button", ".button"),  # white on the accent
        (".button.secondary", ".button.secondary"),
    ],
)
def test_style_sheet_text_is_readable(text: str, background: str) -> None:
    fg = css_colour(text, "color")
    bg = css_colour(background, "background")
    assert contrast_ratio(fg, bg) >= WCAG_AA_TEXT, (text, fg, background, bg)


def test_every_colour_of_the_heatmap_scale_gets_readable_text() -> None:
    for i in range(101):
        fill = scale_colour(i, 0, 100)
        assert contrast_ratio(text_colour_on(fill), fill) >= WCAG_AA_TEXT, fill
    # the scale's ends: dark navy gets white, light yellow gets black
    assert text_colour_on(scale_colour(0, 0, 100)) == "#FFFFFF"
    assert text_colour_on(scale_colour(100, 0, 100)) == "#000000"


def test_tile_map_writes_each_number_readably_on_its_tile() -> None:
    values = {code: float(i * 37 % 700) for i, code in enumerate(sorted(TILES))}
    values["MK11"] = None
    frame = pl.DataFrame({"region_code": list(values), "value": list(values.values())})
    fig = fr.tile_map_figure(frame, "fi", "hlö", {code: code for code in TILES})
    heat, labels = fig.data[0], fig.data[1]
    observed = [v for v in values.values() if v is not None]
    assert (heat.zmin, heat.zmax) == (min(observed), max(observed))
    assert len(labels.text) == len(observed)
    for x, y, colour in zip(labels.x, labels.y, labels.textfont.color, strict=True):
        fill = scale_colour(heat.z[y][x], heat.zmin, heat.zmax, fr.TILE_SCALE)
        assert contrast_ratio(colour, fill) >= WCAG_AA_TEXT, (x, y, fill, colour)
    assert contrast_ratio(fr.EMPTY_TILE_TEXT, fr.EMPTY_TILE_FILL) >= WCAG_AA_TEXT


def test_bar_labels_are_readable_inside_and_beside_their_bars() -> None:
    frame = pl.DataFrame({
        "indicator_code": ["EECO01", "EECR04", "SE01", "SE07"], "name": ["a", "b", "c", "d"],
        "achievement": [0.9, 0.5, 0.2, 0.7], "forecast": [None] * 4, "target_value": [100.0] * 4,
        "status": ["on_track", "at_risk", "off_track", None],
    })
    bars = charts.achievement_figure(frame, "en").data[0]
    for fill in bars.marker.color:
        assert contrast_ratio(bars.insidetextfont.color, fill) >= WCAG_AA_TEXT, fill
    assert contrast_ratio(bars.outsidetextfont.color, "#FFFFFF") >= WCAG_AA_TEXT
    # Other bars write their numbers beside the bar in the figure's ink, on white.
    assert contrast_ratio("#222222", "#FFFFFF") >= WCAG_AA_TEXT
    assert theme.FONT_FAMILY
