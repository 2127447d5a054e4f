r"""The robust loss functions of :func:`scipy.optimize.least_squares`, for plots and checks.

:func:`scipy.optimize.least_squares` minimises
:math:`F(x) = \tfrac12 \sum_i \rho_C\!\left(f_i(x)^2\right)`, where
:math:`f_i` are the residuals, :math:`C` is ``f_scale`` and

.. math:: \rho_C(z) = C^2 \rho\!\left(z / C^2\right).

With :math:`z = f^2` the five built-in choices of ``loss`` are

=========== =====================================================
``linear``  :math:`\rho(z) = z`
``soft_l1`` :math:`\rho(z) = 2\left(\sqrt{1 + z} - 1\right)`
``huber``   :math:`\rho(z) = z` if :math:`z \le 1`, else :math:`2\sqrt{z} - 1`
``cauchy``  :math:`\rho(z) = \ln(1 + z)`
``arctan``  :math:`\rho(z) = \arctan(z)`
=========== =====================================================

:func:`rho` returns :math:`\rho_C`, :math:`\rho_C'` and :math:`\rho_C''`
(derivatives with respect to :math:`z`) exactly as SciPy computes them, so a
notebook can draw the curves and check SciPy's reported ``cost``. The weight
that a residual gets in the iteratively-reweighted view of the fit is
:math:`\rho_C'(f^2)` (:func:`point_weights`). Nothing here performs a fit.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from ._validate import (
    _as_float_array,
    as_1d_array,
    check_ax,
    check_plot_kwargs,
    check_plottable,
    check_positive,
)

__all__ = ["LOSSES", "rho", "point_weights", "plot_losses", "plot_weights"]

#: The names ``least_squares`` accepts for ``loss``, in the order SciPy documents them.
LOSSES: tuple[str, ...] = ("linear", "soft_l1", "huber", "cauchy", "arctan")

LossLike = str | Callable[[np.ndarray], Any]


def _builtin(name: str, z: np.ndarray) -> np.ndarray:
    """rho, rho', rho'' of a built-in loss at finite ``z`` (f_scale = 1), as in SciPy.

    For huge ``z`` the denominators ``(1 + z)**2`` (cauchy) and ``1 + z**2``
    (arctan) overflow to inf; the derivatives then come out as 0 and -0,
    which are their correct limits, so those overflows are not reported.
    Arctan's rho'' for z > 1e100 is computed as ``-2 / z**3``, whose
    overflowing ``z**3`` likewise gives the correct limit -0.
    """
    with np.errstate(over="ignore"):
        return _builtin_values(name, z)


def _builtin_values(name: str, z: np.ndarray) -> np.ndarray:
    out = np.empty((3, z.size))
    if name == "linear":
        out[0] = z
        out[1] = 1.0
        out[2] = 0.0
    elif name == "soft_l1":
        t = 1.0 + z
        out[0] = 2.0 * (np.sqrt(t) - 1.0)
        out[1] = 1.0 / np.sqrt(t)
        out[2] = -0.5 * t**-1.5
    elif name == "huber":
        small = z <= 1.0
        big = ~small
        zb = z[big]
        out[0, small] = z[small]
        out[1, small] = 1.0
        out[2, small] = 0.0
        out[0, big] = 2.0 * np.sqrt(zb) - 1.0
        out[1, big] = 1.0 / np.sqrt(zb)
        out[2, big] = -0.5 * zb**-1.5
    elif name == "cauchy":
        t = 1.0 + z
        out[0] = np.log1p(z)
        out[1] = 1.0 / t
        out[2] = -1.0 / t**2
    else:  # arctan
        t = 1.0 + z**2
        out[0] = np.arctan(z)
        out[1] = 1.0 / t
        # -2z / (1 + z²)² equals -2 / z³ to double precision once z > 1e100, and
        # the direct form would give inf / inf = nan for z near the float64 maximum.
        big = z > 1e100
        small = ~big
        out[2, small] = -2.0 * z[small] / t[small] ** 2
        out[2, big] = -2.0 / z[big] ** 3
    return out


def _check_f_scale(f_scale: Any) -> tuple[float, float]:
    """``f_scale`` and its square, or raise if it is not > 0 or its square over/underflows."""
    f_scale = check_positive(f_scale, "f_scale")
    try:
        c2 = f_scale**2  # a Python float: underflows to 0.0 silently, raises on overflow
    except OverflowError:
        c2 = float("inf")
    if not (np.isfinite(c2) and c2 >= np.finfo(float).tiny):
        raise ValueError(
            f"f_scale must be between about 1e-154 and 1e154 so that f_scale**2 is a "
            f"normal float64, got {f_scale:.3g}"
        )
    return f_scale, c2


def _check_loss(loss: Any, name: str = "loss") -> LossLike:
    if isinstance(loss, str):
        if loss not in LOSSES:
            raise ValueError(f"{name} must be one of {LOSSES} or a callable, got {loss!r}")
        return loss
    if callable(loss):
        return loss
    raise TypeError(f"{name} must be a str naming a loss or a callable, got {type(loss).__name__}")


def rho(z: Any, loss: LossLike, f_scale: float = 1.0) -> np.ndarray:
    r"""The loss :math:`\rho_C` and its first two derivatives, as ``least_squares`` uses them.

    Applies SciPy's ``f_scale`` rule :math:`\rho_C(z) = C^2\rho(z/C^2)`, so
    :math:`\rho_C'(z) = \rho'(z/C^2)` and :math:`\rho_C''(z) = \rho''(z/C^2)/C^2`.

    Parameters
    ----------
    z : array_like, shape (m,)
        Squared residuals :math:`f_i^2`; finite and >= 0.
    loss : str or callable
        One of :data:`LOSSES`, or a callable like the one ``least_squares``
        accepts: it takes a 1-D array ``z`` and returns an array of shape
        (3, m) holding :math:`\rho`, :math:`\rho'`, :math:`\rho''`.
    f_scale : float, default 1.0
        The soft margin :math:`C` between inlier and outlier residuals; > 0.

    Returns
    -------
    rho : ndarray, shape (3, m)
        Rows :math:`\rho_C(z)`, :math:`\rho_C'(z)`, :math:`\rho_C''(z)`.

    Raises
    ------
    ValueError
        If ``loss`` is an unknown name, ``f_scale`` is not > 0, ``z`` has
        negative or non-finite entries, ``z / f_scale**2`` overflows, or a
        callable loss returns None, the wrong shape, NaN or inf.
    TypeError
        If ``loss`` is neither a str nor callable, or a callable loss returns
        non-numeric or complex values.

    Examples
    --------
    >>> rho([0.0, 1.0, 4.0], "huber")
    array([[ 0.    ,  1.    ,  3.    ],
           [ 1.    ,  1.    ,  0.5   ],
           [ 0.    ,  0.    , -0.0625]])
    >>> value = rho([4.0], "soft_l1", f_scale=2.0)[0, 0]   # 2**2 * soft_l1(4 / 2**2)
    >>> bool(np.isclose(value, 8 * (np.sqrt(2) - 1)))
    True
    """
    loss = _check_loss(loss)
    f_scale, c2 = _check_f_scale(f_scale)
    z = as_1d_array(z, "z", min_size=0)
    return _rho(z, loss, f_scale, c2)


def _rho(
    z: np.ndarray,
    loss: LossLike,
    f_scale: float,
    c2: float,
    *,
    z_name: str = "z",
    loss_name: str = "loss",
) -> np.ndarray:
    """:func:`rho` on checked input; messages name ``z_name`` and ``loss_name``."""
    if np.any(z < 0):
        raise ValueError(f"{z_name} must hold squared residuals, so every entry must be >= 0")
    with np.errstate(over="ignore"):
        zs = z / c2
    if not np.all(np.isfinite(zs)):
        raise ValueError(
            f"{z_name} / f_scale**2 overflows float64 (max {z_name} = {np.max(z):.3g}, "
            f"f_scale = {f_scale:.3g}); rescale the residuals"
        )
    out = _builtin(loss, zs) if isinstance(loss, str) else _call_loss(loss, zs, loss_name)
    with np.errstate(over="ignore"):
        out[0] *= c2
        out[2] /= c2
    if not np.all(np.isfinite(out)):
        raise ValueError(
            f"rho of {loss_name} overflows float64 at {z_name} up to {np.max(z):.3g} with "
            f"f_scale = {f_scale:.3g}; rescale the residuals"
        )
    return out


def _call_loss(loss: Callable[[np.ndarray], Any], zs: np.ndarray, arg: str = "loss") -> np.ndarray:
    """Call a user's loss on scaled ``zs`` and check that it returned finite (3, m) values."""
    name = f"the callable {arg} {_label(loss)!r}"
    raw = loss(zs)
    if raw is None:
        raise ValueError(
            f"{name} returned None; it must return an array of shape "
            f"(3, {zs.size}) holding rho, rho' and rho''"
        )
    out = _as_float_array(raw, f"the value of {name}")
    if out.shape != (3, zs.size):
        raise ValueError(
            f"{name} must return an array of shape (3, {zs.size}) holding "
            f"rho, rho' and rho'', got shape {out.shape}"
        )
    bad = ~np.isfinite(out)
    if np.any(bad):
        rows = [("rho", "rho'", "rho''")[i] for i in np.flatnonzero(bad.any(axis=1))]
        where = zs[bad.any(axis=0)]
        raise ValueError(
            f"{name} returned NaN or inf in {', '.join(rows)} at "
            f"z / f_scale**2 = {where[:5].tolist()}{' ...' if where.size > 5 else ''}; "
            "a loss must be finite for every z >= 0"
        )
    return out


