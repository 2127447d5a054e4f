"""Time each lesson notebook against a floor notebook, in one run: ``make bench``.

The floor notebook does what every lesson must do anyway (start a kernel,
import NumPy, SciPy, Matplotlib and helpers, apply the style, draw one
figure), so ``ratio`` says how much a lesson costs beyond that. Each
notebook is executed in memory (nothing is written) ``--repeat`` times, in
rounds that run every notebook once, and the fastest run is reported, with
the kernel's peak resident memory.

Not a test: timings belong in a benchmark you run and quote, never in an
assertion.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

FLOOR_CELLS = [
    "%matplotlib inline\nimport numpy as np\nimport scipy.optimize\n"
    "import matplotlib.pyplot as plt\n"
    "import helpers\n\nhelpers.use_style()\nnp.set_printoptions(precision=6, suppress=True)",
    "x = np.linspace(0, 1, 20)\nfig, ax = plt.subplots()\n"
    "helpers.plotting.plot_fit(x, 2 * x + 1, {'line': 2 * x + 1}, ax=ax)\nplt.show()",
]
PEAK_MEMORY_CELL = "import resource\nprint(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"


def floor_notebook():
    from nbformat.v4 import new_code_cell, new_notebook

    nb = new_notebook(
        metadata={
            "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}
        }
    )
    nb.cells = [new_code_cell(src) for src in FLOOR_CELLS]
    return nb


def run_once(nb, cwd: Path) -> tuple[float, float]:
    """Execute a copy of ``nb``; return (seconds, kernel peak RSS in MiB)."""
    import copy

    from nbclient import NotebookClient
    from nbformat.v4 import new_code_cell

    nb = copy.deepcopy(nb)
    nb.cells.append(new_code_cell(PEAK_MEMORY_CELL))
    client = NotebookClient(
        nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(cwd)}}
    )
    start = time.perf_counter()
    client.execute()
    seconds = time.perf_counter() - start
    out = nb.cells[-1].outputs[0]["text"]
    return seconds, int(out.strip()) / 1024


def main(argv: list[str] | None = None) -> int:
    import nbformat

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "notebooks", nargs="*", type=Path, help="notebooks to time (default: notebooks/*.ipynb)"
    )
    parser.add_argument(
        "--repeat", type=int, default=3, help="rounds: runs per notebook (fastest is kept)"
    )
    args = parser.parse_args(argv)
    os.environ.pop("MPLBACKEND", None)
    paths = args.notebooks or sorted((ROOT / "notebooks").glob("*.ipynb"))
    jobs = [("floor (kernel, imports, one figure)", floor_notebook(), ROOT / "notebooks")]
    jobs += [(p.name, nbformat.read(p, as_version=4), p.parent) for p in paths]

    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, best of {args.repeat} runs")
    print(f"{'notebook':<40} {'seconds':>8} {'x floor':>8} {'peak MiB':>9}")
    # Rounds, not one notebook after another: each round runs every job once, so a
    # stretch of slow (or fast) machine time falls on the floor and the lessons alike
    # instead of biasing the ratios of whichever notebook ran during it.
    runs: list[list[tuple[float, float]]] = [[] for _ in jobs]
    for k in range(args.repeat):
        for job_runs, (_name, nb, cwd) in zip(runs, jobs, strict=True):
            job_runs.append(run_once(nb, cwd))
        times = " ".join(f"{r[-1][0]:.2f}" for r in runs)  # in the order of the table below
        print(f"round {k + 1} of {args.repeat}, seconds: {times}", file=sys.stderr)
    floor = min(r[0] for r in runs[0])
    for (name, _nb, _cwd), job_runs in zip(jobs, runs, strict=True):
        seconds = min(r[0] for r in job_runs)
        memory = max(r[1] for r in job_runs)
        print(f"{name:<40} {seconds:8.2f} {seconds / floor:8.2f} {memory:9.0f}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
