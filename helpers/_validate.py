"""Argument checks shared by the public helpers.

Every public function in :mod:`helpers` validates its input with these small
functions, so that bad input fails early with a message that names the
argument and says what was expected, instead of a bare NumPy error or a
silently wrong result.
"""

from __future__ import annotations

import numbers
from typing import Any

import numpy as np

__all__ = [
    "as_rng",
    "as_1d_array",
    "as_2d_array",
    "check_same_length",
    "check_real",
    "check_nonnegative",
    "check_positive",
    "check_int",
    "check_callable",
    "check_ax",
]


def as_rng(rng: Any, name: str = "rng") -> np.random.Generator:
    """Return a :class:`numpy.random.Generator` from a seed, a Generator or None."""
    if isinstance(rng, np.random.Generator):
        return rng
    if rng is None:
        return np.random.default_rng()
    if isinstance(rng, (bool, np.bool_)):
        raise TypeError(f"{name} must be an int seed, a numpy.random.Generator or None, got a bool")
    if isinstance(rng, numbers.Integral):
        if rng < 0:
            raise ValueError(f"{name} must be a non-negative int seed, got {rng}")
        return np.random.default_rng(int(rng))
    raise TypeError(
        f"{name} must be an int seed, a numpy.random.Generator or None, "
        f"got {type(rng).__name__}"
    )


def _as_float_array(values: Any, name: str) -> np.ndarray:
    if isinstance(values, (str, bytes)):
        raise TypeError(f"{name} must be array-like of real numbers, got {type(values).__name__}")
    try:
        arr = np.asarray(values)
    except Exception as exc:  # ragged nested lists and similar
        raise ValueError(f"{name} must be a rectangular array of real numbers: {exc}") from None
    if arr.dtype == object or not (
        np.issubdtype(arr.dtype, np.number) or np.issubdtype(arr.dtype, np.bool_)
    ):
        raise TypeError(f"{name} must be array-like of real numbers, got dtype {arr.dtype}")
    if np.iscomplexobj(arr):
        raise TypeError(f"{name} must be real, got complex values")
    return arr.astype(float, copy=True)


def as_1d_array(
    values: Any,
    name: str,
    *,
    min_size: int = 1,
    finite: bool = True,
) -> np.ndarray:
    """Return ``values`` as a 1-D float array, or raise naming ``name``.

    Parameters
    ----------
    values : array_like
        The input.
    name : str
        Argument name used in error messages.
    min_size : int, default 1
        Fewest elements accepted.
    finite : bool, default True
        If True, NaN and infinities are rejected.
    """
    arr = _as_float_array(values, name)
    if arr.ndim != 1:
        raise ValueError(f"{name} must be 1-D, got an array of shape {arr.shape}")
    if arr.size < min_size:
        raise ValueError(f"{name} must have at least {min_size} element(s), got {arr.size}")
    if finite and not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} must contain only finite values (no NaN or inf)")
    return arr


def as_2d_array(values: Any, name: str, *, finite: bool = True) -> np.ndarray:
    """Return ``values`` as a 2-D float array, or raise naming ``name``."""
    arr = _as_float_array(values, name)
    if arr.ndim != 2:
        raise ValueError(f"{name} must be 2-D, got an array of shape {arr.shape}")
    if arr.size == 0:
        raise ValueError(f"{name} must not be empty, got shape {arr.shape}")
    if finite and not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} must contain only finite values (no NaN or inf)")
    return arr


def check_same_length(**arrays: np.ndarray) -> None:
    """Raise ValueError unless all given arrays have the same first dimension."""
    items = list(arrays.items())
    first_name, first = items[0]
    for name, arr in items[1:]:
        if len(arr) != len(first):
            raise ValueError(
                f"{name} must have the same length as {first_name} "
                f"({len(first)}), got {len(arr)}"
            )


def check_real(value: Any, name: str) -> float:
    """Return ``value`` as a finite float, or raise naming ``name``."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a real number, got {type(value).__name__}")
    value = float(value)
    if not np.isfinite(value):
        raise ValueError(f"{name} must be finite, got {value}")
    return value


def check_nonnegative(value: Any, name: str) -> float:
    """Return ``value`` as a finite float >= 0, or raise naming ``name``."""
    value = check_real(value, name)
    if value < 0:
        raise ValueError(f"{name} must be >= 0, got {value}")
    return value


def check_positive(value: Any, name: str) -> float:
    """Return ``value`` as a finite float > 0, or raise naming ``name``."""
    value = check_real(value, name)
    if value <= 0:
        raise ValueError(f"{name} must be > 0, got {value}")
    return value


def check_int(value: Any, name: str, *, minimum: int | None = None) -> int:
    """Return ``value`` as an int (optionally >= ``minimum``), or raise naming ``name``."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an int, got {type(value).__name__}")
    value = int(value)
    if minimum is not None and value < minimum:
        raise ValueError(f"{name} must be >= {minimum}, got {value}")
    return value


def check_callable(value: Any, name: str) -> None:
    """Raise TypeError unless ``value`` is callable."""
    if not callable(value):
        raise TypeError(f"{name} must be callable, got {type(value).__name__}")


def check_ax(ax: Any) -> Any:
    """Return ``ax``, or the current Axes when ``ax`` is None; reject non-Axes."""
    from matplotlib.axes import Axes

    if ax is None:
        import matplotlib.pyplot as plt

        return plt.gca()
    if not isinstance(ax, Axes):
        raise TypeError(f"ax must be a matplotlib Axes or None, got {type(ax).__name__}")
    return ax
