# Loss functions in deep learning: build, serve and test the book. README.md explains each target.
# Everything runs inside .venv, created from nothing on first use.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PY     := $(BIN)/python
PORT   ?= 8000
STAMP  := $(VENV)/.installed
NOTEBOOKS := $(sort $(wildcard book/*.ipynb))

.PHONY: help install book serve lab notebooks test lint pytest nbval build-strict clean js-vectors node-test chromium \
	browser-test

help:
	@echo "make book       build the website into _build/html (creates .venv on first use)"
	@echo "make serve      build if needed, then serve _build/html on http://127.0.0.1:$(PORT)"
	@echo "make lab        JupyterLab on localhost, opened on book/"
	@echo "make notebooks  re-execute every notebook in place so the committed outputs are current"
	@echo "make test       ruff, pytest (with doctests), node tests, nbval, strict book build, browser tests"
	@echo "make js-vectors regenerate tests/js/vectors.json from lossfns (after a change to the losses)"

# The virtualenv, the pinned requirements and lossfns (editable). Re-run when the pins change.
$(STAMP): requirements.txt pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	$(PY) -m pip install --quiet --no-deps -e .
	touch $(STAMP)

install: $(STAMP)

# Notebooks run through Jupyter Book's execution cache, keyed on each notebook's code. The cache is also dropped
# whenever lossfns/ changes, so the site never shows numbers from an older package.
BUILD_LOG := _build/book.log
define build_book
	@mkdir -p _build; \
	hash=$$(cat lossfns/*.py | sha256sum | cut -c1-16); \
	if [ "$$(cat _build/.lossfns-hash 2>/dev/null)" != "$$hash" ]; then \
	  rm -rf _build/.jupyter_cache _build/.doctrees; echo "lossfns changed (or first build): executing every notebook"; fi; \
	start=$$(date +%s); \
	$(BIN)/jupyter-book build . -W -n --keep-going > $(BUILD_LOG) 2>&1; status=$$?; \
	grep -E "WARNING:|ERROR:|Traceback" $(BUILD_LOG); \
	if [ $$status -ne 0 ]; then tail -40 $(BUILD_LOG); echo "Book build failed (log: $(BUILD_LOG))"; exit $$status; fi; \
	echo "$$hash" > _build/.lossfns-hash; \
	echo "Built in $$(( $$(date +%s) - start )) s with zero warnings:" \
	  "$$(grep -c 'Executed notebook' $(BUILD_LOG)) notebook(s) executed," \
	  "$$(grep -c 'Using cached notebook' $(BUILD_LOG)) taken from the execution cache," \
	  "other pages unchanged since the last build (log: $(BUILD_LOG))."
endef

book: $(STAMP)
	$(build_book)
	@echo "Open _build/html/index.html, or run 'make serve'."

# scripts/serve_site.py: 127.0.0.1 only, gzip for HTML/CSS/JS like a static host (the browser tests use it too).
serve:
	@test -f _build/html/index.html || $(MAKE) book
	$(PY) scripts/serve_site.py --port $(PORT) --directory _build/html

lab: $(STAMP)
	$(BIN)/jupyter lab --ServerApp.ip=127.0.0.1 --notebook-dir=book $(if $(filter 0,$(shell id -u)),--allow-root)

notebooks: $(STAMP)
	$(BIN)/jupyter nbconvert --to notebook --execute --inplace --ExecutePreprocessor.timeout=300 --ExecutePreprocessor.store_widget_state=False $(NOTEBOOKS)

lint: $(STAMP)
	$(BIN)/ruff check .

pytest: $(STAMP)
	$(PY) -m pytest --ignore=tests/browser

nbval: $(STAMP)
	$(PY) -m pytest --nbval --nbval-sanitize-with tests/nbval_sanitize.cfg -p no:cacheprovider -o addopts="" $(NOTEBOOKS)

# The book build with warnings as errors, as in `make book`.
build-strict: $(STAMP)
	$(build_book)

# tests/js/vectors.json: lossfns' values on the test cases of its JavaScript mirror, book/_static/lossfns.js.
js-vectors: $(STAMP)
	$(PY) tests/make_js_vectors.py

# lossfns.js against those vectors with Node's built-in test runner (Debian's nodejs if node is missing).
node-test:
	@command -v node >/dev/null || { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y nodejs; }
	node --test tests/js/*.test.mjs

# Debian's Chromium for the browser tests (never `playwright install`). CI runs as root on a fresh machine.
chromium:
	@test -x /usr/bin/chromium || { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium; }

# The built site (_build/html) in Chromium: every page, every explorer, axe-core. Builds first.
browser-test: $(STAMP) chromium build-strict
	$(PY) -m pytest tests/browser

test: lint pytest node-test nbval build-strict browser-test
	@echo "make test: all checks passed"

clean:
	rm -rf _build
