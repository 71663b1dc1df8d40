"""Reporting periods page ('/periods', issue #15): each project's period at a cut-off (default
the last closed one; a provisional one labelled), its delivery status and who changed it when
and why; a project manager submits its own projects' periods, a coordinator or administrator
approves and reopens them and sees the revision queue. The callbacks only route: the periods
service (pipelines/periods/service.py) does the work and writes the audit trail, the rules of
who may do what are pipelines/periods/permissions.py, asked again inside every callback on the
server (a hidden button protects nothing), and what is shown is views/periods.py. Dash's
callbacks carry the session's CSRF token (pipelines/web/security.py)."""

from __future__ import annotations

import datetime as dt

import dash
from dash import Input, Output, State, ctx as callback_context, dcc, html, no_update

from dashboards.components import cutoff_options
from dashboards.data import parse_cutoff
from dashboards.i18n import normalise_lang, t
from dashboards.views.access import refused
from dashboards.views.common import meta_line, ready
from dashboards.views.periods import (
    ID,
    cutoff_state,
    delivery_table,
    done,
    project_options,
    refused_change,
    revision_queue,
)
from pipelines.periods import delivery, permissions
from pipelines.periods import service as periods
from pipelines.periods.states import TransitionRefused
from pipelines.publish.reader import NotPublishedError

dash.register_page(
    __name__,
    path="/periods",
    order=9,
    name="Raportointikaudet",
    title="ESF+ – Raportointikaudet / Rapporteringsperioder / Reporting periods",
    label_key="page_periods",
    needs="signed_in",  # dashboards/access.py; what each role may change is asked in every callback
)

HIDDEN = {"display": "none"}
ACTIONS = ("submit", "approve", "reopen")


def as_date(value: object) -> dt.date | None:
    """The cut-off the browser sent, or None when it is not a date (nothing to do)."""
    try:
        return dt.date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def layout(**_query: object) -> html.Div:
    return html.Div(
        className="page periods",
        children=[
            html.H1(id=ID["title"]),
            html.Div(id="periods-meta"),
            html.P(id=ID["intro"], className="intro"),
            html.Div(
                className="controls",
                children=[
                    html.Div(className="control", children=[
                        html.Label(id=ID["cutoff_label"], htmlFor=ID["cutoff"]),
                        dcc.Dropdown(id=ID["cutoff"], clearable=False, searchable=False, style={"minWidth": "16rem"}),
                    ]),
                    html.Button(id=ID["download_button"], className="button secondary", n_clicks=0),
                    dcc.Download(id=ID["download"]),
                ],
            ),
            html.P(id=ID["cutoff_state"], className="meta"),
            dcc.Loading(html.Div(id=ID["body"]), type="dot", delay_show=300),
            html.Section(
                id=ID["actions"], className="panel period-actions", style=HIDDEN,
                children=[
                    html.H2(id=ID["actions_title"]),
                    html.Div(className="controls", children=[
                        html.Div(className="control", children=[
                            html.Label(id=ID["project_label"], htmlFor=ID["project"]),
                            dcc.Dropdown(id=ID["project"], clearable=False, searchable=False,
                                         style={"minWidth": "12rem"}),
                        ]),
                        html.Div(className="control", children=[
                            html.Label(id=ID["reason_label"], htmlFor=ID["reason"]),
                            dcc.Input(id=ID["reason"], type="text", maxLength=500, debounce=False,
                                      style={"minWidth": "24rem"}),
                        ]),
                    ]),
                    html.Div(className="actions", children=[
                        html.Button(id=ID[a], className="button primary" if a != "reopen" else "button secondary",
                                    n_clicks=0, style=HIDDEN) for a in ACTIONS
                    ]),
                    html.Div(id=ID["result"], **{"aria-live": "polite"}),
                ],
            ),
            dcc.Store(id=ID["changed"], data=0),
            html.Section(id=ID["queue"], className="panel period-queue"),
        ],
    )


