"""Regenerate the notebooks' stored outputs: ``make execute`` (``NB=...`` for some).

Each notebook runs top to bottom in a fresh ``python3`` kernel with its own
folder as working directory, and is saved in place. Two settings make the
result reproducible, so that a regeneration's diff shows only what really
changed: no timing metadata, and each cell's stdout (and stderr) merged into
one stream, because how the kernel splits a cell's printing into messages
depends on timing. ``MPLBACKEND`` is removed, so that figures are stored
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
    nbformat.write(nb, path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=Path,
                        help="notebooks to execute (default: notebooks/*.ipynb)")
    args = parser.parse_args(argv)
    os.environ.pop("MPLBACKEND", None)
    paths = args.notebooks or sorted((ROOT / "notebooks").glob("*.ipynb"))
    for path in paths:
        print(f"executing {path}", flush=True)
        execute(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
