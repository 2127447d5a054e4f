r"""Plots for the conditioning part of lesson 1: error against polynomial degree.

The notebook solves the least-squares problems itself and collects the
relative coefficient errors in a table (one array per method); these
functions only draw that table and the condition numbers beside it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from ._validate import (
    LOG_PLOT_MAX,
    as_1d_array,
    check_ax,
    check_int,
    check_plot_kwargs,
    check_plottable,
    check_positive,
    check_text,
)

__all__ = ["plot_error_vs_degree", "plot_condition_numbers"]

#: Machine epsilon of float64, the unit of round-off.
EPS = float(np.finfo(float).eps)


#: Largest condition number drawn: its square must stay drawable on a log axis.
MAX_COND = float(np.sqrt(LOG_PLOT_MAX))


def _check_degrees(degrees: Any) -> np.ndarray:
    degrees = check_plottable(as_1d_array(degrees, "degrees"), "degrees")
    if np.any(np.diff(degrees) <= 0):
        raise ValueError("degrees must be strictly increasing")
    return degrees


def _check_positive_series(values: Any, name: str, size: int) -> np.ndarray:
    values = as_1d_array(values, name)
    if values.size != size:
        raise ValueError(
            f"{name} must have one entry per degree (len(degrees) = {size}), got {values.size}"
        )
    if np.any(values <= 0):
        raise ValueError(f"{name} must be > 0 (they are drawn on a log scale)")
    return values


def _check_cond(cond: Any, size: int) -> np.ndarray:
    kappa = _check_positive_series(cond, "cond", size)
    if np.any(kappa < 1) or np.any(kappa > MAX_COND):
        raise ValueError(
            f"cond must hold condition numbers between 1 and {MAX_COND:.0e} (so that cond**2 "
            f"can be drawn on a log axis), got {np.min(kappa):.3g} to {np.max(kappa):.3g}"
        )
    return kappa


def _check_eps(eps: Any) -> float:
    eps = check_positive(eps, "eps")
    if not 1e-40 <= eps < 1:
        raise ValueError(f"eps must be a unit round-off between 1e-40 and 1, got {eps:.3g}")
    return eps


def _check_errors(errors: Any, size: int, eps: float, per: str) -> dict[str, np.ndarray]:
    """Method name -> errors ready for a log axis (exact zeros drawn at eps / 10).

    ``per`` says in messages what each entry belongs to, e.g. "x (5)".
    """
    if not isinstance(errors, Mapping):
        raise TypeError(
            f"errors must be a mapping of method name -> errors, got {type(errors).__name__}"
        )
    if len(errors) == 0:
        raise ValueError("errors must contain at least one method")
    table = {}
    for name, values in errors.items():
        if not isinstance(name, str):
            raise TypeError(f"errors keys must be str (method names), got {type(name).__name__}")
        check_text(name, f"errors key {name!r}")
        label = f"errors[{name!r}]"
        values = as_1d_array(values, label, finite=False)
        if values.size != size:
            raise ValueError(f"{label} must have one entry per {per} ({size}), got {values.size}")
        if np.any(np.isinf(values)) or np.any(values < 0):
            raise ValueError(f"{label} must be >= 0 or NaN (a failed solve)")
        shown = np.where(values == 0, eps / 10, values)
        check_plottable(shown[~np.isnan(shown)], label, log=True)
        table[name] = shown
    return table


def plot_error_vs_degree(
    degrees: Any,
    errors: Mapping[str, Any],
    *,
    cond: Any = None,
    eps: float = EPS,
    ax: Any = None,
    xlabel: str = "polynomial degree",
    ylabel: str = "relative coefficient error",
    **kwargs: Any,
) -> Any:
    r"""Relative coefficient error of several solvers against the degree, log scale.

    Parameters
    ----------
    degrees : array_like, shape (n,)
        Polynomial degrees (or any increasing model size), the x axis.
    errors : mapping of str to array_like
        Method name -> relative errors :math:`\lVert\hat k - k\rVert/\lVert k\rVert`,
        one per degree. NaN marks a failed solve (a gap in the line); exact
        zeros are drawn at ``eps / 10`` so that they stay visible. Values up
        to 1e100 (a log axis beyond that overflows Matplotlib's tick arithmetic).
        Keys are the legend labels (str).
    cond : array_like, shape (n,), optional
        Condition numbers :math:`\kappa(A)`, one per degree, from 1 to
        :data:`MAX_COND` (1e50, so that :math:`\kappa^2` can be drawn). When
        given, the error scales :math:`\varepsilon\,\kappa(A)` (QR, SVD) and
        :math:`\varepsilon\,\kappa(A)^2` (normal equations) are drawn as
        dashed grey reference lines.
    eps : float, default machine epsilon of float64
        Unit round-off used for the reference lines and the zero floor;
        between 1e-40 and 1.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; the current Axes when None.
    xlabel, ylabel : str
        Axis labels.
    **kwargs
        Passed to ``ax.plot`` for every method's line (for example
        ``marker``, ``linewidth``).

    Returns
    -------
    ax : matplotlib.axes.Axes
        The Axes drawn on (log y scale): one line per method in the order
        given, then the two reference lines when ``cond`` is given.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> ax = plot_error_vs_degree([1, 2, 3], {"QR": [1e-15, 1e-14, 1e-13]},
    ...                           cond=[10.0, 100.0, 1000.0], ax=ax)
    >>> len(ax.lines)
    3
    >>> plt.close(fig)
    """
    degrees = _check_degrees(degrees)
    eps = _check_eps(eps)
    table = _check_errors(errors, degrees.size, eps, f"degree (len(degrees) = {degrees.size})")
    kappa = None if cond is None else _check_cond(cond, degrees.size)
    xlabel = check_text(xlabel, "xlabel")
    ylabel = check_text(ylabel, "ylabel")
    check_plot_kwargs(kwargs, "line", reserved={"label": "each line is labelled with its method"})
    ax = check_ax(ax)
    style = {"marker": "o", "markersize": 4}
    style.update(kwargs)
    for name, values in table.items():
        ax.plot(degrees, values, label=name, **style)
    if kappa is not None:
        ax.plot(
            degrees,
            eps * kappa,
            color="0.45",
            linestyle="--",
            linewidth=1.2,
            label=r"$\varepsilon\,\kappa(A)$",
        )
        ax.plot(
            degrees,
            eps * kappa**2,
            color="0.45",
            linestyle=":",
            linewidth=1.5,
            label=r"$\varepsilon\,\kappa(A)^2$",
        )
    ax.set_yscale("log")
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    if ax.get_legend_handles_labels()[0]:  # method names starting with "_" are not shown
        ax.legend()
    return ax


def plot_condition_numbers(
    degrees: Any,
    cond: Any,
    *,
    eps: float = EPS,
    ax: Any = None,
    xlabel: str = "polynomial degree",
    ylabel: str = "condition number",
    **kwargs: Any,
) -> Any:
    r"""Draw :math:`\kappa(A)` and :math:`\kappa(A^\mathsf{T}A) = \kappa(A)^2` against the degree.

    A horizontal line at :math:`1/\varepsilon` marks where every digit of a
    float64 result can be lost.

    Parameters
    ----------
    degrees : array_like, shape (n,)
        Polynomial degrees, the x axis; strictly increasing.
    cond : array_like, shape (n,)
        Condition numbers :math:`\kappa(A)` (2-norm), from 1 to
        :data:`MAX_COND` (1e50, so that :math:`\kappa^2` can be drawn).
    eps : float, default machine epsilon of float64
        Unit round-off, between 1e-40 and 1; the line is drawn at ``1 / eps``.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; the current Axes when None.
    xlabel, ylabel : str
        Axis labels.
    **kwargs
        Passed to ``ax.plot`` for both curves.

    Returns
    -------
    ax : matplotlib.axes.Axes
        The Axes drawn on (log y scale): ``ax.lines[0]`` is
        :math:`\kappa(A)`, ``ax.lines[1]`` is :math:`\kappa(A)^2`, then the
        :math:`1/\varepsilon` line.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> ax = plot_condition_numbers([1, 2, 3], [10.0, 100.0, 1000.0], ax=ax)
    >>> ax.lines[1].get_ydata().tolist()
    [100.0, 10000.0, 1000000.0]
    >>> plt.close(fig)
    """
    degrees = _check_degrees(degrees)
    kappa = _check_cond(cond, degrees.size)
    eps = _check_eps(eps)
    xlabel = check_text(xlabel, "xlabel")
    ylabel = check_text(ylabel, "ylabel")
    check_plot_kwargs(kwargs, "line", reserved={"label": "the two curves carry fixed labels"})
    ax = check_ax(ax)
    style = {"marker": "o", "markersize": 4}
    style.update(kwargs)
    ax.plot(degrees, kappa, label=r"$\kappa(A)$", **style)
    ax.plot(degrees, kappa**2, label=r"$\kappa(A^\mathsf{T}A) = \kappa(A)^2$", **style)
    ax.axhline(
        1 / eps,
        color="0.45",
        linestyle="--",
        linewidth=1.2,
        label=r"$1/\varepsilon$: all digits lost",
    )
    ax.set_yscale("log")
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.legend()
    return ax


#: Marker, line style and colour of each solver, in order: the lines stay
#: apart in grey-scale print and for readers who do not see the colours. The
#: first seven colours are those of the project style's colour cycle ("C0" to
#: "C6"); the last three come from Paul Tol's colour-blind-safe muted palette.
SOLVER_STYLES: tuple[tuple[str, Any, str], ...] = (
    ("o", "-", "C0"),
    ("s", "--", "C1"),
    ("^", "-.", "C2"),
    ("D", ":", "C3"),
    ("v", (0, (6, 2)), "C4"),
    ("P", (0, (3, 1, 1, 1, 1, 1)), "C5"),
    ("X", (0, (1, 1)), "C6"),
    ("*", (0, (8, 2, 2, 2)), "#882255"),
    ("h", (0, (2, 3)), "#117733"),
    ("<", (0, (10, 2, 2, 2, 2, 2)), "#999933"),
)


def plot_solver_errors(
    x: Any,
    errors: Mapping[str, Any],
    *,
    cond: Any = None,
    eps: float = EPS,
    ax: Any = None,
    xlabel: str = r"condition number of the column-scaled matrix $\kappa(A_s)$",
    ylabel: str = "relative error",
    xscale: str = "log",
    legend_outside: bool = True,
    cond_symbol: str = r"\kappa_s",
    first_style: int = 0,
    **kwargs: Any,
) -> Any:
    r"""Relative error of several solvers against a condition number (or a degree).

    Each method is drawn with its own marker and line style as well as its
    own colour (:data:`SOLVER_STYLES`), on a logarithmic error axis.

    Parameters
    ----------
    x : array_like, shape (n,)
        Positions on the x axis: condition numbers (the default labels say
        so) or polynomial degrees (pass ``xscale="linear"`` and an
        ``xlabel``). Finite; > 0 when ``xscale`` is ``"log"``. The points are
        joined in the order given.
    errors : mapping of str to array_like
        Method name -> relative errors, one per entry of ``x``. NaN marks a
        failed solve (a gap in the line); exact zeros are drawn at
        ``eps / 10`` so that they stay visible.
    cond : array_like, shape (n,), optional
        Condition numbers :math:`\kappa`, one per entry of ``x``. When given,
        the error scales :math:`\varepsilon\kappa` (dashed) and
        :math:`\varepsilon\kappa^2` (dotted) are drawn as grey reference
        lines without markers; pass ``cond=x`` when ``x`` holds the condition
        numbers themselves. The legend names them with ``cond_symbol``.
    eps : float, default machine epsilon of float64
        Unit round-off used for the reference lines and the zero floor; > 0.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; the current Axes when None.
    xlabel, ylabel : str
        Axis labels.
    xscale : {"log", "linear"}, default "log"
        Scale of the x axis.
    legend_outside : bool, default True
        Put the legend to the right of the Axes, where it covers no data
        (the figure needs a layout engine, for example the constrained
        layout of the project style, to make room for it); False lets
        Matplotlib choose a place inside.
    cond_symbol : str, default ``r"\kappa_s"``
        Math-mode symbol of the condition number in the legend entries of
        the reference lines, :math:`\varepsilon\,\kappa_s` and
        :math:`\varepsilon\,\kappa_s^2` by default (the column-scaled
        condition number); pass ``r"\kappa"`` for another one.
    first_style : int, default 0
        Index into :data:`SOLVER_STYLES` of the first method's style; the
        methods take the following styles in turn (cycling). A figure whose
        lines mean something else than an earlier figure's can start past
        the styles used there, so that no marker or colour changes meaning.
    **kwargs
        Passed to ``ax.plot`` for every method's line (for example
        ``markersize``, ``linewidth``); they override the default styles.

    Returns
    -------
    ax : matplotlib.axes.Axes
        The Axes drawn on (log y scale): one line per method in the order
        given, then the two reference lines when ``cond`` is given.

    Raises
    ------
    TypeError
        If ``errors`` is not a mapping, ``legend_outside`` is not a bool,
        ``cond_symbol`` is not a string, ``first_style`` is not an integer or
        ``ax`` is not an Axes.
    ValueError
        If an array has the wrong length or invalid values, ``xscale``
        is not ``"log"`` or ``"linear"``, or ``first_style`` is negative.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> kappa = [1e2, 1e4, 1e6]
    >>> ax = plot_solver_errors(kappa, {"QR": [1e-14, 1e-12, 1e-10]}, cond=kappa, ax=ax)
    >>> [line.get_label() for line in ax.lines]
    ['QR', '$\\varepsilon\\,\\kappa_s$', '$\\varepsilon\\,\\kappa_s^2$']
    >>> plt.close(fig)
    """
    if not isinstance(xscale, str):
        raise TypeError(f"xscale must be a str ('log' or 'linear'), got {type(xscale).__name__}")
    if xscale not in ("log", "linear"):
        raise ValueError(f"xscale must be 'log' or 'linear', got {xscale!r}")
    log_x = xscale == "log"
    xs = as_1d_array(x, "x")
    if log_x and np.any(xs <= 0):
        raise ValueError("x must be > 0 on a log x axis (pass xscale='linear' otherwise)")
    check_plottable(xs, "x", log=log_x)
    if not isinstance(legend_outside, (bool, np.bool_)):
        raise TypeError(f"legend_outside must be a bool, got {type(legend_outside).__name__}")
    if not isinstance(cond_symbol, str):
        raise TypeError(f"cond_symbol must be a string, got {type(cond_symbol).__name__}")
    if not cond_symbol or "$" in cond_symbol:
        raise ValueError(
            f"cond_symbol must be a non-empty TeX symbol without '$', got {cond_symbol!r}"
        )
    check_text(rf"$\varepsilon\,{cond_symbol}^2$", "cond_symbol")
    first_style = check_int(first_style, "first_style", minimum=0)
    eps = check_positive(eps, "eps")
    check_plottable(np.array([eps / 10]), "eps", log=True)
    table = _check_errors(errors, xs.size, eps, f"x ({xs.size})")
    kappa = None
    if cond is not None:
        kappa = as_1d_array(cond, "cond")
        if kappa.size != xs.size:
            raise ValueError(f"cond must have one entry per x ({xs.size}), got {kappa.size}")
        if np.any(kappa <= 0):
            raise ValueError("cond must be > 0 (it is drawn on a log scale)")
        check_plottable(eps * kappa**2, "cond (as eps * cond**2)", log=True)
    xlabel = check_text(xlabel, "xlabel")
    ylabel = check_text(ylabel, "ylabel")
    check_plot_kwargs(kwargs, "line", reserved={"label": "each line is labelled with its method"})
    ax = check_ax(ax)
    for i, (name, values) in enumerate(table.items()):
        marker, linestyle, color = SOLVER_STYLES[(first_style + i) % len(SOLVER_STYLES)]
        style = {"marker": marker, "linestyle": linestyle, "color": color, "markersize": 6}
        style.update(kwargs)
        ax.plot(xs, values, label=name, **style)
    if kappa is not None:
        order = np.argsort(xs, kind="stable")
        ax.plot(
            xs[order],
            eps * kappa[order],
            color="0.4",
            linestyle="--",
            linewidth=1.3,
            label=rf"$\varepsilon\,{cond_symbol}$",
        )
        ax.plot(
            xs[order],
            eps * kappa[order] ** 2,
            color="0.4",
            linestyle=":",
            linewidth=1.8,
            label=rf"$\varepsilon\,{cond_symbol}^2$",
        )
    ax.set_xscale(xscale)
    ax.set_yscale("log")
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    if legend_outside:
        ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1.0), borderaxespad=0.0)
    else:
        ax.legend()
    return ax


__all__ += ["SOLVER_STYLES", "plot_solver_errors"]
