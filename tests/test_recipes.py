"""Each lesson's recipe cell runs on its own: a fresh interpreter, no helpers, no warnings."""

from __future__ import annotations

import os
import subprocess
import sys

import nbformat
import pytest
from nbcheck import notebook_paths, recipe_cells

# Make `import helpers` fail inside the recipe: a recipe must stand alone.
BLOCK_HELPERS = "import sys; sys.modules['helpers'] = None\n"


def run_recipe(source: str, tmp_path) -> subprocess.CompletedProcess:
    """Run ``source`` as a script in a fresh interpreter, warnings as errors."""
    script = tmp_path / "recipe.py"
    script.write_text(BLOCK_HELPERS + source, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "JUPYTER"))}
    env["MPLBACKEND"] = "Agg"  # no window to open; plt.show() returns at once
    return subprocess.run(
        [sys.executable, "-W", "error", "-I", str(script)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def _recipes():
    params = []
    for path in notebook_paths():
        nb = nbformat.read(path, as_version=4)
        for i, cell in enumerate(recipe_cells(nb)):
            params.append(pytest.param(cell.source, id=f"{path.stem}-recipe{i}"))
    return params


@pytest.mark.parametrize("source", _recipes())
def test_recipe_runs_alone(source, tmp_path):
    assert "import helpers" not in source and "from helpers" not in source
    magics = [ln for ln in source.splitlines() if ln.lstrip().startswith(("%", "!"))]
    assert magics == [], "a recipe is plain Python: no IPython magics or shell escapes"
    done = run_recipe(source, tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""


def test_recipe_runner_blocks_helpers(tmp_path):
    done = run_recipe("import helpers\n", tmp_path)
    assert done.returncode != 0 and "ModuleNotFoundError" in done.stderr


def test_recipe_runner_turns_warnings_into_failures(tmp_path):
    done = run_recipe("import numpy as np\nnp.log(np.zeros(1))\n", tmp_path)
    assert done.returncode != 0 and "RuntimeWarning" in done.stderr


def test_recipe_runner_passes_a_plain_fit(tmp_path):
    source = (
        "import numpy as np\n"
        "import matplotlib.pyplot as plt\n"
        "x = np.linspace(0, 1, 5); A = np.column_stack([x, np.ones_like(x)])\n"
        "k, *_ = np.linalg.lstsq(A, 2 * x + 1, rcond=None)\n"
        "assert np.allclose(k, [2, 1])\n"
        "plt.plot(x, A @ k); plt.show()\n"
    )
    done = run_recipe(source, tmp_path)
    assert done.returncode == 0, done.stderr


# --- exercises, recipes and lesson state --------------------------------------------------
# A learner runs the whole notebook, then tries an exercise: if the recipe (the last cell)
# rebound `x`, `y` or `res`, the exercise would silently run on the recipe's data. And the
# solution cells run inside the lesson (nbval executes them; a student edition drops them):
# a solution must not rebind a name that a later lesson cell reads, or the lesson would
# depend on, or differ with, the solutions.

import ast  # noqa: E402
import builtins  # noqa: E402

from nbcheck import has_tag  # noqa: E402


def _python(source: str) -> str:
    """A cell's source without IPython magics and shell escapes, so that ast can parse it."""
    return "\n".join("" if ln.lstrip().startswith(("%", "!")) else ln for ln in source.splitlines())


def _store_names(node: ast.AST) -> set[str]:
    """Names bound by ``node`` in the module namespace (not inside comprehensions)."""
    names = set()
    stack = [node]
    while stack:
        sub = stack.pop()
        if isinstance(sub, (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp, ast.Lambda)):
            continue
        if isinstance(sub, ast.Name) and isinstance(sub.ctx, ast.Store):
            names.add(sub.id)
        stack.extend(ast.iter_child_nodes(sub))
    return names


def recipe_bindings(source: str) -> set[str]:
    """Names a cell binds at top level, except imports (they rebind the same modules)."""
    names = set()
    for node in ast.parse(_python(source)).body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif not isinstance(node, (ast.Import, ast.ImportFrom)):
            names |= _store_names(node)
    return names


def free_names(source: str) -> set[str]:
    """Names a code block reads without binding them itself (a lesson variable it relies on)."""
    tree = ast.parse(_python(source))
    loaded, bound = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            (loaded if isinstance(node.ctx, ast.Load) else bound).add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            bound.add(node.name)
        elif isinstance(node, ast.arg):
            bound.add(node.arg)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            bound.update((a.asname or a.name).split(".")[0] for a in node.names)
    return loaded - bound - set(dir(builtins))


def solution_leaks(cells) -> dict[str, list[str]]:
    """Lesson cells that read a name whose latest binding was made by a solution cell."""
    last_binder: dict[str, str] = {}
    leaks: dict[str, list[str]] = {}
    number = 0
    for cell in cells:
        if cell.cell_type != "code":
            continue
        number += 1
        label = f"code cell {number}"
        if not has_tag(cell, "solution"):
            hit = sorted(
                n for n in free_names(cell.source) if last_binder.get(n, "").startswith("solution")
            )
            if hit:
                leaks[label] = [f"{n} (bound by {last_binder[n]})" for n in hit]
        who = f"solution in {label}" if has_tag(cell, "solution") else "lesson"
        for name in recipe_bindings(cell.source):
            last_binder[name] = who
    return leaks


def _lessons():
    params = []
    for path in notebook_paths():
        nb = nbformat.read(path, as_version=4)
        params.append(pytest.param(nb, id=path.stem))
    return params


@pytest.mark.parametrize("nb", _lessons())
def test_recipe_does_not_rebind_names_the_exercises_use(nb):
    recipe = recipe_cells(nb)[0].source
    solutions = [c.source for c in nb.cells if c.cell_type == "code" and has_tag(c, "solution")]
    clobbered = {}
    for i, block in enumerate(solutions):
        hit = recipe_bindings(recipe) & free_names(block)
        if hit:
            clobbered[f"solution {i}"] = sorted(hit)
    assert clobbered == {}, "rename these in the recipe"


@pytest.mark.parametrize("nb", _lessons())
def test_solutions_do_not_change_what_later_lesson_cells_read(nb):
    assert solution_leaks(nb.cells) == {}, "rename these in the solution cells"


def test_clobber_check_sees_a_rebound_name():
    recipe = "import numpy as np\nx = np.arange(3)\ndef model(p):\n    return p\n"
    solution = "import numpy as np\nprint(model(x) + np.ones(3))\n"
    assert recipe_bindings(recipe) & free_names(solution) == {"model", "x"}
    assert recipe_bindings(recipe) & free_names("x = 1\nprint(x)\n") == set()


def test_leak_check_sees_a_solution_rebinding_a_lesson_name():
    from nbformat.v4 import new_code_cell

    sol = new_code_cell("%timeit 1\nres = 2\n[k for k in range(3)]")
    sol.metadata["tags"] = ["solution"]
    cells = [new_code_cell("res = 1\nk = 0"), sol, new_code_cell("print(res, k)")]
    assert list(solution_leaks(cells)) == ["code cell 3"]
    assert solution_leaks(cells)["code cell 3"] == ["res (bound by solution in code cell 2)"]
    # a lesson cell that binds the name again before reading it is fine
    cells.insert(2, new_code_cell("res = 3"))
    assert solution_leaks(cells) == {}