def register_callbacks(app: dash.Dash, ctx) -> None:
    def cutoffs(snap) -> list[dt.date]:
        """The published copy's reporting cut-offs, as `impact periods list` takes them."""
        return sorted(dt.date.fromisoformat(c) for c in snap.manifest["cutoffs"])

    @app.callback(
        Output(ID["title"], "children"),
        Output(ID["intro"], "children"),
        Output(ID["cutoff_label"], "children"),
        Output(ID["cutoff"], "options"),
        Output(ID["cutoff"], "value"),
        Output(ID["download_button"], "children"),
        Output(ID["actions_title"], "children"),
        Output(ID["project_label"], "children"),
        Output(ID["reason_label"], "children"),
        Output(ID["submit"], "children"),
        Output(ID["approve"], "children"),
        Output(ID["reopen"], "children"),
        Output("periods-meta", "children"),
        Input("lang", "value"),
        Input("data-version", "data"),
        State(ID["cutoff"], "value"),
    )
    def _labels(lang, _version, cutoff):
        lang = normalise_lang(lang)
        state = ready(ctx.published(), lang)
        available = cutoffs(state.snap) if state.ok else []
        value = parse_cutoff(cutoff, available)
        return (
            t("periods_title", lang), t("periods_intro", lang, days=ctx.settings.submission_deadline_days),
            t("cutoff", lang), cutoff_options(available, lang), value.isoformat() if value else None,
            t("periods_download", lang), t("periods_actions_title", lang), t("periods_project", lang),
            t("periods_reason", lang), t("periods_submit", lang), t("periods_approve", lang), t("periods_reopen", lang),
            meta_line(state.snap, lang) if state.ok else state.blocked,
        )

    @app.callback(
        Output(ID["body"], "children"),
        Output(ID["cutoff_state"], "children"),
        Output(ID["queue"], "children"),
        Output(ID["queue"], "style"),
        Output(ID["actions"], "style"),
        Output(ID["project"], "options"),
        Output(ID["project"], "value"),
        Output(ID["submit"], "style"),
        Output(ID["approve"], "style"),
        Output(ID["reopen"], "style"),
        Input(ID["cutoff"], "value"),
        Input(ID["changed"], "data"),
        Input("lang", "value"),
        State(ID["project"], "value"),
    )
    def _body(cutoff, _changed, lang, project):
        lang = normalise_lang(lang)
        user = ctx.viewer()
        nothing = ([], [], [], HIDDEN, HIDDEN, [], None, HIDDEN, HIDDEN, HIDDEN)
        if user is None:
            return ([refused("refused_periods", user, lang)], *nothing[1:])
        chosen_cutoff, today = as_date(cutoff), dt.date.today()
        if chosen_cutoff is None:
            return nothing
        try:
            status = periods.status(ctx.settings, chosen_cutoff, today)
            rows = periods.delivery(ctx.settings, chosen_cutoff, today)
        except NotPublishedError:
            return nothing
        projects = permissions.visible(user, [p.project_code for p in status.periods])
        rows = [r for r in rows if r.project_code in projects]
        actable = [p for p in projects if permissions.may_submit(user, p)]
        approver = permissions.may_approve(user)
        shown = {}
        queue, queue_style = [], HIDDEN
        if approver:
            queue, queue_style = revision_queue(periods.revision_queue(ctx.settings), lang), {}
        due = delivery.deadline(chosen_cutoff, ctx.settings.submission_deadline_days)
        return (
            delivery_table(rows, lang),
            cutoff_state(chosen_cutoff, status.final, due, lang, today),
            queue, queue_style,
            shown if actable else HIDDEN,
            project_options(actable),
            project if project in actable else (actable[0] if actable else None),
            shown if actable else HIDDEN,
            shown if approver else HIDDEN,
            shown if approver else HIDDEN,
        )

    @app.callback(
        Output(ID["result"], "children"),
        Output(ID["changed"], "data"),
        Output(ID["reason"], "value"),
        Input(ID["submit"], "n_clicks"),
        Input(ID["approve"], "n_clicks"),
        Input(ID["reopen"], "n_clicks"),
        State(ID["cutoff"], "value"),
        State(ID["project"], "value"),
        State(ID["reason"], "value"),
        State(ID["changed"], "data"),
        State("lang", "value"),
        prevent_initial_call=True,
    )
    def _act(_submit, _approve, _reopen, cutoff, project, reason, changed, lang):
        lang = normalise_lang(lang)
        action = {ID[a]: a for a in ACTIONS}.get(callback_context.triggered_id)
        chosen_cutoff, today = as_date(cutoff), dt.date.today()
        if action is None or chosen_cutoff is None or not any((_submit, _approve, _reopen)):
            return no_update, no_update, no_update
        user = ctx.viewer()
        if not project:
            return refused_change(t("periods_choose_project", lang), lang), no_update, no_update
        if not permissions.may_act(user, action, project):  # the server decides, whatever the page offered
            return refused("refused_periods", user, lang), no_update, no_update
        reason = (reason or "").strip()
        if action == "reopen" and not reason:
            return refused_change(t("periods_reason_needed", lang), lang), no_update, no_update
        try:
            if action == "submit":
                period = periods.submit(ctx.settings, user.name, project, chosen_cutoff, today, via="dashboard")
                answer = done(project, chosen_cutoff, period.state, lang)
            elif action == "reopen":
                period = periods.reopen(ctx.settings, user.name, project, chosen_cutoff, reason, today,
                                        via="dashboard")
                answer = done(project, chosen_cutoff, period.state, lang)
            else:
                _approved, final = periods.approve(ctx.settings, user.name, chosen_cutoff, today, project=project,
                                                   via="dashboard")
                answer = done(project, chosen_cutoff, "approved", lang, final=final is not None)
        except (TransitionRefused, NotPublishedError) as exc:
            return refused_change(str(exc), lang), no_update, no_update
        return answer, (changed or 0) + 1, ""

    @app.callback(
        Output(ID["download"], "data"),
        Input(ID["download_button"], "n_clicks"),
        State(ID["cutoff"], "value"),
        prevent_initial_call=True,
    )
    def _download(n_clicks, cutoff):
        from pipelines.access import audit

        user = ctx.viewer()
        chosen_cutoff = as_date(cutoff)
        if not n_clicks or chosen_cutoff is None or user is None:
            return no_update
        rows = periods.delivery(ctx.settings, chosen_cutoff, dt.date.today())
        shown = set(permissions.visible(user, [r.project_code for r in rows]))
        rows = [r for r in rows if r.project_code in shown]
        audit.record(ctx.settings.home, user.name, "download.delivery", cutoff=chosen_cutoff.isoformat(), rows=len(rows), via="dashboard")
        return dcc.send_bytes(("\ufeff" + delivery.to_csv(rows)).encode("utf-8"),
                              f"delivery_status_{chosen_cutoff.isoformat()}.csv", type="text/csv")
