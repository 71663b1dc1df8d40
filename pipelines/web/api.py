"""The HTTP API beside the pages, for project systems and scripts (/api/v1; its OpenAPI document
at /api/v1/openapi.json, pipelines/web/openapi.py). Signed in by session cookie (with the CSRF
header for anything that changes state) or `Authorization: Bearer TOKEN` (`impact users token`).
Every route checks what its caller may do, and every upload, withdrawal and download is in the
audit trail."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import flask
import polars as pl

from indicators.calendar import default_cutoff
from indicators.exports.safe_text import neutralise
from pipelines.access import accounts, audit
from pipelines.access.roles import User
from pipelines.publish import shapes
from pipelines.publish.reader import NotPublishedError, PublishedCopy
from pipelines.settings import Settings
from pipelines.web.auth import end_session, source, start_session, viewer
from pipelines.web.openapi import OPENAPI
from pipelines.web.settings import WebSettings

FILTERS = ("scope_type", "scope_code", "indicator_code")


def _error(status: int, message: str, **extra):
    response = flask.jsonify(error=message, **extra)
    response.status_code = status
    return response


def _require_user() -> User:
    user = viewer()
    if user is None:
        flask.abort(_error(401, "sign in, or send an API token (Authorization: Bearer ...)"))
    return user


def _require_uploader(user: User, project: str | None = None) -> None:
    if not user.may_upload(project):
        flask.abort(_error(403, f"the role {user.role} may not upload" + (f" for project {project}" if project else "")))


def _flag(value: str | None) -> bool:
    return (value or "").strip().lower() in ("1", "true", "yes")


def create_api(settings: Settings, web: WebSettings, copy: PublishedCopy) -> flask.Blueprint:
    api = flask.Blueprint("api", __name__, url_prefix="/api/v1")
    home: Path = settings.home

    @api.get("/openapi.json")
    def openapi():
        return flask.jsonify(OPENAPI)

    @api.post("/session")
    def session_start():
        body = flask.request.get_json(silent=True) or {}
        try:
            user = accounts.sign_in(home, str(body.get("name", "")), str(body.get("password", "")), source())
        except accounts.Locked as locked:
            response = _error(429, "too many failed sign-ins: try again later")
            response.headers["Retry-After"] = str(int(locked.retry_after) + 1)
            return response
        if user is None:
            return _error(401, "the user name or the password is wrong")
        start_session(user)
        return flask.jsonify(name=user.name, role=user.role, projects=sorted(user.projects),
                             csrf_token=flask.session["csrf"])

    @api.delete("/session")
    def session_end():
        end_session(home)
        return "", 204

    @api.post("/uploads")
    def upload():
        from pipelines.ingest import ingest_bytes

        user = _require_user()
        _require_uploader(user)
        file = flask.request.files.get("file")
        if file is None:
            return _error(400, "send the file as the multipart field 'file'")
        data = file.read(web.max_upload_bytes + 1)
        if len(data) > web.max_upload_bytes:
            return _error(413, f"the file is larger than {web.max_upload_bytes // (1024 * 1024)} MB")
        dry_run = _flag(flask.request.form.get("dry_run"))
        report = ingest_bytes(settings, data, file.filename or "upload", kind=flask.request.form.get("kind") or None,
                              dry_run=dry_run, permitted_projects=user.upload_projects)
        audit.record(home, user.name, "upload.dry_run" if dry_run else "upload.apply", sha256=report.sha256,
                     kind=report.kind, outcome=report.outcome, upload_id=report.upload_id,
                     rows=report.rows_read, rejected=report.rejected, inserted=report.inserted,
                     updated=report.updated, withdrawn=report.withdrawn, via="api")
        return flask.jsonify([report.to_dict()]), 422 if report.refused else 200

    @api.get("/uploads")
    def uploads():
        from pipelines.ingest.history import list_uploads, upload_projects

        user = _require_user()
        frame = list_uploads(settings)
        if not user.sees_everything_exactly:
            own = upload_projects(settings).filter(pl.col("project_code").is_in(list(user.projects)))
            frame = frame.filter(pl.col("upload_id").is_in(own["upload_id"].implode()))
        return flask.jsonify(frame.with_columns(pl.col(pl.Datetime).dt.to_string("%Y-%m-%dT%H:%M:%S")).to_dicts())

    @api.post("/withdrawals")
    def withdrawal():
        from pipelines.ingest import withdraw

        user = _require_user()
        body = flask.request.get_json(silent=True) or {}
        kind, project, record = body.get("kind"), body.get("project"), body.get("id")
        if not kind or not project:
            return _error(400, "send JSON with kind, project and (but for projects) id")
        _require_uploader(user, None if kind == "targets" else project)
        if kind == "targets" and user.upload_projects is not None:
            return _error(403, "targets are withdrawn by a coordinator")
        report = withdraw(settings, kind, project, record)
        audit.record(home, user.name, "withdraw", kind=kind, project=project, outcome=report.outcome,
                     withdrawn=report.withdrawn, via="api")
        return flask.jsonify(report.to_dict()), 200 if report.withdrawn else 404

    @api.get("/builds")
    def builds():
        from pipelines.service.runs import recent_builds

        _require_user()
        return flask.jsonify([run.to_dict() for run in recent_builds(settings)])

    @api.get("/indicators")
    def indicators():
        user = viewer()
        if user is None and not web.public_view:
            return _error(401, "sign in, or send an API token (Authorization: Bearer ...)")
        try:
            cutoff = date.fromisoformat(flask.request.args.get("cutoff") or default_cutoff(date.today()).isoformat())
        except ValueError:
            return _error(400, "cutoff must be a date, YYYY-MM-DD")
        try:
            snapshot = copy.current()
        except NotPublishedError as exc:
            return _error(404, str(exc))
        frame = shapes.viewer_long(snapshot, cutoff, user, settings.disclosure_k)
        for name in FILTERS:
            if flask.request.args.get(name):
                frame = frame.filter(pl.col(name) == flask.request.args[name])
        shape = "public" if shapes.is_restricted(user) else "exact"
        audit.record(home, user.name if user else "(public)", "download.indicators", cutoff=cutoff.isoformat(),
                     shape=shape, rows=frame.height, via="api")
        if flask.request.accept_mimetypes.best_match(["application/json", "text/csv"]) == "text/csv":
            return flask.Response(to_csv(frame), mimetype="text/csv")
        return flask.jsonify(frame.with_columns(pl.col("cutoff_date").cast(pl.String)).to_dicts())

    return api


def to_csv(frame: pl.DataFrame) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(frame.columns)
    for row in frame.iter_rows():
        writer.writerow([neutralise(v) if isinstance(v, str) else ("" if v is None else v) for v in row])
    return out.getvalue()
