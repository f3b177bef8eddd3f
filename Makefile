# The two commands of the README: `make site` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin

.PHONY: site test check serve lint bench clean vnu

site: $(VENV)/.installed
	$(BIN)/hromada build

test: $(VENV)/.installed-test
	$(BIN)/ruff check scripts tests bench
	$(BIN)/python -m pytest

check: $(VENV)/.installed
	$(BIN)/hromada check

serve: $(VENV)/.installed
	$(BIN)/hromada serve

lint: $(VENV)/.installed-test
	$(BIN)/ruff check scripts tests bench

bench: $(VENV)/.installed-test
	$(BIN)/python bench/build.py

$(VENV)/.installed: pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Hromada needs Python 3.11 or newer")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed requirements-test.txt
	$(BIN)/python -m pip install --quiet -r requirements-test.txt
	touch $@

# The Nu Html Checker for the HTML-validity test (needs npm and Java).
VNU_JAR := .cache/vnu/package/build/dist/vnu.jar
vnu: $(VNU_JAR)
$(VNU_JAR):
	mkdir -p .cache/vnu
	cd .cache/vnu && npm pack --silent vnu-jar@26 && tar xzf vnu-jar-*.tgz

clean:
	rm -rf site .site-* .hromada-cache
