"""Small, composable plots for least-squares fits.

Each function draws on ``ax`` (the current Axes when None), forwards extra
keyword arguments to Matplotlib, labels its axes, returns the Axes it drew
on and never calls ``plt.show()``: the notebook decides when a figure is
finished.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from ._validate import as_1d_array, check_ax, check_same_length

__all__ = ["plot_fit", "plot_residuals", "plot_coefficients"]


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
    x = as_1d_array(x, "x")
    y = as_1d_array(y, "y")
    check_same_length(x=x, y=y)
    xm = x if x_model is None else as_1d_array(x_model, "x_model")
    if models is not None and not isinstance(models, Mapping):
        raise TypeError(
            f"models must be a mapping of label -> values, got {type(models).__name__}"
        )
    curves = {}
    for label, values in (models or {}).items():
        values = as_1d_array(values, f"models[{label!r}]", finite=False)
        if values.size != xm.size:
            where = "x" if x_model is None else "x_model"
            raise ValueError(
                f"models[{label!r}] must have the length of {where} ({xm.size}), got {values.size}"
            )
        curves[str(label)] = values
    ax = check_ax(ax)
    style = {"marker": "o", "linestyle": "none", "color": "0.35", "label": data_label, "zorder": 3}
    style.update(kwargs)
    ax.plot(x, y, **style)
    for label, values in curves.items():
        ax.plot(xm, values, label=label)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.legend()
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
        sets can share an Axes.
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
    x = as_1d_array(x, "x")
    residuals = as_1d_array(residuals, "residuals")
    check_same_length(x=x, residuals=residuals)
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
        ax.legend()
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
        Coefficient values.
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
        Format of the annotations, for example ``"{:.2f}"``.
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
    coef = as_1d_array(coef, "coef")
    if isinstance(labels, (str, bytes)) or not isinstance(labels, Sequence):
        raise TypeError(f"labels must be a sequence of str, got {type(labels).__name__}")
    if len(labels) != coef.size:
        raise ValueError(f"labels must have one entry per coefficient ({coef.size}), got {len(labels)}")
    for i, lab in enumerate(labels):
        if not isinstance(lab, str):
            raise TypeError(f"labels[{i}] must be a str, got {type(lab).__name__}")
    if not isinstance(fmt, str):
        raise TypeError(f"fmt must be a format string such as '{{:.3g}}', got {type(fmt).__name__}")
    try:
        fmt.format(1.0)
    except (ValueError, IndexError, KeyError) as exc:
        raise ValueError(f"fmt must be a format string such as '{{:.3g}}': {exc}") from None
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