def point_weights(residuals: Any, loss: LossLike, f_scale: float = 1.0) -> np.ndarray:
    r"""Weight :math:`\rho_C'(f_i^2)` of each residual in the reweighted view of a robust fit.

    At a solution of a robust fit the gradient is
    :math:`\sum_i \rho_C'(f_i^2)\, f_i \nabla f_i = 0`: the same equations as a
    weighted linear-loss fit with weights :math:`w_i = \rho_C'(f_i^2)`. A
    weight of 1 means the point counts fully; near 0 it is treated as an
    outlier.

    Parameters
    ----------
    residuals : array_like, shape (m,)
        Residuals :math:`f_i` (for example ``result.fun``); finite.
    loss : str or callable
        As in :func:`rho`.
    f_scale : float, default 1.0
        As in :func:`rho`.

    Returns
    -------
    weights : ndarray, shape (m,)

    Raises
    ------
    ValueError, TypeError
        As :func:`rho`; also if ``residuals`` are not finite, or if a
        residual is so large that :math:`(f/C)^2` overflows and ``loss`` is
        a callable (which cannot be evaluated there).

    Notes
    -----
    Residuals so large that :math:`f^2` or :math:`f^2/C^2` overflows get
    their weight from overflow-free forms in :math:`u = |f|/C`: 1 for
    ``linear``, :math:`1/\sqrt{1 + u^2}` (``soft_l1``), :math:`1/u`
    (``huber``), :math:`1/(1 + u^2)` (``cauchy``) and :math:`1/(1 + u^4)`
    (``arctan``), which tend to 0 (the last two underflow to 0).

    Examples
    --------
    >>> np.round(point_weights([0.0, 0.1, 1.0], "cauchy", f_scale=0.1), 4)
    array([1.    , 0.5   , 0.0099])
    >>> point_weights([1e200], "soft_l1")   # (1 + z)**-0.5 without overflowing z = f**2
    array([1.e-200])
    """
    f = as_1d_array(residuals, "residuals", min_size=0)
    loss = _check_loss(loss)
    f_scale, c2 = _check_f_scale(f_scale)
    return _weights(f, loss, f_scale, c2)


