# Soin commun: `make run` serves the demo on SQLite; `make test` runs the whole suite.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PG_URL ?= postgresql+psycopg://postgres@127.0.0.1:5432/test

# the suite in parallel (pytest-xdist), one database per worker process; TEST_JOBS=0 runs it serially
TEST_JOBS ?= auto
XDIST := $(if $(filter 0,$(TEST_JOBS)),,-n $(TEST_JOBS))

.PHONY: setup run demo test test-pg e2e browser lint clean

# what runs the platform, nothing else (`make run`)
$(BIN)/soin: pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "Python 3.11 or newer is needed"; exit 1; }
	$(PYTHON) -m venv $(VENV) || { echo "Python's venv module is missing: on Debian, apt-get install python3-venv"; exit 1; }
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	touch $(BIN)/soin

# plus the test tools (pytest, xdist, Playwright's Python package: never its browser download)
$(BIN)/pytest: $(BIN)/soin
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(BIN)/pytest

setup: $(BIN)/pytest ## a development environment: the platform and its test tools

run: $(BIN)/soin ## set up (runtime only), migrate, load demo data once, serve http://127.0.0.1:5000
	SOIN_DEMO=1 $(BIN)/soin db upgrade
	SOIN_DEMO=1 $(BIN)/soin demo --if-empty
	SOIN_DEMO=1 $(BIN)/soin run

browser: ## Debian's chromium for the browser tests (Playwright's own download is not used)
	@command -v chromium >/dev/null || { [ "$$(id -u)" = 0 ] && (apt-get update -qq && apt-get install -y -qq --no-install-recommends chromium >/dev/null) || { echo "install Debian's chromium (apt-get install --no-install-recommends chromium)"; exit 1; }; }

test: setup browser ## the whole suite on SQLite, browser tests included
	$(BIN)/pytest -q $(XDIST)

test-pg: setup ## the whole suite (browser tests aside) on PostgreSQL
	SOIN_TEST_DATABASE_URL=$(PG_URL) $(BIN)/pytest -q $(XDIST) -m "not e2e"

e2e: setup browser
	$(BIN)/pytest -q $(XDIST) -m e2e

lint: setup ## ruff (pyflakes, bugbear, pyupgrade), import order (isort), the typed contract (mypy)
	$(BIN)/ruff check .
	$(BIN)/isort --check-only --quiet .
	$(BIN)/mypy

clean:
	rm -rf $(VENV) instance
