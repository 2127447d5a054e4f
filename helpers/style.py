"""The project's Matplotlib style, applied by one explicit call."""

from __future__ import annotations

from importlib import resources

__all__ = ["STYLE_FILE", "use_style"]

#: Name of the style file shipped inside the package.
STYLE_FILE = "lsq.mplstyle"


def use_style() -> None:
    """Reset Matplotlib's rcParams, then apply the tutorials' style.

    The reset comes first, so that a user's ``matplotlibrc`` or settings made
    earlier in the session do not leak into the figures: every figure looks
    the same on every machine, and the text ``<Figure size 800x450 ...>`` that
    notebook tests compare does not depend on the user's configuration.

    The style uses Okabe and Ito's colour-blind-safe colour cycle and fonts
    and line widths that stay readable on a projector. Its figures use
    Matplotlib's constrained layout, which keeps every label inside the
    figure; so, in a Jupyter kernel with the inline backend, figures are
    shown as laid out instead of cropped to a tight bounding box (that crop
    costs a second full draw of every figure, about a fifth of its time).

    Examples
    --------
    >>> import helpers
    >>> helpers.use_style()
    """
    import matplotlib as mpl
    import matplotlib.pyplot as plt

    mpl.rcdefaults()
    with resources.as_file(resources.files("helpers").joinpath(STYLE_FILE)) as path:
        plt.style.use(str(path))
    _show_inline_figures_as_laid_out()


def _show_inline_figures_as_laid_out() -> None:
    """Drop the inline backend's tight crop, if a kernel has set that backend up."""
    import sys

    if "matplotlib_inline.config" not in sys.modules:
        return  # not in a Jupyter kernel with the inline backend: nothing to configure
    from matplotlib_inline.config import InlineBackend

    if not InlineBackend.initialized() or InlineBackend.instance().shell is None:
        return
    from matplotlib_inline.backend_inline import set_matplotlib_formats

    set_matplotlib_formats(  # type: ignore[no-untyped-call]
        *InlineBackend.instance().figure_formats, bbox_inches=None
    )
