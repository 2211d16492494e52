# Everything runs in a project-local virtualenv that these targets create on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test bench eval gazetteer clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# The reference article's story map; the route is read from the text (--route would set it).
demo: $(STAMP)
	$(BIN)/storymap build examples/kim-wladiwostok-2019.txt --self-contained \
		-o output/kim-wladiwostok-2019.html --story output/kim-wladiwostok-2019.story.json \
		--geojson output/kim-wladiwostok-2019.geojson \
		--storymapjs output/kim-wladiwostok-2019.storymapjs.json
	$(BIN)/storymap geoparse --json examples/kim-wladiwostok-2019.txt \
		-o output/kim-wladiwostok-2019.places.json

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python benchmarks/gazetteer_bench.py --json output/bench-gazetteer.json
	$(BIN)/python benchmarks/geoparse_bench.py --json output/bench-geoparse.json

# Accuracy on the annotated corpora (CORPUS=path: a folder of .txt+.json, GermEval .tsv, GWN .xml).
eval: $(STAMP)
	$(BIN)/storymap eval $(CORPUS)

# Rebuild the embedded gazetteer from the shared sources (SOURCES=path/to/gazetteer-sources).
gazetteer: $(STAMP)
	$(BIN)/python -m gazetteer.build --sources $(SOURCES)

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
