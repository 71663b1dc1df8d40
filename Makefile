# The two commands of the quickstart: `make demo` and `make test`. Both set everything up.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
UV := $(shell command -v uv 2>/dev/null || echo "$(PYTHON) -m uv")
export IMPACT_HOME ?= $(CURDIR)/data
export UV_PYTHON_DOWNLOADS := never

.PHONY: install manifest demo test test-fast dev serve build docs clean

install: ## create .venv from the lock file (installs uv with pip when missing)
	@command -v uv >/dev/null 2>&1 || $(PYTHON) -m uv --version >/dev/null 2>&1 || $(PYTHON) -m pip install --quiet uv
	@$(UV) sync --frozen --python $(PYTHON) --quiet

manifest: install ## parse the dbt project when it changed (Dagster loads its manifest)
	@$(BIN)/python -c "from pipelines.dbt_project import prepare_manifest; prepare_manifest()"

demo: manifest ## generate demo data, ingest, build, export, and serve the dashboard on :8050
	$(BIN)/impact demo

test: manifest ## the whole test suite
	$(BIN)/pytest -q

dev: manifest ## the Dagster UI on the same definitions
	mkdir -p $(IMPACT_HOME)/dagster
	IMPACT_LONG_TERM_UNEMPLOYMENT_RULE=$${IMPACT_LONG_TERM_UNEMPLOYMENT_RULE:-eu} \
	DAGSTER_HOME=$(IMPACT_HOME)/dagster $(BIN)/dagster dev -m pipelines.definitions

build: manifest
	$(BIN)/impact build

serve: install
	$(BIN)/impact serve

clean:
	rm -rf $(VENV) dbt_project/target dbt_project/logs .pytest_cache
