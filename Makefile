# PMO Portal: the same commands run locally and in CI (.ci/run calls `make test`).
#   make run     create .venv, install, compile translations, migrate, load the demo, serve :8000 (DEBUG off)
#   make test    install dev tools, lint, check migrations, run the whole suite on real PostgreSQL + Redis
#   make worker  Celery worker (needs REDIS_URL)      make beat   Celery beat scheduler (needs REDIS_URL)
#   make lint    ruff check + ruff format --check     make bench  run every bench/bench_*.py
#   make fuzz    schemathesis over the API's schema as admin, PM and team member, long run (make test runs a short one)

PYTHON_FOR_VENV ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip --disable-pip-version-check
RUN_STAMP := $(VENV)/.installed-runtime
DEV_STAMP := $(VENV)/.installed-dev
NODE_STAMP := node_modules/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=

.DEFAULT_GOAL := help
.PHONY: help run test lint worker beat bench fuzz messages migrate install install-dev

help:
	@sed -n '2,6p' Makefile | sed 's/^# *//'

$(PY):
	$(PYTHON_FOR_VENV) -m venv $(VENV)
	$(PIP) install -q --upgrade pip

# Stamps make a second `make run` / `make test` skip pip when the requirements files did not change.
$(RUN_STAMP): requirements.txt | $(PY)
	$(PIP) install -q -r requirements.txt
	@touch $@

$(DEV_STAMP): requirements.txt requirements-dev.txt | $(PY)
	$(PIP) install -q -r requirements-dev.txt
	@touch $@ $(RUN_STAMP)

# The front-end libraries (ECharts) from npm, exactly as package-lock.json pins them; served by staticfiles.
$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

install: $(RUN_STAMP) $(NODE_STAMP)
install-dev: $(DEV_STAMP)

# Compiled catalogs (.mo) are not committed; build them from every .po outside the venv.
messages: $(RUN_STAMP)
	@if find . -path ./$(VENV) -prune -o -path ./node_modules -prune -o -name '*.po' -print | grep -q .; then \
		$(PY) manage.py compilemessages --ignore=$(VENV) --ignore=node_modules --ignore=staticfiles -v 0 \
			&& echo "compilemessages: catalogs compiled"; \
	else \
		echo "compilemessages: no .po files yet, skipped"; \
	fi

migrate: $(RUN_STAMP)
	$(PY) manage.py migrate --noinput

run: $(RUN_STAMP) $(NODE_STAMP) messages migrate
	$(PY) manage.py seed_demo
	$(PY) manage.py seed_demo_rollups
	$(PY) manage.py runserver $(HOST):$(PORT)

lint: $(DEV_STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

# pytest's own exit status is kept: 5 ("no tests collected") fails the target like any failure.
test: $(DEV_STAMP) $(NODE_STAMP) messages lint
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) -m pytest -p no:cacheprovider $(PYTEST_ARGS)

worker: $(RUN_STAMP)
	@test -n "$$REDIS_URL" || echo "warning: REDIS_URL is not set; the worker has no broker to share with the web process" >&2
	$(VENV)/bin/celery -A pmo_portal worker --loglevel=INFO

beat: $(RUN_STAMP)
	@test -n "$$REDIS_URL" || echo "warning: REDIS_URL is not set; scheduled tasks go nowhere a worker can see" >&2
	$(VENV)/bin/celery -A pmo_portal beat --loglevel=INFO --schedule=$(VENV)/celerybeat-schedule

# The bounded pass in `make test` sends 5 examples per operation and role; this one sends
# FUZZ_EXAMPLES with the coverage phase (boundary values of every parameter) on. Minutes, not seconds.
FUZZ_EXAMPLES ?= 100
fuzz: $(DEV_STAMP) messages
	PMO_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) PMO_FUZZ_COVERAGE=1 $(PY) -m pytest -p no:cacheprovider tests/test_api_fuzz.py $(PYTEST_ARGS)

bench: $(DEV_STAMP)
	@set -e; for script in bench/bench_*.py; do echo "== $$script"; $(PY) $$script; done
