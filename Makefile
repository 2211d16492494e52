# Everything runs in a project-local virtualenv that these targets create on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint bench gazetteer clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)
	@mkdir -p output
	$(BIN)/storymap gazetteer scan examples/kim-wladiwostok-2019.txt \
		-o output/kim-wladiwostok-2019.gazetteer.tsv
	$(BIN)/storymap gazetteer lookup --limit 3 Wladiwostok Pjöngjang Chassan Peking \
		"Koreanische Halbinsel"

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python benchmarks/gazetteer_bench.py --json output/bench-gazetteer.json

# Rebuild the embedded gazetteer from the shared sources (SOURCES=path/to/gazetteer-sources).
gazetteer: $(STAMP)
	$(BIN)/python -m gazetteer.build --sources $(SOURCES)

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