def _weights(
    f: np.ndarray, loss: LossLike, f_scale: float, c2: float, loss_name: str = "loss"
) -> np.ndarray:
    """:func:`point_weights` on checked input; messages name ``loss_name``."""
    with np.errstate(over="ignore"):
        z = f * f
        huge = ~np.isfinite(z / c2)
    if not np.any(huge):
        return _rho(z, loss, f_scale, c2, z_name="residuals**2", loss_name=loss_name)[1]
    if not isinstance(loss, str):
        raise ValueError(
            f"residuals up to {np.max(np.abs(f)):.3g} are too large: (residual / f_scale)**2 "
            f"overflows float64, so the callable {loss_name} {_label(loss)!r} cannot be "
            "evaluated there"
        )
    weights = np.empty(f.size)
    weights[~huge] = _rho(z[~huge], loss, f_scale, c2)[1]
    with np.errstate(over="ignore", under="ignore"):
        u = np.abs(f[huge]) / f_scale  # > 1e154; may itself overflow to inf
        if loss == "linear":
            weights[huge] = 1.0
        elif loss == "soft_l1":
            weights[huge] = 1.0 / np.hypot(1.0, u)
        elif loss == "huber":
            weights[huge] = 1.0 / u
        elif loss == "cauchy":
            weights[huge] = 1.0 / (1.0 + u * u)
        else:  # arctan: 1 / (1 + z**2) with z = u**2
            weights[huge] = 1.0 / (1.0 + (u * u) ** 2)
    return weights


def _curve_inputs(
    residuals: Any, losses: Sequence[LossLike] | LossLike, f_scale: float
) -> tuple[np.ndarray, list[LossLike], float, float]:
    f_scale, c2 = _check_f_scale(f_scale)
    if residuals is None:
        f = np.linspace(-5 * f_scale, 5 * f_scale, 401)
    else:
        f = as_1d_array(residuals, "residuals", min_size=2)
    check_plottable(f, "residuals" if residuals is not None else "5 * f_scale")
    if isinstance(losses, str) or callable(losses):
        return f, [_check_loss(losses, "losses")], f_scale, c2
    if not isinstance(losses, Sequence) or len(losses) == 0:
        raise TypeError(
            "losses must be a loss (str or callable) or a non-empty sequence of them, got "
            + (
                f"an empty {type(losses).__name__}"
                if isinstance(losses, Sequence)
                else type(losses).__name__
            )
        )
    return f, [_check_loss(loss, f"losses[{i}]") for i, loss in enumerate(losses)], f_scale, c2


