"""Record what an optimiser does: its iterations and its function calls.

:class:`IterationRecorder` is passed as ``callback=`` to
:func:`scipy.optimize.least_squares` or :func:`scipy.optimize.minimize` and
keeps one row per iteration, starting with the initial guess, which SciPy
never reports to a callback. :class:`CallCounter` wraps the function being
optimised and counts (and optionally records) every call, including the
finite-difference calls that ``least_squares``'s ``nfev`` leaves out (for
every method since SciPy 1.16).

Neither performs a fit: the notebook calls SciPy itself.
"""

from __future__ import annotations

import html
import numbers
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from ._tables import html_table, text_table
from ._validate import (
    _as_float_array,
    as_1d_array,
    check_callable,
    check_digits,
    check_int,
    check_nonnegative,
    check_positive,
)
from .losses import _check_loss, rho

__all__ = ["IterationRecorder", "CallCounter", "format_number"]


def format_number(value: float, digits: int = 6, tiny: float = 1e-12) -> str:
    """Format a number to ``digits`` significant digits, stably across machines.

    Values smaller in magnitude than ``tiny`` print as ``0``: round-off at
    that level differs between BLAS builds, so printing it would make stored
    notebook outputs machine-dependent. ``-0`` prints as ``0``.

    Parameters
    ----------
    value : float
        A real number: a Python or NumPy int or float, or a 0-d array of
        one (NaN and infinities are printed as ``nan``/``inf``).
    digits : int, default 6
        Significant digits, 1 to 17 (a float64 holds no more).
    tiny : float, default 1e-12
        Magnitudes below this print as ``0``; >= 0.

    Returns
    -------
    str

    Raises
    ------
    TypeError
        If ``value`` is not a real number (for example a str, None, a complex
        number, a bool or an array with more than one element).
    ValueError
        If ``digits`` is not 1 to 17, ``tiny`` is negative or not finite, or
        ``value`` is an int too large for a float64.

    Examples
    --------
    >>> format_number(3.14159265)
    '3.14159'
    >>> format_number(4e-31)
    '0'
    """
    digits = check_digits(digits)
    tiny = check_nonnegative(tiny, "tiny")
    value = _real_scalar(value, "value")
    if np.isfinite(value) and abs(value) < tiny:
        return "0"
    text = f"{value:.{digits}g}"
    return "0" if text in ("-0", "0") else text


def _real_scalar(value: Any, name: str) -> float:
    """``value`` as a float if it is one real number (NaN and inf allowed), else raise.

    TypeError for anything but a real number; ValueError for an int too large for
    a float64.
    """
    if (
        isinstance(value, np.ndarray)
        and value.ndim == 0
        and (np.issubdtype(value.dtype, np.integer) or np.issubdtype(value.dtype, np.floating))
    ):
        return float(value)
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a real number (int or float), got {type(value).__name__}")
    try:
        return float(value)
    except OverflowError:
        raise ValueError(
            f"{name} must fit in a float64 (magnitude below 1.8e308), got a larger "
            f"{type(value).__name__}"
        ) from None


def _names_for(n: int, names: Sequence[str] | None, of: str = "x0") -> list[str]:
    if names is None:
        return [f"x[{i}]" for i in range(n)]
    if isinstance(names, (str, bytes)) or not isinstance(names, Sequence):
        raise TypeError(f"names must be a sequence of str, got {type(names).__name__}")
    if len(names) != n:
        raise ValueError(
            f"names must have one entry per parameter (len({of}) = {n}), got {len(names)}"
        )
    for i, name in enumerate(names):
        if not isinstance(name, str):
            raise TypeError(f"names[{i}] must be a str, got {type(name).__name__}")
    return list(names)


_UNAVAILABLE = (
    "n/a: SciPy passed the callback residuals rescaled by the robust loss "
    "(method='dogbox' does), not f(x)"
)


def _optional(result: Any, name: str) -> Any:
    """``result.name``, or None if it has no such attribute."""
    return getattr(result, name, None)


def _close(reported: float, own: float) -> bool:
    """Whether a reported cost agrees with one computed from residuals (rounding allowed)."""
    return bool(np.isclose(reported, own, rtol=1e-8, atol=np.finfo(float).tiny))


