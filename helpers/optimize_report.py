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


# --- Added for the revised Lesson 2: runs drawn on a landscape, orders of magnitude ---------


def plot_runs(
    fun: Callable[..., Any],
    starts: Any,
    ends: Any,
    *,
    args: tuple[Any, ...] = (),
    labels: Sequence[str] | None = None,
    ax: Any = None,
) -> Any:
    """Mark where runs of a 1-D optimiser started and ended, with an arrow for each.

    Meant to be drawn over :func:`plot_landscape`: each start is an open black
    circle on the curve, each end a filled marker of its own shape and colour,
    and a curved arrow joins them, so a jump over a valley is visible.

    Parameters
    ----------
    fun : callable
        ``fun(p, *args)`` with ``p`` an array of shape (1,), returning a
        scalar: the objective the runs minimised.
    starts, ends : array_like, shape (k,)
        Starting values and the values the runs ended at, one per run.
    args : tuple, optional
        Extra positional arguments for ``fun``.
    labels : sequence of str, optional
        Legend label of each run's end marker; by default
        ``"from <start> to <end>"`` with 4 significant digits.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; the current Axes when None.

    Returns
    -------
    ax : matplotlib.axes.Axes
        The Axes drawn on. On a fresh Axes, ``ax.lines[0]`` holds the starts
        and ``ax.lines[1:]`` the end of each run, in order; the arrows are
        annotations in ``ax.texts``.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> ax = plot_runs(lambda p: (p[0] - 1.0) ** 2, [0.0, 3.0], [1.0, 1.0], ax=ax)
    >>> len(ax.lines), len(ax.texts)
    (3, 2)
    >>> plt.close(fig)
    """
    check_callable(fun, "fun")
    if not isinstance(args, tuple):
        raise TypeError(f"args must be a tuple, got {type(args).__name__}")
    starts = check_plottable(as_1d_array(starts, "starts"), "starts")
    ends = check_plottable(as_1d_array(ends, "ends"), "ends")
    if ends.size != starts.size:
        raise ValueError(
            f"ends must have as many values as starts ({starts.size}), got {ends.size}"
        )
    if labels is None:
        labels = [f"from {s:.4g} to {e:.4g}" for s, e in zip(starts, ends, strict=True)]
    elif isinstance(labels, (str, bytes)) or not isinstance(labels, Sequence):
        raise TypeError(f"labels must be a sequence of str, got {type(labels).__name__}")
    if len(labels) != starts.size:
        raise ValueError(f"labels must have one entry per run ({starts.size}), got {len(labels)}")
    for i, lab in enumerate(labels):
        check_text(lab, f"labels[{i}]")

    def value(p: float, which: str) -> float:
        where = f"at p = [{p:.6g}] (in {which})"
        v = real_value_of(fun(np.array([p]), *args), "fun", where)
        return float(check_plottable(np.array([v]), f"the value fun returned {where}")[0])

    f_starts = [value(s, "starts") for s in starts]
    f_ends = [value(e, "ends") for e in ends]
    ax = check_ax(ax)
    ax.plot(
        starts,
        f_starts,
        marker="o",
        markersize=11,
        markerfacecolor="none",
        markeredgecolor="black",
        markeredgewidth=1.5,
        linestyle="none",
        label="start",
        zorder=4,
    )
    markers = ["*", "D", "^", "v", "P", "X"]
    for i, label in enumerate(labels):
        color = f"C{(i + 1) % 8}"
        ax.plot(
            [ends[i]],
            [f_ends[i]],
            marker=markers[i % len(markers)],
            markersize=12,
            color=color,
            markeredgecolor="black",
            linestyle="none",
            label=label,
            zorder=5,
        )
        bend = -0.35 if ends[i] >= starts[i] else 0.35
        ax.annotate(
            "",
            xy=(ends[i], f_ends[i]),
            xytext=(starts[i], f_starts[i]),
            arrowprops={
                "arrowstyle": "-|>",
                "color": color,
                "linewidth": 1.8,
                "shrinkA": 7,
                "shrinkB": 8,
                "connectionstyle": f"arc3,rad={bend}",
            },
        )
    ax.legend()
    return ax


def order_of_magnitude(value: float) -> str:
    """The power of ten nearest to ``abs(value)``, as text such as ``'1e-08'``.

    For printing a measured quantity that is pure round-off (a gradient
    check's discrepancy, say): its leading digit differs from one BLAS build to
    another, its order of magnitude usually does not. The exponent is rounded
    on a log scale, so 2.9e-8 gives ``'1e-08'`` and 3.3e-8 gives ``'1e-07'``.

    Parameters
    ----------
    value : float
        A finite, nonzero real number.

    Returns
    -------
    str

    Examples
    --------
    >>> order_of_magnitude(1.7e-8)
    '1e-08'
    >>> order_of_magnitude(-0.4)
    '1e+00'
    """
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
        raise TypeError(f"value must be a real number, got {type(value).__name__}")
    try:
        value = float(value)
    except OverflowError:
        raise ValueError("value must be finite, got an int too large for a float") from None
    if not np.isfinite(value) or value == 0:
        raise ValueError(f"value must be finite and nonzero, got {value}")
    return f"1e{int(np.round(np.log10(abs(value)))):+03d}"


__all__ += ["plot_runs", "order_of_magnitude"]
