"""Every selection of a page in its URL, so a view can be bookmarked and shared.

Reading: Dash Pages calls a page's `layout(**query)` with the URL's query string; `query_value`
takes one parameter from it, and the layout starts its controls with those values (the page's
controls callback then keeps them when this version of the data has them, else falls back to
its default, as for any stale selection). Writing: one clientside callback per page
(assets/url_state.js) puts the controls' current values into the address with
history.replaceState: no request, no new history entry per click, and no navigation, so the
page is not laid out again.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import dash
from dash import ClientsideFunction, Input, Output, State, dcc


@dataclass(frozen=True)
class Param:
    """A query parameter `name` mirroring `component_id`'s `prop`."""

    name: str
    component_id: str
    prop: str = "value"


def query_value(query: Mapping[str, object], name: str, allowed: Sequence[str] | None = None,
                default: str | None = None) -> str | None:
    """The parameter `name` of the query Dash passed to layout(): a string, the first of
    repeated ones; `default` when absent, empty, or (with `allowed`) not one of those."""
    value = query.get(name)
    if isinstance(value, (list, tuple)):
        value = value[0] if value else None
    if not isinstance(value, str) or not value.strip():
        return default
    value = value.strip()[:200]
    if allowed is not None and value not in allowed:
        return default
    return value


def _ids(page: str) -> tuple[str, str]:
    return f"{page}-url-names", f"{page}-url-sink"


def url_stores(page: str, params: Sequence[Param]) -> list:
    """The two stores the page's layout holds: the parameters' names, and the callback's sink."""
    names_id, sink_id = _ids(page)
    return [dcc.Store(id=names_id, data=[p.name for p in params]), dcc.Store(id=sink_id)]


def register_url_sync(app: dash.Dash, page: str, params: Sequence[Param]) -> None:
    """Write the page's selections into the address whenever one changes."""
    names_id, sink_id = _ids(page)
    app.clientside_callback(
        ClientsideFunction(namespace="url_state", function_name="write"),
        Output(sink_id, "data"),
        *[Input(p.component_id, p.prop) for p in params],
        State(names_id, "data"),
    )
