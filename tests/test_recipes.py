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
