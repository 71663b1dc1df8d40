"""The API's OpenAPI document (served at /api/v1/openapi.json): what pipelines/web/api.py answers."""

from __future__ import annotations

_ERROR = {"description": "", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}


def _err(text: str) -> dict:
    return {**_ERROR, "description": text}


_AUTH = {"401": _err("not signed in and no valid API token")}
_REPORT = {"description": "the import report, as `impact ingest --report x.json` writes it",
           "content": {"application/json": {"schema": {"type": "array", "items": {"type": "object"}}}}}

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
                                   "dry_run": {"type": "string", "enum": ["true", "false"]}},
                    "required": ["file"]}}}},
                "responses": {"200": _REPORT, **_AUTH, "403": _err("the role may not upload"),
                              "413": _err("over the size limit"), "422": {**_REPORT, "description": "the file was refused"}},
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
    },
}
