"""The API's OpenAPI document (served at /api/v1/openapi.json): what pipelines/web/api.py answers."""

from __future__ import annotations

from pipelines.periods.delivery import TIMELINESS
from pipelines.periods.states import STATES

_ERROR = {"description": "", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}


def _err(text: str) -> dict:
    return {**_ERROR, "description": text}


_AUTH = {"401": _err("not signed in and no valid API token")}
_CUTOFF = {"name": "cutoff", "in": "query", "required": False, "schema": {"type": "string", "format": "date"},
           "description": "a half-year cut-off (default: the last closed one)"}


def _json(schema: dict, text: str) -> dict:
    return {"description": text, "content": {"application/json": {"schema": schema}}}
_REPORT = {"description": "the import report, as `impact ingest --report x.json` writes it",
           "content": {"application/json": {"schema": {"type": "array", "items": {"type": "object"}}}}}


def _period_action(action: str) -> dict:
    who = {"submit": "a project manager (its own projects) or a coordinator or administrator",
           "approve": "a coordinator or administrator; without project, every active project's period not yet "
                      "approved (approving freezes the values; the last one makes the cut-off final)",
           "reopen": "a coordinator or administrator; needs a reason"}[action]
    period = {"$ref": "#/components/schemas/Period"}
    approved = {"type": "object", "properties": {
        "cutoff": {"type": "string", "format": "date"}, "approved": {"type": "array", "items": {"type": "string"}},
        "final": {"type": "boolean"}}}
    return {"post": {
        "summary": f"{action.capitalize()} a reporting period: {who}",
        "requestBody": {"required": True, "content": {"application/json": {"schema": {
            "type": "object", "properties": {"project": {"type": "string"},
                                             "cutoff": {"type": "string", "format": "date"},
                                             "reason": {"type": "string"}},
            "required": ["cutoff"] if action == "approve" else ["cutoff", "project"]}}}},
        "responses": {
            "200": _json(approved if action == "approve" else period,
                         "the projects approved and whether the cut-off is now final" if action == "approve"
                         else "the period's new state"),
            **_AUTH, "400": _err("no cutoff, no project, or reopen without a reason"),
            "403": _err("the role may not do this (to this project)"),
            "409": _err("refused: the state does not allow it, the half-year has not ended, no such project, "
                        "or the published copy is behind the uploads"),
        },
    }}


