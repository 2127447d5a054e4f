"""Argument checks shared by the public helpers.

Every public function in :mod:`helpers` validates its input with these small
functions, so that bad input fails early with a message that names the
argument and says what was expected, instead of a bare NumPy error or a
silently wrong result.
"""

from __future__ import annotations

import copy
import functools
import math
import numbers
import re
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
    "check_bool",
    "check_digits",
    "check_text",
    "check_fmt",
    "check_plot_kwargs",
    "check_plottable",
    "check_callable",
    "check_ax",
    "is_finite_float",
    "real_value_of",
    "PLOT_LIMIT",
    "LOG_PLOT_MAX",
    "MAX_DIGITS",
]

#: Largest magnitude drawn on a linear axis: beyond it Matplotlib's limit and tick
#: arithmetic overflows (at about 1e308) when the figure is drawn.
PLOT_LIMIT = 1e300

#: Largest value drawn on a logarithmic axis: Matplotlib's log tick locator overflows
#: when an axis reaches far beyond 1e200.
LOG_PLOT_MAX = 1e100

#: Most significant digits printed: a float64 holds 17 at most, more are binary noise.
MAX_DIGITS = 17


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
        f"{name} must be an int seed, a numpy.random.Generator or None, got {type(rng).__name__}"
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
                f"{name} must have the same length as {first_name} ({len(first)}), got {len(arr)}"
            )


