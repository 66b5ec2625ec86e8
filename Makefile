# The Direct Payments guide. `make help` lists the targets.
SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PORT ?= 5000
SERVE_PORT ?= $(if $(filter command line environment,$(origin PORT)),$(PORT),8000)
# gunicorn workers: 2 per core is the usual start for a CPU-light app (see README "Production serving").
WORKERS ?= $(shell echo $$(( $$(nproc) * 2 )))
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
RUNTIME_LOCK := requirements/runtime.txt
DEV_LOCK := requirements/dev.txt
BUILD_LOCK := requirements/build.txt
RESULTS := test-reports
MO_FILES := $(patsubst %.po,%.mo,$(wildcard translations/*/LC_MESSAGES/messages.po))
CONTENT_FILES := $(shell find content -type f 2>/dev/null | tr '\n' ':')

.PHONY: help lock lint run serve test unit e2e e2e-update content-check search-eval lint-imports assets assets-check i18n-extract i18n-update translations browser system-packages bench observatory clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

# Every Python package comes from the lock (requirements/dev.txt, written by `make lock`), checked against its
# hash, with no resolving of its own: two installs a week apart are the same. The environment is rebuilt from
# scratch when the lock changes, so it never keeps a package the lock has dropped. Wheels only: nothing is
# compiled, and no package's setup code runs on install.
$(BIN)/.installed: $(DEV_LOCK)
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --require-hashes --no-deps --only-binary :all: -r $(DEV_LOCK)
	touch $@

# The three locks, from pyproject.toml alone: what the site runs on (the Docker image), that plus the developers'
# tools (this Makefile, CI), and the build backend (the image's wheel). Versions already in a lock are kept, so
# an unchanged pyproject.toml gives an unchanged lock; `make lock UPGRADE=1` moves every package to its newest.
UV_COMPILE = $(BIN)/uv pip compile --quiet --universal --python-version 3.11 --generate-hashes \
	--custom-compile-command 'make lock' $(if $(UPGRADE),--upgrade)
lock: $(BIN)/.installed ## Rewrite the Python locks in requirements/ from pyproject.toml (UPGRADE=1 for newest)
	$(UV_COMPILE) pyproject.toml -o $(RUNTIME_LOCK)
	$(UV_COMPILE) pyproject.toml --extra dev --constraint $(RUNTIME_LOCK) -o $(DEV_LOCK)
	$(BIN)/python -c 'import tomllib; print(*tomllib.load(open("pyproject.toml", "rb"))["build-system"]["requires"], sep="\n")' \
		| $(UV_COMPILE) - -o $(BUILD_LOCK)

translations/%.mo: translations/%.po $(BIN)/.installed
	$(BIN)/pybabel compile --statistics -i $< -o $@

translations: $(MO_FILES) ## Compile the interface translations

node_modules/.package-lock.json: package-lock.json
	npm ci --no-audit --no-fund

run: $(BIN)/.installed translations ## Start the site at http://127.0.0.1:$(PORT), reloading when files change
	DP_ENV=development $(BIN)/flask --app app run --debug --port $(PORT) --extra-files '$(CONTENT_FILES)'

.secret_key:
	$(PYTHON) -c 'import secrets; print(secrets.token_hex(32))' > $@

serve: $(BIN)/.installed translations .secret_key ## Run the production server (gunicorn) on PORT (default 8000)
	DP_ENV=production DP_SECRET_KEY=$$(cat .secret_key) DP_SITE_URL=$${DP_SITE_URL:-http://localhost:$(SERVE_PORT)} \
		$(BIN)/gunicorn --config deploy/gunicorn.conf.py \
		--bind 0.0.0.0:$(SERVE_PORT) --workers $(WORKERS) 'app:create_app()'

# From the system's packages where we can (root + apt): Chromium for the browser tests; nginx (with brotli for
# static files) for the serving tests in tests/test_nginx.py; wrk for `make bench`; PostgreSQL, which the feedback
# tests and `make bench` start themselves in a temporary folder (bench/postgres.py).
SYSTEM_PACKAGES := chromium nginx-light libnginx-mod-http-brotli-static wrk postgresql

system-packages: ## Install Chromium, nginx, wrk and PostgreSQL from the system's packages where we can (root + apt)
	@if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		missing=$$(for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
		if [ -n "$$missing" ]; then echo "Installing $$missing"; apt-get update -qq && \
			DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; fi; \
	fi

browser: system-packages ## Make sure a Chromium is available for the browser tests
	@if [ -x /usr/bin/chromium ]; then echo "Using /usr/bin/chromium"; \
	else $(BIN)/playwright install chromium; fi

content-check: $(BIN)/.installed ## Check all content: every problem as path:line: message
	$(BIN)/flask --app app.cli content check

lint-imports: $(BIN)/.installed ## Engines must not import Flask or the web layer
	$(BIN)/lint-imports

lint: $(BIN)/.installed ## Python style and likely bugs (ruff, rules in pyproject.toml)
	$(BIN)/ruff check .

unit: $(BIN)/.installed translations node_modules/.package-lock.json system-packages ## Fast tests, no browser
	$(BIN)/pytest tests -q --junitxml=$(RESULTS)/unit.xml

e2e: $(BIN)/.installed translations node_modules/.package-lock.json browser ## Browser tests in real Chromium
	$(BIN)/pytest e2e -q --junitxml=$(RESULTS)/browser.xml

e2e-update: $(BIN)/.installed translations node_modules/.package-lock.json browser ## Rewrite the accessibility-tree snapshots (review the diff!)
	E2E_UPDATE=1 $(BIN)/pytest e2e -q

test: content-check lint-imports lint unit e2e ## Every test: content, architecture, style, unit and browser
	@$(BIN)/python scripts/test_summary.py $(RESULTS)/unit.xml $(RESULTS)/browser.xml

assets: node_modules/.package-lock.json ## Rebuild the CSS from GOV.UK Frontend and assets/scss
	$(BIN)/python scripts/build_assets.py

assets-check: node_modules/.package-lock.json ## Fail if the committed CSS is not what the sources build
	$(BIN)/python scripts/build_assets.py --check

i18n-extract: $(BIN)/.installed ## Refresh translations/messages.pot from the code and templates
	$(BIN)/pybabel extract --no-location --sort-output -F babel.cfg -o translations/messages.pot \
		--project "Direct payments guide" --copyright-holder "Direct payments guide contributors" --omit-header .

i18n-update: i18n-extract ## Merge new strings into every language's catalog
	$(BIN)/pybabel update --width 100 -i translations/messages.pot -d translations  # keeps each catalog's header (plural rule)

bench: $(BIN)/.installed translations system-packages ## Measure start-up, search cost (normal and worst case), serving speed, and 200 feedback posts through nginx
	$(BIN)/python -m bench.startup --workers $(WORKERS)
	$(BIN)/python -m bench.search_latency
	$(BIN)/python -m bench.run --workers $(WORKERS)
	$(BIN)/python -m bench.feedback

search-eval: $(BIN)/.installed ## Real questions in the header search: hit@1, hit@3 and MRR per language, and the misses
	$(BIN)/python -m bench.search_eval

observatory: $(BIN)/.installed translations system-packages ## Grade the security headers with the real MDN HTTP Observatory (root)
	$(BIN)/python -m bench.observatory

clean: ## Remove the virtual environment and build leftovers
	rm -rf $(VENV) node_modules translations/*/LC_MESSAGES/*.mo
