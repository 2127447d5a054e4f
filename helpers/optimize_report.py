"""Reports for lesson 2 (``minimize``): a 1-D objective landscape and a text table.

Neither function performs a fit: :func:`plot_landscape` only evaluates and
draws a function the notebook defines, and :func:`format_table` only formats
numbers the notebook computed, rounded so that stored outputs are the same on
every machine.
"""

from __future__ import annotations

import numbers
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np

from ._tables import text_table
from ._validate import as_1d_array, check_ax, check_callable, check_int, check_nonnegative
from .trace import format_number

__all__ = ["plot_landscape", "format_table"]


def plot_landscape(
    fun: Callable[..., Any],
    grid: Any,
    *,
    args: tuple = (),
    marks: Mapping[str, Any] | None = None,
    ax: Any = None,
    xlabel: str = "parameter",
    ylabel: str = "objective",
    **kwargs: Any,
) -> Any:
    """Draw a scalar objective of one parameter over a grid, with marked points.

    Parameters
    ----------
    fun : callable
        ``fun(p, *args)`` with ``p`` an array of shape (1,) (as
        :func:`scipy.optimize.minimize` calls it), returning a scalar.
    grid : array_like, shape (k,)
        Parameter values where ``fun`` is evaluated, increasing, k >= 2.
    args : tuple, optional
        Extra positional arguments for ``fun``.
    marks : mapping of str to array_like, optional
        Legend label -> parameter values to mark on the curve (for example
        the minima found from several starts). Each value is drawn at
        ``fun`` of that value, with its own marker.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; the current Axes when None.
    xlabel, ylabel : str
        Axis labels.
    **kwargs
        Passed to ``ax.plot`` for the curve (for example ``color``).

    Returns
    -------
    ax : matplotlib.axes.Axes
        The Axes drawn on: ``ax.lines[0]`` is the curve on a fresh Axes,
        then one line per entry of ``marks``.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> ax = plot_landscape(lambda p: (p[0] - 1.0) ** 2, np.linspace(-1, 3, 41),
    ...                     marks={"minimum": [1.0]}, ax=ax)
    >>> len(ax.lines)
    2
    >>> plt.close(fig)
    """
    check_callable(fun, "fun")
    if not isinstance(args, tuple):
        raise TypeError(f"args must be a tuple, got {type(args).__name__}")
    grid = as_1d_array(grid, "grid", min_size=2)
    if np.any(np.diff(grid) <= 0):
        raise ValueError("grid must be strictly increasing")
    if marks is not None and not isinstance(marks, Mapping):
        raise TypeError(f"marks must be a mapping of label -> values, got {type(marks).__name__}")
    points = {}
    for label, values in (marks or {}).items():
        points[str(label)] = as_1d_array(values, f"marks[{label!r}]")

    def value(p: float) -> float:
        v = np.asarray(fun(np.array([p]), *args), dtype=float)
        if v.ndim != 0:
            raise ValueError(f"fun must return a scalar, got an array of shape {v.shape}")
        return float(v)

    curve = np.array([value(p) for p in grid])
    ax = check_ax(ax)
    style = {"color": "0.3", "label": "objective"}
    style.update(kwargs)
    ax.plot(grid, curve, **style)
    markers = ["o", "s", "^", "D", "v", "P"]
    for i, (label, xs) in enumerate(points.items()):
        ys = [value(p) for p in xs]
        ax.plot(xs, ys, marker=markers[i % len(markers)], linestyle="none", markersize=9,
                label=label, zorder=3)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.legend()
    return ax


def _cell(value: Any, digits: int, tiny: float) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, (bool, np.bool_)):
        return "yes" if value else "no"
    if isinstance(value, numbers.Integral):
        return str(int(value))
    if isinstance(value, numbers.Real):
        return format_number(float(value), digits, tiny)
    raise TypeError(f"table cells must be str, bool, int, float or None, got {type(value).__name__}")


def format_table(
    header: Sequence[str],
    rows: Sequence[Sequence[Any]],
    *,
    digits: int = 3,
    tiny: float = 1e-12,
) -> str:
    """Format rows of values as an aligned plain-text table.

    Strings are left as they are, booleans print as ``yes``/``no``, integers
    in full, other real numbers to ``digits`` significant digits through
    :func:`helpers.trace.format_number` (magnitudes below ``tiny`` print as
    ``0``), and None as an empty cell. The first column is left-aligned, the
    others right-aligned.

    Parameters
    ----------
    header : sequence of str
        Column titles.
    rows : sequence of sequences
        One sequence per row, as long as ``header``.
    digits : int, default 3
        Significant digits of real numbers, >= 1.
    tiny : float, default 1e-12
        Magnitudes below this print as ``0``; >= 0.

    Returns
    -------
    str
        The table, one line per row after a header line and a rule.

    Examples
    --------
    >>> print(format_table(["method", "success", "calls", "error"],
    ...                    [["BFGS", True, 60, 7.77e-05], ["Powell", False, 301, 0.0123]]))
    method  success  calls     error
    ------  -------  -----  --------
    BFGS        yes     60  7.77e-05
    Powell       no    301    0.0123
    """
    if isinstance(header, (str, bytes)) or not isinstance(header, Sequence):
        raise TypeError(f"header must be a sequence of str, got {type(header).__name__}")
    if len(header) == 0:
        raise ValueError("header must name at least one column")
    for i, h in enumerate(header):
        if not isinstance(h, str):
            raise TypeError(f"header[{i}] must be a str, got {type(h).__name__}")
    if isinstance(rows, (str, bytes)) or not isinstance(rows, Sequence):
        raise TypeError(f"rows must be a sequence of sequences, got {type(rows).__name__}")
    digits = check_int(digits, "digits", minimum=1)
    tiny = check_nonnegative(tiny, "tiny")
    cells = []
    for i, row in enumerate(rows):
        if isinstance(row, (str, bytes)) or not isinstance(row, (Sequence, np.ndarray)):
            raise TypeError(f"rows[{i}] must be a sequence, got {type(row).__name__}")
        if len(row) != len(header):
            raise ValueError(f"rows[{i}] must have {len(header)} entries (one per column), got {len(row)}")
        try:
            cells.append([_cell(v, digits, tiny) for v in row])
        except TypeError as exc:
            raise TypeError(f"rows[{i}]: {exc}") from None
    return text_table(list(header), cells, rule=True)
