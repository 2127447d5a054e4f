"""``make student``: the lessons without solutions, which must still run top to bottom."""

from __future__ import annotations

import os

import nbformat
import pytest
from nbcheck import ATTEMPT_MARK, exercise_groups, has_tag, notebook_paths
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook
from student_edition import student_notebook, write_edition


@pytest.fixture(scope="module")
def edition(tmp_path_factory):
    return write_edition(tmp_path_factory.mktemp("student"))


def test_student_edition_has_every_lesson(edition):
    assert [p.name for p in edition] == [p.name for p in notebook_paths()]


@pytest.mark.parametrize("path", notebook_paths(), ids=lambda p: p.stem)
def test_student_notebook_has_no_solution_and_keeps_the_attempts(path, edition):
    full = nbformat.read(path, as_version=4)
    student = nbformat.read(edition[[p.name for p in edition].index(path.name)], as_version=4)
    assert [c for c in student.cells if has_tag(c, "solution")] == []
    attempts = [c for c in student.cells if c.cell_type == "code" and ATTEMPT_MARK in c.source]
    assert len(attempts) == len(exercise_groups(full)) >= 3
    assert "Student edition" in student.cells[0].source and path.name in student.cells[0].source
    kept = [c.source for c in full.cells if not has_tag(c, "solution")]
    assert [c.source for c in student.cells[1:]] == kept


# That every student notebook runs top to bottom, in a hostile environment and with its
# stored outputs compared, is tested in test_hostile_environment.py.


def test_student_notebook_drops_solution_cells_only():
    nb = new_notebook()
    sol = new_code_cell("print(1)")
    sol.metadata["tags"] = ["solution"]
    nb.cells = [new_markdown_cell("Exercise"), new_code_cell("# your code here"), sol]
    out = student_notebook(nb, "x.ipynb")
    assert [c.source for c in out.cells][1:] == ["Exercise", "# your code here"]
    assert len(nb.cells) == 3, "the original is left alone"
    assert os.fspath("x.ipynb") in out.cells[0].source
