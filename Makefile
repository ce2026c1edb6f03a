# Two commands for a newcomer: `make run` (a brief of the example corpus, or the bot when a token is set)
# and `make test` (the whole suite). Both build .venv from nothing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: install dev run test lint eval bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.dev-installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $(VENV)/.installed $@

install: $(VENV)/.installed

dev: $(VENV)/.dev-installed

run: install
	$(BIN)/briefings run

# The tests run on SQLite and on PostgreSQL: scripts/postgres-test-server starts a throwaway server around pytest
# (or uses BRIEFINGS_TEST_POSTGRES_URL when set) and stops it after; a server that cannot start fails the run.
test: dev
	scripts/postgres-test-server run -- $(BIN)/python -m pytest -q $(PYTEST_ARGS)

lint: dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

# Score every corpus of tests/score_floors.json (seeds, real dev and test, examples, written dev, blind a-f), one row
# each; corpora absent here (../shared) are skipped. EVAL_ARGS passes options, e.g. EVAL_ARGS="--skip real-test".
eval: install
	$(BIN)/python -m briefings.evaluate $(EVAL_ARGS)

bench: dev
	$(BIN)/python benchmarks/ingest.py
	$(BIN)/python benchmarks/extract.py
	$(BIN)/python benchmarks/bot.py
	$(BIN)/python benchmarks/fetch.py
	$(BIN)/python benchmarks/soak.py

clean:
	rm -rf $(VENV) data build *.egg-info .pytest_cache .mypy_cache .ruff_cache
