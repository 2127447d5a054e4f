"""Checks on stored notebooks, shared by the guard and recipe tests (not a test module)."""

from __future__ import annotations

import re
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
            problems.append(
                f"code cell {i} stored an error ({errors[0].get('ename')}) "
                "without the tag 'raises-exception'"
            )
        if expected and not errors:
            problems.append(f"code cell {i} is tagged 'raises-exception' but raised nothing")
        for o in outputs:
            if o.get("output_type") == "stream" and o.get("name") == "stderr":
                problems.append(
                    f"code cell {i} wrote to stderr: {''.join(o.get('text', ''))[:200]!r}"
                )
    return problems


def recipe_cells(nb: Any) -> list[Any]:
    """Cells tagged ``recipe``."""
    return [c for c in nb.get("cells", []) if "recipe" in tags(c)]


def has_tag(cell: Any, tag: str) -> bool:
    return tag in tags(cell)


def check_kernelspec(nb: Any, expected: dict[str, str]) -> list[str]:
    """Problems if the stored kernelspec differs from the one JupyterLab would write on open.

    JupyterLab replaces ``metadata.kernelspec`` with the running kernel's spec
    (name, display_name, language) and marks the notebook modified when that
    changes anything; autosave then rewrites a tracked file.
    """
    stored = dict(nb.get("metadata", {}).get("kernelspec", {}))
    if stored != expected:
        return [f"kernelspec is {stored}, but the kernel reports {expected}: run `make execute`"]
    return []


# A path of the machine that ran a cell: a home or work folder, a temporary
# folder, a virtual environment or installed packages, a Windows drive.
MACHINE_PATH = re.compile(
    r"(/home/|/root/|/Users/|/tmp/|/work/|/private/var/|site-packages|\.venv|[A-Za-z]:\\)"
)


def output_texts(nb: Any) -> list[tuple[int, str]]:
    """(code cell index, text) for every piece of text stored in an output."""
    found = []
    code = [c for c in nb.get("cells", []) if c.get("cell_type") == "code"]
    for i, cell in enumerate(code):
        for o in cell.get("outputs", []):
            texts = [o.get("text", ""), o.get("evalue", ""), *o.get("traceback", [])]
            for mime, value in o.get("data", {}).items():
                if mime.startswith("text/") or mime == "application/json":
                    texts.append(value if isinstance(value, str) else str(value))
            found += [(i, "".join(t) if isinstance(t, list) else str(t)) for t in texts if t]
    return found


def check_machine_paths(nb: Any) -> list[str]:
    """Problems for stored outputs that show a path of the machine that made them."""
    problems = []
    for i, text in output_texts(nb):
        m = MACHINE_PATH.search(text)
        if m:
            snippet = text[max(0, m.start() - 40) : m.end() + 40].replace("\n", " ")
            problems.append(
                f"code cell {i} stores a machine path ({m.group(0)!r}): ...{snippet}..."
            )
    return problems


ATTEMPT_MARK = "your code here"
DETAILS_CODE = re.compile(r"<details>.*?```python.*?</details>", re.S)


def exercise_groups(nb: Any) -> list[tuple[int, list[int]]]:
    """(attempt cell index, solution cell indices) for each exercise, by position in ``nb.cells``.

    A group is a run of consecutive cells tagged ``solution``; its attempt cell is
    the cell just before the run.
    """
    cells = nb.get("cells", [])
    groups: list[tuple[int, list[int]]] = []
    i = 0
    while i < len(cells):
        if has_tag(cells[i], "solution"):
            run = [i]
            while i + 1 < len(cells) and has_tag(cells[i + 1], "solution"):
                i += 1
                run.append(i)
            groups.append((run[0] - 1, run))
        i += 1
    return groups


