"""Build the lessons' reference site: ``make site`` (into ``build/site/html/``).

Sphinx with MyST-NB and sphinx-book-theme, configured in ``notebooks/conf.py``. The site
is made from the lessons as stored, without running them, so it needs no kernel and no
network. Every Sphinx warning is an error (``-W --keep-going``, ``-n`` for missing
references), and the build is always complete: the folders it writes are removed first,
so no page of an earlier build survives.

Not a test module: run by ``make site`` and by ``tests/test_site.py``.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "notebooks"
#: What a build writes inside its output folder (MyST-NB puts the figures it extracts
#: beside the HTML folder, in ``jupyter_execute``).
WRITTEN = ("html", "doctrees", "jupyter_execute")


def sphinx_command(out_dir: Path) -> list[str]:
    """The ``sphinx-build`` command line that writes the site into ``out_dir/html``."""
    return [
        sys.executable,
        "-m",
        "sphinx",
        "-b",
        "html",
        "-q",
        "-n",
        "-W",
        "--keep-going",
        "-d",
        str(out_dir / "doctrees"),
        str(SOURCE),
        str(out_dir / "html"),
    ]


def build(out_dir: Path, capture: bool = True) -> subprocess.CompletedProcess[str]:
    """Build the site into ``out_dir/html``; with ``capture``, keep its messages (warnings)."""
    out_dir = Path(out_dir).resolve()
    for name in WRITTEN:
        shutil.rmtree(out_dir / name, ignore_errors=True)
    out_dir.mkdir(parents=True, exist_ok=True)
    return subprocess.run(
        sphinx_command(out_dir), cwd=ROOT, capture_output=capture, text=True, check=False
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", type=Path, nargs="?", default=ROOT / "build" / "site")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    done = build(args.out_dir, capture=False)
    if done.returncode != 0:
        print(
            "make site: the build failed or warned (warnings are errors): see above",
            file=sys.stderr,
        )
        return done.returncode
    index = (args.out_dir / "html" / "index.html").resolve()
    try:
        shown = index.relative_to(Path.cwd())
    except ValueError:
        shown = index
    print(f"site built in {time.perf_counter() - start:.1f} s: open {shown} in a browser,")
    print(f"or serve it: python3 -m http.server -d {shown.parent} (then http://localhost:8000)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
