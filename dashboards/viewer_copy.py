"""The published copy as one viewer may see it: what every page reads for a request.

`ViewerCopy` has the interface of the reader's PublishedCopy that the views use (`snapshot()`,
`current_version()`, `published_dir`), so the views need not know who is asking; its
`snapshot()` is the current snapshot in the viewer's shape (pipelines/publish/shapes.py: exact
for programme-wide roles, a project manager's own projects exact and the rest public, an
anonymous visitor public only), the same shape the API answers in. It wraps the one shared
PublishedCopy, so the Parquet files and the shapes' memo are read once per version for all.
"""

from __future__ import annotations

from pathlib import Path

from pipelines.access.roles import User
from pipelines.publish import shapes
from pipelines.publish.reader import PublishedCopy, Snapshot


class ViewerCopy:
    def __init__(self, copy: PublishedCopy, user: User | None, k: int):
        self.copy = copy
        self.user = user
        self.k = k

    @property
    def published_dir(self) -> Path:
        return self.copy.published_dir

    def current_version(self) -> str | None:
        return self.copy.current_version()

    def snapshot(self) -> Snapshot | shapes.ViewerSnapshot | None:
        """The current version in the viewer's shape; None when nothing is published (raises
        PublishedCopyError as the reader does)."""
        snap = self.copy.snapshot()
        return None if snap is None else shapes.view(snap, self.user, self.k)
