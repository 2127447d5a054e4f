"""Checks on stored notebooks, shared by the guard and recipe tests (not a test module)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK_DIR = ROOT / "notebooks"

#: The four lessons, in course order.
LESSONS = [
    "01_normal_equations.ipynb",
    "02_minimize.ipynb",
    "03_least_squares_step_through.ipynb",
    "04_robust_losses.ipynb",
]


def notebook_paths() -> list[Path]:
    """Every notebook stored in ``notebooks/``, sorted."""
    return sorted(NOTEBOOK_DIR.glob("*.ipynb"))


def tags(cell: Any) -> list[str]:
    return list(cell.get("metadata", {}).get("tags", []))


def check_notebook(nb: Any) -> list[str]:
    """Problems that mean a notebook was not saved from one clean, successful run.

    Returns a list of messages; an empty list means the notebook passes:
    kernelspec ``python3``; every code cell non-empty and executed, with
    execution counts 1..n in order; outputs present; no error output unless
    the cell is tagged ``raises-exception`` (and every such cell does raise);
    nothing written to stderr.
    """
    problems = []
    kernel = nb.get("metadata", {}).get("kernelspec", {}).get("name")
    if kernel != "python3":
        problems.append(f"kernelspec name is {kernel!r}, expected 'python3'")
    code = [c for c in nb.get("cells", []) if c.get("cell_type") == "code"]
    if not code:
        problems.append("no code cells")
    counts = [c.get("execution_count") for c in code]
    if counts != list(range(1, len(code) + 1)):
        problems.append(
            "not saved from one clean top-to-bottom run: execution counts are "
            f"{counts}, expected 1..{len(code)} (run `make execute`)"
        )
    if code and not any(c.get("outputs") for c in code):
        problems.append("saved without outputs")
    for i, cell in enumerate(code):
        source = "".join(cell.get("source", ""))
        if not source.strip():
            problems.append(f"code cell {i} is empty")
        outputs = cell.get("outputs", [])
        errors = [o for o in outputs if o.get("output_type") == "error"]
        expected = "raises-exception" in tags(cell)
        if errors and not expected:
            problems.append(f"code cell {i} stored an error ({errors[0].get('ename')}) "
                            "without the tag 'raises-exception'")
        if expected and not errors:
            problems.append(f"code cell {i} is tagged 'raises-exception' but raised nothing")
        for o in outputs:
            if o.get("output_type") == "stream" and o.get("name") == "stderr":
                problems.append(f"code cell {i} wrote to stderr: {''.join(o.get('text', ''))[:200]!r}")
    return problems


def recipe_cells(nb: Any) -> list[Any]:
    """Cells tagged ``recipe``."""
    return [c for c in nb.get("cells", []) if "recipe" in tags(c)]
