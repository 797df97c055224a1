# Two commands matter (see README):  make lab   and   make test
# Everything installs into .venv with pip from pyproject.toml, where every dependency is
# declared once: the package's own and the extras course (a reader's JupyterLab; Binder's
# environment.yml installs the same), test, site and e2e. Re-running is quick: the install
# step runs again only when pyproject.toml changes.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.glutecourse-installed
ROOTFLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)
JOBS   ?= 2

.PHONY: setup lab test nbval unit bench generate handouts images banners keys sample-class slides site voila clean-notebooks check-notebooks help e2e chromium web-assets lms

help:
	@echo "make lab    set up and open the course in JupyterLab"
	@echo "make test   set up and run every test (unit tests + every notebook run offline, twice)"
	@echo "make nbval  run every notebook with nbval, cell by cell (make test already runs each one)"
	@echo "make bench  time every notebook against an empty one, and the package import"
	@echo "make generate  rebuild every generated file: validators, sample class, answer keys, figures, banners, notebook times, handouts"
	@echo "make handouts  the printable handouts: handouts/*.html, and PDFs (A4 and Letter) in build/handouts/ printed by Chromium"
	@echo "make images regenerate only the course's figures in images/ from data/"
	@echo "make banners rewrite only the safety banner at the top of every notebook from data/course.json"
	@echo "make keys   regenerate only the answer keys (instructor/answer-keys.md) from the quiz banks"
	@echo "make slides export slide decks to build/slides/ (work offline; reveal.js from npm, needs Node.js)"
	@echo "make site   build the static HTML course in _site/ (works offline)"
	@echo "make lms    export every quiz bank for Moodle (Moodle XML) and Canvas (QTI 1.2 zip) into build/lms/"
	@echo "make voila  serve the symptom self-check and quizzes as a Voila web app"
	@echo "make e2e    browser tests in Debian's Chromium (installs it with apt-get; needs root)"

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 10))' \
	  || { echo "The course needs Python 3.10 or newer; $(PYTHON) is older. Use: make PYTHON=python3.11 ..."; exit 1; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) \
	  || { rm -rf $(VENV); echo "Could not create a virtual environment. On Debian or Ubuntu: sudo apt-get install python3-venv"; exit 1; }
	@echo "Installing the course's packages into $(VENV) (first time: about a minute)..."
	@# uv (from PyPI, into the venv) installs the same packages as pip, in parallel and
	@# byte-compiled as pip leaves them; pip does it alone where uv cannot be installed.
	@if $(BIN)/python -m pip install -q "uv>=0.5" > $(VENV)/pip.log 2>&1; then \
	  $(BIN)/uv pip install --python $(BIN)/python --compile-bytecode -e ".[course,test,site]" >> $(VENV)/pip.log 2>&1; \
	else \
	  $(BIN)/python -m pip install -e ".[course,test,site]" >> $(VENV)/pip.log 2>&1; \
	fi || { grep -v "is ignored" $(VENV)/pip.log | tail -30; echo "install failed: see $(VENV)/pip.log"; exit 1; }
	@touch $@

setup: $(STAMP)
	@# Byte-compile the course package (quick when nothing changed), so kernels need not:
	@# some machines set PYTHONDONTWRITEBYTECODE, and every kernel would recompile it.
	@$(BIN)/python -m compileall -q src

lab: setup
	$(BIN)/jupyter lab $(ROOTFLAG) notebooks/00-start-here.ipynb

test: setup
	$(BIN)/python -m pytest -n $(JOBS)

nbval: setup
	$(BIN)/python -m pytest -p nbval --nbval-lax notebooks -n $(JOBS)

unit: setup
	$(BIN)/python -m pytest tests -n $(JOBS)

bench: setup
	$(BIN)/python scripts/bench.py

generate: setup
	$(BIN)/python scripts/generate.py

images: setup
	$(BIN)/python scripts/make_images.py

banners: setup
	$(BIN)/python scripts/make_banners.py

keys: setup
	$(BIN)/python scripts/make_answer_keys.py

sample-class: setup
	$(BIN)/python scripts/make_sample_class.py

# reveal.js for the slide decks: npm ci installs exactly the version in package-lock.json
# (build_slides.py also runs it when node_modules/ is missing). Decks get a copy beside them.
node_modules/.package-lock.json: package.json package-lock.json
	@command -v npm >/dev/null 2>&1 || { echo "The slide decks need reveal.js from npm: install Node.js with npm (Debian: apt-get install nodejs npm)"; exit 1; }
	npm ci --no-audit --no-fund

web-assets: node_modules/.package-lock.json

slides: setup web-assets
	$(BIN)/python scripts/build_slides.py
	@echo "Slides in build/slides/ (open the .slides.html files in a browser; copy the whole folder, it needs no network)"

site: setup
	$(BIN)/python scripts/build_site.py
	@echo "Open _site/index.html in a browser (it needs no network)"

# The quiz banks for a school's learning platform: Moodle XML and a QTI 1.2 package (Canvas).
# Written to build/lms/ (not committed: made from data/quizzes/ on demand).
lms: setup
	$(BIN)/python scripts/export_lms.py

voila: setup
	$(BIN)/python scripts/voila_app.py

clean-notebooks: setup
	$(BIN)/nbstripout --keep-id notebooks/*.ipynb notebooks/*/*.ipynb

check-notebooks: setup
	$(BIN)/nbstripout --verify --keep-id notebooks/*.ipynb notebooks/*/*.ipynb

# Browser tests (issue: prove the course in a real browser). Needs Debian's chromium:
# installed with apt-get when missing, which needs root.
E2E_STAMP := $(VENV)/.glutecourse-e2e-installed

$(E2E_STAMP): $(STAMP)
	@$(BIN)/python -m pip install -e ".[course,test,site,e2e]" > $(VENV)/pip-e2e.log 2>&1 \
	  || { grep -v "is ignored" $(VENV)/pip-e2e.log | tail -30; exit 1; }
	@touch $@

chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium with apt-get (needs root)..."; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

# In one process the browser tests keep about one core busy and wait the rest of the time:
# E2E_JOBS workers (each with its own JupyterLab server and Chromium: about 0.7 GB) share them
# out by group (e2e/conftest.py): one per core, at most 8. Two fill a 2-core machine; a
# third there made the run slower.
E2E_JOBS ?= $(shell n=$$(nproc 2>/dev/null || echo 2); [ "$$n" -gt 8 ] && n=8; echo $$n)

e2e: setup $(E2E_STAMP) chromium web-assets
	$(BIN)/python -m pytest e2e -p no:cacheprovider -o addopts="" -q -n $(E2E_JOBS) --dist loadgroup --no-loadscope-reorder

# The handouts' HTML is committed (make generate checks it); the PDFs are printed on demand
# by Debian's Chromium through Playwright into build/handouts/ (not committed: Chromium
# stamps its version and the time into each PDF).
handouts: setup $(E2E_STAMP) chromium
	$(BIN)/python scripts/make_handouts.py --pdf
