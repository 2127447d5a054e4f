from __future__ import annotations

import json
import subprocess
import sys

import matplotlib as mpl
import matplotlib.pyplot as plt

import helpers


def test_import_leaves_rcparams_untouched(tmp_path):
    # A fresh interpreter, so nothing imported earlier hides a side effect.
    code = (
        "import json, matplotlib as mpl\n"
        "before = {k: repr(v) for k, v in mpl.rcParams.items()}\n"
        "import helpers\n"
        "after = {k: repr(v) for k, v in mpl.rcParams.items()}\n"
        "print(json.dumps(sorted(k for k in before if before[k] != after[k])))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(done.stdout) == []


def test_use_style_sets_the_projects_style():
    try:
        helpers.use_style()
        assert list(mpl.rcParams["figure.figsize"]) == [8.0, 4.5]
        assert mpl.rcParams["figure.dpi"] == 100
        assert mpl.rcParams["font.size"] >= 12  # readable on a projector
        colors = mpl.rcParams["axes.prop_cycle"].by_key()["color"]
        assert colors[:3] == ["#0072B2", "#D55E00", "#009E73"]  # Okabe-Ito
        fig = plt.figure()
        assert str(fig) == "Figure(800x450)"
    finally:
        mpl.rcdefaults()


def test_use_style_resets_earlier_and_user_settings():
    try:
        mpl.rcParams["figure.figsize"] = [3.0, 2.0]
        mpl.rcParams["lines.linestyle"] = "--"  # not in the style file: must be reset too
        helpers.use_style()
        assert list(mpl.rcParams["figure.figsize"]) == [8.0, 4.5]
        assert mpl.rcParams["lines.linestyle"] == "-"
    finally:
        mpl.rcdefaults()


def test_use_style_ignores_a_user_matplotlibrc(tmp_path):
    (tmp_path / "matplotlibrc").write_text("figure.figsize: 3, 2\nfont.size: 7\n")
    code = (
        "import matplotlib as mpl, helpers\n"
        "assert mpl.rcParams['font.size'] == 7\n"
        "helpers.use_style()\n"
        "print(mpl.rcParams['font.size'], list(mpl.rcParams['figure.figsize']))\n"
    )
    env = {"MPLCONFIGDIR": str(tmp_path), "PATH": "/usr/bin:/bin", "MPLBACKEND": "Agg"}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    assert done.stdout.split() == ["13.0", "[8.0,", "4.5]"]


def test_use_style_keeps_the_backend():
    backend = mpl.get_backend()
    try:
        helpers.use_style()
        assert mpl.get_backend() == backend
    finally:
        mpl.rcdefaults()


def test_every_module_is_imported_by_the_package():
    import pkgutil

    names = {m.name for m in pkgutil.iter_modules(helpers.__path__) if not m.name.startswith("_")}
    assert names - {"style"} <= set(helpers.__all__), "export every public module from helpers"


def test_use_style_shows_inline_figures_as_laid_out():
    # The style's constrained layout keeps every label inside the figure, so the inline
    # backend's tight crop (a second draw of every figure) is dropped: the PNG is the figure.
    import base64
    import io

    import nbformat
    from nbclient import NotebookClient
    from PIL import Image

    figure = "fig, ax = plt.subplots()\nax.plot([0, 1], [0, 1])\nplt.show()"
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_code_cell("%matplotlib inline\nimport matplotlib.pyplot as plt\n" + figure),
        nbformat.v4.new_code_cell("import helpers\n\nhelpers.use_style()\n" + figure),
    ]
    NotebookClient(nb, timeout=60, kernel_name="python3").execute()
    sizes = []
    for cell in nb.cells:
        (png,) = [o["data"]["image/png"] for o in cell.outputs if "image/png" in o.get("data", {})]
        sizes.append(Image.open(io.BytesIO(base64.b64decode(png))).size)
    assert sizes[0] != (640, 480)  # the backend's default: cropped to the drawn content
    assert sizes[1] == (800, 450)  # the style's 8 x 4.5 in at 100 dpi, as laid out


def test_use_style_outside_a_kernel_sets_up_no_inline_backend():
    from matplotlib_inline.config import InlineBackend

    InlineBackend.clear_instance()  # as in a plain interpreter: no kernel has set one up
    with mpl.rc_context():
        helpers.use_style()
    assert not InlineBackend.initialized()  # use_style must not create the configuration