class IterationRecorder:
    r"""A ``callback`` that records every iteration, the starting point included.

    Pass an instance as ``callback=`` to :func:`scipy.optimize.least_squares`
    (methods ``'trf'`` and ``'dogbox'``) or :func:`scipy.optimize.minimize`.
    SciPy (>= 1.16) then calls it once per iteration with an
    :class:`~scipy.optimize.OptimizeResult` named ``intermediate_result``;
    the recorder keeps its parameters, function value and cost. SciPy does
    not call a callback for the initial guess, so the recorder evaluates the
    function once at ``x0`` itself (that call is not part of the fit's
    ``nfev``).

    Parameters
    ----------
    fun : callable
        The function handed to SciPy: the residual function ``f(x, *args)``
        returning an array (``least_squares``), or the scalar objective
        (``minimize``). The kind is inferred from the value at ``x0``.
    x0 : array_like, shape (n,)
        The initial guess handed to SciPy.
    args : tuple, optional
        Extra positional arguments for ``fun``, as given to SciPy.
    names : sequence of str, optional
        Parameter names for the table; ``x[0]``, ``x[1]``, ... by default.
    loss : str or callable, default 'linear'
        The ``loss`` handed to ``least_squares``: one of
        :data:`helpers.losses.LOSSES` or a callable, as accepted by
        :func:`helpers.losses.rho`. Used only for the cost of the starting
        row (SciPy reports the cost of every later row itself).
    f_scale : float, default 1.0
        The ``f_scale`` handed to ``least_squares``; > 0.

    Attributes
    ----------
    kind : {'least_squares', 'minimize'}
        Inferred from ``fun(x0)``: an array means residuals, a scalar means
        an objective.
    records : list of dict
        One dict per row with keys ``iteration``, ``x``, ``fun``, ``cost``
        and ``nfev`` (``nfev`` is None for the start and for methods that do
        not report it). For ``least_squares``, ``fun`` is None in a row where
        SciPy passed residuals rescaled by a robust loss instead of
        :math:`f(x)` (see Notes): those residuals are not recorded.
    loss : str or callable
        The validated ``loss``.
    f_scale : float
        The validated ``f_scale``.

    Raises
    ------
    TypeError
        If ``fun`` is not callable, ``args`` is not a tuple, ``loss`` is
        neither a str nor callable, or ``fun(x0)`` returns None, complex or
        non-numeric values.
    ValueError
        If ``fun(x0)`` is not a scalar or a 1-D array, is not finite, or its
        squares overflow; if ``loss`` is an unknown name or is not
        ``'linear'`` for a scalar objective; or if ``f_scale`` is not > 0.

    Calling the recorder (as SciPy does) raises TypeError or ValueError,
    naming ``intermediate_result`` and the field, if the result has no ``x``
    or ``fun``, or if ``x``, ``fun``, ``cost`` or ``nfev`` are not numbers
    of the kind and length of the first row.

    Notes
    -----
    For ``least_squares`` the cost is :math:`F(x) = \tfrac12\sum_i
    \rho_C(f_i^2)` as SciPy reports it; for the starting row the recorder
    computes it from ``fun(x0)`` with the given ``loss`` and ``f_scale``
    (:func:`helpers.losses.rho`), so pass the same ones as to SciPy. The
    "sum of squares" column is :math:`\sum_i f_i^2` of the recorded
    residual vector; it equals twice the cost only for ``loss='linear'``.

    What SciPy (1.16, 1.17) passes to the callback as
    ``intermediate_result``, method by method:

    * ``'trf'``: ``x``, the raw residuals :math:`f(x)` as ``fun``, and the
      cost at ``x``.
    * ``'dogbox'`` with ``loss='linear'``: the same.
    * ``'dogbox'`` with a robust loss: as ``fun``, the residuals rescaled
      for its linearised subproblem,
      :math:`\rho_C' f_i / \sqrt{\max(\rho_C' + 2\rho_C'' f_i^2,\ \varepsilon)}`
      (:math:`\rho_C'`, :math:`\rho_C''` evaluated at :math:`f_i^2`,
      :math:`\varepsilon` the float64 machine epsilon), not :math:`f(x)`:
      with ``huber``, a residual beyond ``f_scale`` :math:`C` is passed as
      :math:`\pm C/\sqrt{\varepsilon} \approx \pm 6.7\times 10^7 C`,
      whatever its size. Such rows are
      recognised because their ``fun`` does not reproduce SciPy's cost
      (relative tolerance :math:`10^{-8}`); their residuals and "sum of
      squares" are recorded as unavailable (``fun`` None, NaN in
      :attr:`residuals` and :attr:`sum_of_squares`, ``n/a`` in the table,
      with a note under it). Where the rescaling changes nothing (every
      residual in ``huber``'s quadratic zone) the row is kept.
    * ``'dogbox'``, every loss: ``cost`` is that of the last *trial* point,
      which is not the cost at ``x`` when that iteration's step was rejected
      (for example when ``max_nfev`` stops the solver). The recorder records
      the cost at ``x``: from the residuals with ``loss='linear'``, and
      otherwise the previous row's cost when ``x`` did not move.
    * ``'lm'`` ignores callbacks (SciPy warns): to follow it, wrap the
      residual function in a :class:`CallCounter` instead.
    * ``minimize``: ``x`` and the objective value ``fun``.

    ``nfev`` is SciPy's count so far. For ``least_squares`` it excludes the
    calls made for a finite-difference Jacobian, for every method since
    SciPy 1.16 (``lm`` included); :class:`CallCounter` counts those too.

    For ``minimize`` the cost column is the objective value.

    Examples
    --------
    >>> from scipy.optimize import least_squares
    >>> t = np.array([0.0, 1.0, 2.0, 3.0]); y = np.array([1.0, 3.0, 5.0, 7.0])
    >>> def residuals(p):
    ...     return p[0] * t + p[1] - y
    >>> rec = IterationRecorder(residuals, [0.0, 0.0], names=["m", "b"])
    >>> res = least_squares(residuals, [0.0, 0.0], callback=rec)
    >>> len(rec)  # the start and one row per iteration
    3

    With a robust loss, pass the same ``loss`` and ``f_scale`` as to SciPy:

    >>> rec = IterationRecorder(residuals, [0.0, 0.0], loss="cauchy", f_scale=0.5)
    >>> res = least_squares(residuals, [0.0, 0.0], loss="cauchy", f_scale=0.5, callback=rec)
    >>> bool(np.isclose(rec.cost[-1], res.cost))
    True
    """

    def __init__(
        self,
        fun: Callable[..., Any],
        x0: Any,
        args: tuple[Any, ...] = (),
        *,
        names: Sequence[str] | None = None,
        loss: str | Callable[[np.ndarray], Any] = "linear",
        f_scale: float = 1.0,
    ) -> None:
        check_callable(fun, "fun")
        if not isinstance(args, tuple):
            raise TypeError(f"args must be a tuple, got {type(args).__name__}")
        x0 = as_1d_array(x0, "x0")
        self.names = _names_for(x0.size, names)
        self.loss = _check_loss(loss)
        self.f_scale = check_positive(f_scale, "f_scale")
        raw = fun(x0, *args)
        if raw is None:
            raise TypeError(
                "fun(x0) returned None; fun must return a scalar objective (minimize) "
                "or a 1-D array of residuals (least_squares) - is a return statement missing?"
            )
        value = _as_float_array(raw, "fun(x0)")
        if value.ndim > 1:
            raise ValueError(
                f"fun(x0) must return a scalar (minimize) or a 1-D array (least_squares), "
                f"got shape {value.shape}"
            )
        if not np.all(np.isfinite(value)):
            raise ValueError(
                "fun(x0) must be finite at the initial guess x0, got NaN or inf "
                f"(x0 = {x0.tolist()})"
            )
        if value.ndim == 0:
            self.kind = "minimize"
            if not self._linear:
                raise ValueError(
                    "loss applies only to least_squares residual functions, but fun(x0) "
                    "returned a scalar objective (minimize); leave loss='linear'"
                )
            cost = float(value)
            stored: Any = cost
        else:
            self.kind = "least_squares"
            stored = value.copy()
            with np.errstate(over="ignore"):
                squares = value * value
            if not np.all(np.isfinite(squares)):
                raise ValueError(
                    "fun(x0) has residuals too large to square in floating point "
                    f"(max |f| = {np.max(np.abs(value)):.3g}); rescale the residuals"
                )
            cost = self._cost_of(value)
        self.records: list[dict[str, Any]] = [
            {"iteration": 0, "x": x0.copy(), "fun": stored, "cost": cost, "nfev": None}
        ]

    def __call__(self, intermediate_result: Any) -> None:
        """Record one iteration; SciPy calls this with an ``OptimizeResult``."""
        res = intermediate_result
        if not (hasattr(res, "x") and hasattr(res, "fun")):
            missing = "x" if not hasattr(res, "x") else "fun"
            raise TypeError(
                f"intermediate_result must be an OptimizeResult with x and fun, it has no "
                f"{missing!r}; SciPy passes one only when the callback's parameter is named "
                "intermediate_result (SciPy >= 1.16)"
            )
        n = self.records[0]["x"].size
        x = as_1d_array(res.x, "intermediate_result.x")
        if x.size != n:
            raise ValueError(
                f"intermediate_result.x must have {n} entries, as x0 has, got {x.size}"
            )
        cost = _optional(res, "cost")
        cost = None if cost is None else _real_scalar(cost, "intermediate_result.cost")
        nfev = _optional(res, "nfev")
        nfev = None if nfev is None else check_int(nfev, "intermediate_result.nfev", minimum=0)
        previous = self.records[-1]
        fun: Any
        if self.kind == "least_squares":
            fun = as_1d_array(res.fun, "intermediate_result.fun", finite=False)
            m = self.records[0]["fun"].size
            if fun.size != m:
                raise ValueError(
                    f"intermediate_result.fun must have {m} entries, as fun(x0) has, got {fun.size}"
                )
            if self._linear:
                own = self._cost_of(fun)
                # dogbox reports the cost of its last trial point, not of x, when that
                # step was rejected; the residuals are x's, so their cost is the truth.
                if cost is None or not _close(cost, own):
                    cost = own
            elif cost is None or not _close(cost, self._cost_of(fun)):
                # Rescaled residuals (dogbox with a robust loss): f(x) is not known.
                fun = None
                if np.array_equal(x, previous["x"]) and previous["cost"] is not None:
                    cost = previous["cost"]
        else:
            value = _as_float_array(res.fun, "intermediate_result.fun")
            if value.size != 1:
                raise ValueError(
                    "intermediate_result.fun must be the scalar objective, got an array "
                    f"of shape {value.shape}"
                )
            fun = cost = float(value.reshape(()))
        self.records.append(
            {"iteration": len(self.records), "x": x, "fun": fun, "cost": cost, "nfev": nfev}
        )

    @property
    def _linear(self) -> bool:
        return isinstance(self.loss, str) and self.loss == "linear"

    def _cost_of(self, f: np.ndarray) -> float:
        """Cost ½Σρ_C(f²) of a residual vector (inf if the squares overflow or are not finite)."""
        with np.errstate(over="ignore", invalid="ignore"):
            z = f * f
        if not np.all(np.isfinite(z)):
            return float("inf")
        if self._linear:
            return 0.5 * float(f @ f)
        return 0.5 * float(np.sum(rho(z, self.loss, self.f_scale)[0]))

    def __len__(self) -> int:
        return len(self.records)

    @property
    def x(self) -> np.ndarray:
        """Parameters of every row, shape ``(len(self), n)``."""
        return np.array([r["x"] for r in self.records])

    @property
    def cost(self) -> np.ndarray:
        """Cost (``least_squares``) or objective value (``minimize``) of every row."""
        return np.array([np.nan if r["cost"] is None else r["cost"] for r in self.records])

    @property
    def residuals(self) -> np.ndarray:
        """Residual vectors of every row, shape ``(len(self), m)`` (least_squares only)."""
        if self.kind != "least_squares":
            raise AttributeError("residuals are recorded only for least_squares residual functions")
        m = self.records[0]["fun"].size
        return np.array(
            [np.full(m, np.nan) if r["fun"] is None else r["fun"] for r in self.records]
        )

    @property
    def sum_of_squares(self) -> np.ndarray:
        r""":math:`\sum_i f_i^2` of every row's residual vector (least_squares only).

        Twice the cost for ``loss='linear'``; NaN where the residuals are
        unavailable (rescaled by a robust loss, see the class's Notes).
        """
        if self.kind != "least_squares":
            raise AttributeError(
                "sums of squares are recorded only for least_squares residual functions"
            )
        values = [self._sum_of_squares(r) for r in self.records]
        return np.array([np.nan if v is None else v for v in values])

    def _sum_of_squares(self, record: dict[str, Any]) -> float | None:
        fun = record["fun"]
        if fun is None:
            return None
        with np.errstate(over="ignore", invalid="ignore"):
            return float(fun @ fun)

    def _rows(
        self, digits: int, tiny: float, max_residuals: int
    ) -> tuple[list[str], list[list[str]], bool]:
        """Header, rows and whether some row's residuals are unavailable (``n/a``)."""

        def fmt(v: Any) -> str:
            return "n/a" if v is None else format_number(v, digits, tiny)

        least = self.kind == "least_squares"
        header = ["iteration", *self.names]
        show_res = least and 0 < self.records[0]["fun"].size <= max_residuals
        if show_res:
            header.append("residuals")
        header += ["cost", "sum of squares"] if least else ["objective"]
        header.append("nfev")
        rows = []
        unavailable = False
        for r in self.records:
            row = [str(r["iteration"]), *[fmt(v) for v in r["x"]]]
            if least and r["fun"] is None:
                unavailable = True
            if show_res:
                fun = r["fun"]
                row.append("n/a" if fun is None else "[" + ", ".join(fmt(v) for v in fun) + "]")
            row.append(fmt(r["cost"]))
            if least:
                row.append(fmt(self._sum_of_squares(r)))
            row.append("" if r["nfev"] is None else str(r["nfev"]))
            rows.append(row)
        return header, rows, unavailable

    def table(self, digits: int = 6, *, tiny: float = 1e-12, max_residuals: int = 6) -> str:
        """The iterations as a plain-text table.

        Parameters
        ----------
        digits : int, default 6
            Significant digits of every number, 1 to 17.
        tiny : float, default 1e-12
            Magnitudes below this print as ``0`` (see :func:`format_number`).
        max_residuals : int, default 6
            Residual vectors are shown only up to this length.

        Returns
        -------
        str
            The table; if some rows' residuals are unavailable (``n/a``), a
            line under it says why.
        """
        digits = check_digits(digits)
        tiny = check_nonnegative(tiny, "tiny")
        max_residuals = check_int(max_residuals, "max_residuals", minimum=0)
        header, rows, unavailable = self._rows(digits, tiny, max_residuals)
        text = text_table(header, rows, first_left=False)
        return text + "\n" + _UNAVAILABLE if unavailable else text

    def to_html(self, digits: int = 6, *, tiny: float = 1e-12, max_residuals: int = 6) -> str:
        """The iterations as an HTML table (same arguments as :meth:`table`; digits 1 to 17)."""
        digits = check_digits(digits)
        tiny = check_nonnegative(tiny, "tiny")
        max_residuals = check_int(max_residuals, "max_residuals", minimum=0)
        header, rows, unavailable = self._rows(digits, tiny, max_residuals)
        page = html_table(header, rows)
        return page + f"<p>{html.escape(_UNAVAILABLE)}</p>" if unavailable else page

    def __str__(self) -> str:
        return self.table()

    def __repr__(self) -> str:
        return f"<IterationRecorder: {self.kind}, {len(self)} rows>\n{self.table()}"

    def _repr_html_(self) -> str:
        return self.to_html()


