"""The benchmark harness (`make bench`, `python -m bench.run`): the pipeline as a user runs it,
timed against the DuckDB floor on the same generated files. See bench/run.py."""
