"""Dagster resources. Configuration flows one way: environment -> Settings -> resources."""

from __future__ import annotations

from pathlib import Path

from dagster import ConfigurableResource

from pipelines.settings import Settings


class ImpactHome(ConfigurableResource):
    """Where the pipeline's state lives (IMPACT_HOME) and the indicator settings."""

    home: str
    long_term_unemployment_rule: str = "eu"
    disclosure_k: int = 5  # the public export's threshold (IMPACT_DISCLOSURE_K)
    # `impact build` through Dagster: the inputs it started from (pipelines/warehouse/build_inputs.py,
    # as JSON), recorded in the published copy so that an unchanged rebuild can be skipped.
    # Empty in `make dev`, where nothing holds the inputs still while the graph runs.
    build_inputs_json: str = ""
    # `impact build --force` through Dagster: load the raw tables whole, not in place.
    full_raw_load: bool = False

    def settings(self) -> Settings:
        return Settings(
            home=Path(self.home).expanduser().resolve(),
            long_term_unemployment_rule=self.long_term_unemployment_rule,
            disclosure_k=self.disclosure_k,
        )

