# Two commands do everything: `make run` (set up and serve the demo) and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
# The address links in emails, the certificate PDF and the xAPI export point at: by default the
# one `make run` serves, so `make run PORT=8101` sends people to port 8101. Give SITE_URL on the
# command line or in the environment when people reach the site by another name (a proxy).
SITE_URL ?= http://$(HOST):$(PORT)
# Where `make demo` (and so `make run`) writes the emails the demo sends while it loads, instead
# of printing thousands of lines before the sign-in table; relative to this folder.
DEMO_EMAILS ?= demo-emails
# `make test` runs the suite in this many processes (pytest-xdist; "auto" is one per core).
# Tests that must share a process (a real Celery worker, a fixture built once per module) are
# grouped with xdist_group marks (tests/conftest.py), which `--dist loadgroup` keeps together.
TEST_WORKERS ?= auto
# `make bench` (README "Performance"; never part of `make test`): the dataset's scale
# (small or sab), timed requests per page, gunicorn's port (0: a free one), the PostgreSQL
# database (default postgres://postgres@127.0.0.1:5432/bench_<scale>) and the Redis it caches in.
SCALE ?= small
# bench: the bench_data dataset at SCALE; demo: the demo (load_demo), for a quick look.
DATASET ?= bench
REQUESTS ?= 200
BENCH_PORT ?= 0
BENCH_DATABASE_URL ?=
BENCH_REDIS_URL ?= redis://127.0.0.1:6379/12
# SCALEOUT=1: two app servers behind haproxy (or nginx), two Celery workers and a beat, instead
# of the page table (cms/bench/scaleout.py): CLIENTS concurrent clients share SCALEOUT_REQUESTS
# requests per setup while WRITES concerns are raised; the Celery broker is BENCH_BROKER_URL.
SCALEOUT ?=
CLIENTS ?= 8
SCALEOUT_REQUESTS ?= 400
WRITES ?= 10
BENCH_BROKER_URL ?= redis://127.0.0.1:6379/13

.PHONY: run test worker lint install demo clean lock bench

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Python 3.11 is needed ($(PYTHON) not found)"; exit 1; }
	$(PYTHON) -m venv $(VENV)

# Installs exactly the versions pinned in requirements.lock (made from pyproject.toml by `make lock`).
$(STAMP): $(BIN)/python requirements.lock
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	touch $(STAMP)

install: $(STAMP)

demo: install
	$(BIN)/python manage.py migrate --noinput
	@echo "The emails the demo sends while it loads (thousands) are written to $(DEMO_EMAILS)/, one file per batch."
	SITE_URL=$(SITE_URL) EMAIL_URL=filemail:///$(DEMO_EMAILS) $(BIN)/python manage.py load_demo

run: demo
	@echo ""
	@echo "Serving on http://$(HOST):$(PORT)/  (Ctrl+C to stop)"
	SITE_URL=$(SITE_URL) $(BIN)/python manage.py runserver $(HOST):$(PORT)

test: install
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadgroup --durations=25 $(PYTEST_ARGS)

bench: install
	$(BIN)/python manage.py bench --scale $(SCALE) --dataset $(DATASET) --requests $(REQUESTS) --port $(BENCH_PORT) \
		--redis-url $(BENCH_REDIS_URL) $(if $(BENCH_DATABASE_URL),--database-url $(BENCH_DATABASE_URL)) \
		$(if $(SCALEOUT),--scale-out --clients $(CLIENTS) --scale-out-requests $(SCALEOUT_REQUESTS) \
		--writes $(WRITES) --broker-url $(BENCH_BROKER_URL))

worker: install
	SITE_URL=$(SITE_URL) $(BIN)/celery -A cms worker --beat --loglevel=INFO

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

clean:
	rm -rf $(VENV) static_collected .pytest_cache

# Re-resolve pyproject.toml's ranges in a scratch venv and pin the result.
lock:
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/python -m pip install --quiet --upgrade pip
	.lock-venv/bin/python -m pip install --quiet ".[dev]"
	.lock-venv/bin/python -m pip freeze --exclude-editable | grep -v closed-cultures-platform > requirements.lock
	rm -rf .lock-venv
