# Two commands for a newcomer: `make run` and `make test`. Everything else is a step of theirs.
# Each step is a file target, so a second run does only what changed.

SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
# Local development runs with DEBUG on unless the environment says otherwise.
export DEBUG ?= true
# Emailed links and certificate QR codes name SITE_URL: under `make run` it is the address being
# served, unless SITE_URL is set in the environment or in .env (which the settings read).
ifeq ($(SITE_URL)$(shell grep -s '^[[:space:]]*SITE_URL=[^[:space:]]' .env),)
run: export SITE_URL = http://$(HOST):$(PORT)
endif

# Credentials (Open Badges) are signed with a key outside the repository: under `make run` a
# development key in private/ (git-ignored), made on first run, unless one is configured.
DEV_CREDENTIAL_KEY := private/credential-signing-key.pem
ifeq ($(CREDENTIAL_SIGNING_KEY)$(CREDENTIAL_SIGNING_KEY_FILE)$(shell grep -s '^[[:space:]]*CREDENTIAL_SIGNING_KEY\(_FILE\)\?=[^[:space:]]' .env),)
run: export CREDENTIAL_SIGNING_KEY_FILE = $(CURDIR)/$(DEV_CREDENTIAL_KEY)
endif

CSS := static/dist/css/main.css
GOVUK_DIST := node_modules/govuk-frontend/dist/govuk
GOVUK_JS := static/dist/govuk/govuk-frontend.bundle.js
# The bundle's last line names its source map, `all.bundle.js.map`, relative to itself; the
# manifest storage of `collectstatic` (DEBUG off) fails when that file is absent, so it is
# copied under that name beside the bundle. A target of its own, so a checkout built before
# gets it from `make assets` without `make clean`.
GOVUK_JS_MAP := static/dist/govuk/all.bundle.js.map
SCSS := $(shell find assets/scss -name '*.scss' 2>/dev/null)

.PHONY: run test install assets migrate seed credential-key lint bench lock browser-deps clean

run: install assets migrate seed credential-key
	@echo
	@echo "  Serving on http://$(HOST):$(PORT)/  (admin: http://$(HOST):$(PORT)/admin/)"
	@echo "  Demo logins: admin, trainer, moderator, coordinator.wmp, chair.sandwell, staff.wmp, staff.solihull"
	@echo "  Password: $${DEMO_PASSWORD:-safeguarding-demo}"
	@echo
	$(PY) manage.py runserver $(HOST):$(PORT)

install: $(VENV)/.installed

$(VENV)/.installed: requirements.lock
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.lock
	@touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

assets: $(CSS) $(GOVUK_JS) $(GOVUK_JS_MAP)

$(CSS): node_modules/.installed $(SCSS)
	npx sass --pkg-importer=node --no-source-map --style=compressed --quiet-deps assets/scss/main.scss $@

# The fonts go: the brand is Arial ($govuk-include-default-font-face: false), so the CSS names
# none; the manifest storage fails on any url() in it that is missing, so CI would say if one did.
$(GOVUK_JS): node_modules/.installed
	@mkdir -p $(@D)
	cp $(GOVUK_DIST)/all.bundle.js $@
	rm -rf static/dist/govuk/assets && cp -r $(GOVUK_DIST)/assets static/dist/govuk/assets
	rm -rf static/dist/govuk/assets/fonts

$(GOVUK_JS_MAP): node_modules/.installed
	@mkdir -p $(@D)
	cp $(GOVUK_DIST)/all.bundle.js.map $@

migrate: install
	$(PY) manage.py migrate --noinput

seed: install
	$(PY) manage.py seed_demo

credential-key: install
	@if [ -n "$${CREDENTIAL_SIGNING_KEY_FILE}" ]; then \
	  $(PY) manage.py create_credential_key "$${CREDENTIAL_SIGNING_KEY_FILE}"; fi

# The whole suite, browser tests included (see scripts/browser-deps.sh for the browser).
test: install assets browser-deps
	DEBUG=false $(PY) -m pytest $(PYTEST_ARGS)

browser-deps:
	@bash scripts/browser-deps.sh

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

bench: install assets
	DEBUG=false $(PY) bench/run.py $(BENCH_ARGS)

# Re-pin the whole dependency tree from pyproject.toml in a throw-away environment.
lock:
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/pip install --quiet --upgrade pip
	.lock-venv/bin/pip install --quiet $$($(PYTHON) scripts/pyproject_deps.py)
	{ echo "# Every package of the project, pinned. Regenerate with 'make lock' after changing pyproject.toml."; \
	  .lock-venv/bin/pip freeze; } > requirements.lock
	rm -rf .lock-venv

clean:
	rm -rf $(VENV) node_modules static/dist staticfiles .pytest_cache