def check_real(value: Any, name: str) -> float:
    """Return ``value`` as a finite float, or raise naming ``name``."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a real number, got {type(value).__name__}")
    try:
        value = float(value)
    except OverflowError:
        raise ValueError(f"{name} must be finite, got an int too large for a float") from None
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


def check_bool(value: Any, name: str) -> bool:
    """Return ``value`` as a bool if it is one (Python's or NumPy's), else raise TypeError.

    Strings such as ``"no"``, numbers, NaN and arrays are refused: their truth value
    is not what the caller meant (``"False"`` is true) or is an error (arrays).
    """
    if not isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{name} must be a bool (True or False), got {type(value).__name__}")
    return bool(value)


def check_digits(value: Any, name: str = "digits") -> int:
    """Return ``value`` as a number of significant digits, 1 to :data:`MAX_DIGITS`."""
    value = check_int(value, name, minimum=1)
    if value > MAX_DIGITS:
        raise ValueError(
            f"{name} must be at most {MAX_DIGITS} (a float64 holds no more significant "
            f"digits), got {value}"
        )
    return value


def check_text(value: Any, name: str, *, optional: bool = False) -> Any:
    """Return ``value`` if it is a str Matplotlib can draw (None too if ``optional``).

    Text between an even number of unescaped dollar signs is Matplotlib mathtext;
    it is parsed here, so that a formula Matplotlib cannot typeset fails now, naming
    the argument, rather than when the figure is drawn.
    """
    if value is None and optional:
        return None
    if not isinstance(value, str):
        kind = "a str or None" if optional else "a str"
        raise TypeError(f"{name} must be {kind}, got {type(value).__name__}")
    _check_mathtext(value, name)
    return value


def _check_mathtext(text: str, name: str) -> None:
    """Raise unless Matplotlib can draw ``text`` (mathtext or plain) without a warning."""
    import matplotlib as mpl
    from matplotlib import cbook

    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError(
            f"{name} = {text!r} is not valid Unicode text (a lone surrogate)"
        ) from None
    if mpl.rcParams["text.usetex"]:
        return
    if cbook.is_math_text(text):
        reason = _mathtext_error(text)
        if reason is not None:
            raise ValueError(
                f"{name} = {text!r} is not mathtext Matplotlib can typeset ({reason}); "
                r"escape a literal dollar sign as \$"
            )
        return
    families = tuple(mpl.rcParams["font.family"])
    missing = _missing_glyphs(text, families)
    if missing:
        raise ValueError(
            f"{name} = {text!r:.60} has characters {missing!r} that the font "
            f"({', '.join(families)}) cannot draw; choose another font.family or other text"
        )


@functools.lru_cache(maxsize=512)
def _mathtext_error(text: str) -> str | None:
    """Why Matplotlib cannot typeset ``text`` as mathtext, or None if it can (cached)."""
    import logging
    import warnings

    from matplotlib.mathtext import MathTextParser

    class Catch(logging.Handler):
        def __init__(self) -> None:
            super().__init__(logging.WARNING)
            self.messages: list[str] = []

        def emit(self, record: logging.LogRecord) -> None:
            self.messages.append(record.getMessage())

    catch = Catch()
    logger = logging.getLogger("matplotlib")
    logger.addHandler(catch)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            MathTextParser("path").parse(text)
    except ValueError as exc:
        return " ".join(str(exc).split())
    finally:
        logger.removeHandler(catch)
    # Matplotlib warns or logs (and draws a box) for a glyph its fonts lack; other
    # warnings, such as pyparsing's deprecations under old Matplotlib, are not about
    # the text.
    missing = [str(w.message) for w in caught if "missing from" in str(w.message)]
    missing += [m for m in catch.messages if "glyph" in m]
    return missing[0] if missing else None


@functools.lru_cache(maxsize=512)
def _missing_glyphs(text: str, families: tuple[str, ...]) -> str:
    """The characters of plain ``text`` that no font of ``families`` has (cached)."""
    from matplotlib import font_manager

    fonts = []
    for family in families:
        path = font_manager.findfont(font_manager.FontProperties(family=[family]))
        fonts.append(font_manager.get_font(path))
    chars = sorted(set(text) - {"\n"})
    return "".join(c for c in chars if all(f.get_char_index(ord(c)) == 0 for f in fonts))


def check_fmt(value: Any, name: str = "fmt") -> str:
    """Return ``value`` if it is a :meth:`str.format` template for one real number.

    It must contain a replacement field (``{}`` or ``{:.3g}``, say), format a
    float without error, ask for no field width or precision above 50, and give
    text Matplotlib can draw. ``'%.2f'`` (printf style) or ``'abc'`` would label
    every value with the same literal text, so they are refused.
    """
    import string

    if not isinstance(value, str):
        raise TypeError(
            f"{name} must be a format string such as '{{:.3g}}', got {type(value).__name__}"
        )
    try:
        fields = [(f, spec) for _, f, spec, _ in string.Formatter().parse(value) if f is not None]
    except ValueError as exc:
        raise ValueError(f"{name} = {value!r} is not a format string: {exc}") from None
    if not fields:
        raise ValueError(
            f"{name} = {value!r} has no replacement field, so every value would be labelled "
            "with that same text; use str.format syntax such as '{:.3g}' (not '%.3g')"
        )
    for _, spec in fields:
        if any(int(d) > 50 for d in re.findall(r"\d+", spec or "")):
            raise ValueError(f"{name} = {value!r} asks for a width or precision above 50")
    try:
        sample = value.format(-1.25e-7)
    except (ValueError, IndexError, KeyError, TypeError, AttributeError) as exc:
        raise ValueError(
            f"{name} = {value!r} cannot format one real number: {type(exc).__name__}: {exc}; "
            "use a single field such as '{:.3g}'"
        ) from None
    _check_mathtext(sample, name)
    return value


#: Matplotlib properties that must be finite numbers when given as one number.
_NUMERIC_PROPERTIES = {
    "linewidth",
    "lw",
    "linewidths",
    "markersize",
    "ms",
    "markeredgewidth",
    "mew",
    "alpha",
    "zorder",
    "width",
}


#: Keywords of ``Axes.plot``, ``Axes.bar`` and ``Axes.annotate`` that are not artist properties.
_CALL_ONLY = {
    "line": {"scalex", "scaley", "data"},
    "annotation": set(),
    "bar": {
        "bottom",
        "align",
        "tick_label",
        "xerr",
        "yerr",
        "ecolor",
        "capsize",
        "error_kw",
        "log",
        "data",
    },
}


def check_plot_kwargs(
    kwargs: dict[str, Any], target: str, *, reserved: dict[str, str] | None = None
) -> dict[str, Any]:
    """Check keyword arguments forwarded to Matplotlib before anything is drawn.

    ``target`` is ``'line'`` (``Axes.plot``), ``'bar'`` (``Axes.bar``),
    ``'annotation'`` (``Axes.annotate``) or ``'contour'`` (``Axes.contour``).
    A key in ``reserved`` (key -> why) is refused by name; every other key is
    tried on a throwaway artist of the same kind, so that an unknown property
    or a bad value fails now, naming the key, not inside Matplotlib or when
    the figure is drawn.
    """
    for key, why in (reserved or {}).items():
        if key in kwargs:
            raise TypeError(f"{key} cannot be passed through **kwargs: {why}")
    if not kwargs:
        return kwargs
    if "label" in kwargs:
        check_text(kwargs["label"], "label")
    for key in _NUMERIC_PROPERTIES & set(kwargs):
        value = kwargs[key]
        if isinstance(value, (numbers.Real, np.ndarray, list, tuple)) and not isinstance(
            value, (bool, np.bool_)
        ):
            arr = _as_float_array(value, key)
            if not np.all(np.isfinite(arr)):
                raise ValueError(f"{key} must be finite, got {value!r}")
        elif key == "zorder":
            check_real(value, key)
    if target == "contour":
        _try_contour_kwargs(kwargs)
        return kwargs
    from matplotlib.lines import Line2D
    from matplotlib.patches import Rectangle
    from matplotlib.text import Annotation

    dummy: Any
    if target == "line":
        dummy = Line2D([], [])
    elif target == "annotation":
        dummy = Annotation("", (0.0, 0.0))
    else:
        dummy = Rectangle((0.0, 0.0), 1.0, 1.0)
    for key, value in kwargs.items():
        if key in _CALL_ONLY[target]:
            continue  # arguments of Axes.plot / Axes.bar themselves, checked there
        try:
            dummy.set(**{key: value})
        except AttributeError:
            raise TypeError(
                f"{key} is not a property of a Matplotlib {type(dummy).__name__}, which this "
                "function's **kwargs go to"
            ) from None
        except (TypeError, ValueError) as exc:
            raise ValueError(
                f"{key} = {value!r:.60} is not accepted by Matplotlib: {exc}"
            ) from None
    return kwargs


def _try_contour_kwargs(kwargs: dict[str, Any]) -> None:
    import warnings

    from matplotlib.figure import Figure

    ax = Figure().add_subplot()
    for key, value in kwargs.items():
        try:
            # The trial gets a copy: contour autoscales a norm it is given, and the caller's own
            # norm=LogNorm() scaled to this trial's data would colour every real level wrongly.
            trial = copy.deepcopy(value)
        except Exception:
            trial = value  # not copyable: the trial uses the object itself
        try:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                # positive values, so that a valid norm=LogNorm() is tried without a warning
                ax.contour([[1.0, 2.0], [2.0, 3.0]], levels=[1.5, 2.5], **{key: trial})
        except AttributeError:
            raise TypeError(f"{key} is not a keyword Matplotlib's contour accepts") from None
        except (TypeError, ValueError) as exc:
            raise ValueError(
                f"{key} = {value!r:.60} is not accepted by Matplotlib's contour: {exc}"
            ) from None
        caught = [w for w in caught if "were not used" in str(w.message)]
        if caught:  # e.g. "The following kwargs were not used by contour: 'label'" (3.8)
            raise TypeError(f"{key} is not used by this Matplotlib's contour: {caught[0].message}")


def check_plottable(values: np.ndarray, name: str, *, log: bool = False) -> np.ndarray:
    """Raise unless finite ``values`` can be drawn: within ±:data:`PLOT_LIMIT`
    (linear axis) or in (0, :data:`LOG_PLOT_MAX`] (logarithmic axis)."""
    if log:
        if np.any(values <= 0) or np.any(values > LOG_PLOT_MAX):
            raise ValueError(
                f"{name} must lie in (0, {LOG_PLOT_MAX:.0e}] to be drawn on a log axis, got values "
                f"from {np.min(values):.3g} to {np.max(values):.3g}"
            )
    elif values.size and np.max(np.abs(values)) > PLOT_LIMIT:
        raise ValueError(
            f"{name} must lie within ±{PLOT_LIMIT:.0e} to be drawn (Matplotlib's axis "
            f"arithmetic overflows beyond), got magnitudes up to {np.max(np.abs(values)):.3g}"
        )
    return values


def is_finite_float(raw: Any) -> bool:
    """True for a finite Python or NumPy float: the common case, checked in well under a
    microsecond, so that a loop over many calls builds :func:`real_value_of`'s message only
    for a value that needs it."""
    return type(raw) in (float, np.float64) and math.isfinite(raw)


def real_value_of(raw: Any, name: str, where: str) -> float:
    """The value ``raw`` returned by a user callable ``name`` as a finite real scalar.

    ``where`` says at which argument it was called (for the message). None, strings,
    complex numbers, arrays of more than one element and non-finite values are
    refused by name.
    """
    if raw is None:
        raise TypeError(
            f"{name} returned None {where}; it must return a real number "
            "(is a return statement missing?)"
        )
    value = _as_float_array(raw, f"the value {name} returned {where}")
    if value.size != 1:
        raise ValueError(
            f"{name} must return a scalar, got an array of shape {value.shape} {where}"
        )
    result = float(value.reshape(()))
    if not np.isfinite(result):
        raise ValueError(f"{name} returned {result} {where}; it must be finite")
    return result


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
