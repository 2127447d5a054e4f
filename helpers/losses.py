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

from ._validate import as_1d_array, check_ax, check_positive

__all__ = ["LOSSES", "rho", "point_weights", "plot_losses", "plot_weights"]

#: The names ``least_squares`` accepts for ``loss``, in the order SciPy documents them.
LOSSES: tuple[str, ...] = ("linear", "soft_l1", "huber", "cauchy", "arctan")

LossLike = str | Callable[[np.ndarray], Any]


def _builtin(name: str, z: np.ndarray) -> np.ndarray:
    """rho, rho', rho'' of a built-in loss at ``z`` (f_scale = 1), as in SciPy."""
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
        out[2] = -2.0 * z / t**2
    return out


def _check_loss(loss: Any) -> LossLike:
    if isinstance(loss, str):
        if loss not in LOSSES:
            raise ValueError(f"loss must be one of {LOSSES} or a callable, got {loss!r}")
        return loss
    if callable(loss):
        return loss
    raise TypeError(f"loss must be a str naming a loss or a callable, got {type(loss).__name__}")


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
        negative or non-finite entries, or a callable returns the wrong shape.
    TypeError
        If ``loss`` is neither a str nor callable.

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
    f_scale = check_positive(f_scale, "f_scale")
    z = as_1d_array(z, "z", min_size=0)
    if np.any(z < 0):
        raise ValueError("z must hold squared residuals, so every entry must be >= 0")
    c2 = f_scale**2
    zs = z / c2
    if isinstance(loss, str):
        out = _builtin(loss, zs)
    else:
        out = np.array(loss(zs), dtype=float)
        if out.shape != (3, z.size):
            raise ValueError(
                f"a callable loss must return an array of shape (3, {z.size}), got {out.shape}"
            )
    out[0] *= c2
    out[2] /= c2
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

    Examples
    --------
    >>> np.round(point_weights([0.0, 0.1, 1.0], "cauchy", f_scale=0.1), 4)
    array([1.    , 0.5   , 0.0099])
    """
    f = as_1d_array(residuals, "residuals", min_size=0)
    return rho(f**2, loss, f_scale)[1]


def _curve_inputs(
    residuals: Any, losses: Sequence[LossLike] | LossLike, f_scale: float
) -> tuple[np.ndarray, list[LossLike], float]:
    f_scale = check_positive(f_scale, "f_scale")
    if residuals is None:
        f = np.linspace(-5 * f_scale, 5 * f_scale, 401)
    else:
        f = as_1d_array(residuals, "residuals", min_size=2)
    if isinstance(losses, str) or callable(losses):
        losses = [losses]
    if not isinstance(losses, Sequence) or len(losses) == 0:
        raise TypeError("losses must be a loss (str or callable) or a non-empty sequence of them")
    return f, [_check_loss(name) for name in losses], f_scale


def _label(loss: LossLike) -> str:
    return loss if isinstance(loss, str) else getattr(loss, "__name__", "custom")


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
    f, losses, f_scale = _curve_inputs(residuals, losses, f_scale)
    ax = check_ax(ax)
    for loss in losses:
        ax.plot(f, rho(f**2, loss, f_scale)[0], label=_label(loss), **kwargs)
    ax.set_xlabel("residual $f$")
    ax.set_ylabel(r"loss $\rho_C(f^2)$")
    ax.legend()
    return ax


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
    f, losses, f_scale = _curve_inputs(residuals, losses, f_scale)
    ax = check_ax(ax)
    for loss in losses:
        ax.plot(f, rho(f**2, loss, f_scale)[1], label=_label(loss), **kwargs)
    ax.set_xlabel("residual $f$")
    ax.set_ylabel(r"weight $\rho_C'(f^2)$")
    ax.set_ylim(0, 1.05)
    ax.legend()
    return ax
