"""The stored outputs survive the environments a learner or CI may bring.

One extra strict-nbval pass over every notebook with, all at once:
``MPLBACKEND=Agg`` (common in CI; the notebooks must still make inline
figures), another OpenBLAS kernel (``OPENBLAS_CORETYPE=Haswell``; round-off
differs, so only stable digits may be printed), one BLAS thread, and a user
``matplotlibrc`` that changes figure size and fonts (``helpers.use_style()``
must reset it).
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from nbcheck import ROOT, notebook_paths


@pytest.mark.skipif(not notebook_paths(), reason="no notebooks yet")
def test_notebooks_pass_strict_nbval_in_a_hostile_environment(tmp_path):
    config = tmp_path / "mplconfig"
    config.mkdir()
    (config / "matplotlibrc").write_text(
        "figure.figsize: 3, 2\nfigure.dpi: 50\nfont.size: 7\naxes.prop_cycle: cycler('color', ['k'])\n"
    )
    env = dict(os.environ)
    env.update(
        MPLBACKEND="Agg",
        OPENBLAS_CORETYPE="Haswell",
        OPENBLAS_NUM_THREADS="1",
        MPLCONFIGDIR=str(config),
    )
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--nbval",
         "--nbval-current-env", "-o", "addopts=", *map(str, notebook_paths())],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=900,
    )
    assert done.returncode == 0, done.stdout[-5000:] + done.stderr[-2000:]
