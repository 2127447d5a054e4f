"""Write the student edition of the lessons: ``make student`` (into ``build/student/``).

Each lesson is copied with every cell tagged ``solution`` removed; the attempt
cells (``# your code here``) and everything else stay as stored, outputs
included. A note at the top says where the solutions are. The output folder is
git-ignored: hand it out, don't commit it.

Not a test module: run by ``make student`` and by ``tests/test_student.py``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import nbformat
from nbformat.v4 import new_markdown_cell

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

from nbcheck import has_tag, notebook_paths  # noqa: E402

NOTE = (
    "> **Student edition.** The solutions have been taken out of this copy: each exercise "
    "keeps an empty cell for your attempt (`# your code here`). The full lesson, with "
    "solutions, is `notebooks/{name}` in the course repository."
)


def student_notebook(nb: nbformat.NotebookNode, name: str) -> nbformat.NotebookNode:
    """A copy of ``nb`` without its ``solution`` cells, with the student note on top."""
    out = nbformat.from_dict(nb)
    out.cells = [c for c in out.cells if not has_tag(c, "solution")]
    note = new_markdown_cell(NOTE.format(name=name))
    note.metadata["tags"] = ["student-note"]
    out.cells.insert(0, note)
    return out


def write_edition(out_dir: Path, paths: list[Path] | None = None) -> list[Path]:
    """Write the student edition of ``paths`` (default: every lesson) into ``out_dir``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for path in paths or notebook_paths():
        nb = nbformat.read(path, as_version=4)
        target = out_dir / path.name
        nbformat.write(student_notebook(nb, path.name), target)
        written.append(target)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", type=Path, nargs="?", default=ROOT / "build" / "student")
    args = parser.parse_args(argv)
    for target in write_edition(args.out_dir):
        print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