OPENAPI = {
    "openapi": "3.1.0",
    "info": {
        "title": "ESF+ impact indicators API",
        "version": "1",
        "description": "Uploads, withdrawals, build runs and indicator values of the shared service. "
        "Sign in with POST /session (a session cookie; send its csrf_token as the X-CSRF-Token header "
        "with every request that changes state) or send an API token made with `impact users token` "
        "as `Authorization: Bearer TOKEN`.",
    },
    "servers": [{"url": "/api/v1"}],
    "components": {
        "securitySchemes": {
            "bearer": {"type": "http", "scheme": "bearer"},
            "session": {"type": "apiKey", "in": "cookie", "name": "impact_session"},
        },
        "schemas": {
            "Error": {"type": "object", "properties": {"error": {"type": "string"}}, "required": ["error"]},
            "IndicatorValue": {
                "type": "object",
                "properties": {
                    "cutoff_date": {"type": "string", "format": "date"},
                    "scope_type": {"type": "string", "enum": ["programme", "specific_objective", "project", "region"]},
                    "scope_code": {"type": "string"},
                    "indicator_code": {"type": "string"},
                    "gender": {"type": "string", "enum": ["total", "woman", "man", "non_binary"]},
                    "value": {"type": ["number", "null"]},
                    "suppressed": {"type": "boolean", "description": "hidden by disclosure control in the caller's shape"},
                },
            },
            "Period": {
                "type": "object",
                "properties": {
                    "project": {"type": "string"},
                    "cutoff": {"type": "string", "format": "date"},
                    "state": {"type": "string", "enum": list(STATES)},
                    "changed_at": {"type": ["string", "null"], "format": "date-time"},
                    "changed_by": {"type": ["string", "null"]},
                    "reason": {"type": ["string", "null"]},
                    "may": {"type": "array", "items": {"type": "string", "enum": ["submit", "approve", "reopen"]},
                            "description": "what the caller may ask for this period (the state machine may still refuse)"},
                },
            },
            "Delivery": {
                "type": "object",
                "properties": {
                    "cutoff_date": {"type": "string", "format": "date"},
                    "project_code": {"type": "string"},
                    "state": {"type": "string", "enum": list(STATES)},
                    "deadline": {"type": "string", "format": "date",
                                 "description": "the cut-off + IMPACT_SUBMISSION_DEADLINE_DAYS (default 31)"},
                    "delivered_at": {"type": ["string", "null"], "description": "the first submission or approval"},
                    "timeliness": {"type": "string", "enum": list(TIMELINESS)},
                    "uploads_in_period": {"type": "integer",
                                          "description": "uploads storing the project's records from the "
                                          "half-year's first day to the deadline"},
                    "uploaded_nothing": {"type": "boolean"},
                    "changed_at": {"type": ["string", "null"]},
                    "changed_by": {"type": ["string", "null"]},
                    "reason": {"type": ["string", "null"]},
                },
            },
        },
    },
    "security": [{"bearer": []}, {"session": []}],
    "paths": {
        "/session": {
            "post": {
                "summary": "Sign in (throttled like the sign-in page)",
                "security": [],
                "requestBody": {"required": True, "content": {"application/json": {"schema": {
                    "type": "object", "properties": {"name": {"type": "string"}, "password": {"type": "string"}},
                    "required": ["name", "password"]}}}},
                "responses": {"200": {"description": "signed in: name, role, projects, csrf_token"},
                              "401": _err("wrong name or password"), "429": _err("too many failed sign-ins")},
            },
            "delete": {"summary": "Sign out", "responses": {"204": {"description": "signed out"}}},
        },
        "/uploads": {
            "post": {
                "summary": "Upload a monitoring file (the report of `impact ingest --report`)",
                "requestBody": {"required": True, "content": {"multipart/form-data": {"schema": {
                    "type": "object",
                    "properties": {"file": {"type": "string", "format": "binary"},
                                   "kind": {"type": "string"},
                                   "dry_run": {"type": "string", "enum": ["true", "false"]},
                                   "revision_reason": {"type": "string", "description":
                                                       "needed when the file changes an approved reporting "
                                                       "period (those periods go to 'submitted (revised)')"}},
                    "required": ["file"]}}}},
                "responses": {"200": {**_REPORT, "description": _REPORT["description"]
                                      + "; periods_revised lists the approved periods it sent back for approval"},
                              **_AUTH, "403": _err("the role may not upload"),
                              "409": {"description": "the file changes approved periods and no revision_reason "
                                      "was sent: nothing applied (error, approved_periods_changed: one line per "
                                      "period and indicator, 'S10001 31.12.2025: EECO01 +1 (woman +1)')",
                                      "content": {"application/json": {"schema": {"type": "object"}}}},
                              "413": _err("over the size limit"), "422": {**_REPORT, "description": "the file was refused"},
                              "503": _err("whether approved periods would change could not be computed: nothing applied")},
            },
            "get": {"summary": "Uploads (a project manager: those of its own projects)",
                    "responses": {"200": {"description": "the uploads, oldest first"}, **_AUTH}},
        },
        "/withdrawals": {
            "post": {
                "summary": "Withdraw one record",
                "requestBody": {"required": True, "content": {"application/json": {"schema": {
                    "type": "object", "properties": {"kind": {"type": "string"}, "project": {"type": "string"},
                                                     "id": {"type": "string"}}, "required": ["kind", "project"]}}}},
                "responses": {"200": _REPORT, **_AUTH, "403": _err("not the caller's project"),
                              "404": {**_REPORT, "description": "no such record"}},
            }
        },
        "/builds": {"get": {"summary": "The latest build runs (Dagster) and their progress",
                            "responses": {"200": {"description": "runs, newest first"}, **_AUTH}}},
        "/indicators": {
            "get": {
                "summary": "Indicator values at a cut-off, in the caller's shape (exact where its role may "
                "see them, disclosure-controlled otherwise); CSV with Accept: text/csv",
                "parameters": [
                    {"name": n, "in": "query", "required": False, "schema": {"type": "string"}}
                    for n in ("cutoff", "scope_type", "scope_code", "indicator_code")
                ],
                "responses": {"200": {"description": "the long table", "content": {
                    "application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/IndicatorValue"}}},
                    "text/csv": {"schema": {"type": "string"}}}}, **_AUTH,
                    "404": _err("nothing published yet")},
            }
        },
        "/periods": {
            "get": {
                "summary": "Each active project's reporting period at a cut-off (a project manager: its own projects)",
                "parameters": [_CUTOFF],
                "responses": {"200": _json({"type": "object", "properties": {
                    "cutoff": {"type": "string", "format": "date"}, "closed": {"type": "boolean"},
                    "provisional": {"type": "boolean"}, "final": {"type": "boolean"},
                    "periods": {"type": "array", "items": {"$ref": "#/components/schemas/Period"}}}},
                    "the periods"), **_AUTH, "400": _err("cutoff is not a date"), "404": _err("nothing published yet")},
            }
        },
        "/periods/delivery": {
            "get": {
                "summary": "Delivery status of a half-year: state, on time or not, uploads in the period "
                "(a project manager: its own projects); CSV with Accept: text/csv",
                "parameters": [_CUTOFF],
                "responses": {"200": {"description": "one row per project", "content": {
                    "application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/Delivery"}}},
                    "text/csv": {"schema": {"type": "string"}}}},
                    **_AUTH, "400": _err("cutoff is not a date"), "404": _err("nothing published yet")},
            }
        },
        "/periods/revisions": {
            "get": {
                "summary": "The revision queue: periods an upload changed after their approval ('submitted (revised)'), "
                "with the reason and the upload's file names",
                "responses": {"200": _json({"type": "array", "items": {"allOf": [
                    {"$ref": "#/components/schemas/Period"},
                    {"type": "object", "properties": {"upload": {"type": ["string", "null"]}}}]}},
                    "oldest cut-off first"), **_AUTH},
            }
        },
        **{f"/periods/{action}": _period_action(action) for action in ("submit", "approve", "reopen")},
    },
}