def _label(loss: LossLike) -> str:
    return loss if isinstance(loss, str) else getattr(loss, "__name__", "custom")


def _plot_curves(
    row: int,
    ylabel: str,
    residuals: Any,
    losses: Sequence[LossLike] | LossLike,
    f_scale: float,
    ax: Any,
    kwargs: dict[str, Any],
) -> Any:
    """Draw row ``row`` of :func:`rho` (0: the loss, 1: the weight) against the residual.

    Every curve is computed and checked before anything is drawn.
    """
    f, checked, f_scale, c2 = _curve_inputs(residuals, losses, f_scale)
    check_plot_kwargs(kwargs, "line", reserved={"label": "each line is labelled with its loss"})
    single = isinstance(losses, str) or callable(losses)
    names = ["losses"] if single else [f"losses[{i}]" for i in range(len(checked))]
    curves = []
    for loss, name in zip(checked, names, strict=True):
        if row == 1:
            values = _weights(f, loss, f_scale, c2, loss_name=name)
        else:
            with np.errstate(over="ignore"):
                z = f * f
            if not np.all(np.isfinite(z / c2)):
                raise ValueError(
                    f"(residuals / f_scale)**2 overflows float64 (max |residuals| = "
                    f"{np.max(np.abs(f)):.3g}, f_scale = {f_scale:.3g}), so the losses cannot be "
                    "drawn there"
                )
            values = _rho(z, loss, f_scale, c2, z_name="residuals**2", loss_name=name)[0]
        check_plottable(
            values, f"the curve of {name} ({_label(loss)}) for these residuals and f_scale"
        )
        curves.append((_label(loss), values))
    ax = check_ax(ax)
    for label, values in curves:
        ax.plot(f, values, label=label, **kwargs)
    ax.set_xlabel("residual $f$")
    ax.set_ylabel(ylabel)
    ax.legend()
    return ax


def plot_losses(
    residuals: Any = None,
    losses: Sequence[LossLike] | LossLike = LOSSES,
    *,
    f_scale: float = 1.0,
    ax: Any = None,
    **kwargs: Any,
) -> Any:
    r"""Plot :math:`\rho_C(f^2)` against the residual :math:`f` for one or more losses.

    Parameters
    ----------
    residuals : array_like, shape (n,), optional
        Residual values :math:`f` for the horizontal axis; by default 401
        points on :math:`[-5C, 5C]`.
    losses : str, callable or sequence of them, default :data:`LOSSES`
        The losses to draw, one line each.
    f_scale : float, default 1.0
        :math:`C`, as in :func:`rho`.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; the current Axes when None.
    **kwargs
        Passed to every ``ax.plot`` call (for example ``linewidth``).

    Returns
    -------
    ax : matplotlib.axes.Axes
        One line per loss, labelled with its name.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> ax = plot_losses(ax=ax)
    >>> [line.get_label() for line in ax.lines]
    ['linear', 'soft_l1', 'huber', 'cauchy', 'arctan']
    >>> plt.close(fig)
    """
    return _plot_curves(0, r"loss $\rho_C(f^2)$", residuals, losses, f_scale, ax, kwargs)


def plot_weights(
    residuals: Any = None,
    losses: Sequence[LossLike] | LossLike = LOSSES,
    *,
    f_scale: float = 1.0,
    ax: Any = None,
    **kwargs: Any,
) -> Any:
    r"""Plot the weight :math:`\rho_C'(f^2)` against the residual :math:`f`.

    Parameters
    ----------
    residuals : array_like, shape (n,), optional
        Residual values; by default 401 points on :math:`[-5C, 5C]`.
    losses : str, callable or sequence of them, default :data:`LOSSES`
        The losses to draw, one line each.
    f_scale : float, default 1.0
        :math:`C`, as in :func:`rho`.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; the current Axes when None.
    **kwargs
        Passed to every ``ax.plot`` call.

    Returns
    -------
    ax : matplotlib.axes.Axes
        One line per loss, labelled with its name; y axis from 0 to 1.05.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> ax = plot_weights(losses=["linear", "cauchy"], ax=ax)
    >>> len(ax.lines)
    2
    >>> plt.close(fig)
    """
    ax = _plot_curves(1, r"weight $\rho_C'(f^2)$", residuals, losses, f_scale, ax, kwargs)
    ax.set_ylim(0, 1.05)
    return ax
