# The two commands of the quickstart: `make demo` and `make test`. Both set everything up.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
UV := $(shell command -v uv 2>/dev/null || echo "$(PYTHON) -m uv")
export IMPACT_HOME ?= $(CURDIR)/data
export UV_PYTHON_DOWNLOADS := never

.PHONY: install manifest demo test serve build docs bench clean

install: ## create .venv from the lock file (installs uv with pip when missing)
	@command -v uv >/dev/null 2>&1 || $(PYTHON) -m uv --version >/dev/null 2>&1 || $(PYTHON) -m pip install --quiet uv
	@# Bytecode compiled here: where PYTHONDONTWRITEBYTECODE is set (CI, some shells) every
	@# command would otherwise compile its imports again (≈ 0.5 s of each `impact ingest`).
	@# The first sync takes ≈ 15 s longer, later ones ≈ 0.4 s.
	@$(UV) sync --frozen --python $(PYTHON) --quiet --compile-bytecode
	@$(BIN)/python -m compileall -q -j 0 pipelines indicators dashboards >/dev/null 2>&1 || true

manifest: install ## parse the dbt project when it changed (Dagster loads its manifest)
	@$(BIN)/python -c "from pipelines.warehouse.dbt_sources import prepare_manifest; prepare_manifest()"

demo: manifest ## generate demo data, ingest, build and export in Dagster, serve (dashboard :8050, Dagster UI :3070)
	$(BIN)/impact demo

test: manifest ## the whole test suite
	$(BIN)/pytest -q

build: manifest
	$(BIN)/impact build

serve: manifest ## the service: dashboard, Dagster UI and daemon, a Dagster run after every upload
	$(BIN)/impact serve

DOCS_DIR := $(CURDIR)/dbt_project/target/docs
DBT_DOCS = IMPACT_WAREHOUSE="$(1)" DBT_SEND_ANONYMOUS_USAGE_STATS=false $(BIN)/dbt --quiet docs generate --static $(2) \
	--project-dir dbt_project --profiles-dir dbt_project --target-path $(DOCS_DIR) --log-path $(DOCS_DIR)/logs

docs: install ## dbt docs with lineage from the uploads to the dashboard and exports (exposures)
	@# With a built warehouse the docs show its column types and row counts; without one (or
	@# while a build holds it) they are generated from the project alone.
	@warehouse="$(IMPACT_HOME)/warehouse/warehouse.duckdb"; \
	if [ -f "$$warehouse" ] && $(call DBT_DOCS,$$warehouse,) 2>/dev/null; then :; \
	else $(call DBT_DOCS,:memory:,--empty-catalog); fi
	@echo "dbt docs: $(DOCS_DIR)/static_index.html (one file, opens offline in a browser)"

bench: manifest ## time ingest/build/export/dashboard at 10k, 100k, 1M participants vs the DuckDB floor (bench/results/)
	@# Users' interpreters cache bytecode after the first run; where PYTHONDONTWRITEBYTECODE is
	@# set (CI, some shells) every start would compile the sources again: compile them once.
	@$(BIN)/python -m compileall -q -j 0 $(VENV)/lib/python*/site-packages pipelines indicators dashboards bench >/dev/null 2>&1 || true
	$(BIN)/pytest -q -m bench -n 0 tests/integration/test_bench.py  # the harness end to end at a tiny size first
	$(BIN)/python -m bench.run $(BENCH_ARGS)

clean:
	rm -rf $(VENV) dbt_project/target dbt_project/logs .pytest_cache
