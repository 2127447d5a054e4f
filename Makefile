# Two commands for users (make lab, make test) and two for contributors
# (make execute, make bench). Every target works in the project's own
# virtual environment, .venv, created here from requirements.txt.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
NB     ?=
LAB_ARGS ?=

.PHONY: help venv lab test execute bench clean

help:
	@echo "make lab      install everything into .venv and open JupyterLab on notebooks/ (extra options: LAB_ARGS=...)"
	@echo "make test     install everything into .venv and run all tests"
	@echo "make execute  re-run notebooks top to bottom and store their outputs (NB=notebooks/FILE.ipynb for one)"
	@echo "make bench    time each notebook against a floor notebook (kernel start, imports, one figure; NB=... for some)"
	@echo "make clean    remove .venv and caches"

# The venv is rebuilt only when the pins or the package metadata change.
$(STAMP): requirements.txt pyproject.toml
	@$(PYTHON) -c 'import sys; v = sys.version_info; sys.exit(0 if v >= (3, 11) else "Python 3.11 or newer is needed (found %d.%d); run e.g. make PYTHON=python3.12 ..." % v[:2])'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade "pip>=23"
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

venv: $(STAMP)

lab: $(STAMP)
	$(BIN)/jupyter lab --ServerApp.root_dir=notebooks $(LAB_ARGS)

test: $(STAMP)
	$(BIN)/python -m pytest

# Outputs come only from a clean top-to-bottom run (see tests/execute_notebooks.py):
# no timing metadata, each cell's stdout merged into one stream, MPLBACKEND unset.
execute: $(STAMP)
	env -u MPLBACKEND $(BIN)/python tests/execute_notebooks.py $(NB)

bench: $(STAMP)
	env -u MPLBACKEND $(BIN)/python tests/bench.py $(NB)

clean:
	rm -rf $(VENV) .pytest_cache build *.egg-info
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
