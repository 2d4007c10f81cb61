# The two commands a newcomer needs: `make run` and `make test`. Both install first.
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

.PHONY: install run test lint bench clean

install: $(STAMP)

$(STAMP): requirements.txt requirements-dev.txt pyproject.toml
	test -x $(BIN)/python || python3 -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-dev.txt
	$(BIN)/pip install --quiet --no-deps -e .
	touch $(STAMP)

## Ingest corpus/ into ./data/store, then serve the API, SPARQL endpoint and docs on :8000.
run: install
	$(BIN)/newsgraph ingest corpus/
	$(BIN)/newsgraph stats
	$(BIN)/newsgraph serve

## Lint, type-check, then run every test (real models, real store, the pages in Debian's chromium),
## a test module per worker on two workers; prints the duration and the ten slowest tests.
## The quick loop while working: .venv/bin/python -m pytest -m "not e2e"
test: install lint
	scripts/browser.sh
	$(BIN)/python -m pytest -q -n 2 --dist loadfile --durations=10

lint: install
	$(BIN)/ruff check newsgraph tests bench
	$(BIN)/mypy newsgraph
	$(BIN)/lint-imports --no-cache

bench: install
	$(BIN)/python bench/ingest.py
	$(BIN)/python bench/retrieval.py

clean:
	rm -rf data/store
