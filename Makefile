# Plenary — set-up, run and test. Every target installs what it needs first.
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8501
export PLENARY_DATABASE_URL ?= sqlite:///$(CURDIR)/var/plenary.sqlite3

.PHONY: setup run init test test-db lint clean

$(BIN)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $@

setup: $(BIN)/.installed

init: setup
	$(BIN)/plenary init

run: init
	$(BIN)/streamlit run streamlit_app.py --server.port $(PORT) --server.headless true \
		--browser.gatherUsageStats false

test: setup
	$(BIN)/pytest --cov=governance --cov-report=term:skip-covered

# The database-backed tests only (CI runs these again on PostgreSQL via .ci/with-postgres).
test-db: setup
	$(BIN)/pytest -m db

lint: setup
	$(BIN)/ruff check governance tests pages streamlit_app.py migrations
	$(BIN)/mypy

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache .coverage
