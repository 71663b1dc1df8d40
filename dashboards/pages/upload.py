"""Upload page ('/upload'): choose or detect the kind, drop a file, read the dry-run report,
see what it would change in the indicators, apply it, follow the build that brings it in. The
callbacks only route: ingest goes through dashboards/upload_service.py (the same `ingest_bytes`
as `impact ingest`); the build is the service's (its build runner notices the applied upload),
followed through dashboards/builds.py; what is shown is views/upload.py, views/upload_delta.py
and views/builds.py.

The row-level report renders at once; the indicator delta (seconds of dbt) is started by the
same callback on a background thread, shown as "computing…", and collected by a short poll.

Only a role that may upload may use the page, and every callback asks on the server (a button
hidden or disabled in the browser protects nothing): for anyone else it changes nothing and
says so. A project manager's rows of other projects are rejected with their own rule, and a
preview is applied only by the user who made it. Previews and applies are in the audit trail.
"""

from __future__ import annotations

import dash
from dash import ALL, Input, Output, State, ctx as callback_context, dcc, html, no_update

from dashboards import audit_records
from dashboards import upload_service as svc
from dashboards.i18n import normalise_lang, t
from dashboards.views.access import refused
from dashboards.views.builds import upload_build_view
from dashboards.views.upload import (
    AUTO_KIND,
    ID,
    kind_options,
    report_view,
    template_file,
    templates_view,
    upload_error,
)
from dashboards.views.periods import revision_check_failed, revision_needed, revision_recorded
from dashboards.views.upload_delta import computing_view, delta_view, programme_only_view
from pipelines.periods.revisions import ReasonNeeded, RevisionCheckFailed

dash.register_page(
    __name__,
    path="/upload",
    order=6,
    name="Lataa tiedosto",
    title="ESF+ – Lataa tiedosto / Ladda upp / Upload",
    label_key="page_upload",
    needs="upload",  # dashboards/access.py; every callback checks it again
)

POLL_MS = 1000
DELTA_POLL_MS = 700
# The revision reason (issue #15): a file that changes an approved reporting period is applied
# only with one (pipelines/periods/revisions.py, the rule of `impact ingest --revision-reason`).
REASON = "upload-revision-reason"
REASON_LABEL = "upload-revision-reason-label"
REVISION_NOTE = "upload-revision-note"


def layout(**_query: object) -> html.Div:
    return html.Div(
        className="page upload",
        children=[
            html.H1(id=ID["title"]),
            html.Div(id=ID["access"]),
            html.P(id=ID["intro"], className="intro"),
            html.Div(
                className="controls",
                children=[
                    html.Div(
                        className="control",
                        children=[
                            html.Label(id=ID["kind_label"], htmlFor=ID["kind"]),
                            dcc.Dropdown(id=ID["kind"], value=AUTO_KIND, clearable=False,
                                         searchable=False, style={"minWidth": "18rem"}),
                        ],
                    ),
                ],
            ),
            dcc.Upload(
                id=ID["file"],
                className="dropzone",
                className_active="dropzone active",
                className_disabled="dropzone disabled",
                accept=".csv,.txt,.tsv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                multiple=False,
            ),
            dcc.Store(id=ID["token"]),
            dcc.Loading(html.Div(id=ID["report"], **{"aria-live": "polite"}), type="dot", delay_show=200),
            html.Div(id=ID["delta"], **{"aria-live": "polite"}),
            dcc.Interval(id=ID["delta_poll"], interval=DELTA_POLL_MS, disabled=True),
            html.Div(
                className="control revision-reason",
                children=[html.Label(id=REASON_LABEL, htmlFor=REASON),
                          dcc.Input(id=REASON, type="text", maxLength=500, style={"minWidth": "32rem"})],
            ),
            html.Div(id=REVISION_NOTE, **{"aria-live": "polite"}),
            html.Div(
                className="actions",
                children=[
                    html.Button(id=ID["apply"], className="button primary", disabled=True, n_clicks=0),
                    html.Button(id=ID["report_button"], className="button secondary", disabled=True,
                                n_clicks=0),
                    dcc.Download(id=ID["report_download"]),
                ],
            ),
            html.Div(id=ID["build"]),
            dcc.Store(id=ID["applied"]),
            dcc.Interval(id=ID["poll"], interval=POLL_MS, disabled=True),
            html.Section(
                id="upload-templates-panel",
                className="panel templates",
                children=[html.H2(id="upload-templates-title"), html.Div(id=ID["templates"])],
            ),
            dcc.Download(id=ID["template_download"]),
        ],
    )


