# Two commands do all the set-up on a fresh machine with only Python 3:
#   make run   start the app (builds the demo database on first start)
#   make test  run every test, browser tests included
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
PORT ?= 8501

.PHONY: run test demo browser axe bench clean

$(INSTALLED): requirements.txt requirements-dev.txt
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $(INSTALLED)

run: $(INSTALLED)
	$(PY) -m streamlit run app.py --server.port $(PORT)

demo: $(INSTALLED)
	$(PY) -m steering_core demo

# Debian's chromium for the real-browser tests; Playwright's own browser download cannot work here.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium chromium-driver >/dev/null; }

# Deque's axe-core for the accessibility checks in the browser tests, from the npm registry (into .axe/).
AXE_VERSION := $(shell sed -n 's/^AXE_VERSION = "\(.*\)"/\1/p' tests/browser/conftest.py)
axe:
	@test -f .axe/node_modules/axe-core/axe.min.js || { \
	  command -v npm >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq npm >/dev/null; }; \
	  npm install --no-save --no-audit --no-fund --prefix .axe axe-core@$(AXE_VERSION) >/dev/null; }

test: $(INSTALLED) browser axe
	$(PY) -m pytest

bench: $(INSTALLED)
	for script in bench/bench_*.py; do $(PY) $$script || exit 1; done

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis .axe
