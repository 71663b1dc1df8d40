"""What the page callbacks of one app share: settings, the published copy, the service's build
runs, the Dagster UI's address and the pending uploads. One per app (create_app), passed to every
page's `register_callbacks(app, ctx)`; nothing global, so several apps can live in one process."""

from __future__ import annotations

from dataclasses import dataclass, field

from dashboards.builds import BuildRuns, dagster_ui
from dashboards.data import PublishedCopy
from dashboards.upload_service import UploadStash
from pipelines.settings import Settings


@dataclass
class AppContext:
    settings: Settings
    copy: PublishedCopy
    builds: BuildRuns
    dagster_ui: str  # e.g. http://127.0.0.1:3070, where a build run's details are
    stash: UploadStash = field(default_factory=UploadStash)

    @classmethod
    def for_settings(cls, settings: Settings) -> "AppContext":
        return cls(settings, PublishedCopy(settings.published_dir), BuildRuns(settings), dagster_ui())
