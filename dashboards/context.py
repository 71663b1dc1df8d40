"""What the page callbacks of one app share: settings, the published copy, who is asking, the
service's build runs, the Dagster UI's address and the pending uploads. One per app
(create_app), passed to every page's `register_callbacks(app, ctx)`; nothing global, so several
apps can live in one process.

Pages never read `copy` itself: `published()` gives the copy in the shape the current request's
viewer may see, the one thing the pages, the exports page and the API agree on.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from dashboards.builds import BuildRuns, dagster_ui
from dashboards.upload_service import UploadStash
from dashboards.viewer_copy import ViewerCopy
from pipelines.access.roles import User
from pipelines.publish.reader import PublishedCopy
from pipelines.settings import Settings


@dataclass
class AppContext:
    settings: Settings
    copy: PublishedCopy  # the exact copy, shared with the API: read it through published()
    viewer: Callable[[], User | None]  # who the current request works for (None: anonymous)
    builds: BuildRuns
    dagster_ui: str  # e.g. http://127.0.0.1:3070, where a build run's details are
    public_view: bool = False  # anonymous visitors may read the public shape (IMPACT_PUBLIC=1)
    stash: UploadStash = field(default_factory=UploadStash)

    @property
    def k(self) -> int:
        """The disclosure threshold: counts 1..k-1 are hidden from those who may not see them."""
        return self.settings.disclosure_k

    @classmethod
    def for_settings(cls, settings: Settings, viewer: Callable[[], User | None], *,
                     public_view: bool = False) -> "AppContext":
        return cls(settings, PublishedCopy(settings.published_dir), viewer, BuildRuns(settings),
                   dagster_ui(), public_view)

    def published(self) -> ViewerCopy:
        """What the pages read for the current request: the copy in its viewer's shape."""
        return ViewerCopy(self.copy, self.viewer(), self.k)
