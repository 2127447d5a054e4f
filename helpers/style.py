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
    and line widths that stay readable on a projector.

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
