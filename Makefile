# Two commands do everything on a fresh machine: `make run` and `make test`.
SHELL := /bin/bash
VENV ?= .venv
PYTHON ?= python3
PORT ?= 5000
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app wsgi
CATALOGUES := $(patsubst %.po,%.mo,$(wildcard jobbes/translations/*/LC_MESSAGES/messages.po))

.PHONY: run test unit e2e-database mutation install translations extract-messages static lint format bench clean

# The web server and the worker that sends emails and runs the daily jobs, together (Procfile).
run: install translations static ## Set up, migrate, seed demo data, serve on http://127.0.0.1:$(PORT) and start the worker
	$(FLASK) db upgrade
	$(FLASK) jobbes seed-demo
	VENV_BIN=$(BIN) $(BIN)/honcho start -f Procfile -p $(PORT)

test: install translations static ## The whole suite (set JOBBES_TEST_DATABASE_URL for PostgreSQL)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/pytest

unit: install translations static ## Everything but the browser tests: the quick loop
	$(BIN)/pytest --ignore=tests/e2e -q

# The browser tests that depend on the database (marked e2e_both_databases); CI runs the others
# on SQLite only.
e2e-database: install translations static
	$(BIN)/pytest tests/e2e -m e2e_both_databases

# Mutation testing, bounded in time and resumable (mutmut keeps its results in mutants/): by
# default the matching rules and the interests' flow; MUTANTS='jobbes.services.*' widens it to
# every service (see [tool.mutmut] in pyproject.toml). A run cut off by the time limit still
# reports what it found.
MUTANTS ?= jobbes.matching.* jobbes.services.interests.*
MUTATION_MINUTES ?= 15
mutation: install translations static
	timeout $(MUTATION_MINUTES)m $(BIN)/mutmut run --max-children 1 $(foreach m,$(MUTANTS),'$(m)') || test $$? -eq 124
	$(BIN)/mutmut results

install: $(VENV)/.installed

$(VENV)/.installed: requirements.txt requirements-dev.txt
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

translations: install $(CATALOGUES)

%.mo: %.po
	$(BIN)/pybabel compile --statistics -i $< -o $@

# Gather every translatable string into the catalogues after changing text in code or templates.
# (PYTHONPATH: babel.cfg names Jobbes' own Jinja extension, which the extractor must import.)
extract-messages: install
	PYTHONPATH=. $(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext -o jobbes/translations/messages.pot --no-location --sort-output --no-wrap --project Jobbes .
	$(BIN)/pybabel update -i jobbes/translations/messages.pot -d jobbes/translations --no-fuzzy-matching --ignore-obsolete --no-wrap

# whitenoise serves gzip copies of static files to browsers that accept them.
static: install
	$(BIN)/python -m jobbes.static_files

lint:
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format:
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# The daily saved-search run over 10,000 searches (bench/saved_searches.py, a temporary SQLite
# file), then a load test of 100,000 listings under gunicorn with wrk (needs wrk; bench/run.py).
# BENCH_DATABASE=postgresql+psycopg://... benchmarks PostgreSQL instead of a SQLite file.
bench: install translations static
	$(BIN)/python bench/saved_searches.py
	$(BIN)/python bench/run.py $(if $(BENCH_DATABASE),--database $(BENCH_DATABASE))
	$(BIN)/python bench/notify.py $(if $(BENCH_DATABASE),--database $(BENCH_DATABASE))
	$(BIN)/python bench/indicators.py $(if $(BENCH_DATABASE),--database $(BENCH_DATABASE))

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .mypy_cache test-results mutants
	find static -name '*.gz' -delete
	rm -rf static/build
	find jobbes/translations -name '*.mo' -delete
