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


# --- a recipe must not clobber what the exercises use --------------------------------------
# A learner runs the whole notebook, then tries an exercise: if the recipe (the last cell)
# rebound `x`, `y` or `res`, the exercise would silently run on the recipe's data.

import ast  # noqa: E402
import builtins  # noqa: E402
import re  # noqa: E402

SOLUTION_CODE = re.compile(r"```python\n(.*?)```", re.S)


def recipe_bindings(source: str) -> set[str]:
    """Names the recipe binds at top level, except imports (they rebind the same modules)."""
    names = set()
    for node in ast.parse(source).body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif not isinstance(node, (ast.Import, ast.ImportFrom)):
            for sub in ast.walk(node):
                if isinstance(sub, ast.Name) and isinstance(sub.ctx, ast.Store):
                    names.add(sub.id)
    return names


def free_names(source: str) -> set[str]:
    """Names a code block reads without binding them itself (a lesson variable it relies on)."""
    tree = ast.parse(source)
    loaded, bound = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            (loaded if isinstance(node.ctx, ast.Load) else bound).add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            bound.add(node.name)
        elif isinstance(node, ast.arg):
            bound.add(node.arg)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            bound.update((a.asname or a.name).split(".")[0] for a in node.names)
    return loaded - bound - set(dir(builtins))


def _lessons_with_solutions():
    params = []
    for path in notebook_paths():
        nb = nbformat.read(path, as_version=4)
        recipes = recipe_cells(nb)
        blocks = [m for c in nb.cells if c.cell_type == "markdown" and "<details>" in c.source
                  for m in SOLUTION_CODE.findall(c.source)]
        if recipes:
            params.append(pytest.param(recipes[0].source, blocks, id=path.stem))
    return params


@pytest.mark.parametrize("recipe, solutions", _lessons_with_solutions())
def test_recipe_does_not_rebind_names_the_exercises_use(recipe, solutions):
    clobbered = {}
    for i, block in enumerate(solutions):
        hit = recipe_bindings(recipe) & free_names(block)
        if hit:
            clobbered[f"solution {i}"] = sorted(hit)
    assert clobbered == {}, "rename these in the recipe"


def test_clobber_check_sees_a_rebound_name():
    recipe = "import numpy as np\nx = np.arange(3)\ndef model(p):\n    return p\n"
    solution = "import numpy as np\nprint(model(x) + np.ones(3))\n"
    assert recipe_bindings(recipe) & free_names(solution) == {"model", "x"}
    assert recipe_bindings(recipe) & free_names("x = 1\nprint(x)\n") == set()
