# Two commands for users (make lab, make test), and a few for contributors
# (make execute, make bench, make student, make format). Every target works in
# the project's own virtual environment, .venv, made from requirements.txt by
# tests/make_venv.py: with uv when it can be had (seconds), else with pip.

# Python's default is to cache compiled bytecode (__pycache__/, git-ignored). Some container
# images turn that off (PYTHONDONTWRITEBYTECODE=1); then every test process, Sphinx run and
# kernel recompiles each module it imports, which made `make test` about 8 s slower here.
unexport PYTHONDONTWRITEBYTECODE

PYTHON   ?= python3
VENV     := .venv
BIN      := $(VENV)/bin
STAMP    := $(VENV)/.installed
NB       ?=
LAB_ARGS ?=
# The lesson JupyterLab opens on (a path inside notebooks/).
LAB_OPEN ?= 01_normal_equations.ipynb
# The file browser shows the lessons only: the site's sources beside them are hidden.
LAB_HIDE := ["__pycache__", "*.pyc", ".ipynb_checkpoints", "conf.py", "index.md", "_site"]

# `make test NB=notebooks/02_minimize.ipynb` runs that notebook's tests only:
# its strict nbval run, and the guard, recipe and student-edition tests for it.
ifneq ($(strip $(NB)),)
NB_STEMS  := $(foreach n,$(NB),$(basename $(notdir $(n))))
TEST_ARGS := $(NB) tests/test_notebook_guard.py tests/test_recipes.py tests/test_student.py \
             -k "$(subst $(eval) , or ,$(strip $(NB_STEMS)))"
endif

.PHONY: help venv lab test check format execute bench student clean site test-oldest test-newest

help:
	@echo "make lab      install everything into .venv and open JupyterLab on the lessons (extra options: LAB_ARGS=...)"
	@echo "make test     install everything into .venv and run all tests (NB=notebooks/FILE.ipynb: one lesson's tests)"
	@echo "make execute  re-run notebooks top to bottom and store their outputs (NB=notebooks/FILE.ipynb for one)"
	@echo "make bench    time each notebook against a floor notebook (kernel start, imports, one figure; NB=... for some)"
	@echo "make check    lint, format and type checks (ruff, mypy; part of make test)"
	@echo "make format   apply ruff's formatter and safe fixes (then make execute for a changed lesson)"
	@echo "make student  write the student edition (lessons without solution cells) to build/student/"
	@echo "make site     build the reference site (HTML) from the stored lessons into build/site/html/"
	@echo "make clean    remove .venv, build/ and caches"
	@echo "make test-oldest  unit tests and lessons (--nbval-lax) with the lowest allowed versions (own venv in build/)"
	@echo "make test-newest  the same with the newest releases, pre-releases included (own venv in build/)"

# The venv is rebuilt only when the pins or the package metadata change.
$(STAMP): requirements.txt pyproject.toml tests/make_venv.py
	@$(PYTHON) -c 'import sys; v = sys.version_info; sys.exit(0 if v >= (3, 11) else "Python 3.11 or newer is needed (found %d.%d); run e.g. make PYTHON=python3.12 ..." % v[:2])'
	$(PYTHON) tests/make_venv.py $(VENV) -r requirements.txt --editable
	@mkdir -p $(VENV)/share/jupyter/lab/settings
	cp binder/overrides.json $(VENV)/share/jupyter/lab/settings/overrides.json
	touch $(STAMP)

venv: $(STAMP)

# JupyterLab refuses to start as root without --allow-root (containers, some
# classroom machines): add it then, and say so.
lab: $(STAMP)
	@if [ "$$(id -u)" = 0 ]; then \
	  echo "make lab: running as root, so JupyterLab is started with --allow-root (it refuses root otherwise)."; \
	  root_arg=--allow-root; \
	else root_arg=; fi; \
	set -x; $(BIN)/jupyter lab --ServerApp.root_dir=notebooks $$root_arg \
	  --ContentsManager.hide_globs='$(LAB_HIDE)' $(LAB_ARGS) notebooks/$(LAB_OPEN)

# make test: the code checks (seconds), then every test. With NB=..., that lesson's tests only.
test: $(STAMP)
ifeq ($(strip $(NB)),)
	@$(MAKE) --no-print-directory check
endif
	$(BIN)/python -m pytest $(TEST_ARGS)

# Lint and format checks (ruff, over helpers/, tests/ and the lessons' code cells) and
# type checks (mypy, helpers/ ships py.typed): configured in pyproject.toml.
check: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

# Apply the formatter and the safe lint fixes. A lesson whose code changed must then be
# re-run so that its stored outputs stay real: make execute NB=notebooks/FILE.ipynb.
format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .
	@echo "If a lesson changed, regenerate it: make execute NB=notebooks/FILE.ipynb"

# Outputs come only from a clean top-to-bottom run (see tests/execute_notebooks.py):
# no timing metadata, each cell's stdout merged into one stream, MPLBACKEND unset.
execute: $(STAMP)
	env -u MPLBACKEND $(BIN)/python tests/execute_notebooks.py $(NB)

bench: $(STAMP)
	env -u MPLBACKEND $(BIN)/python tests/bench.py $(NB)

student: $(STAMP)
	$(BIN)/python tests/student_edition.py build/student

clean:
	rm -rf $(VENV) .pytest_cache build *.egg-info
	find . -name __pycache__ -type d -prune -exec rm -rf {} +

.PHONY: help venv lab test check format execute bench student clean site test-oldest test-newest

site: $(STAMP)
	$(BIN)/python tests/build_site.py build/site

# Dependency ranges that are true: the floors in pyproject.toml (tests/constraints-oldest.txt)
# and the newest releases, pre-releases included, each in its own environment under build/
# (never .venv), run the helpers' unit tests and every lesson with --nbval-lax (outputs
# differ between versions; errors must not). Run both before a release and after bumping a
# pin or a floor. test-oldest needs the oldest supported Python (3.11): PYTHON=python3.11.
OLDEST_VENV := build/venv-oldest
NEWEST_VENV := build/venv-newest
RANGE_TESTS := helpers tests/test_conditioning.py tests/test_data.py tests/test_losses.py \
               tests/test_optimize_report.py tests/test_plotting.py tests/test_properties.py \
               tests/test_style.py tests/test_summary.py tests/test_tables.py tests/test_trace.py
RANGE_VERSIONS := import sys, importlib.metadata as m; print("Python", sys.version.split()[0], \
  *(p + " " + m.version(p) for p in ("numpy", "scipy", "matplotlib", "ipykernel", "ipywidgets", \
  "nbval", "pytest", "hypothesis", "pyparsing")), sep=", ")

define range_tests
	$(1)/bin/python -c '$(RANGE_VERSIONS)'
	$(1)/bin/python -m pytest -p no:cacheprovider -o addopts= -W error --doctest-modules -q $(RANGE_TESTS)
	env -u MPLBACKEND $(1)/bin/python -m pytest -p no:cacheprovider -o addopts= -q --nbval-lax --nbval-current-env notebooks
endef

test-oldest:
	rm -rf $(OLDEST_VENV)
	$(PYTHON) tests/make_venv.py $(OLDEST_VENV) --project test -c tests/constraints-oldest.txt
	$(call range_tests,$(OLDEST_VENV))

test-newest:
	rm -rf $(NEWEST_VENV)
	$(PYTHON) tests/make_venv.py $(NEWEST_VENV) --project test --pre
	$(call range_tests,$(NEWEST_VENV))
