# crosswire — `make demo` and `make test` work on a bare machine with Python 3.11, make, apt-get.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: install demo test lint eval-smoke bench eval clean browser serve train-quotes train-entities train-dates train-claimvec

install: $(STAMP)

# The venv is rebuilt when pyproject.toml changes. python3-venv is installed through apt
# when this Python lacks ensurepip (Debian's split packaging).
$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "crosswire needs Python 3.11+"'
	@$(PYTHON) -c 'import ensurepip' 2>/dev/null || { apt-get update -qq && apt-get install -y -qq python3-venv; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev,web,embeddings,distributed]'
	touch $(STAMP)

# Ends on the product's point: the brief of the demo corpus's largest story.
demo: install
	$(BIN)/crosswire demo --db crosswire.db
	$(BIN)/crosswire brief --largest --db crosswire.db

# Debian's Chromium for the browser tests (tests/web/test_browser.py); never `playwright
# install`, which downloads a browser build. Without root the browser tests skip.
browser:
	@[ -x /usr/bin/chromium ] || [ "$$(id -u)" != 0 ] || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }

# What CI runs (.ci/run): lint and type checks, every evaluation on a few documents, then the
# tests; pytest last, so its summary closes the output.
test: install browser lint eval-smoke
	$(BIN)/pytest -q

serve: install
	$(BIN)/crosswire serve --db crosswire.db

# mypy's files and settings (src strict, tests and bench included) are in pyproject.toml.
lint: install
	$(BIN)/ruff check src tests bench training
	$(BIN)/mypy

# Each evaluation on both splits on 3 documents (seconds; skips what ../shared lacks): proves
# they still run. `make eval` is the real measurement.
eval-smoke: install
	$(BIN)/python -m bench.eval.run --smoke

bench: install
	$(BIN)/python bench/ingest_bench.py

clean:
	rm -rf $(VENV) crosswire.db crosswire.db-wal crosswire.db-shm .pytest_cache .mypy_cache .ruff_cache

# Reporting splits only, checked against bench/eval/baseline.json; see bench/eval/run.py.
eval: install
	$(BIN)/python -m bench.eval.run

# The learned components (training/): each rewrites its weights, manifest and card figures
# in src/crosswire/models/<name>/ from ../shared, on 2 CPU cores.
train-quotes: install
	$(BIN)/python -m training.quotes

train-entities: install
	$(BIN)/python -m training.entities

train-dates: install
	$(BIN)/python -m training.dates

train-claimvec: install
	$(BIN)/python -m training.claimvec
