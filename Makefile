# Two commands do everything on a fresh machine: `make run` and `make test`.
SHELL := /bin/bash
VENV ?= .venv
PYTHON ?= python3
PORT ?= 5000
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app wsgi
CATALOGUES := $(patsubst %.po,%.mo,$(wildcard jobbes/translations/*/LC_MESSAGES/messages.po))

.PHONY: run test install translations extract-messages static lint format bench clean

run: install translations static ## Set up, migrate, seed demo data and serve on http://127.0.0.1:$(PORT)
	$(FLASK) db upgrade
	$(FLASK) jobbes seed-demo
	$(FLASK) run --host 127.0.0.1 --port $(PORT)

test: install translations static ## The whole suite (set JOBBES_TEST_DATABASE_URL for PostgreSQL)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/pytest

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

# Load-test 100,000 listings under gunicorn with wrk (needs wrk); see bench/run.py.
# BENCH_DATABASE=postgresql+psycopg://... benchmarks PostgreSQL instead of a SQLite file.
bench: install translations static
	$(BIN)/python bench/run.py $(if $(BENCH_DATABASE),--database $(BENCH_DATABASE))

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache test-results
	find static -name '*.gz' -delete
	rm -rf static/build
	find jobbes/translations -name '*.mo' -delete
