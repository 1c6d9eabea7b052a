# Two commands: `make serve` (set up, then serve the site) and `make test` (set up, then every test).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: serve build validate test test-fast chromium clean

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -c constraints.txt -e '.[test]'
	touch $(STAMP)

# --dirty: a save rebuilds only the pages it changed (the plugin tells MkDocs which; site/incremental.py)
serve: $(STAMP)
	$(BIN)/mkdocs serve --livereload --dirty

build: $(STAMP)
	$(BIN)/mkdocs build --strict

validate: $(STAMP)
	$(BIN)/vnus-kb validate --strict

chromium:
	scripts/ensure-chromium

test: $(STAMP) chromium
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy
	$(BIN)/vnus-kb validate --strict
	$(BIN)/python -m pytest -m "" -p no:cacheprovider

test-fast: $(STAMP)
	$(BIN)/python -m pytest

clean:
	rm -rf site out .pytest_cache .mypy_cache .ruff_cache
