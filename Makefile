# Two entry points, each self-contained on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
DIST := build/wheel-check

.PHONY: demo test lint docs check-pages bench wheel-check clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

# Figures are computed on two processes and reused from out/ while the code is unchanged.
demo: $(STAMP)
	$(BIN)/autocoherence demo --out out

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy

test: lint
	$(BIN)/python -m pytest
	$(BIN)/python -m pytest benchmarks --benchmark-disable -q
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict --quiet -d site
	$(BIN)/python docs/check_pages.py site --out build/pages
	$(MAKE) wheel-check

# The gallery's figures are cached in .cache/gallery, keyed by a hash of the package source.
docs: $(STAMP)
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict -d site

# Headless Chromium over the built site: maths typeset, no raw roles, gallery images; writes
# screenshots to build/pages (skipped with a notice when no chromium is installed).
check-pages:
	$(BIN)/python docs/check_pages.py site --out build/pages

# Build the sdist, then the wheel from the sdist; check both, install the wheel into a
# fresh venv and run the README example there (tests/test_packaging.py says how).
wheel-check: $(STAMP)
	rm -rf $(DIST) && mkdir -p $(DIST)
	$(BIN)/python -m build --outdir $(DIST) . > $(DIST)/build.log 2>&1 || (cat $(DIST)/build.log; exit 1)
	AUTOCOHERENCE_DIST=$(DIST) $(BIN)/python -m pytest tests/test_packaging.py -q -p no:cacheprovider

bench: $(STAMP)
	$(BIN)/python -m pytest benchmarks --benchmark-only

clean:
	rm -rf $(VENV) out site build .cache .pytest_cache .mypy_cache .ruff_cache
