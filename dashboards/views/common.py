"""What every view needs: the current snapshot or the message to show instead, cut-off choice,
and indicator labels."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from dash import html

from dashboards.components import message
from dashboards.data import PublishedCopy, PublishedCopyError, Snapshot, parse_cutoff, snapshot_cutoffs
from dashboards.i18n import format_date, format_timestamp, has_label, t
from indicators.calendar import is_provisional
from pipelines.publish.shapes import ViewerSnapshot


def current(copy: PublishedCopy) -> tuple[Snapshot | None, str | None]:
    """The snapshot, or None and the reason it cannot be read."""
    try:
        return copy.snapshot(), None
    except PublishedCopyError as exc:
        return None, str(exc)


@dataclass
class Ready:
    """A readable snapshot, or the components to show instead (`blocked`)."""

    snap: Snapshot | None
    blocked: list | None

    @property
    def ok(self) -> bool:
        return self.snap is not None


def ready(copy: PublishedCopy, lang: str) -> Ready:
    snap, error = current(copy)
    if error is not None:
        return Ready(None, [message(t("broken_title", lang), t("broken_body", lang, detail=error), "error")])
    if snap is None:
        body = t("no_data_body", lang, path=str(copy.published_dir))
        return Ready(None, [message(t("no_data_title", lang), body)])
    return Ready(snap, None)


def chosen_cutoff(snap: Snapshot | None, value: str | None) -> dt.date | None:
    return parse_cutoff(value, snapshot_cutoffs(snap)) if snap is not None else None


def meta_line(snap: Snapshot, lang: str, cutoff: dt.date | None = None) -> html.P:
    """Which published version this is, (with a cut-off) that values are cumulative, and (in a
    restricted viewer's shape) that small counts outside its own projects are hidden."""
    parts: list = [
        t("data_version", lang, version=snap.version, built_at=format_timestamp(snap.manifest["built_at"], lang))
    ]
    if cutoff is not None:
        parts += [" · ", t("cumulative_note", lang, cutoff=format_date(cutoff, lang))]
        if is_provisional(cutoff, dt.date.today()):
            parts += [" · ", html.Strong(t("provisional", lang), className="provisional-note")]
    if isinstance(snap, ViewerSnapshot):
        parts += [" · ", html.Span(t("shaped_note", lang, k=snap.k), className="shaped-note")]
    return html.P(className="meta", children=parts)


def unit_label(unit: str | None, lang: str) -> str:
    """The catalogue's unit in `lang` (the unit as written for one without a label)."""
    key = f"unit_{(unit or '').replace(' ', '_')}"
    return t(key, lang) if has_label(key) else (unit or "")


def slug(text: str) -> str:
    return "".join(ch if ch.isalnum() else "-" for ch in text).strip("-").lower()
