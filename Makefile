# Two commands do everything on a fresh clone: `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint validate bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,page,ema,slurm,calibrate]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/sim-run -m +experiment=headline

# Debian's Chromium for the browser test of the page; installs only if missing (needs root).
.PHONY: browser
browser:
	command -v chromium >/dev/null || (apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium)

test: $(STAMP) browser
	$(BIN)/ruff check sim tests benchmarks
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check sim tests benchmarks

validate: $(STAMP)
	$(BIN)/python -m sim.validate

# Engines' throughput and the medium run, then the sensitivity analysis's speed and the
# national replication (about 10 minutes in all).
bench: $(STAMP)
	status=0; $(BIN)/python benchmarks/bench_engines.py --skip-national || status=1; \
	$(BIN)/python benchmarks/bench_sensitivity.py || status=1; exit $$status

clean:
	rm -rf $(VENV) results
