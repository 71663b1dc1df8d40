"""Calling a Dash app's callbacks as the browser does: a POST to /_dash-update-component, for
the callback that has a given output (found in the app's callback map, so outputs that other
callbacks share, `allow_duplicate`, need no hand-written ids)."""

from __future__ import annotations

import dash


def _outputs(key: str) -> list[str]:
    """The outputs of a callback-map key: "id.prop", or "..id.prop...id.prop@hash.." for
    several (an output shared with another callback carries its hash)."""
    return key[2:-2].split("...") if key.startswith("..") else [key]


def callback_outputs(app: dash.Dash, output: str) -> tuple[str, list[dict]]:
    """The callback-map key of the one callback with `output` ("id.property") among its
    outputs, and its outputs as the renderer lists them."""
    (key,) = [k for k in app.callback_map if output in (o.split("@")[0] for o in _outputs(k))]
    outputs = []
    for part in _outputs(key):
        component, _, prop = part.rpartition(".")
        outputs.append({"id": component, "property": prop})
    return key, outputs


def call(client, app: dash.Dash, output: str, inputs: list[dict], state: list[dict] | None = None) -> dict:
    """POST the callback with `output`: {component id: {property: value}} of its response."""
    key, outputs = callback_outputs(app, output)
    response = client.post("/_dash-update-component", json={
        "output": key,
        "outputs": outputs if len(outputs) > 1 else outputs[0],
        "inputs": inputs,
        "state": state or [],
        "changedPropIds": [f"{inputs[0]['id']}.{inputs[0]['property']}"],
    })
    assert response.status_code in (200, 204), response.get_data(as_text=True)[-2000:]
    return response.get_json()["response"] if response.status_code == 200 else {}
