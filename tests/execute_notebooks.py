"""Regenerate the notebooks' stored outputs: ``make execute`` (``NB=...`` for some).

Each notebook runs top to bottom in a fresh ``python3`` kernel with its own
folder as working directory, and is saved in place. Two settings make the
result reproducible, so that a regeneration's diff shows only what really
changed: no timing metadata, and each cell's stdout (and stderr) merged into
one stream, because how the kernel splits a cell's printing into messages
depends on timing. The kernelspec is stored as the kernel reports it
("Python 3 (ipykernel)"), so that opening a lesson in JupyterLab does not
mark it modified. ``MPLBACKEND`` is removed, so that figures are stored
inline whatever the shell says.

Not a test module: it is run by ``make execute``, never collected by pytest.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def execute(path: Path) -> None:
    """Execute the notebook at ``path`` top to bottom and store its outputs in place."""
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb,
        timeout=600,
        kernel_name="python3",
        record_timing=False,
        coalesce_streams=True,
        resources={"metadata": {"path": str(path.parent)}},
    )
    client.execute()
    nb.metadata["kernelspec"] = kernelspec()
    nbformat.write(nb, path)


def kernelspec() -> dict[str, str]:
    """The ``python3`` kernelspec as JupyterLab's server reports it in this environment.

    JupyterLab rewrites a notebook's ``metadata.kernelspec`` from this on open;
    storing it verbatim keeps opening a lesson from marking it modified.
    """
    from jupyter_client.kernelspec import KernelSpecManager

    spec = KernelSpecManager().get_kernel_spec("python3")
    return {"display_name": spec.display_name, "language": spec.language, "name": "python3"}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "notebooks", nargs="*", type=Path, help="notebooks to execute (default: notebooks/*.ipynb)"
    )
    args = parser.parse_args(argv)
    os.environ.pop("MPLBACKEND", None)
    paths = args.notebooks or sorted((ROOT / "notebooks").glob("*.ipynb"))
    for path in paths:
        print(f"executing {path}", flush=True)
        execute(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
