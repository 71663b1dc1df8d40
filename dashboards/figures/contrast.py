"""Readable text on coloured tiles and cells: WCAG 2.x contrast (relative luminance, contrast
ratio) and the text colour for a fill, so a number written on a heatmap cell is readable
whatever the cell's colour. Plotly's own choice for heatmap text ("auto") goes by YIQ
brightness and writes #444 on mid-tones, which falls under 4.5:1 on much of Cividis.

Pure functions; no Dash, no file access."""

from __future__ import annotations

import re

import plotly.colors as pc
import plotly.graph_objects as go

from dashboards.figures.theme import FONT_FAMILY

WCAG_AA_TEXT = 4.5
DARK_TEXT = "#000000"
LIGHT_TEXT = "#FFFFFF"

_RGB = re.compile(r"rgba?\(\s*([\d.]+)\s*,\s*([\d.]+)\s*,\s*([\d.]+)")


def rgb(colour: str) -> tuple[float, float, float]:
    """'#RRGGBB', '#RGB' or 'rgb(r, g, b)' as three 0–255 numbers."""
    colour = colour.strip()
    if colour.startswith("#"):
        digits = colour[1:]
        if len(digits) == 3:
            digits = "".join(d * 2 for d in digits)
        return tuple(int(digits[i : i + 2], 16) for i in (0, 2, 4))  # type: ignore[return-value]
    match = _RGB.match(colour)
    if match is None:
        raise ValueError(f"not a colour: {colour!r}")
    return tuple(float(v) for v in match.groups())  # type: ignore[return-value]


def relative_luminance(colour: str) -> float:
    """WCAG 2.x relative luminance of an sRGB colour, 0 (black) to 1 (white)."""

    def channel(value: float) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(a: str, b: str) -> float:
    """WCAG contrast ratio of two colours, 1 to 21."""
    la, lb = relative_luminance(a), relative_luminance(b)
    return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)


def text_colour_on(fill: str) -> str:
    """Black or white, whichever contrasts more with `fill` (always ≥ 4.58:1)."""
    return DARK_TEXT if contrast_ratio(fill, DARK_TEXT) >= contrast_ratio(fill, LIGHT_TEXT) else LIGHT_TEXT


def scale_colour(value: float, zmin: float, zmax: float, scale: str = "Cividis",
                 reverse: bool = False) -> str:
    """The colour a heatmap with this colour scale and zmin/zmax paints `value` in."""
    span = zmax - zmin
    share = 0.5 if span <= 0 else min(1.0, max(0.0, (value - zmin) / span))
    if reverse:
        share = 1 - share
    return pc.sample_colorscale(pc.get_colorscale(scale), [share])[0]


def cell_labels(x: list, y: list, text: list[str], fills: list[str], size: int = 12) -> go.Scatter:
    """Texts written on heatmap cells, each in the colour readable on its cell's fill."""
    return go.Scatter(
        x=x,
        y=y,
        text=text,
        mode="text",
        textfont={"family": FONT_FAMILY, "size": size, "color": [text_colour_on(f) for f in fills]},
        hoverinfo="skip",
        showlegend=False,
    )
