"""Calling a Dash app's callbacks as the browser does: a POST to /_dash-update-component, for
the callback that has a given output (found in the app's callback map, or in the callback list
the server hands the browser at /_dash-dependencies, so outputs that other callbacks share,
`allow_duplicate`, need no hand-written ids); and the app built alone for a given user, to call
them with."""

from __future__ import annotations

from collections.abc import Iterable

import dash

from pipelines.access.roles import User
from pipelines.settings import Settings

# Whom an app built alone (without the web server's sign-in) works for: passed explicitly,
# since create_app has no viewer that grants anything by default.
TESTER = User("tester", "admin")


def app_as(settings: Settings, user: User | None = TESTER, **options) -> dash.Dash:
    """The dashboard alone for `settings`, every request working for `user`."""
    from dashboards.app import create_app

    return create_app(settings, viewer=lambda: user, **options)


def _outputs(key: str) -> list[str]:
    """The outputs of a callback-map key: "id.prop", or "..id.prop...id.prop@hash.." for
    several (an output shared with another callback carries its hash)."""
    return key[2:-2].split("...") if key.startswith("..") else [key]


def _callback_with(keys: Iterable[str], output: str) -> tuple[str, list[dict]]:
    (key,) = [k for k in keys if output in (o.split("@")[0] for o in _outputs(k))]
    outputs = []
    for part in _outputs(key):
        component, _, prop = part.rpartition(".")
        outputs.append({"id": component, "property": prop})
    return key, outputs


def callback_outputs(app: dash.Dash, output: str) -> tuple[str, list[dict]]:
    """The callback-map key of the one callback with `output` ("id.property") among its
    outputs, and its outputs as the renderer lists them."""
    return _callback_with(app.callback_map, output)


def _request(key: str, outputs: list[dict], inputs: list[dict], state: list[dict] | None) -> dict:
    return {
        "output": key,
        "outputs": outputs if len(outputs) > 1 else outputs[0],
        "inputs": inputs,
        "state": state or [],
        "changedPropIds": [f"{inputs[0]['id']}.{inputs[0]['property']}"],
    }


def _answer(response) -> dict:
    assert response.status_code in (200, 204), response.get_data(as_text=True)[-2000:]
    return response.get_json()["response"] if response.status_code == 200 else {}


def call(client, app: dash.Dash, output: str, inputs: list[dict], state: list[dict] | None = None) -> dict:
    """POST the callback with `output`: {component id: {property: value}} of its response."""
    key, outputs = callback_outputs(app, output)
    return _answer(client.post("/_dash-update-component", json=_request(key, outputs, inputs, state)))


def call_server(client, output: str, inputs: list[dict], state: list[dict] | None = None,
                headers: dict | None = None) -> dict:
    """As `call`, through a Flask test client of the whole web server (signed in; `headers`
    with the CSRF token), finding the callback where the browser does."""
    keys = [d["output"] for d in client.get("/_dash-dependencies").get_json()]
    key, outputs = _callback_with(keys, output)
    return _answer(client.post("/_dash-update-component", json=_request(key, outputs, inputs, state),
                               headers=headers or {}))


def find(tree, match) -> dict | None:
    """The first component in a rendered tree (a callback's children, /_dash-layout) whose
    props `match` accepts; `match` may be an id."""
    test = match if callable(match) else (lambda props: props.get("id") == match)
    if isinstance(tree, list):
        return next((found for child in tree if (found := find(child, test)) is not None), None)
    if not isinstance(tree, dict):
        return None
    props = tree.get("props", {})
    if test(props):
        return tree
    return find(props.get("children"), test)
