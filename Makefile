# Inspraak: two commands on a fresh machine.
#   make demo   install, build, migrate, load demo data, serve http://127.0.0.1:8000 (+ task worker)
#   make test   install (with dev tools and a browser), lint, run the whole suite (browser tests included)
#               with a coverage summary; PYTEST_ARGS adds options (CI: -m "not browser" on the second database)
SHELL := /bin/bash
.DEFAULT_GOAL := help
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := .venv
export PYTHONDONTWRITEBYTECODE := 1

PYTHON_FOR_VENV = $(shell scripts/find-python)
UV := $(shell command -v uv 2>/dev/null || echo .tools/bin/uv)
VENV_PY := .venv/bin/python
MANAGE := $(VENV_PY) manage.py
CSS := inspraak/core/static/inspraak/inspraak.css
CHROMIUM ?= $(shell command -v chromium 2>/dev/null || command -v chromium-browser 2>/dev/null)

.PHONY: help demo test install install-dev browser syslibs static migrate demo-data serve lint bench loadtest ci clean messages

help:
	@echo "make demo   - install everything and serve the demo on http://127.0.0.1:8000"
	@echo "make test   - install everything (with a browser) and run lint + the whole test suite"
	@echo "make bench  - build a national-scale data set and print a JSON performance report"
	@echo "make loadtest - 50 users for 5 minutes against gunicorn + PostgreSQL, with faults; JSON report"

.tools/bin/uv:
	@echo "== installing uv into .tools (uv was not on PATH)"
	"$(PYTHON_FOR_VENV)" -m venv .tools
	.tools/bin/pip install --quiet --disable-pip-version-check uv

# The virtualenv is rebuilt only when the lock file changed.
.venv/.synced-runtime: uv.lock pyproject.toml | $(UV)
	@echo "== python packages (runtime) with $(PYTHON_FOR_VENV)"
	$(UV) sync --frozen --no-dev --python "$(PYTHON_FOR_VENV)"
	@rm -f .venv/.synced-dev; touch $@

.venv/.synced-dev: uv.lock pyproject.toml | $(UV)
	@echo "== python packages (with dev tools) with $(PYTHON_FOR_VENV)"
	$(UV) sync --frozen --python "$(PYTHON_FOR_VENV)"
	@touch .venv/.synced-runtime $@

node_modules/.installed: package-lock.json
	@echo "== npm packages"
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

$(CSS): node_modules/.installed $(wildcard frontend/*.css)
	@echo "== building CSS"
	npm run --silent build

install: .venv/.synced-runtime node_modules/.installed $(CSS) syslibs

install-dev: .venv/.synced-dev node_modules/.installed $(CSS) browser syslibs

# WeasyPrint (printable PDFs, ADR 8) needs Pango. As root on Debian it is installed when missing.
syslibs:
	@if ! ldconfig -p 2>/dev/null | grep -q libpangoft2-1.0; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "== installing Pango for WeasyPrint"; apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core >/dev/null; \
	  else echo "== WeasyPrint needs Pango: install libpango-1.0-0 and libpangoft2-1.0-0 (or your system's Pango)"; fi; \
	fi

browser:
	@if [ -n "$(CHROMIUM)" ]; then echo "== browser: $(CHROMIUM)"; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  echo "== installing Debian's chromium"; apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else echo "== installing Playwright's chromium"; .venv/bin/playwright install chromium; fi

static: install
	@$(MANAGE) collectstatic --noinput -v 0

migrate: install
	$(MANAGE) migrate --noinput -v 0

demo-data: migrate
	$(MANAGE) load_demo

demo: static demo-data
	@echo "== serving http://127.0.0.1:8000 (task worker runs alongside; Ctrl+C stops both)"
	@INSPRAAK_DEBUG=true $(MANAGE) db_worker --interval 2 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	INSPRAAK_DEBUG=true $(MANAGE) runserver 127.0.0.1:8000 --noreload

lint: .venv/.synced-dev
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .
	$(MANAGE) makemigrations --check --dry-run
	.venv/bin/lint-imports

test: install-dev lint
	@echo "== test suite on $$(echo "$${DATABASE_URL:-sqlite (default)}" | sed -E 's#//[^@/]*@#//#')"
	CHROMIUM_PATH="$$(command -v chromium || command -v chromium-browser || true)" .venv/bin/pytest -p no:cacheprovider \
	  -n 2 --dist loadgroup --durations=20 --cov=inspraak --cov-report=term:skip-covered $(PYTEST_ARGS)

# Not a test: never fails on numbers. DATABASE_URL (PostgreSQL) for the served mode; BENCH_SIZE=small for a quick run.
bench: install
	$(VENV_PY) -m bench.run
	$(VENV_PY) -m bench.table

# Not a test (not in make test or CI): LOADTEST_USERS (50) and LOADTEST_SECONDS (300) make it smaller.
loadtest: install-dev
	scripts/postgres-up
	$(VENV_PY) -m loadtest.run

messages: install
	$(MANAGE) makemessages -l en --ignore=.venv --ignore=node_modules
	$(MANAGE) compilemessages --ignore=.venv

clean:
	rm -rf .venv .tools node_modules staticfiles $(CSS) db.sqlite3*
