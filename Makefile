# The two commands that work on a fresh machine with Python 3.11+:
#   make site   builds the site into site/
#   make test   runs every test (installs what the tests need, Chromium included)
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
# The seed articles' text, for quote verification; shared/ lies beside the checkout.
ARCHIVE ?= $(firstword $(wildcard ../shared/seeds) )
export NO_MKDOCS_2_WARNING := 1
ifneq ($(ARCHIVE),)
export EXPLAINER_ARCHIVE := $(abspath $(ARCHIVE))
endif

.PHONY: site test lint check serve render bench browser-deps graph-deps lock clean

$(BIN)/.runtime: requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

$(BIN)/.dev: $(BIN)/.runtime requirements-dev.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.lock
	touch $@

site: $(BIN)/.runtime graph-deps
	$(BIN)/explainer build

check: $(BIN)/.runtime
	$(BIN)/explainer check

serve: $(BIN)/.runtime graph-deps
	$(BIN)/explainer serve

render: $(BIN)/.runtime graph-deps
	$(BIN)/explainer render --out build/markdown

# Browser tests use Debian's Chromium (Playwright's own browser download does not work here).
browser-deps:
	@test -x "$${EXPLAINER_CHROMIUM:-/usr/bin/chromium}" || command -v chromium >/dev/null 2>&1 || { \
	  echo "installing Debian's chromium for the browser tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null; }

# The relationship diagram is laid out at build time by Graphviz's dot (Debian's graphviz package).
graph-deps:
	@command -v dot >/dev/null 2>&1 || { \
	  echo "installing Debian's graphviz for the relationship diagram"; \
	  sudo=$$(test "$$(id -u)" = 0 || echo sudo); \
	  $$sudo apt-get update -qq && $$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends graphviz >/dev/null; }

# Lint, layout and types (configuration in pyproject.toml); `make test` runs them first.
lint: $(BIN)/.dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

test: $(BIN)/.dev browser-deps graph-deps lint
	$(BIN)/python -m pytest $(PYTEST_ARGS)

bench: $(BIN)/.dev graph-deps browser-deps lighthouse-deps
	CHROME_PATH=$${CHROME_PATH:-/usr/bin/chromium} $(BIN)/python -m bench $(BENCH_ARGS)

# Lighthouse for `make bench` only (the tests never run it), pinned by bench/lighthouse/package-lock.json.
# Without npm, or when npm ci fails, the benchmark runs all the same and prints why Lighthouse is missing.
LIGHTHOUSE := bench/lighthouse/node_modules/.installed
.PHONY: lighthouse-deps
lighthouse-deps:
	@test "$(LIGHTHOUSE)" -nt bench/lighthouse/package-lock.json || { \
	  command -v npm >/dev/null 2>&1 || { echo "npm not found: the benchmark leaves Lighthouse out"; exit 0; }; \
	  echo "installing Lighthouse for the benchmark (npm ci in bench/lighthouse)"; \
	  (cd bench/lighthouse && npm ci --no-audit --no-fund --loglevel=error) && touch $(LIGHTHOUSE) \
	    || echo "npm ci failed: the benchmark leaves Lighthouse out"; }

lock:
	rm -rf /tmp/explainer-lock && $(PYTHON) -m venv /tmp/explainer-lock
	/tmp/explainer-lock/bin/pip install --quiet -e .
	/tmp/explainer-lock/bin/pip freeze --exclude-editable | grep -v '^-e' > requirements.lock

clean:
	rm -rf site build .pytest_cache

# The files generated from the code (JSON Schemas, CONTRIBUTING.md's reference sections); tests fail when they drift.
.PHONY: generated
generated: $(BIN)/.runtime
	$(BIN)/explainer schema --out schemas
	$(BIN)/python -m generator.editors.editor_docs
