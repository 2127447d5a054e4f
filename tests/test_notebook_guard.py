"""The guard: stored notebooks must come from one clean, successful top-to-bottom run.

Strict nbval compares stored outputs, but it cannot notice a notebook saved
unexecuted (nothing to compare) or executed out of order. This guard does.
"""

from __future__ import annotations

import copy

import nbformat
import pytest
from nbcheck import (
    LESSONS,
    check_exercises,
    check_image_alt,
    check_kernelspec,
    check_machine_paths,
    check_notebook,
    exercise_groups,
    notebook_paths,
    recipe_cells,
)
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output


def running_kernelspec() -> dict[str, str]:
    """The kernelspec JupyterLab writes into a notebook it opens, in this environment."""
    from jupyter_client.kernelspec import KernelSpecManager

    spec = KernelSpecManager().get_kernel_spec("python3")
    return {"display_name": spec.display_name, "language": spec.language, "name": "python3"}


@pytest.mark.parametrize("path", notebook_paths(), ids=lambda p: p.name)
def test_stored_notebook_is_clean(path):
    nb = nbformat.read(path, as_version=4)
    assert check_notebook(nb) == []


@pytest.mark.parametrize("path", notebook_paths(), ids=lambda p: p.name)
def test_notebook_is_a_lesson_and_ends_with_one_recipe(path):
    assert path.name in LESSONS, f"{path.name} is not one of the lessons {LESSONS}"
    nb = nbformat.read(path, as_version=4)
    recipes = recipe_cells(nb)
    assert len(recipes) == 1, "each lesson has exactly one cell tagged 'recipe'"
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code[-1] is recipes[0], "the recipe is the last code cell"
    first = code[0].source
    assert "%matplotlib inline" in first and "helpers.use_style()" in first, (
        "the first code cell sets the inline backend and the project style"
    )
    text = "".join(c.source for c in nb.cells if c.cell_type == "markdown")
    assert "CC BY 4.0" in text, "the licence line is missing"


@pytest.mark.parametrize("path", notebook_paths(), ids=lambda p: p.name)
def test_opening_in_jupyterlab_does_not_change_the_kernelspec(path):
    nb = nbformat.read(path, as_version=4)
    assert check_kernelspec(nb, running_kernelspec()) == []


@pytest.mark.parametrize("path", notebook_paths(), ids=lambda p: p.name)
def test_no_machine_path_in_stored_outputs(path):
    nb = nbformat.read(path, as_version=4)
    assert check_machine_paths(nb) == []


@pytest.mark.parametrize("path", notebook_paths(), ids=lambda p: p.name)
def test_exercises_are_runnable_with_solutions_in_tagged_cells(path):
    nb = nbformat.read(path, as_version=4)
    assert check_exercises(nb) == []
    assert len(exercise_groups(nb)) >= 3, "each lesson has at least three exercises"


@pytest.mark.parametrize("path", notebook_paths(), ids=lambda p: p.name)
def test_every_figure_has_alternative_text(path):
    nb = nbformat.read(path, as_version=4)
    assert check_image_alt(nb) == []


def test_lesson_files_are_the_only_notebooks():
    extra = [p.name for p in notebook_paths() if p.name not in LESSONS]
    assert extra == []


# --- the guard itself, on temporary notebooks -------------------------------------------


def _good_notebook():
    nb = new_notebook(
        metadata={
            "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
            "language_info": {"name": "python"},
        }
    )
    nb.cells = [
        new_markdown_cell("# A lesson"),
        new_code_cell("x = 1", execution_count=1),
        new_code_cell(
            "print(x)",
            execution_count=2,
            outputs=[new_output("stream", name="stdout", text="1\n")],
        ),
    ]
    return nb


def _roundtrip(nb, tmp_path):
    path = tmp_path / "nb.ipynb"
    nbformat.write(nb, path)
    return nbformat.read(path, as_version=4)


def test_guard_accepts_a_clean_notebook(tmp_path):
    assert check_notebook(_roundtrip(_good_notebook(), tmp_path)) == []


def test_guard_catches_a_notebook_saved_unexecuted(tmp_path):
    nb = _good_notebook()
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.execution_count = None
            cell.outputs = []
    problems = check_notebook(_roundtrip(nb, tmp_path))
    assert any("clean top-to-bottom" in p for p in problems)
    assert any("without outputs" in p for p in problems)


def test_guard_catches_cells_run_out_of_order(tmp_path):
    nb = _good_notebook()
    nb.cells[1].execution_count, nb.cells[2].execution_count = 2, 1
    problems = check_notebook(_roundtrip(nb, tmp_path))
    assert problems and "execution counts are [2, 1]" in problems[0]


def test_guard_catches_a_rerun_cell(tmp_path):
    nb = _good_notebook()
    nb.cells[2].execution_count = 5
    assert any("clean top-to-bottom" in p for p in check_notebook(_roundtrip(nb, tmp_path)))


