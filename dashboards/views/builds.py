"""What the pages show of the service's build runs (dashboards/builds.py): on the upload page, how
far the build of the file just applied has got; in the shell, on every page, that the latest
build failed and the numbers shown are older."""

from __future__ import annotations

from dash import html

from dashboards.builds import BuildRuns, UploadBuild, run_url
from dashboards.data import PublishedCopy
from dashboards.i18n import format_percent, format_timestamp, normalise_lang, t
from dashboards.views.common import current
from pipelines.service.runs import BuildRun


def _run_link(run_id: str, dagster: str, lang: str) -> html.P:
    return html.P(
        className="note",
        children=[
            t("build_run", lang, run_id=run_id), " ",
            html.A(t("build_run_link", lang), href=run_url(dagster, run_id), target="_blank",
                   rel="noopener"),
        ],
    )


def upload_build_view(build: UploadBuild | None, lang: str | None, dagster: str) -> list:
    """`build` of the applied upload (None before anything was applied)."""
    lang = normalise_lang(lang)
    if build is None:
        return []
    percent = format_percent(build.progress, lang, 0)
    texts = {
        "waiting": ("build_waiting", "info"),
        "running": ("build_running", "info"),
        "done": ("build_done", "ok"),
        "failed": ("build_failed", "error"),
    }
    key, kind = texts[build.state]
    children = [
        html.P(t(key, lang, percent=percent), id="upload-build-text"),
        html.Progress(
            value=str(round(build.progress * 100)),
            max="100",
            **{"aria-label": t("build_progress", lang)},
        ),
    ]
    if build.state == "failed":
        children.append(_run_link(build.run_id, dagster, lang))
    return [
        html.Div(
            className=f"message message-{kind} build-status build-{build.state}",
            role="alert" if build.state == "failed" else "status",
            **{"aria-live": "polite"},
            children=children,
        )
    ]


def failed_build_notice(latest: BuildRun | None, built_at: str | None, lang: str | None,
                        dagster: str) -> list:
    """The shell's notice when the latest build run failed (nothing otherwise): the published
    copy the pages show is from an earlier build."""
    lang = normalise_lang(lang)
    if latest is None or latest.status != "FAILURE":
        return []
    text = (t("build_failed_notice", lang, built_at=format_timestamp(built_at, lang)) if built_at
            else t("build_failed_notice_nothing", lang))
    return [
        html.Div(
            className="message message-error build-notice",
            role="alert",
            children=[html.P(text), _run_link(latest.run_id, dagster, lang)],
        )
    ]


def build_notice(copy: PublishedCopy, builds: BuildRuns, lang: str | None, dagster: str) -> list:
    """failed_build_notice for the latest run and the copy the pages show."""
    snap, _error = current(copy)
    built_at = snap.manifest["built_at"] if snap is not None else None
    return failed_build_notice(builds.latest(), built_at, lang, dagster)
