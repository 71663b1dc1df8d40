"""The HTTP API beside the pages, for project systems and scripts (/api/v1; its OpenAPI document
at /api/v1/openapi.json, pipelines/web/openapi.py). Signed in by session cookie (with the CSRF
header for anything that changes state) or `Authorization: Bearer TOKEN` (`impact users token`).
Every route checks what its caller may do, and every upload, withdrawal, download and period
change is in the audit trail. Reporting periods (/periods): a project manager sees and submits
its own projects' periods, a coordinator or administrator every one's and approves and reopens
them (pipelines/periods/permissions.py); an upload that changes an approved period needs
`revision_reason`, as `impact ingest --revision-reason` does (pipelines/periods/revisions.py)."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import flask
import polars as pl

from indicators.calendar import default_cutoff, is_provisional
from indicators.exports.safe_text import neutralise
from pipelines.access import accounts, audit
from pipelines.access.roles import User
from pipelines.periods import delivery, permissions, revisions
from pipelines.periods import service as periods
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
        name, kind = file.filename or "upload", flask.request.form.get("kind") or None
        changed, reason = [], None
        if not dry_run:  # an upload that changes an approved period needs a reason, as in impact ingest
            try:
                changed = revisions.changed_by_bytes(settings, data, name, kind, user.upload_projects)
                reason = revisions.required_reason(changed, flask.request.form.get("revision_reason"))
            except revisions.RevisionCheckFailed as exc:
                return _error(503, f"cannot tell whether approved periods would change ({exc}); nothing applied")
            except revisions.ReasonNeeded as exc:
                return _error(409, "the file changes approved reporting periods; nothing applied. Send "
                              "revision_reason to apply it (the periods go to 'submitted (revised)')",
                              approved_periods_changed=revisions.lines(exc.changed))
        report = ingest_bytes(settings, data, name, kind=kind, dry_run=dry_run, permitted_projects=user.upload_projects)
        audit.record(home, user.name, "upload.dry_run" if dry_run else "upload.apply", sha256=report.sha256,
                     kind=report.kind, outcome=report.outcome, upload_id=report.upload_id,
                     rows=report.rows_read, rejected=report.rejected, inserted=report.inserted,
                     updated=report.updated, withdrawn=report.withdrawn, via="api")
        answer = report.to_dict()
        if changed and report.upload_id is not None and not report.refused:
            revised = revisions.record(settings, user.name, changed, reason, name, via="api")
            answer["periods_revised"] = [period_dict(p) for p in revised]
        return flask.jsonify([answer]), 422 if report.refused else 200

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

    @api.get("/periods")
    def periods_list():
        user = _require_user()
        cutoff = _cutoff_arg()
        try:
            status = periods.status(settings, cutoff, date.today())
        except NotPublishedError as exc:
            return _error(404, str(exc))
        shown = set(permissions.visible(user, [p.project_code for p in status.periods]))
        return flask.jsonify(
            cutoff=cutoff.isoformat(), closed=status.closed, provisional=is_provisional(cutoff, date.today()),
            final=status.final,
            periods=[period_dict(p, user) for p in status.periods if p.project_code in shown],
        )

    @api.get("/periods/delivery")
    def periods_delivery():
        user = _require_user()
        cutoff = _cutoff_arg()
        try:
            rows = periods.delivery(settings, cutoff, date.today())
        except NotPublishedError as exc:
            return _error(404, str(exc))
        shown = set(permissions.visible(user, [r.project_code for r in rows]))
        rows = [r for r in rows if r.project_code in shown]
        audit.record(home, user.name, "download.delivery", cutoff=cutoff.isoformat(), rows=len(rows), via="api")
        if flask.request.accept_mimetypes.best_match(["application/json", "text/csv"]) == "text/csv":
            return flask.Response(delivery.to_csv(rows), mimetype="text/csv")
        return flask.jsonify([r.to_dict() for r in rows])

    @api.get("/periods/revisions")
    def periods_revisions():
        user = _require_user()
        queue = periods.revision_queue(settings)
        shown = set(permissions.visible(user, [r.period.project_code for r in queue]))
        return flask.jsonify([period_dict(r.period) | {"upload": r.upload}
                              for r in queue if r.period.project_code in shown])

    def periods_action(action: str):
        from pipelines.periods.states import TransitionRefused

        user = _require_user()
        body = flask.request.get_json(silent=True) or {}
        project = body.get("project") or None
        try:
            cutoff = date.fromisoformat(str(body.get("cutoff", "")))
        except ValueError:
            return _error(400, "send JSON with cutoff (YYYY-MM-DD) and project (optional for approve)")
        if project is None and action != "approve":
            return _error(400, f"{action} needs a project")
        reason = str(body.get("reason") or "").strip()
        if action == "reopen" and not reason:
            return _error(400, "reopen needs a reason")
        if not permissions.may_act(user, action, project):
            return _error(403, f"the role {user.role} may not {action} "
                          + (f"the period of {project}" if project else "periods"))
        today = date.today()
        try:
            if action == "submit":
                changed = [periods.submit(settings, user.name, project, cutoff, today, via="api")]
            elif action == "reopen":
                changed = [periods.reopen(settings, user.name, project, cutoff, reason, today, via="api")]
            else:
                approved, final = periods.approve(settings, user.name, cutoff, today, project=project, via="api")
                return flask.jsonify(cutoff=cutoff.isoformat(), approved=approved, final=final is not None)
        except TransitionRefused as exc:
            return _error(409, str(exc))
        except NotPublishedError as exc:
            return _error(404, str(exc))
        return flask.jsonify(period_dict(changed[0]))

    for action in ACTIONS:  # POST /periods/submit, /periods/approve, /periods/reopen
        api.add_url_rule(f"/periods/{action}", f"periods_{action}", periods_action, methods=["POST"],
                         defaults={"action": action})
    return api


ACTIONS = ("submit", "approve", "reopen")


def _cutoff_arg() -> date:
    """The query's cutoff (default: the last closed cut-off); 400 when it is not a date."""
    try:
        return date.fromisoformat(flask.request.args.get("cutoff") or default_cutoff(date.today()).isoformat())
    except ValueError:
        flask.abort(_error(400, "cutoff must be a date, YYYY-MM-DD"))


def period_dict(period, user: User | None = None) -> dict:
    """A period as the API answers it; with `user`, what that user may do with it."""
    out = {"project": period.project_code, "cutoff": period.cutoff.isoformat(), "state": period.state,
           "changed_at": period.changed_at, "changed_by": period.changed_by, "reason": period.reason}
    if user is not None:
        out["may"] = [a for a in ACTIONS if permissions.may_act(user, a, period.project_code)]
    return out


def to_csv(frame: pl.DataFrame) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(frame.columns)
    for row in frame.iter_rows():
        writer.writerow([neutralise(v) if isinstance(v, str) else ("" if v is None else v) for v in row])
    return out.getvalue()