def test_guard_catches_an_untagged_error(tmp_path):
    nb = _good_notebook()
    error = new_output("error", ename="ValueError", evalue="boom", traceback=[])
    nb.cells[2].outputs = [error]
    problems = check_notebook(_roundtrip(nb, tmp_path))
    assert any("ValueError" in p and "raises-exception" in p for p in problems)

    tagged = copy.deepcopy(nb)
    tagged.cells[2].metadata["tags"] = ["raises-exception"]
    assert check_notebook(_roundtrip(tagged, tmp_path)) == []


def test_guard_catches_a_raises_exception_tag_that_raised_nothing(tmp_path):
    nb = _good_notebook()
    nb.cells[2].metadata["tags"] = ["raises-exception"]
    assert any("raised nothing" in p for p in check_notebook(_roundtrip(nb, tmp_path)))


def test_guard_catches_stderr(tmp_path):
    nb = _good_notebook()
    nb.cells[2].outputs.append(
        new_output(
            "stream", name="stderr", text="/tmp/ipykernel_1/1.py:1: RuntimeWarning: overflow\n"
        )
    )
    assert any("stderr" in p for p in check_notebook(_roundtrip(nb, tmp_path)))


def test_guard_catches_another_kernelspec(tmp_path):
    nb = _good_notebook()
    nb.metadata["kernelspec"]["name"] = "my-venv"
    assert any("'my-venv'" in p for p in check_notebook(_roundtrip(nb, tmp_path)))


def test_guard_catches_an_empty_code_cell(tmp_path):
    nb = _good_notebook()
    nb.cells.append(new_code_cell("", execution_count=3))
    assert any("empty" in p for p in check_notebook(_roundtrip(nb, tmp_path)))


def test_kernelspec_check_sees_the_display_name_jupyterlab_would_change(tmp_path):
    nb = _good_notebook()
    spec = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
    assert any("Python 3 (ipykernel)" in p for p in check_kernelspec(nb, spec))
    nb.metadata["kernelspec"] = dict(spec)
    assert check_kernelspec(_roundtrip(nb, tmp_path), spec) == []


@pytest.mark.parametrize(
    "text",
    [
        "File /home/ann/proj/.venv/lib/python3.11/site-packages/scipy/x.py:3",
        "/tmp/ipykernel_123/456.py:1: RuntimeWarning",
        "C:\\Users\\ann\\x.py",
        "/root/work/x.py",
    ],
)
def test_machine_path_check_sees_a_path(tmp_path, text):
    nb = _good_notebook()
    nb.cells[2].outputs = [new_output("error", ename="E", evalue="e", traceback=[text])]
    assert check_machine_paths(_roundtrip(nb, tmp_path)) != []
    nb.cells[2].outputs = [new_output("stream", name="stdout", text=text)]
    assert check_machine_paths(_roundtrip(nb, tmp_path)) != []


def test_machine_path_check_passes_plain_output(tmp_path):
    assert check_machine_paths(_roundtrip(_good_notebook(), tmp_path)) == []


def _exercise_notebook():
    nb = _good_notebook()
    solution = new_code_cell("print(2 * x)", execution_count=4)
    solution.metadata = {"tags": ["solution"], "jupyter": {"source_hidden": True}}
    explanation = new_markdown_cell("Twice x.")
    explanation.metadata = {"tags": ["solution"]}
    nb.cells += [
        new_markdown_cell("**Exercise 1.** Print twice x."),
        new_code_cell("# your code here", execution_count=3),
        solution,
        explanation,
    ]
    return nb


def test_exercise_check_accepts_the_format(tmp_path):
    nb = _roundtrip(_exercise_notebook(), tmp_path)
    assert check_exercises(nb) == []
    assert exercise_groups(nb) == [(4, [5, 6])]


def test_exercise_check_needs_an_attempt_cell(tmp_path):
    nb = _exercise_notebook()
    del nb.cells[4]
    assert any("attempt" in p for p in check_exercises(_roundtrip(nb, tmp_path)))


def test_exercise_check_needs_collapsed_solution_input(tmp_path):
    nb = _exercise_notebook()
    nb.cells[5].metadata["jupyter"]["source_hidden"] = False
    assert any("source_hidden" in p for p in check_exercises(_roundtrip(nb, tmp_path)))


def test_exercise_check_needs_solution_code(tmp_path):
    nb = _exercise_notebook()
    del nb.cells[5]
    assert any("code cell" in p for p in check_exercises(_roundtrip(nb, tmp_path)))


def test_exercise_check_refuses_details_blocks(tmp_path):
    nb = _good_notebook()
    nb.cells.append(
        new_markdown_cell(
            "**Exercise.**\n<details><summary>Solution</summary>\n\n```python\nprint(1)\n```\n</details>"
        )
    )
    assert any("<details>" in p for p in check_exercises(_roundtrip(nb, tmp_path)))