class CallCounter:
    """Wrap a function to count, and optionally record, every call.

    For every :func:`~scipy.optimize.minimize` method (SciPy 1.17), the count
    equals the ``nfev`` SciPy reports, finite-difference calls included, so
    ``nfev`` compares the methods of ``minimize`` fairly.
    :func:`~scipy.optimize.least_squares` is the exception: its ``nfev`` leaves
    out the calls made for a finite-difference Jacobian (every method, since
    SciPy 1.16), and only a counter sees its whole work.

    Parameters
    ----------
    fun : callable
        The function to wrap; called as ``fun(x, *args, **kwargs)``.
    record : bool, default False
        If True, keep a copy of every argument ``x`` and returned value.

    Attributes
    ----------
    ncalls : int
        Calls so far.
    xs, values : list
        Arguments and results of every call, when ``record`` is True.

    Examples
    --------
    >>> from scipy.optimize import least_squares
    >>> counted = CallCounter(lambda p: p - 1.0)
    >>> res = least_squares(counted, [0.0, 0.0])
    >>> counted.ncalls >= res.nfev
    True
    """

    def __init__(self, fun: Callable[..., Any], *, record: bool = False) -> None:
        check_callable(fun, "fun")
        if not isinstance(record, (bool, np.bool_)):
            raise TypeError(f"record must be a bool, got {type(record).__name__}")
        self.fun = fun
        self.record = bool(record)
        self.ncalls = 0
        self.xs: list[np.ndarray] = []
        self.values: list[Any] = []

    def __call__(self, x: Any, *args: Any, **kwargs: Any) -> Any:
        self.ncalls += 1
        value = self.fun(x, *args, **kwargs)
        if self.record:
            self.xs.append(np.array(x, copy=True))
            self.values.append(np.array(value, copy=True))
        return value

    def reset(self) -> None:
        """Set the count to zero and forget recorded calls."""
        self.ncalls = 0
        self.xs = []
        self.values = []

    def __repr__(self) -> str:
        return f"<CallCounter: {self.ncalls} calls>"
