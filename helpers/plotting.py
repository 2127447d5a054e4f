"""Small, composable plots for least-squares fits.

Each function draws on ``ax`` (the current Axes when None), forwards extra
keyword arguments to Matplotlib, labels its axes, returns the Axes it drew
on and never calls ``plt.show()``: the notebook decides when a figure is
finished.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np

from ._validate import (
    as_1d_array,
    as_2d_array,
    check_ax,
    check_bool,
    check_callable,
    check_fmt,
    check_int,
    check_nonnegative,
    check_plot_kwargs,
    check_plottable,
    check_real,
    check_same_length,
    check_text,
    is_finite_float,
    real_value_of,
)

__all__ = ["plot_fit", "plot_residuals", "plot_coefficients", "plot_cost_contours", "plot_path"]

#: Most bars :func:`plot_coefficients` draws (each has its own tick label).
MAX_BARS = 200
#: Most grid points per axis in :func:`plot_cost_contours` (``fun`` is called n² times).
MAX_GRID = 301
#: Most contour levels :func:`plot_cost_contours` draws.
MAX_LEVELS = 100


def _data(values: Any, name: str, **kw: Any) -> np.ndarray:
    """A finite 1-D array that Matplotlib can draw (see :func:`check_plottable`)."""
    return check_plottable(as_1d_array(values, name, **kw), name)


def _legend(ax: Any) -> None:
    """Draw a legend if some artist has a label (else Matplotlib would warn)."""
    if ax.get_legend_handles_labels()[0]:
        ax.legend()


def _label_text(key: Any, name: str) -> str:
    """A mapping key used as a legend label: a str Matplotlib can draw."""
    if not isinstance(key, str):
        raise TypeError(f"{name} keys must be str (legend labels), got {type(key).__name__}")
    return check_text(key, f"{name} key {key!r}")


def plot_fit(
    x: Any,
    y: Any,
    models: Mapping[str, Any] | None = None,
    *,
    x_model: Any = None,
    ax: Any = None,
    data_label: str = "data",
    xlabel: str = "$x$",
    ylabel: str = "$y$",
    **kwargs: Any,
) -> Any:
    """Plot data points and, optionally, one or more fitted models.

    Parameters
    ----------
    x, y : array_like, shape (n,)
        The data, drawn as markers.
    models : mapping of str to array_like, optional
        Legend label -> model values. Each array has the length of
        ``x_model`` (or of ``x`` when ``x_model`` is None). Drawn as lines in
        the order given.
    x_model : array_like, optional
        Where the models are evaluated, for example a fine grid for a smooth
        curve. Defaults to ``x``.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; the current Axes when None.
    data_label, xlabel, ylabel : str
        Legend label of the data and axis labels.
    **kwargs
        Passed to ``ax.plot`` for the data markers (for example ``color``,
        ``marker``, ``alpha``).

    Returns
    -------
    ax : matplotlib.axes.Axes
        The Axes drawn on: ``ax.lines[0]`` is the data, then one line per
        model.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> ax = plot_fit([0, 1, 2], [1, 3, 5], {"line": [1, 3, 5]}, ax=ax)
    >>> len(ax.lines)
    2
    >>> plt.close(fig)
    """
    x = _data(x, "x")
    y = _data(y, "y")
    check_same_length(x=x, y=y)
    xm = x if x_model is None else _data(x_model, "x_model")
    if models is not None and not isinstance(models, Mapping):
        raise TypeError(f"models must be a mapping of label -> values, got {type(models).__name__}")
    curves = {}
    for label, values in (models or {}).items():
        label = _label_text(label, "models")
        name = f"models[{label!r}]"
        values = as_1d_array(values, name, finite=False)
        if np.any(np.isinf(values)):
            raise ValueError(f"{name} must not contain inf (NaN, a gap in the line, is allowed)")
        check_plottable(values[np.isfinite(values)], name)
        if values.size != xm.size:
            where = "x" if x_model is None else "x_model"
            raise ValueError(
                f"{name} must have the length of {where} ({xm.size}), got {values.size}"
            )
        curves[label] = values
    data_label = check_text(data_label, "data_label")
    xlabel = check_text(xlabel, "xlabel")
    ylabel = check_text(ylabel, "ylabel")
    check_plot_kwargs(kwargs, "line", reserved={"label": "the data's label is data_label"})
    ax = check_ax(ax)
    style = {"marker": "o", "linestyle": "none", "color": "0.35", "label": data_label, "zorder": 3}
    style.update(kwargs)
    ax.plot(x, y, **style)
    for label, values in curves.items():
        ax.plot(xm, values, label=label)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    _legend(ax)
    return ax


def plot_residuals(
    x: Any,
    residuals: Any,
    *,
    ax: Any = None,
    label: str | None = None,
    xlabel: str = "$x$",
    ylabel: str = "residual",
    **kwargs: Any,
) -> Any:
    """Plot residuals against ``x`` with a zero line.

    Parameters
    ----------
    x, residuals : array_like, shape (n,)
        Positions and residuals (data minus model, or the residual vector of
        a fit).
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; the current Axes when None.
    label : str, optional
        Legend label; a legend is drawn only when given, so several residual
        sets can share an Axes (a label starting with ``_``, or ``""``, is
        hidden from the legend, as in Matplotlib).
    xlabel, ylabel : str
        Axis labels.
    **kwargs
        Passed to ``ax.plot`` for the residual markers.

    Returns
    -------
    ax : matplotlib.axes.Axes
        The Axes drawn on: the zero line is ``ax.lines[0]`` on a fresh Axes
        and the residuals are the last line.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> ax = plot_residuals([0, 1, 2], [0.1, -0.2, 0.1], ax=ax)
    >>> plt.close(fig)
    """
    x = _data(x, "x")
    residuals = _data(residuals, "residuals")
    check_same_length(x=x, residuals=residuals)
    label = check_text(label, "label", optional=True)
    xlabel = check_text(xlabel, "xlabel")
    ylabel = check_text(ylabel, "ylabel")
    check_plot_kwargs(kwargs, "line")
    ax = check_ax(ax)
    ax.axhline(0.0, color="0.2", linewidth=1, zorder=1)
    style = {"marker": "o", "linestyle": "none", "zorder": 3}
    style.update(kwargs)
    if label is not None:
        style["label"] = label
    ax.plot(x, residuals, **style)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    if label is not None:
        _legend(ax)
    return ax


def plot_coefficients(
    coef: Any,
    labels: Sequence[str],
    *,
    ax: Any = None,
    ylabel: str = "coefficient",
    annotate: bool = True,
    fmt: str = "{:.3g}",
    **kwargs: Any,
) -> Any:
    r"""Bar chart of fitted coefficients, one bar per basis function.

    Parameters
    ----------
    coef : array_like, shape (m,)
        Coefficient values; at most :data:`MAX_BARS` (200), each within ±1e300.
    labels : sequence of str, length m
        Tick labels; Matplotlib mathtext is rendered, so ``r"$x^2$"`` or
        ``r"$\sin x$"`` display as formulas.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; the current Axes when None.
    ylabel : str
        Label of the value axis.
    annotate : bool, default True
        Write each value above (or below) its bar using ``fmt``.
    fmt : str
        :meth:`str.format` template of the annotations, for example
        ``"{:.2f}"``; it must have a replacement field (``"%.2f"`` is refused)
        and no width or precision above 50.
    **kwargs
        Passed to ``ax.bar`` (for example ``color``, ``width``).

    Returns
    -------
    ax : matplotlib.axes.Axes
        The Axes drawn on; its ``containers[0]`` holds the bars.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> ax = plot_coefficients([1.0, -2.0], ["$x$", "$x^2$"], ax=ax)
    >>> len(ax.patches)
    2
    >>> plt.close(fig)
    """
    coef = _data(coef, "coef")
    if coef.size > MAX_BARS:
        raise ValueError(
            f"coef must have at most {MAX_BARS} entries (one bar each), got {coef.size}"
        )
    if isinstance(labels, (str, bytes)) or not isinstance(labels, Sequence):
        raise TypeError(f"labels must be a sequence of str, got {type(labels).__name__}")
    if len(labels) != coef.size:
        raise ValueError(
            f"labels must have one entry per coefficient (len(coef) = {coef.size}), "
            f"got {len(labels)}"
        )
    for i, lab in enumerate(labels):
        if not isinstance(lab, str):
            raise TypeError(f"labels[{i}] must be a str, got {type(lab).__name__}")
        check_text(lab, f"labels[{i}]")
    ylabel = check_text(ylabel, "ylabel")
    annotate = check_bool(annotate, "annotate")
    fmt = check_fmt(fmt, "fmt")
    check_plot_kwargs(kwargs, "bar")
    ax = check_ax(ax)
    positions = np.arange(coef.size)
    bars = ax.bar(positions, coef, **kwargs)
    ax.set_xticks(positions, labels)
    ax.axhline(0.0, color="0.2", linewidth=1)
    ax.set_ylabel(ylabel)
    ax.set_xlabel("basis function")
    if annotate:
        ax.bar_label(bars, labels=[fmt.format(v) for v in coef], padding=2)
    return ax


def _check_limits(lim: Any, name: str) -> tuple[float, float]:
    lim = _data(lim, name)
    if lim.size != 2 or not lim[0] < lim[1]:
        raise ValueError(f"{name} must be two increasing numbers (low, high), got {lim.tolist()}")
    return float(lim[0]), float(lim[1])


def plot_cost_contours(
    fun: Callable[[np.ndarray], Any],
    xlim: Any,
    ylim: Any,
    *,
    n: int = 101,
    levels: int | Sequence[float] = 20,
    log: bool = False,
    ax: Any = None,
    xlabel: str = "$x_0$",
    ylabel: str = "$x_1$",
    **kwargs: Any,
) -> Any:
    """Contour lines of a scalar function of two parameters.

    Useful to draw an optimiser's path (see :func:`plot_path`) over the cost
    or objective it minimises.

    Parameters
    ----------
    fun : callable
        ``fun(p)`` with ``p`` an array of shape (2,), returning a scalar (for
        example ``lambda p: 0.5 * np.sum(residuals(p)**2)``). It is called
        once per grid point.
    xlim, ylim : (float, float)
        Ranges of the first and second parameter, low < high.
    n : int, default 101
        Grid points per axis, 2 to :data:`MAX_GRID` (301).
    levels : int or sequence of float, default 20
        Number of contour levels, or the levels themselves (increasing, at
        least one within the range of ``fun`` on the grid); at most
        :data:`MAX_LEVELS` (100).
    log : bool, default False
        When ``levels`` is a count, space the levels logarithmically (for
        costs spanning decades; the function must then be > 0 on the grid)
        and colour them on a logarithmic scale (``norm=LogNorm()``, unless
        ``norm`` is given).
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; the current Axes when None.
    xlabel, ylabel : str
        Axis labels.
    **kwargs
        Passed to ``ax.contour`` (for example ``cmap``, ``linewidths``).

    Returns
    -------
    ax : matplotlib.axes.Axes
        The Axes drawn on; the contour set is ``ax.collections[-1]``.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> ax = plot_cost_contours(lambda p: p[0]**2 + p[1]**2, (-1, 1), (-1, 1), n=11, ax=ax)
    >>> plt.close(fig)
    """
    check_callable(fun, "fun")
    x0, x1 = _check_limits(xlim, "xlim")
    y0, y1 = _check_limits(ylim, "ylim")
    n = check_int(n, "n", minimum=2)
    if n > MAX_GRID:
        raise ValueError(f"n must be at most {MAX_GRID} (fun is called n**2 times), got {n}")
    log = check_bool(log, "log")
    count = None
    if isinstance(levels, (int, np.integer)) and not isinstance(levels, (bool, np.bool_)):
        count = check_int(levels, "levels", minimum=1)
        if count > MAX_LEVELS:
            raise ValueError(f"levels must be at most {MAX_LEVELS}, got {count}")
    else:
        given = _data(levels, "levels")
        if given.size > MAX_LEVELS:
            raise ValueError(f"levels must hold at most {MAX_LEVELS} values, got {given.size}")
        if np.any(np.diff(given) <= 0):
            raise ValueError("levels must be increasing")
    xlabel = check_text(xlabel, "xlabel")
    ylabel = check_text(ylabel, "ylabel")
    check_plot_kwargs(kwargs, "contour")
    gx, gy = np.meshgrid(np.linspace(x0, x1, n), np.linspace(y0, y1, n))
    values = np.empty_like(gx)
    for idx in np.ndindex(gx.shape):
        p = np.array([gx[idx], gy[idx]])
        raw = fun(p)
        values[idx] = (
            raw
            if is_finite_float(raw)
            else real_value_of(raw, "fun", f"at p = {p.tolist()} (in the xlim x ylim grid)")
        )
    check_plottable(values, "the values of fun on the grid")
    lo, hi = float(values.min()), float(values.max())
    contour_levels: Any
    if count is not None:
        if hi == lo:
            raise ValueError(f"fun is constant ({lo:.6g}) on the grid: it has no contour lines")
        if log:
            if lo <= 0:
                raise ValueError("log=True needs fun > 0 on the whole grid")
            contour_levels = np.geomspace(lo, hi, count + 2)[1:-1]
        else:
            contour_levels = count
    else:
        if not np.any((given >= lo) & (given <= hi)):
            raise ValueError(
                f"levels {given.tolist()[:5]} are all outside the range of fun on the grid "
                f"[{lo:.6g}, {hi:.6g}], so no contour line would be drawn"
            )
        contour_levels = given
    ax = check_ax(ax)
    style: dict[str, Any] = {"cmap": "viridis", "linewidths": 1.0}
    if log and count is not None:
        from matplotlib.colors import LogNorm

        style["norm"] = LogNorm()  # evenly spaced colours for geometrically spaced levels
    style.update(kwargs)
    ax.contour(gx, gy, values, levels=contour_levels, **style)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    return ax


def plot_path(
    xs: Any,
    *,
    ax: Any = None,
    label: str = "iterates",
    number: bool = True,
    **kwargs: Any,
) -> Any:
    """Draw an optimiser's path through a two-parameter space.

    The start is a square, the end a star, and the iterates in between are
    joined in order (numbered when ``number`` is True).

    Parameters
    ----------
    xs : array_like, shape (k, 2)
        The iterates, start first; for example ``recorder.x`` of a
        :class:`helpers.trace.IterationRecorder`.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; the current Axes when None.
    label : str
        Legend label of the path.
    number : bool, default True
        Write the iteration number beside each point (at most 30 points).
    **kwargs
        Passed to ``ax.plot`` for the path (for example ``color``).

    Returns
    -------
    ax : matplotlib.axes.Axes
        The Axes drawn on; the path is ``ax.lines[-3]``, then the start and
        end markers.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> ax = plot_path([[0, 0], [0.5, 0.2], [1, 1]], ax=ax)
    >>> len(ax.lines)
    3
    >>> plt.close(fig)
    """
    xs = as_2d_array(xs, "xs")
    if xs.shape[1] != 2:
        raise ValueError(f"xs must have shape (k, 2), got {xs.shape}")
    check_plottable(xs, "xs")
    label = check_text(label, "label")
    number = check_bool(number, "number")
    check_plot_kwargs(kwargs, "line", reserved={"label": "the path's label is label"})
    ax = check_ax(ax)
    style = {"marker": "o", "markersize": 4, "color": "C1", "label": label}
    style.update(kwargs)
    (path,) = ax.plot(xs[:, 0], xs[:, 1], **style)
    color = path.get_color()
    # "start" and "end" enter the legend once per Axes, however many paths share it.
    seen = {line.get_label() for line in ax.lines}
    start_label = "_nolegend_" if "start" in seen else "start"
    end_label = "_nolegend_" if "end" in seen else "end"
    ax.plot(*xs[0], marker="s", markersize=9, color=color, linestyle="none", label=start_label)
    ax.plot(*xs[-1], marker="*", markersize=14, color=color, linestyle="none", label=end_label)
    if number and len(xs) <= 30:
        for i, (px, py) in enumerate(xs):
            ax.annotate(str(i), (px, py), textcoords="offset points", xytext=(5, 5), fontsize=9)
    ax.legend()
    return ax


# --- Added for the revised Lesson 2: iteration numbers that do not overlap --------------------


def label_iterations(
    xs: Any,
    *,
    ax: Any = None,
    first: int = 1,
    min_separation: float = 22.0,
    offset: tuple[float, float] = (8.0, 6.0),
    fontsize: float = 12.0,
    **kwargs: Any,
) -> Any:
    """Number the iterates of a 2-D path, skipping any that would crowd a label.

    :func:`plot_path` numbers every point, which overlaps where an optimiser
    takes small steps. This numbers the points from index ``first`` on, but
    leaves out a point that lies closer than ``min_separation`` (in typographic
    points, on screen) to a point already numbered. Draw the path and set the
    axis limits first: screen positions are taken from the Axes as it is.

    Parameters
    ----------
    xs : array_like, shape (k, 2)
        The iterates, start first (as for :func:`plot_path`).
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; the current Axes when None.
    first : int, default 1
        Index of the first iterate to number (1 skips the start, which
        :func:`plot_path` already marks).
    min_separation : float, default 22
        Smallest distance, in points, between two numbered iterates; >= 0.
    offset : (float, float), default (8, 6)
        Offset of each number from its point, in points.
    fontsize : float, default 12
        Size of the numbers, in points, from 6 to 1000 (>= 11 stays readable
        when projected).
    **kwargs
        Passed to ``ax.annotate`` (for example ``color``).

    Returns
    -------
    ax : matplotlib.axes.Axes
        The Axes drawn on; the numbers drawn are appended to ``ax.texts``, in
        order (a point off screen, or too close to one numbered, gets none).

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> ax.set(xlim=(0, 10), ylim=(0, 10))
    [(0.0, 10.0), (0.0, 10.0)]
    >>> ax = label_iterations([[0, 0], [5, 5], [5.01, 5.01], [9, 9]], ax=ax)
    >>> [t.get_text() for t in ax.texts]
    ['1', '3']
    >>> plt.close(fig)
    """
    xs = check_plottable(as_2d_array(xs, "xs"), "xs")
    if xs.shape[1] != 2:
        raise ValueError(f"xs must have shape (k, 2), got {xs.shape}")
    first = check_int(first, "first", minimum=0)
    min_separation = check_nonnegative(min_separation, "min_separation")
    offset_arr = as_1d_array(offset, "offset")
    if offset_arr.size != 2:
        raise ValueError(f"offset must be two numbers (dx, dy) in points, got {offset_arr.size}")
    if np.max(np.abs(offset_arr)) > _MAX_POINTS:
        raise ValueError(f"offset must lie within ±{_MAX_POINTS:g} points, got {offset_arr}")
    fontsize = check_real(fontsize, "fontsize")
    if not _MIN_FONTSIZE <= fontsize <= _MAX_POINTS:
        raise ValueError(
            f"fontsize must be from {_MIN_FONTSIZE:g} to {_MAX_POINTS:g} points, got {fontsize:g}"
        )
    _check_annotation_kwargs(kwargs)
    ax = check_ax(ax)
    # Screen coordinates in points: display pixels * 72 / dpi.
    with np.errstate(all="ignore"):  # a degenerate Axes gives inf; such points are skipped
        screen = ax.transData.transform(xs) * 72.0 / ax.figure.dpi
    placed: list[np.ndarray] = []
    for i in range(first, len(xs)):
        if not np.all(np.isfinite(screen[i])):
            continue
        if any(np.hypot(*(screen[i] - p)) < min_separation for p in placed):
            continue
        placed.append(screen[i])
        ax.annotate(
            str(i),
            tuple(xs[i]),
            textcoords="offset points",
            xytext=tuple(offset_arr),
            fontsize=fontsize,
            **kwargs,
        )
    return ax


#: Largest font size and label offset accepted, in points (a poster is < 200 pt).
_MAX_POINTS = 1000.0
#: Smallest font size accepted, in points: smaller is unreadable (and FreeType
#: cannot render it on a low-resolution figure).
_MIN_FONTSIZE = 6.0


def _check_annotation_kwargs(kwargs: dict[str, Any]) -> None:
    """Refuse the keywords label_iterations sets itself; try the others on an Annotation."""
    reserved = ("text", "xy", "xytext", "textcoords", "fontsize", "size")
    for key in ("rotation",):  # a number Annotation.set would take silently, NaN included
        if kwargs.get(key) is not None:
            check_real(kwargs[key], key)
    check_plot_kwargs(
        kwargs, "annotation", reserved=dict.fromkeys(reserved, "label_iterations sets it")
    )


__all__ += ["label_iterations"]
