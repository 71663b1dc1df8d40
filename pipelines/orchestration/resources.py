"""The Dagster resources of every stage. Configuration flows one way: environment -> Settings ->
resources (the module-level definitions read IMPACT_HOME and the indicator settings through
EnvVar at run time; the service and the demo pass their Settings)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from dagster import ConfigurableResource, EnvVar, InitResourceContext

from pipelines.settings import Settings
from pipelines.writer_lock import writer_lock


class ImpactHome(ConfigurableResource):
    """Where the pipeline's state lives (IMPACT_HOME) and the indicator settings."""

    home: str
    long_term_unemployment_rule: str = "eu"
    disclosure_k: int = 5  # the public export's threshold (IMPACT_DISCLOSURE_K)

    @classmethod
    def from_settings(cls, settings: Settings) -> "ImpactHome":
        return cls(home=str(settings.home), long_term_unemployment_rule=settings.long_term_unemployment_rule,
                   disclosure_k=settings.disclosure_k)

    @classmethod
    def from_env(cls) -> "ImpactHome":
        return cls(home=EnvVar("IMPACT_HOME"),
                   long_term_unemployment_rule=EnvVar("IMPACT_LONG_TERM_UNEMPLOYMENT_RULE"),
                   disclosure_k=EnvVar.int("IMPACT_DISCLOSURE_K"))

    def settings(self) -> Settings:
        return Settings(
            home=Path(self.home).expanduser().resolve(),
            long_term_unemployment_rule=self.long_term_unemployment_rule,
            disclosure_k=self.disclosure_k,
        )


class WriterLock(ConfigurableResource):
    """Holds the home's writer lock (pipelines/writer_lock.py) for the whole run, so that a
    run's steps serialise with `impact ingest`, `impact build` and the upload page."""

    home: str

    @contextlib.contextmanager
    def yield_for_execution(self, context: InitResourceContext) -> Iterator["WriterLock"]:
        settings = Settings(home=Path(self.home).expanduser().resolve())
        with writer_lock(settings.lock_path):
            yield self
