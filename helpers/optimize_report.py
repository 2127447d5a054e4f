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
from ._validate import (
    as_1d_array,
    check_ax,
    check_callable,
    check_digits,
    check_nonnegative,
    check_plot_kwargs,
    check_plottable,
    check_text,
    real_value_of,
)
from .trace import _real_scalar, format_number

__all__ = ["plot_landscape", "format_table"]


def plot_landscape(
    fun: Callable[..., Any],
    grid: Any,
    *,
    args: tuple[Any, ...] = (),
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
    grid = check_plottable(as_1d_array(grid, "grid", min_size=2), "grid")
    if np.any(np.diff(grid) <= 0):
        raise ValueError("grid must be strictly increasing")
    if marks is not None and not isinstance(marks, Mapping):
        raise TypeError(f"marks must be a mapping of label -> values, got {type(marks).__name__}")
    points = {}
    for label, values in (marks or {}).items():
        if not isinstance(label, str):
            raise TypeError(f"marks keys must be str (legend labels), got {type(label).__name__}")
        check_text(label, f"marks key {label!r}")
        points[label] = check_plottable(
            as_1d_array(values, f"marks[{label!r}]"), f"marks[{label!r}]"
        )
    xlabel = check_text(xlabel, "xlabel")
    ylabel = check_text(ylabel, "ylabel")
    check_plot_kwargs(kwargs, "line")

    def value(p: float, where: str) -> float:
        return real_value_of(fun(np.array([p]), *args), "fun", f"at p = [{p:.6g}] (in {where})")

    # Everything is evaluated and checked before anything is drawn.
    curve = check_plottable(np.array([value(p, "grid") for p in grid]), "the values of fun on grid")
    marked = {
        label: check_plottable(
            np.array([value(p, f"marks[{label!r}]") for p in xs]),
            f"the values of fun at marks[{label!r}]",
        )
        for label, xs in points.items()
    }
    ax = check_ax(ax)
    style = {"color": "0.3", "label": "objective"}
    style.update(kwargs)
    ax.plot(grid, curve, **style)
    markers = ["o", "s", "^", "D", "v", "P"]
    for i, (label, xs) in enumerate(points.items()):
        ax.plot(
            xs,
            marked[label],
            marker=markers[i % len(markers)],
            linestyle="none",
            markersize=9,
            label=label,
            zorder=3,
        )
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    if ax.get_legend_handles_labels()[0]:  # labels starting with "_" are not shown
        ax.legend()
    return ax


def _cell(value: Any, digits: int, tiny: float, name: str = "cell") -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, (bool, np.bool_)):
        return "yes" if value else "no"
    if isinstance(value, numbers.Integral) and abs(int(value)) < 10**21:
        return str(int(value))
    if isinstance(value, numbers.Real):
        return format_number(_real_scalar(value, name), digits, tiny)
    raise TypeError(f"{name} must be a str, bool, int, float or None, got {type(value).__name__}")


def format_table(
    header: Sequence[str],
    rows: Sequence[Sequence[Any]],
    *,
    digits: int = 3,
    tiny: float = 1e-12,
) -> str:
    """Format rows of values as an aligned plain-text table.

    Strings are left as they are, booleans print as ``yes``/``no``, integers
    in full (up to 21 digits; larger ones like floats), other real numbers
    to ``digits`` significant digits through
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
        Significant digits of real numbers, 1 to 17.
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
    digits = check_digits(digits)
    tiny = check_nonnegative(tiny, "tiny")
    cells = []
    for i, row in enumerate(rows):
        if isinstance(row, (str, bytes)) or not isinstance(row, (Sequence, np.ndarray)):
            raise TypeError(f"rows[{i}] must be a sequence, got {type(row).__name__}")
        if len(row) != len(header):
            raise ValueError(
                f"rows[{i}] must have {len(header)} entries (one per column of header), "
                f"got {len(row)}"
            )
        try:
            cells.append([_cell(v, digits, tiny, f"rows[{i}][{j}]") for j, v in enumerate(row)])
        except TypeError as exc:
            raise TypeError(f"rows[{i}]: {exc}") from None
    return text_table(list(header), cells, rule=True)
