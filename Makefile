# Soin commun: `make run` serves the demo on SQLite; `make test` runs the whole suite.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PG_URL ?= postgresql+psycopg://postgres@127.0.0.1:5432/test

.PHONY: setup run demo test test-pg e2e browser clean

$(BIN)/soin: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(BIN)/soin

setup: $(BIN)/soin

run: setup ## set up, migrate, load demo data once, serve http://127.0.0.1:5000
	SOIN_DEMO=1 $(BIN)/soin db upgrade
	SOIN_DEMO=1 $(BIN)/soin demo --if-empty
	SOIN_DEMO=1 $(BIN)/soin run

browser: ## Debian's chromium for the browser tests (Playwright's own download is not used)
	@command -v chromium >/dev/null || { [ "$$(id -u)" = 0 ] && (apt-get update -qq && apt-get install -y -qq chromium >/dev/null) || { echo "install Debian's chromium (apt-get install chromium)"; exit 1; }; }

test: setup browser ## the whole suite on SQLite, browser tests included
	$(BIN)/pytest -q

test-pg: setup ## the whole suite (browser tests aside) on PostgreSQL
	SOIN_TEST_DATABASE_URL=$(PG_URL) $(BIN)/pytest -q -m "not e2e"

e2e: setup browser
	$(BIN)/pytest -q -m e2e

clean:
	rm -rf $(VENV) instance
