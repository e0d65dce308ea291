# Margin — two commands for a new user: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# An editable install leaves Margin's own modules uncompiled: compile them once, so no start
# pays for it even where PYTHONDONTWRITEBYTECODE is set.
COMPILE := $(BIN)/python -m compileall -q library annotations tui

.PHONY: run test lint format bench soak screenshots clean keys

$(BIN)/python:
	@echo "Creating $(VENV) with $(PYTHON) (first run only)…"
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Stamp files re-run the install whenever pyproject.toml changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	@echo "Installing Margin into $(VENV) (first run, or pyproject.toml changed: about 20 s)…"
	$(BIN)/python -m pip install --quiet -e .
	$(COMPILE)
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	@echo "Installing Margin with its test tools into $(VENV) (first run, or pyproject.toml changed)…"
	$(BIN)/python -m pip install --quiet -e '.[test]'
	$(COMPILE)
	touch $(VENV)/.installed $@

run: $(VENV)/.installed
	$(BIN)/margin

test: $(VENV)/.installed-test
	$(BIN)/python -m pytest -n 2 -q

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports

format: $(VENV)/.installed-test
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# ripgrep is the search figure's anchor; a fresh machine may need its package lists first.
bench: $(VENV)/.installed-test
	@command -v rg >/dev/null || ! command -v apt-get >/dev/null || { \
	  SUDO=; [ "$$(id -u)" -eq 0 ] || SUDO="sudo -n"; export DEBIAN_FRONTEND=noninteractive; \
	  { $$SUDO apt-get install -y -qq ripgrep || { $$SUDO apt-get update -qq && \
	    $$SUDO apt-get install -y -qq ripgrep; }; } >/dev/null 2>&1 \
	  || echo "warning: could not install ripgrep; the search anchor will be missing" >&2; }
	$(BIN)/python -m benchmarks
	$(BIN)/python -m benchmarks.backups
	$(BIN)/python -m benchmarks.imports
	$(BIN)/python -m benchmarks.speakers
	bash scripts/corpus.sh
	$(BIN)/python -m benchmarks.pdf

# SIGKILLs across the CLI's write paths (highlight, annotate, import, re-import, edit, export,
# remove, restore), checking after each that no acknowledged save is lost and no highlight is on
# other words; then the kill matrix's long variant (every path killed at each rename and fsync,
# from two starting libraries) and the strace kills at the caches' renames too. The test suite
# runs a short soak (12 kills), the short matrix and the strace kills at the files' steps.
soak: $(VENV)/.installed-test
	$(BIN)/python scripts/soak.py --kills 200
	MARGIN_KILL_MATRIX=long $(BIN)/python -m pytest -q tests/test_kill_matrix.py tests/test_kill_strace.py

screenshots: $(VENV)/.installed-test
	$(BIN)/python scripts/screenshots.py

# The README's key tables, rewritten from the binding tables (tests/test_readme_keys.py checks).
keys: $(VENV)/.installed-test
	$(BIN)/python scripts/keys.py --write

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