def check_exercises(nb: Any) -> list[str]:
    """Problems with the runnable exercise format.

    Each exercise is a markdown cell, then an attempt code cell containing
    ``# your code here``, then one or more cells tagged ``solution`` (code cells
    with their input collapsed, ``metadata.jupyter.source_hidden``, and at least
    one of them; optionally markdown explanation). Solutions in HTML
    ``<details>`` blocks, which cannot run, are refused.
    """
    problems = []
    cells = nb.get("cells", [])
    for i, cell in enumerate(cells):
        if cell.get("cell_type") == "markdown" and DETAILS_CODE.search(
            "".join(cell.get("source", ""))
        ):
            problems.append(
                f"cell {i}: a solution in a <details> block cannot run; use cells tagged 'solution'"
            )
    for attempt, run in exercise_groups(nb):
        before = cells[attempt] if attempt >= 0 else None
        if (
            before is None
            or before.get("cell_type") != "code"
            or ATTEMPT_MARK not in "".join(before.get("source", ""))
        ):
            problems.append(
                f"cell {run[0]}: a solution must follow an attempt code cell "
                f"containing '# {ATTEMPT_MARK}'"
            )
        elif attempt == 0 or cells[attempt - 1].get("cell_type") != "markdown":
            problems.append(
                f"cell {attempt}: an attempt cell must follow the exercise's markdown cell"
            )
        run_cells = [cells[j] for j in run]
        if not any(c.get("cell_type") == "code" for c in run_cells):
            problems.append(f"cell {run[0]}: an exercise's solution needs at least one code cell")
        for j, c in zip(run, run_cells, strict=True):
            hidden = c.get("metadata", {}).get("jupyter", {}).get("source_hidden")
            if c.get("cell_type") == "code" and hidden is not True:
                problems.append(
                    f"cell {j}: a solution code cell needs "
                    "metadata.jupyter.source_hidden = true (collapsed input)"
                )
    return problems


IMAGE_MIMES = ("image/png", "image/jpeg", "image/gif", "image/svg+xml")
#: Fewer words than this name a figure ("figure 3", "the plot") rather than describe it.
MIN_ALT_WORDS = 5


def image_alt(cell: Any) -> str:
    """A cell's alternative text for its figures: ``metadata.mystnb.image.alt`` (or '')."""
    image = (cell.get("metadata", {}).get("mystnb") or {}).get("image") or {}
    alt = image.get("alt", "")
    return alt.strip() if isinstance(alt, str) else ""


def check_image_alt(nb: Any) -> list[str]:
    """Problems for code cells whose figures lack alternative text, or whose text lacks a figure.

    The text is kept with the cell that draws the figure, in MyST-NB's cell-level
    image option ``metadata.mystnb.image.alt``: the site reads it, and so does the
    project's nbconvert template. It must describe what the figure shows, in at least
    ``MIN_ALT_WORDS`` words: "figure 3" or "plot" is refused.
    """
    problems = []
    code = [c for c in nb.get("cells", []) if c.get("cell_type") == "code"]
    for i, cell in enumerate(code):
        images = [m for o in cell.get("outputs", []) for m in o.get("data", {}) if m in IMAGE_MIMES]
        alt = image_alt(cell)
        first_line = ("".join(cell.get("source", "")).strip().splitlines() or [""])[0][:60]
        widget = any(
            "application/vnd.jupyter.widget-view+json" in o.get("data", {})
            for o in cell.get("outputs", [])
        )
        if not images:
            if alt and not widget:  # left when the figure was removed (a widget draws them live)
                problems.append(
                    f"code cell {i} ({first_line!r}) outputs no image but has alternative "
                    "text: remove metadata.mystnb.image.alt"
                )
            continue
        if not alt:
            problems.append(
                f"code cell {i} ({first_line!r}) outputs {images[0]} without "
                "alternative text: set metadata.mystnb.image.alt"
            )
        elif len(alt.split()) < MIN_ALT_WORDS:
            problems.append(
                f"code cell {i} ({first_line!r}): the alternative text {alt!r} names the "
                "figure instead of describing what it shows"
            )
    return problems
