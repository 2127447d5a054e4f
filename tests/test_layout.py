"""The repository keeps the layout of the design: nothing else at the top."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ALLOWED = {
    "notebooks",
    "helpers",
    "tests",
    "binder",
    "environment.yml",
    "README.md",
    "pyproject.toml",
    "Makefile",
    "requirements.txt",
    ".ci",
    "LICENSE",
    "LICENSE-TEXT",
    ".gitignore",
    ".gitattributes",
}


def tracked_top_level() -> set[str]:
    try:
        out = subprocess.run(
            ["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("not a git checkout")
    return {line.split("/", 1)[0] for line in out.splitlines() if line}


def test_nothing_else_at_the_top():
    assert tracked_top_level() - ALLOWED == set()


def test_ci_runs_the_readme_test_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in readme and "make lab" in readme
    assert "make test" in ci
