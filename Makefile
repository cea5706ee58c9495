# Plenary — set-up, run and test. Every target installs what it needs first.
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8501
export PLENARY_DATABASE_URL ?= sqlite:///$(CURDIR)/var/plenary.sqlite3
export PLENARY_STATE_DIR ?= $(CURDIR)/var

LANGUAGES := fr pt es ru
SOURCES := governance ui pages streamlit_app.py
PO := $(foreach l,$(LANGUAGES),locales/$(l)/LC_MESSAGES/messages.po)
MO := $(PO:.po=.mo)

.PHONY: setup run init test test-db lint clean catalogs races bench

$(BIN)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $@

# Compiled catalogs are built here, never committed.
locales/%/LC_MESSAGES/messages.mo: locales/%/LC_MESSAGES/messages.po $(BIN)/.installed
	$(BIN)/pybabel -q compile -d locales -l $* -D messages

setup: $(BIN)/.installed $(MO)

# After changing user-visible strings: re-extract and merge into every catalog, then translate
# the new entries (the tests fail on any untranslated or fuzzy one).
catalogs: $(BIN)/.installed
	$(BIN)/pybabel -q extract -F pyproject.toml -k N_ -k ngettext:1,2 --no-location \
		--sort-output --project=Plenary -o locales/messages.pot $(SOURCES)
	for l in $(LANGUAGES); do \
		if [ -f locales/$$l/LC_MESSAGES/messages.po ]; then \
			$(BIN)/pybabel -q update -i locales/messages.pot -d locales -l $$l --no-fuzzy-matching; \
		else $(BIN)/pybabel -q init -i locales/messages.pot -d locales -l $$l; fi; \
	done

init: setup
	$(BIN)/plenary init

run: init
	$(BIN)/python -m ui.serve run ui/app.py --server.port $(PORT) --server.headless true \
		--browser.gatherUsageStats false

test: setup
	$(BIN)/pytest --cov=governance --cov-report=term:skip-covered

# The database-backed tests only (CI runs these again on PostgreSQL via .ci/with-postgres).
test-db: setup
	$(BIN)/pytest -m "db and not browser"

lint: setup
	$(BIN)/ruff check governance ui tests pages streamlit_app.py migrations bench
	$(BIN)/ruff format --check governance ui tests pages streamlit_app.py migrations bench
	$(BIN)/mypy

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache .coverage

# Writers racing on every check-then-write rule on a throwaway PostgreSQL (figures, exit 1 on a
# broken rule or an unclear error). RACE_ARGS="--threads 30 --seconds 20" by default.
RACE_ARGS ?= --threads 30 --seconds 20
races: setup
	.ci/with-postgres $(BIN)/python bench/races.py $(RACE_ARGS)

# The record at scale (issue 9): pages, CLI reads, 50 sessions on a throwaway PostgreSQL, memory
# and start-up at 1x, 10x and 100x demo-data; table + bench/results.json, exit 1 on a missed
# target. Databases are cached in var/bench. BENCH_ARGS=--quick: 1x and 10x only.
BENCH_ARGS ?=
bench: setup
	$(BIN)/python bench/scale.py $(BENCH_ARGS)
