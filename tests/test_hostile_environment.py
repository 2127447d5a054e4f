"""The stored outputs survive the environments a learner or CI may bring, in the student edition.

One extra strict-nbval pass over each lesson's student edition (``make student``:
the lesson without its ``solution`` cells, everything else as stored) with, all
at once: ``MPLBACKEND=Agg`` (common in CI; the notebooks must still make inline
figures), another OpenBLAS kernel (``OPENBLAS_CORETYPE=Haswell``; round-off
differs, so only stable digits may be printed), one BLAS thread, and a user
``matplotlibrc`` that changes figure size and fonts (``helpers.use_style()``
must reset it).

So one run checks two things: a student's copy runs top to bottom without its
solutions (the attempt cells left as they are), and every stored output outside
the solutions is the same under another BLAS kernel and a hostile environment.
The solution cells themselves are checked by the main strict nbval run.
"""

from __future__ import annotations

import os
import subprocess
import sys

from nbcheck import ROOT, notebook_paths
from student_edition import write_edition


def check_student_edition_in_a_hostile_environment(path, tmp_path):
    config = tmp_path / "mplconfig"
    config.mkdir()
    (config / "matplotlibrc").write_text(
        "figure.figsize: 3, 2\nfigure.dpi: 50\nfont.size: 7\n"
        "axes.prop_cycle: cycler('color', ['k'])\n"
    )
    # beside the lessons' folder layout: the notebook runs with notebooks/ as working directory
    (student,) = write_edition(tmp_path / "student", [path])
    env = dict(os.environ)
    env.update(
        MPLBACKEND="Agg",
        OPENBLAS_CORETYPE="Haswell",
        OPENBLAS_NUM_THREADS="1",
        MPLCONFIGDIR=str(config),
    )
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "--nbval",
            "--nbval-current-env",
            "-o",
            "addopts=",
            "--rootdir",
            str(tmp_path),
            str(student),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert done.returncode == 0, done.stdout[-5000:] + done.stderr[-2000:]


# One test class per lesson (rather than one parametrized test), so that pytest-xdist's
# loadscope can run the lessons on different workers: each run takes seconds.
def _lesson_class(path):
    def test_student_edition_passes_strict_nbval_in_a_hostile_environment(self, tmp_path):
        check_student_edition_in_a_hostile_environment(path, tmp_path)

    test = test_student_edition_passes_strict_nbval_in_a_hostile_environment
    return type(f"TestHostile_{path.stem}", (), {test.__name__: test})


for _path in notebook_paths():
    _cls = _lesson_class(_path)
    globals()[_cls.__name__] = _cls
