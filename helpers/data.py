"""Seeded generators of the lessons' data.

Every generator takes ``rng``: an int seed, a :class:`numpy.random.Generator`
or None (fresh, unpredictable entropy). None of them touches NumPy's global
random state, and each returns plain NumPy arrays.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from ._validate import (
    _as_float_array,
    as_1d_array,
    as_rng,
    check_bool,
    check_callable,
    check_int,
    check_nonnegative,
    check_positive,
    check_real,
)

__all__ = ["basis_signal", "exp_decay", "normal_sample", "noisy_line"]

SeedLike = int | np.random.Generator | None

#: Largest sample :func:`normal_sample` draws (80 MB of float64).
MAX_SAMPLES = 10_000_000


def _finite_or_raise(values: np.ndarray, what: str) -> np.ndarray:
    """Return ``values`` if every entry is finite, else say which inputs overflowed."""
    if not np.all(np.isfinite(values)):
        raise ValueError(f"{what} overflow float64; use smaller magnitudes")
    return values


def basis_signal(
    x: Any,
    basis: Sequence[Callable[[np.ndarray], Any]],
    coef: Any,
    *,
    noise: float = 0.0,
    scale_to_max: bool = False,
    rng: SeedLike = None,
) -> np.ndarray:
    r"""Noisy samples of a linear combination of basis functions.

    Computes :math:`s(x) = \sum_j c_j\, a_j(x)`, optionally divides it by
    :math:`\max_i |s(x_i)|` so that the clean signal peaks at 1, then adds
    independent Gaussian noise of standard deviation ``noise``.

    Parameters
    ----------
    x : array_like, shape (n,)
        Sample points, for example ``np.r_[-10:10:.5]``. Must be finite.
    basis : sequence of callable
        Basis functions :math:`a_j`; each maps an array of shape (n,) to an
        array of shape (n,) (a scalar result is broadcast).
    coef : array_like, shape (m,)
        Coefficients :math:`c_j`, one per basis function.
    noise : float, default 0.0
        Standard deviation of the added noise, in the units of the returned
        values (after scaling). Must be >= 0.
    scale_to_max : bool, default False
        If True, scale the clean signal so that its largest absolute value
        is 1 before the noise is added.
    rng : int, numpy.random.Generator or None
        Seed or generator for the noise.

    Returns
    -------
    y : ndarray, shape (n,)
        The noisy samples.

    Raises
    ------
    ValueError
        If ``coef`` and ``basis`` differ in length, ``noise`` is negative,
        data are not finite, a basis function returns the wrong shape or
        non-finite values, the samples overflow float64, or the signal is
        identically zero while ``scale_to_max`` is True.
    TypeError
        If an element of ``basis`` is not callable or returns None, complex or
        non-numeric values, ``scale_to_max`` is not a bool, or ``rng`` is of
        the wrong type.

    Examples
    --------
    >>> x = np.r_[-10:10:.5]
    >>> y = basis_signal(x, [lambda x: x**3, np.sin], [2, 2], noise=0.05,
    ...                  scale_to_max=True, rng=0)
    >>> y.shape
    (40,)
    """
    x = as_1d_array(x, "x")
    coef = as_1d_array(coef, "coef")
    if isinstance(basis, (str, bytes)) or not isinstance(basis, Sequence):
        raise TypeError(f"basis must be a sequence of callables, got {type(basis).__name__}")
    if len(basis) != coef.size:
        raise ValueError(
            f"coef must have one entry per basis function ({len(basis)}), got {coef.size}"
        )
    if len(basis) == 0:
        raise ValueError("basis must contain at least one function")
    noise = check_nonnegative(noise, "noise")
    scale_to_max = check_bool(scale_to_max, "scale_to_max")
    gen = as_rng(rng)

    columns = []
    for j, func in enumerate(basis):
        name = f"basis[{j}]"
        check_callable(func, name)
        # Non-finite values are reported below as a ValueError, so NumPy's
        # own warnings (log of 0, say) would only repeat it.
        with np.errstate(all="ignore"):
            raw = func(x)
        if raw is None:
            raise TypeError(f"{name} returned None; it must return an array of shape ({x.size},)")
        col = _as_float_array(raw, f"the value of {name}(x)")
        if col.shape not in ((), (x.size,)):
            raise ValueError(
                f"{name} must return an array of shape ({x.size},) (one value per x) or a "
                f"scalar, got shape {col.shape}"
            )
        if not np.all(np.isfinite(col)):
            raise ValueError(f"{name} returned non-finite values on x")
        columns.append(np.broadcast_to(col, x.shape))
    with np.errstate(over="ignore", invalid="ignore"):
        signal = np.column_stack(columns) @ coef
    _finite_or_raise(signal, "the signal sum_j coef[j] * basis[j](x) has values that")
    if scale_to_max:
        peak = np.max(np.abs(signal))
        if peak == 0:
            raise ValueError("the clean signal is zero everywhere, so scale_to_max cannot scale it")
        signal = signal / peak
    with np.errstate(over="ignore", invalid="ignore"):
        y = signal + noise * gen.standard_normal(x.size)
    return _finite_or_raise(y, f"the samples (signal plus noise = {noise:.3g} times normal draws)")


def exp_decay(
    t: Any,
    a: float = 0.5,
    b: float = 2.0,
    c: float = -1.0,
    *,
    noise: float = 0.1,
    n_outliers: int = 0,
    outlier_scale: float = 10.0,
    rng: SeedLike = None,
    return_outliers: bool = False,
) -> np.ndarray | tuple[np.ndarray, np.ndarray]:
    r"""Samples of :math:`y = a + b\,e^{c t}` with Gaussian noise and outliers.

    As in SciPy's ``least_squares`` example: Gaussian errors of standard
    deviation ``noise``, of which exactly ``n_outliers``, at distinct random
    indices, are multiplied by ``outlier_scale``.

    Parameters
    ----------
    t : array_like, shape (n,)
        Sample points. Must be finite.
    a, b, c : float
        The model's offset, amplitude and rate. Defaults 0.5, 2, -1.
    noise : float, default 0.1
        Standard deviation of the Gaussian errors. Must be >= 0.
    n_outliers : int, default 0
        How many errors are scaled; ``0 <= n_outliers <= n``.
    outlier_scale : float, default 10.0
        Factor applied to the outliers' errors. Must be > 0.
    rng : int, numpy.random.Generator or None
        Seed or generator.
    return_outliers : bool, default False
        If True, also return the sorted indices of the outliers.

    Raises
    ------
    ValueError
        If ``t`` is not finite, ``noise`` is negative, ``n_outliers`` is
        negative or exceeds ``len(t)``, ``outlier_scale`` is not > 0, or the
        samples overflow float64.
    TypeError
        If an argument has the wrong type (``return_outliers`` must be a bool).

    Returns
    -------
    y : ndarray, shape (n,)
        The noisy samples.
    outliers : ndarray of int, shape (n_outliers,)
        Only if ``return_outliers`` is True: sorted indices of the outliers.

    Examples
    --------
    >>> t = np.linspace(0, 10, 15)
    >>> y, idx = exp_decay(t, n_outliers=3, rng=0, return_outliers=True)
    >>> len(idx)
    3
    """
    t = as_1d_array(t, "t")
    a = check_real(a, "a")
    b = check_real(b, "b")
    c = check_real(c, "c")
    noise = check_nonnegative(noise, "noise")
    n_outliers = check_int(n_outliers, "n_outliers", minimum=0)
    if n_outliers > t.size:
        raise ValueError(
            f"n_outliers must be at most the number of points ({t.size}), got {n_outliers}"
        )
    outlier_scale = check_positive(outlier_scale, "outlier_scale")
    gen = as_rng(rng)
    return_outliers = check_bool(return_outliers, "return_outliers")

    with np.errstate(over="ignore", invalid="ignore"):
        growth = np.exp(c * t)
        if not np.all(np.isfinite(growth)):
            raise ValueError("c * t is too large: exp(c * t) overflows")
        clean = a + b * growth
        _finite_or_raise(clean, "a + b * exp(c * t) has values that")
        error = noise * gen.standard_normal(t.size)
        outliers = np.sort(gen.choice(t.size, size=n_outliers, replace=False))
        error[outliers] *= outlier_scale
        y = clean + error
    _finite_or_raise(
        y, f"the samples (noise = {noise:.3g}, outlier_scale = {outlier_scale:.3g} added)"
    )
    if return_outliers:
        return y, outliers
    return y


def normal_sample(
    n: int,
    mean: float = 0.0,
    std: float = 1.0,
    *,
    rng: SeedLike = None,
) -> np.ndarray:
    """A sample of ``n`` independent draws from a normal distribution.

    Parameters
    ----------
    n : int
        Sample size, 1 to :data:`MAX_SAMPLES` (10 million).
    mean : float, default 0.0
        Mean of the distribution.
    std : float, default 1.0
        Standard deviation, > 0.
    rng : int, numpy.random.Generator or None
        Seed or generator.

    Returns
    -------
    sample : ndarray, shape (n,)

    Examples
    --------
    >>> normal_sample(5, mean=10, std=2, rng=0).shape
    (5,)
    """
    n = check_int(n, "n", minimum=1)
    if n > MAX_SAMPLES:
        raise ValueError(f"n must be at most {MAX_SAMPLES} (80 MB of float64), got {n}")
    mean = check_real(mean, "mean")
    std = check_positive(std, "std")
    sample = as_rng(rng).normal(mean, std, size=n)
    return _finite_or_raise(sample, f"draws with mean = {mean:.3g} and std = {std:.3g}")


def noisy_line(
    x: Any,
    slope: float,
    intercept: float,
    *,
    noise: float = 0.0,
    rng: SeedLike = None,
) -> np.ndarray:
    """Samples of the line ``slope * x + intercept`` with Gaussian noise.

    Parameters
    ----------
    x : array_like, shape (n,)
        Sample points. Must be finite.
    slope, intercept : float
        The line's parameters.
    noise : float, default 0.0
        Standard deviation of the noise, >= 0.
    rng : int, numpy.random.Generator or None
        Seed or generator.

    Returns
    -------
    y : ndarray, shape (n,)

    Examples
    --------
    >>> noisy_line([0, 1, 2, 3], 2, 1)
    array([1., 3., 5., 7.])
    """
    x = as_1d_array(x, "x")
    slope = check_real(slope, "slope")
    intercept = check_real(intercept, "intercept")
    noise = check_nonnegative(noise, "noise")
    gen = as_rng(rng)
    with np.errstate(over="ignore", invalid="ignore"):
        y = slope * x + intercept + noise * gen.standard_normal(x.size)
    return _finite_or_raise(
        y,
        f"slope * x + intercept + noise (slope = {slope:.3g}, noise = {noise:.3g}) has values that",
    )
