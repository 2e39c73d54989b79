# Quick start: `make run` (builds the warehouse if missing, starts the dashboard), `make test`;
# `make serve REPLICAS=N` runs N dashboards behind HAProxy on one port.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
WAREHOUSE := data/warehouse.duckdb

.PHONY: run serve test lint warehouse rebuild translations

run: $(VENV)/.installed $(WAREHOUSE)
	$(BIN)/streamlit run dashboard.py

# N read-only replicas behind HAProxy on one port (deploy/serve.py; docs/deployment.md).
REPLICAS ?= 2
PORT ?= 8501
serve: $(VENV)/.installed $(WAREHOUSE)
	@command -v haproxy >/dev/null 2>&1 || [ -x /usr/sbin/haproxy ] || \
		{ echo "HAProxy is not installed: sudo apt-get install -y haproxy"; exit 1; }
	$(BIN)/python -m deploy.serve --replicas $(REPLICAS) --port $(PORT)

test: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/pytest

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# After editing locales/en/LC_MESSAGES/messages.po: new entries in every other catalog,
# changed ones marked fuzzy for the translator.
translations: $(VENV)/.installed
	$(BIN)/python -m ui.catalogs update

# Built from the bundled snapshots in data/raw only when missing; `make rebuild` forces it.
$(WAREHOUSE): | $(VENV)/.installed
	$(BIN)/python -m etl

warehouse: $(WAREHOUSE)

rebuild: $(VENV)/.installed
	$(BIN)/python -m etl

$(VENV)/.installed: requirements.txt
	$(PYTHON) -c 'import sys; sys.exit("Python 3.11+ is required") if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@