def register_callbacks(app: dash.Dash, ctx) -> None:
    def uploader():
        """The request's viewer if it may upload, else None."""
        user = ctx.viewer()
        return user if user is not None and user.may_upload() else None

    def own_preview(token):
        """The uploader's own preview `token` (None: no uploader, or not its preview)."""
        user = uploader()
        return ctx.stash.get(token) if user is not None and svc.owned_by(ctx.stash, token, user.name) else None

    def refusal(lang):
        return [refused("refused_upload", ctx.viewer(), normalise_lang(lang))]

    @app.callback(
        Output(ID["title"], "children"),
        Output(ID["access"], "children"),
        Output(ID["intro"], "children"),
        Output(ID["kind_label"], "children"),
        Output(ID["kind"], "options"),
        Output(ID["kind"], "value"),
        Output(ID["file"], "children"),
        Output(ID["file"], "disabled"),
        Output(ID["apply"], "children"),
        Output(ID["report_button"], "children"),
        Output("upload-templates-title", "children"),
        Output(ID["templates"], "children"),
        Output("upload-templates-panel", "style"),
        Input("lang", "value"),
        State(ID["kind"], "value"),
    )
    def _labels(lang, kind):
        lang = normalise_lang(lang)
        allowed = uploader() is not None
        return (
            t("upload_title", lang),
            [] if allowed else refusal(lang),
            t("upload_intro", lang),
            t("upload_kind", lang),
            kind_options(lang),
            kind or AUTO_KIND,
            html.Div([html.Strong(t("upload_drop", lang)), " ", t("upload_drop_hint", lang)]),
            not allowed,
            t("upload_apply", lang),
            t("upload_report_csv", lang),
            t("templates_title", lang),
            templates_view(lang) if allowed else [],
            {} if allowed else {"display": "none"},
        )

    @app.callback(
        Output(ID["report"], "children"),
        Output(ID["token"], "data"),
        Output(ID["apply"], "disabled"),
        Output(ID["report_button"], "disabled"),
        Output(ID["delta"], "children"),
        Output(ID["delta_poll"], "disabled"),
        Input(ID["file"], "contents"),
        Input(ID["kind"], "value"),
        State(ID["file"], "filename"),
        State(ID["token"], "data"),
        State("lang", "value"),
        prevent_initial_call=True,
    )
    def _preview(contents, kind, filename, token, lang):
        user = uploader()
        by_kind = callback_context.triggered_id == ID["kind"]
        if user is None:  # the page already says so; a file sent anyway is refused here
            return (no_update,) * 6 if by_kind else (refusal(lang), None, True, True, [], True)
        kind = None if kind in (None, AUTO_KIND) else kind
        if by_kind:
            pending = own_preview(token)
            # The language switch sets the kind again (to the same value): nothing to redo.
            if pending is None or pending.data is None or pending.kind == kind:
                return (no_update,) * 6
            data, filename = pending.data, pending.file_name
        else:
            if not contents:
                return (no_update,) * 6
            try:
                data = svc.decode_contents(contents)
            except ValueError:
                return upload_error(normalise_lang(lang)), None, True, True, [], True
        svc.forget_delta(ctx.stash, token)
        new_token, report = svc.preview(ctx.settings, ctx.stash, data, filename or "upload.csv", kind,
                                        owner=user.name, permitted_projects=user.upload_projects)
        audit_records.upload(ctx.settings.home, user, report)
        # The delta is the whole programme's, exact: only for roles that see it exactly.
        computing = user.sees_everything_exactly and svc.start_delta(ctx.settings, ctx.stash, new_token)
        if computing:
            delta = computing_view(0, lang)
        else:
            delta = programme_only_view(lang) if svc.can_apply(report) and not user.sees_everything_exactly else []
        return report_view(report, lang), new_token, not svc.can_apply(report), False, delta, not computing

    @app.callback(
        Output(ID["delta"], "children", allow_duplicate=True),
        Output(ID["delta_poll"], "disabled", allow_duplicate=True),
        Input(ID["delta_poll"], "n_intervals"),
        Input("lang", "value"),
        State(ID["token"], "data"),
        prevent_initial_call=True,
    )
    def _delta(_n, lang, token):
        pending = own_preview(token)
        status = svc.delta_status(ctx.stash, token) if pending is not None else None
        if status is None or status.state == "none":
            return no_update, True
        applied = pending.data is None
        return delta_view(status, lang, applied=applied), status.state != "running"

    @app.callback(
        Output(ID["report"], "children", allow_duplicate=True),
        Input("lang", "value"),
        State(ID["token"], "data"),
        prevent_initial_call=True,
    )
    def _relabel_report(lang, token):
        pending = own_preview(token)
        return report_view(pending.report, lang) if pending else no_update

    @app.callback(Output(REASON_LABEL, "children"), Input("lang", "value"))
    def _reason_label(lang):
        return t("revision_reason_label", normalise_lang(lang))

    @app.callback(Output(REVISION_NOTE, "children"), Input(ID["token"], "data"), prevent_initial_call=True)
    def _clear_revision_note(_token):
        return []  # a new preview: the last file's note no longer applies

    @app.callback(
        Output(ID["report"], "children", allow_duplicate=True),
        Output(ID["apply"], "disabled", allow_duplicate=True),
        Output(ID["applied"], "data"),
        Output(ID["poll"], "disabled"),
        Output(ID["delta"], "children", allow_duplicate=True),
        Output(ID["delta_poll"], "disabled", allow_duplicate=True),
        Output(REVISION_NOTE, "children", allow_duplicate=True),
        Input(ID["apply"], "n_clicks"),
        State(ID["token"], "data"),
        State("lang", "value"),
        State(REASON, "value"),
        prevent_initial_call=True,
    )
    def _apply(n_clicks, token, lang, reason):
        if not n_clicks:
            return (no_update,) * 7
        user = uploader()
        if user is None:
            return refusal(lang), True, no_update, no_update, [], True, []
        try:
            report = (svc.apply(ctx.settings, ctx.stash, token, reason=reason, actor=user.name)
                      if own_preview(token) is not None else None)
        except ReasonNeeded as exc:  # nothing applied: the page keeps the preview to apply with a reason
            return no_update, False, no_update, no_update, no_update, no_update, revision_needed(exc.changed, lang)
        except RevisionCheckFailed:
            return no_update, False, no_update, no_update, no_update, no_update, revision_check_failed(lang)
        if report is None:
            return upload_error(normalise_lang(lang)), True, no_update, no_update, no_update, no_update, []
        audit_records.upload(ctx.settings.home, user, report)
        # The service builds every applied upload (a refused file has nothing to bring in):
        # the poll follows the run that brings this one in.
        applied = None if report.refused else report.upload_id
        # A delta known before applying now says what the build will change; one still
        # being computed is dropped (delta_view shows nothing for it).
        delta = delta_view(svc.delta_status(ctx.stash, token), lang, applied=True)
        pending = ctx.stash.get(token)
        note = revision_recorded(pending.revised if pending is not None else [], lang)
        return report_view(report, lang), True, applied, applied is None, delta, True, note

    @app.callback(
        Output(ID["build"], "children"),
        Output(ID["poll"], "disabled", allow_duplicate=True),
        Input(ID["poll"], "n_intervals"),
        Input("lang", "value"),
        State(ID["applied"], "data"),
        prevent_initial_call=True,
    )
    def _poll(_n, lang, upload_id):
        # Only this page's components: a shell output here would make Dash run the callback
        # on other pages too. The shell's own poll (app.py) carries the new version to them.
        if upload_id is None or uploader() is None:
            return no_update, True
        build = ctx.builds.of_upload(upload_id)
        return upload_build_view(build, lang, ctx.dagster_ui), build.finished

    @app.callback(
        Output(ID["report_download"], "data"),
        Input(ID["report_button"], "n_clicks"),
        State(ID["token"], "data"),
        prevent_initial_call=True,
    )
    def _download_report(n_clicks, token):
        content = svc.report_csv(ctx.stash, token) if n_clicks and own_preview(token) else None
        if content is None:
            return no_update
        return dcc.send_bytes(content, "import_report.csv", type="text/csv")

    @app.callback(
        Output(ID["template_download"], "data"),
        Input({"type": "template-button", "kind": ALL, "fmt": ALL}, "n_clicks"),
        State("lang", "value"),
        prevent_initial_call=True,
    )
    def _template(clicks, lang):
        trigger = callback_context.triggered_id
        if not trigger or not any(clicks or []) or uploader() is None:
            return no_update
        content, name = template_file(trigger["kind"], trigger["fmt"], normalise_lang(lang))
        return dcc.send_bytes(content, name)
