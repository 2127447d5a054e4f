"""Property-based tests: every public callable of ``helpers``, each argument in turn hostile.

The contract (issue 13): whatever one argument holds, a call either returns a valid result or
raises ``ValueError``/``TypeError`` whose message names that argument; it emits no warning (Python
warnings and Matplotlib log messages alike), finishes within a time limit, and a figure it drew
draws. Some kinds of argument are stricter: a flag accepts only ``bool`` (and NumPy's bool), a text
argument only ``str`` (valid mathtext), ``fmt`` only a format string with a replacement field,
``digits`` only 1 to 17, and those must refuse everything else.

The public callables are enumerated from ``helpers.__all__`` and each module's ``__all__``
(classes with their public methods and ``__call__``), and each must have a spec below covering its
exact signature: a function added later without one fails ``test_every_public_callable_has_a_spec``.

Two tests per (callable, argument): one feeds a fixed catalogue of known-hostile values (each
class of input from the issue, deterministic and exhaustive), the other Hypothesis-generated
values (floats of every magnitude, integers, text, arrays of any shape, nested lists, mappings).
Hypothesis runs derandomised with few examples, so CI is reproducible and the whole file takes a
few seconds.
"""

from __future__ import annotations

import inspect
import logging
import re
import signal
import string
import time
import types
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import matplotlib
import matplotlib.pyplot
import numpy as np
import pytest
import scipy.sparse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from scipy.optimize import OptimizeResult

import helpers
from helpers import conditioning, data, losses, optimize_report, plotting, trace
from helpers.summary import FitSummary
from helpers.trace import CallCounter, IterationRecorder

#: Longest a single call (and drawing its figure) may take, in seconds.
TIME_LIMIT = 5.0


class UserError(Exception):
    """Raised by a misbehaving user callable; it may propagate unchanged (it is the user's own)."""


class TimeLimit(Exception):
    pass


# --- hostile values ----------------------------------------------------------------------------


class BadFloat:
    def __float__(self):
        raise UserError("__float__")

    def __index__(self):
        raise UserError("__index__")


class BadLen:
    def __len__(self):
        raise UserError("__len__")

    def __iter__(self):
        raise UserError("__iter__")

    def __getitem__(self, i):
        raise UserError("__getitem__")


class BadArray:
    def __array__(self, dtype=None, copy=None):
        raise UserError("__array__")


def _raise(*args, **kwargs):
    raise UserError("user callable raised")


#: Callables that misbehave in every way the issue lists (their values are checked by helpers).
BAD_CALLABLES = {
    "returns None": lambda *a, **k: None,
    "returns nan": lambda *a, **k: float("nan"),
    "returns inf": lambda *a, **k: float("inf"),
    "returns 1e308": lambda *a, **k: 1e308,
    "returns str": lambda *a, **k: "abc",
    "returns complex": lambda *a, **k: 1 + 2j,
    "returns object": lambda *a, **k: object(),
    "returns list of str": lambda *a, **k: ["a", "b"],
    "returns 2-d": lambda *a, **k: np.ones((2, 2)),
    "returns empty": lambda *a, **k: np.array([]),
    "returns bool": lambda *a, **k: True,
    "raises": _raise,
}

#: One of every class of hostile value; each kind of argument adds its own.
GENERIC = {
    "None": None,
    "True": True,
    "np.True_": np.True_,
    "0": 0,
    "-1": -1,
    "10**12": 10**12,
    "10**400": 10**400,
    "-10**400": -(10**400),
    "np.int64 max": np.int64(2**63 - 1),
    "0.0": 0.0,
    "1.5": 1.5,
    "nan": float("nan"),
    "inf": float("inf"),
    "-inf": float("-inf"),
    "1e308": 1e308,
    "-1e308": -1e308,
    "5e-324": 5e-324,
    "1e-300": 1e-300,
    "complex": 1 + 2j,
    "empty str": "",
    "no": "no",
    "False str": "False",
    "bytes": b"x",
    "empty list": [],
    "list": [1.0, 2.0],
    "ragged": [[1.0, 2.0], [3.0]],
    "list of str": ["a", "b"],
    "list with None": [1.0, None],
    "tuple": (1.0,),
    "dict": {"a": 1.0},
    "set": {1.0},
    "empty array": np.array([]),
    "2-d array": np.zeros((2, 2)),
    "nan array": np.array([np.nan, 1.0]),
    "str array": np.array(["a", "b"]),
    "complex array": np.array([1 + 1j, 2.0]),
    "extreme array": np.array([1e308, -1e308]),
    "object array": np.array([1.0, 2.0], dtype=object),
    "bool array": np.array([True, False]),
    "object": object(),
    "BadFloat": BadFloat(),
    "BadLen": BadLen(),
    "BadArray": BadArray(),
    "callable returning None": BAD_CALLABLES["returns None"],
    "callable raising": _raise,
}


def _generated() -> st.SearchStrategy:
    """Hypothesis values of every shape: numbers of any magnitude, text, arrays, nested lists."""
    floats = st.floats(allow_nan=True, allow_infinity=True, allow_subnormal=True)
    scalars = st.one_of(
        floats,
        st.integers(min_value=-(10**30), max_value=10**30),
        st.booleans(),
        st.none(),
        st.text(max_size=6),
        st.complex_numbers(max_magnitude=1e6, allow_nan=False, allow_infinity=False),
    )
    arrays = hnp.arrays(
        dtype=st.sampled_from([np.float64, np.int64, np.float32, np.bool_, np.complex128]),
        shape=hnp.array_shapes(min_dims=0, max_dims=3, min_side=0, max_side=4),
    )
    lists = st.lists(st.one_of(floats, st.text(max_size=2)), max_size=5)
    nested = st.lists(st.lists(floats, max_size=3), max_size=3)
    mappings = st.dictionaries(st.text(max_size=3), st.one_of(floats, lists), max_size=3)
    return st.one_of(scalars, arrays, lists, nested, mappings)


GENERATED = _generated()


# --- kinds of argument -------------------------------------------------------------------------


@dataclass
class Kind:
    """A kind of argument: its own hostile values and what it must refuse."""

    extra: dict[str, Any] = field(default_factory=dict)
    strategy: st.SearchStrategy | None = None
    must_reject: Callable[[Any], bool] | None = None
    generic: bool = True
    _values: st.SearchStrategy | None = field(default=None, repr=False)

    def catalogue(self) -> dict[str, Any]:
        return {**(GENERIC if self.generic else {}), **self.extra}

    def values(self) -> st.SearchStrategy:
        """Own catalogue values, the kind's strategy and generic generated values (cached)."""
        if self._values is None:
            own = st.sampled_from(list(self.extra.values())) if self.extra else st.nothing()
            extra = self.strategy if self.strategy is not None else st.nothing()
            self._values = st.one_of(own, extra, GENERATED)
        return self._values


def _is_bool(v: Any) -> bool:
    return isinstance(v, (bool, np.bool_))


def _is_text(v: Any) -> bool:
    return isinstance(v, str)


FLAG = Kind(must_reject=lambda v: not _is_bool(v), extra={"np.False_": np.False_, "1 int": 1})
#: Text arguments: every non-str class is refused cheaply, so the catalogue keeps one of each;
#: the accepted strings are the ones that change what Matplotlib does.
TEXT_VALUES = {
    "None": None,
    "True": True,
    "int": 3,
    "float": 1.5,
    "nan": float("nan"),
    "bytes": b"x",
    "str list": ["a"],
    "str tuple": ("a",),
    "str array": np.array(["a"]),
    "dict": {"a": 1},
    "object": object(),
    "BadLen": BadLen(),
    "callable": BAD_CALLABLES["returns str"],
    "empty": "",
    "hidden": "_hidden",
    "mathtext": "$x^2$",
    "lone dollar": "cost in $",
    "np.str_": np.str_("s"),
    "bad mathtext": r"$\frac$",
    "two dollars": "$$",
    "unknown command": r"$\notacommand$",
}
TEXT = Kind(
    generic=False,
    must_reject=lambda v: not _is_text(v),
    extra=TEXT_VALUES,
    strategy=st.text(max_size=8),
)
OPT_TEXT = Kind(
    generic=False,
    must_reject=lambda v: v is not None and not _is_text(v),
    extra=TEXT_VALUES,
    strategy=TEXT.strategy,
)


def _has_field(v: Any) -> bool:
    try:
        return isinstance(v, str) and any(
            f is not None for _, f, _, _ in string.Formatter().parse(v)
        )
    except ValueError:
        return False


FMT = Kind(
    must_reject=lambda v: not _has_field(v),
    extra={
        "percent": "%.2f",
        "no field": "abc",
        "escaped": "{{}}",
        "int field": "{:d}",
        "two fields": "{0}{1}",
        "named": "{x}",
        "huge width": "{:>1000000000}",
        "huge precision": "{:.1000000000f}",
        "units": "{:.3g} m",
        "repr": "{!r}",
        "thousands": "{:,.2f}",
        "bad mathtext": r"$\frac{:.2f}$",
        "good": "{:.2f}",
    },
    strategy=st.text(alphabet="{}:.%0123456789fgdexr!<>^,$ ", max_size=8),
)
DIGITS = Kind(
    must_reject=lambda v: (
        not (isinstance(v, (int, np.integer)) and not _is_bool(v) and 1 <= v <= 17)
    ),
    extra={"17": 17, "18": 18, "10**12": 10**12, "np.int8": np.int8(5), "1": 1},
    strategy=st.integers(min_value=-5, max_value=10**15),
)
INT = Kind(
    extra={"10**9": 10**9, "10**6": 10**6, "2": 2, "1": 1, "np.int64(5)": np.int64(5)},
    strategy=st.integers(min_value=-10, max_value=10**10),
)
REAL = Kind(
    extra={
        "1e200": 1e200,
        "-1e200": -1e200,
        "1e-320": 1e-320,
        "np.float32": np.float32(2.0),
        "1e154": 1e154,
    },
    strategy=st.floats(allow_nan=True, allow_infinity=True),
)
ARRAY = Kind(
    extra={
        "1e300 array": np.array([1e300, -1e300, 0.0]),
        "1e200 array": np.array([0.0, 1e200, 2e200]),
        "tiny array": np.array([1e-320, 2e-320, 3e-320]),
        "int list": [1, 2, 3],
        "decreasing": np.array([3.0, 2.0, 1.0]),
        "constant": np.array([1.0, 1.0, 1.0]),
        "one element": np.array([1.0]),
        "long": np.linspace(0, 1, 500),
        "column": np.ones((3, 1)),
        "sparse": scipy.sparse.csr_array(np.eye(3)),
    },
    strategy=hnp.arrays(
        np.float64,
        hnp.array_shapes(min_dims=1, max_dims=2, max_side=6),
        elements=st.floats(allow_nan=True, allow_infinity=True),
    ),
)
CALLABLE = Kind(extra=dict(BAD_CALLABLES), strategy=st.sampled_from(list(BAD_CALLABLES.values())))
RNG = Kind(
    extra={
        "RandomState": np.random.RandomState(0),
        "Generator": np.random.default_rng(1),
        "SeedSequence": np.random.SeedSequence(1),
        "big seed": 10**100,
    },
    strategy=st.integers(min_value=-5, max_value=10**40),
)
AX = Kind(extra={"Figure": "FIGURE", "axes array": "AXES_ARRAY", "Axes": "AXES", "str": "left"})
MAPPING = Kind(
    extra={
        "bad key mathtext": {r"$\frac$": [1.0, 2.0, 3.0, 4.0]},
        "hidden key": {"_a": [1.0, 2.0, 3.0, 4.0]},
        "empty key": {"": [1.0, 2.0, 3.0, 4.0]},
        "int key": {1: [1.0, 2.0, 3.0, 4.0]},
        "tuple key": {("a",): [1.0, 2.0, 3.0, 4.0]},
        "None value": {"a": None},
        "str value": {"a": "abcd"},
        "nan value": {"a": [np.nan] * 4},
        "extreme value": {"a": [1e308, -1e308, 1e308, 0.0]},
        "2-d value": {"a": np.ones((2, 2))},
        "many": {f"m{i}": [1.0, 2.0, 3.0, 4.0] for i in range(12)},
        "empty": {},
        "list of pairs": [("a", [1.0, 2.0, 3.0, 4.0])],
    },
)
STR_SEQ = Kind(
    extra={
        "str": "ab",
        "non-str entry": ["a", 1],
        "bad mathtext": [r"$\frac$", "b"],
        "short": ["a"],
        "long": ["a", "b", "c", "d", "e"],
        "generator": (c for c in "ab"),
        "tuple": ("a", "b"),
        "np str array": np.array(["a", "b"]),
    }
)
LOSS = Kind(
    extra={
        "unknown": "l1",
        "upper": "LINEAR",
        "list": ["linear"],
        **BAD_CALLABLES,
        "name list": losses.LOSSES,
    }
)
LOSSES = Kind(
    extra={
        "one bad": ["linear", "l1"],
        "bad callable": ["linear", BAD_CALLABLES["returns None"]],
        "empty": [],
        "nested": [["linear"]],
        "str": "cauchy",
        "tuple": ("huber",),
        "generator": (n for n in ["linear"]),
        **BAD_CALLABLES,
    }
)
KWARGS = Kind(
    generic=False,
    extra={
        "label": {"label": "mine"},
        "label list": {"label": ["a"]},
        "unknown": {"no_such_property": 1},
        "bad colour": {"color": "notacolour"},
        "nan colour": {"color": float("nan")},
        "str linewidth": {"linewidth": "thick"},
        "inf linewidth": {"linewidth": float("inf")},
        "bad marker": {"marker": "??"},
        "alpha 2": {"alpha": 2.0},
        "str zorder": {"zorder": "top"},
        "bad linestyle": {"linestyle": "wavy"},
        "colour": {"color": "C3"},
    },
)
TUPLE_ARGS = Kind(extra={"list": [1.0], "tuple of junk": (object(), "a"), "tuple": (2.0,)})
ANY = Kind()


def kind_for_kwargs_probe(value: dict) -> str:
    return next(iter(value))


# --- building calls ----------------------------------------------------------------------------


def new_axes() -> Axes:
    # No layout engine, whatever rcParams say (helpers.use_style sets one): the figure
    # check is about the helpers' artists, and a layout engine warns when the legends of
    # many accepted calls fill one Axes.
    fig = Figure(figsize=(8, 4.5), dpi=10, layout="none")
    FigureCanvasAgg(fig)
    return fig.add_subplot()


def resolve(value: Any) -> Any:
    """Placeholders for values that must be made fresh (Axes, Figures)."""
    if isinstance(value, str) and value in ("FIGURE", "AXES_ARRAY", "AXES"):
        fig = Figure()
        FigureCanvasAgg(fig)
        if value == "FIGURE":
            return fig
        if value == "AXES":
            return fig.add_subplot()
        return fig.subplots(1, 2)
    return value


# The valid user functions of the baselines never warn themselves (overflow gives inf):
# what is tested is how helpers treat what they return.


def quadratic1(p, *args):
    with np.errstate(all="ignore"):
        return float((p[0] - 1.0) ** 2)


def quadratic2(p, *args):
    with np.errstate(all="ignore"):
        return float((p[0] - 1.0) ** 2 + 2.0 * (p[1] + 0.5) ** 2)


def line_residuals(p, *args):
    t = np.array([0.0, 1.0, 2.0, 3.0])
    with np.errstate(all="ignore"):
        return p[0] * t + p[1] - np.array([1.0, 3.0, 5.0, 7.2])


def squares(x):
    with np.errstate(all="ignore"):
        return x**2


def _recorder() -> IterationRecorder:
    rec = IterationRecorder(line_residuals, [0.0, 0.0], names=["m", "b"])
    rec(OptimizeResult(x=np.array([1.0, 1.0]), fun=line_residuals([1.0, 1.0]), cost=1.0, nfev=2))
    return rec


def _fit_result() -> types.SimpleNamespace:
    jac = np.column_stack([np.array([0.0, 1.0, 2.0, 3.0]), np.ones(4)])
    x = np.array([2.04, 0.96])
    return types.SimpleNamespace(x=x, fun=line_residuals(x), jac=jac)


def _summary() -> FitSummary:
    return helpers.fit_summary(_fit_result(), names=["m", "b"])


def _summary_args() -> dict[str, Any]:
    s = _summary()
    return dict(
        names=s.names,
        params=s.params,
        stderr=s.stderr,
        cov=s.cov,
        corr=s.corr,
        rss=s.rss,
        dof=s.dof,
        cond_scaled=s.cond_scaled,
        residual_std=None,
        absolute_sigma=False,
    )


X4 = np.array([0.0, 1.0, 2.0, 3.0])
Y4 = np.array([1.0, 3.2, 4.9, 7.1])

INTERMEDIATE = Kind(
    generic=True,
    extra={
        "no fun": OptimizeResult(x=np.ones(2)),
        "no x": OptimizeResult(fun=np.ones(4)),
        "short x": OptimizeResult(x=np.ones(1), fun=np.ones(4)),
        "long fun": OptimizeResult(x=np.ones(2), fun=np.ones(5)),
        "str fun": OptimizeResult(x=np.ones(2), fun="abcd"),
        "nan x": OptimizeResult(x=np.array([np.nan, 1.0]), fun=np.ones(4)),
        "huge fun": OptimizeResult(x=np.ones(2), fun=np.full(4, 1e200)),
        "bad cost": OptimizeResult(x=np.ones(2), fun=np.ones(4), cost="1"),
        "bad nfev": OptimizeResult(x=np.ones(2), fun=np.ones(4), nfev=-3),
        "namespace": types.SimpleNamespace(x=np.ones(2), fun=np.ones(4)),
    },
)


def _result_variants() -> dict[str, Any]:
    base = _fit_result()

    def with_(**changes):
        return types.SimpleNamespace(**{**vars(base), **changes})

    return {
        "no jac": types.SimpleNamespace(x=base.x, fun=base.fun),
        "nan fun": with_(fun=np.array([np.nan, 0.0, 0.0, 0.0])),
        "huge fun": with_(fun=np.full(4, 1e200)),
        "tiny jac": with_(jac=base.jac * 1e-300),
        "huge jac": with_(jac=base.jac * 1e300),
        "zero jac": with_(jac=np.zeros((4, 2))),
        "jac str": with_(jac="jac"),
        "jac sparse": with_(jac=scipy.sparse.csr_array(base.jac)),
        "jac 3-d": with_(jac=np.ones((4, 2, 1))),
        "cost robust": with_(cost=123.0),
        "cost str": with_(cost="1"),
        "active mask": with_(active_mask=np.array([1, 0])),
        "bad active mask": with_(active_mask=np.array([1, 0, 0])),
        "str active mask": with_(active_mask="ab"),
        "x 2-d": with_(x=np.ones((2, 1))),
        "m = n": types.SimpleNamespace(x=base.x, fun=base.fun[:2], jac=base.jac[:2]),
    }


RESULT = Kind(extra=_result_variants())

# --- specs -------------------------------------------------------------------------------------


def is_finite_array(v: Any) -> bool:
    return isinstance(v, np.ndarray) and v.dtype == float and bool(np.all(np.isfinite(v)))


def check_array(result: Any, kwargs: dict) -> None:
    if isinstance(result, tuple):  # exp_decay(return_outliers=True)
        result, idx = result
        assert isinstance(idx, np.ndarray) and np.issubdtype(idx.dtype, np.integer)
    assert is_finite_array(result), f"not a finite float array: {result!r}"


def check_axes(result: Any, kwargs: dict) -> None:
    assert isinstance(result, Axes)
    if isinstance(kwargs.get("ax"), Axes):
        assert result is kwargs["ax"]


def check_str(result: Any, kwargs: dict) -> None:
    assert isinstance(result, str) and len(result) < 200_000


def check_none(result: Any, kwargs: dict) -> None:
    assert result is None


def check_recorder(result: Any, kwargs: dict) -> None:
    assert isinstance(result, IterationRecorder)
    check_str(result.table(), {})


def check_summary(result: Any, kwargs: dict) -> None:
    assert isinstance(result, FitSummary)
    assert np.all(np.isfinite(result.stderr)) and np.all(np.isfinite(result.cov))
    check_str(result.table(), {})


def check_counter(result: Any, kwargs: dict) -> None:
    assert isinstance(result, CallCounter)


@dataclass
class Spec:
    func: Callable[..., Any]
    baseline: Callable[[], dict[str, Any]]
    args: dict[str, Kind]
    check: Callable[[Any, dict], None]
    plots: bool = False
    #: Whether ``**kwargs`` go to Matplotlib (probed as the pseudo-argument "**kwargs").
    var_kwargs: bool = False
    #: A documented warning (regex) that a valid call may emit.
    warns: str | None = None


def plot_spec(func, baseline, args, kwargs=True):
    args = {**args, "ax": AX}
    if kwargs:
        args["**kwargs"] = KWARGS
    return Spec(func, baseline, args, check_axes, plots=True, var_kwargs=kwargs)


SPECS: dict[str, Spec] = {
    "helpers.style.use_style": Spec(helpers.use_style, dict, {}, check_none),
    # data
    "helpers.data.basis_signal": Spec(
        data.basis_signal,
        lambda: dict(
            x=X4,
            basis=[squares, np.sin],
            coef=[1.0, 2.0],
            noise=0.1,
            scale_to_max=False,
            rng=0,
        ),
        dict(
            x=ARRAY,
            basis=Kind(
                extra={
                    **{k: [f] for k, f in BAD_CALLABLES.items()},
                    "wrong length": [lambda x: np.ones(3)],
                    "2-d column": [lambda x: np.ones((4, 1))],
                    "complex": [lambda x: x + 1j],
                    "huge": [lambda x: x * 1e308],
                    "str": "sin",
                    "callable": np.sin,
                    "empty": [],
                }
            ),
            coef=ARRAY,
            noise=REAL,
            scale_to_max=FLAG,
            rng=RNG,
        ),
        check_array,
    ),
    "helpers.data.exp_decay": Spec(
        data.exp_decay,
        lambda: dict(
            t=X4,
            a=0.5,
            b=2.0,
            c=-1.0,
            noise=0.1,
            n_outliers=1,
            outlier_scale=10.0,
            rng=0,
            return_outliers=False,
        ),
        dict(
            t=ARRAY,
            a=REAL,
            b=REAL,
            c=REAL,
            noise=REAL,
            n_outliers=INT,
            outlier_scale=REAL,
            rng=RNG,
            return_outliers=FLAG,
        ),
        check_array,
    ),
    "helpers.data.normal_sample": Spec(
        data.normal_sample,
        lambda: dict(n=5, mean=0.0, std=1.0, rng=0),
        dict(n=INT, mean=REAL, std=REAL, rng=RNG),
        check_array,
    ),
    "helpers.data.noisy_line": Spec(
        data.noisy_line,
        lambda: dict(x=X4, slope=2.0, intercept=1.0, noise=0.1, rng=0),
        dict(x=ARRAY, slope=REAL, intercept=REAL, noise=REAL, rng=RNG),
        check_array,
    ),
    # plotting
    "helpers.plotting.plot_fit": plot_spec(
        plotting.plot_fit,
        lambda: dict(
            x=X4,
            y=Y4,
            models={"line": 2 * X4 + 1},
            x_model=None,
            data_label="data",
            xlabel="$x$",
            ylabel="$y$",
        ),
        dict(
            x=ARRAY,
            y=ARRAY,
            models=MAPPING,
            x_model=ARRAY,
            data_label=TEXT,
            xlabel=TEXT,
            ylabel=TEXT,
        ),
    ),
    "helpers.plotting.plot_residuals": plot_spec(
        plotting.plot_residuals,
        lambda: dict(x=X4, residuals=Y4 - 2 * X4 - 1, label=None, xlabel="x", ylabel="r"),
        dict(x=ARRAY, residuals=ARRAY, label=OPT_TEXT, xlabel=TEXT, ylabel=TEXT),
    ),
    "helpers.plotting.plot_coefficients": plot_spec(
        plotting.plot_coefficients,
        lambda: dict(
            coef=[1.0, -2.0], labels=["$x$", "$x^2$"], ylabel="c", annotate=True, fmt="{:.3g}"
        ),
        dict(coef=ARRAY, labels=STR_SEQ, ylabel=TEXT, annotate=FLAG, fmt=FMT),
    ),
    "helpers.plotting.plot_cost_contours": plot_spec(
        plotting.plot_cost_contours,
        lambda: dict(
            fun=quadratic2,
            xlim=(-1.0, 2.0),
            ylim=(-2.0, 1.0),
            n=11,
            levels=5,
            log=False,
            xlabel="a",
            ylabel="b",
        ),
        dict(
            fun=CALLABLE,
            xlim=ARRAY,
            ylim=ARRAY,
            n=INT,
            levels=Kind(extra={**ARRAY.extra, "100000": 100000, "outside": [1e6, 2e6]}),
            log=FLAG,
            xlabel=TEXT,
            ylabel=TEXT,
        ),
    ),
    "helpers.plotting.plot_path": plot_spec(
        plotting.plot_path,
        lambda: dict(xs=[[0.0, 0.0], [0.5, 0.2], [1.0, 1.0]], label="path", number=True),
        dict(xs=ARRAY, label=TEXT, number=FLAG),
    ),
    "helpers.plotting.label_iterations": Spec(
        plotting.label_iterations,
        lambda: dict(
            xs=[[0.0, 0.0], [0.5, 0.2], [1.0, 1.0]],
            first=1,
            min_separation=22.0,
            offset=(8.0, 6.0),
            fontsize=12.0,
        ),
        dict(
            xs=ARRAY,
            first=INT,
            min_separation=REAL,
            offset=ARRAY,
            fontsize=REAL,
            ax=AX,
            **{"**kwargs": KWARGS},
        ),
        check_axes,
        plots=True,
        var_kwargs=True,
    ),
    # conditioning
    "helpers.conditioning.plot_error_vs_degree": plot_spec(
        conditioning.plot_error_vs_degree,
        lambda: dict(
            degrees=[1, 2, 3],
            errors={"QR": [1e-15, 1e-14, 1e-13]},
            cond=[10.0, 100.0, 1e3],
            eps=conditioning.EPS,
            xlabel="d",
            ylabel="e",
        ),
        dict(degrees=ARRAY, errors=MAPPING, cond=ARRAY, eps=REAL, xlabel=TEXT, ylabel=TEXT),
    ),
    "helpers.conditioning.plot_condition_numbers": plot_spec(
        conditioning.plot_condition_numbers,
        lambda: dict(
            degrees=[1, 2, 3], cond=[10.0, 100.0, 1e3], eps=conditioning.EPS, xlabel="d", ylabel="c"
        ),
        dict(degrees=ARRAY, cond=ARRAY, eps=REAL, xlabel=TEXT, ylabel=TEXT),
    ),
    "helpers.conditioning.plot_solver_errors": plot_spec(
        conditioning.plot_solver_errors,
        lambda: dict(
            x=[10.0, 100.0, 1e3, 1e4],
            errors={"QR": [1e-15, 1e-14, 1e-13, 1e-12]},
            cond=[10.0, 100.0, 1e3, 1e4],
            eps=conditioning.EPS,
            xlabel="kappa",
            ylabel="e",
            xscale="log",
            legend_outside=True,
            cond_symbol=r"\kappa_s",
            first_style=0,
        ),
        dict(
            x=ARRAY,
            errors=MAPPING,
            cond=ARRAY,
            eps=REAL,
            xlabel=TEXT,
            ylabel=TEXT,
            xscale=TEXT,
            legend_outside=FLAG,
            cond_symbol=TEXT,
            first_style=INT,
        ),
    ),
    # optimize_report
    "helpers.optimize_report.plot_landscape": plot_spec(
        optimize_report.plot_landscape,
        lambda: dict(
            fun=quadratic1,
            grid=np.linspace(-1, 3, 9),
            args=(),
            marks={"min": [1.0]},
            xlabel="p",
            ylabel="S",
        ),
        dict(fun=CALLABLE, grid=ARRAY, args=TUPLE_ARGS, marks=MAPPING, xlabel=TEXT, ylabel=TEXT),
    ),
    "helpers.optimize_report.plot_runs": Spec(
        optimize_report.plot_runs,
        lambda: dict(
            fun=quadratic1, starts=[0.0, 3.0], ends=[1.0, 1.0], args=(), labels=["a", "b"]
        ),
        dict(
            fun=CALLABLE,
            starts=ARRAY,
            ends=ARRAY,
            args=TUPLE_ARGS,
            labels=STR_SEQ,
            ax=AX,
        ),
        check_axes,
        plots=True,
    ),
    "helpers.optimize_report.order_of_magnitude": Spec(
        optimize_report.order_of_magnitude,
        lambda: dict(value=2.9e-8),
        dict(value=REAL),
        check_str,
    ),
    "helpers.optimize_report.format_table": Spec(
        optimize_report.format_table,
        lambda: dict(header=["a", "b"], rows=[["x", 1.5], ["y", 2]], digits=3, tiny=1e-12),
        dict(
            header=STR_SEQ,
            rows=Kind(
                extra={
                    "huge int": [["x", 10**400]],
                    "big int": [["x", 10**30]],
                    "complex": [["x", 1j]],
                    "short row": [["x"]],
                    "str rows": "ab",
                    "row str": ["ab", "cd"],
                    "array rows": np.ones((2, 2)),
                    "nan": [["x", float("nan")]],
                }
            ),
            digits=DIGITS,
            tiny=REAL,
        ),
        check_str,
    ),
    # losses
    "helpers.losses.rho": Spec(
        losses.rho,
        lambda: dict(z=[0.0, 1.0, 4.0], loss="huber", f_scale=1.0),
        dict(z=ARRAY, loss=LOSS, f_scale=REAL),
        check_array,
    ),
    "helpers.losses.point_weights": Spec(
        losses.point_weights,
        lambda: dict(residuals=[0.0, 1.0, -3.0], loss="cauchy", f_scale=1.0),
        dict(residuals=ARRAY, loss=LOSS, f_scale=REAL),
        check_array,
    ),
    "helpers.losses.plot_losses": plot_spec(
        losses.plot_losses,
        lambda: dict(residuals=None, losses=["linear", "cauchy"], f_scale=1.0),
        dict(residuals=ARRAY, losses=LOSSES, f_scale=REAL),
    ),
    "helpers.losses.plot_weights": plot_spec(
        losses.plot_weights,
        lambda: dict(residuals=None, losses=["linear", "cauchy"], f_scale=1.0),
        dict(residuals=ARRAY, losses=LOSSES, f_scale=REAL),
    ),
    # trace
    "helpers.trace.format_number": Spec(
        trace.format_number,
        lambda: dict(value=3.14159, digits=6, tiny=1e-12),
        dict(value=REAL, digits=DIGITS, tiny=REAL),
        check_str,
    ),
    "helpers.trace.IterationRecorder": Spec(
        IterationRecorder,
        lambda: dict(
            fun=line_residuals, x0=[0.0, 0.0], args=(), names=["m", "b"], loss="linear", f_scale=1.0
        ),
        dict(fun=CALLABLE, x0=ARRAY, args=TUPLE_ARGS, names=STR_SEQ, loss=LOSS, f_scale=REAL),
        check_recorder,
    ),
    "helpers.trace.IterationRecorder.__call__": Spec(
        IterationRecorder.__call__,
        lambda: dict(
            self=_recorder(),
            intermediate_result=OptimizeResult(x=np.ones(2), fun=np.ones(4), cost=2.0),
        ),
        dict(intermediate_result=INTERMEDIATE),
        lambda result, kwargs: check_str(kwargs["self"].table(), {}),
    ),
    "helpers.trace.IterationRecorder.table": Spec(
        IterationRecorder.table,
        lambda: dict(self=_recorder(), digits=6, tiny=1e-12, max_residuals=6),
        dict(digits=DIGITS, tiny=REAL, max_residuals=INT),
        check_str,
    ),
    "helpers.trace.IterationRecorder.to_html": Spec(
        IterationRecorder.to_html,
        lambda: dict(self=_recorder(), digits=6, tiny=1e-12, max_residuals=6),
        dict(digits=DIGITS, tiny=REAL, max_residuals=INT),
        check_str,
    ),
    "helpers.trace.CallCounter": Spec(
        CallCounter,
        lambda: dict(fun=abs, record=False),
        dict(fun=CALLABLE, record=FLAG),
        check_counter,
    ),
    # summary
    "helpers.summary.fit_summary": Spec(
        helpers.fit_summary,
        lambda: dict(result=_fit_result(), names=["m", "b"], rcond=None, absolute_sigma=False),
        dict(result=RESULT, names=STR_SEQ, rcond=REAL, absolute_sigma=FLAG),
        check_summary,
        warns=r"are at a bound \(result.active_mask is nonzero\)",
    ),
    "helpers.summary.FitSummary": Spec(
        FitSummary,
        _summary_args,
        dict(
            names=STR_SEQ,
            params=ARRAY,
            stderr=ARRAY,
            cov=ARRAY,
            corr=ARRAY,
            rss=REAL,
            dof=INT,
            cond_scaled=REAL,
            residual_std=REAL,
            absolute_sigma=FLAG,
        ),
        lambda result, kwargs: check_str(result.table(), {}),
    ),
    "helpers.summary.FitSummary.table": Spec(
        FitSummary.table,
        lambda: dict(self=_summary(), digits=6),
        dict(digits=DIGITS),
        check_str,
    ),
    "helpers.summary.FitSummary.to_html": Spec(
        FitSummary.to_html,
        lambda: dict(self=_summary(), digits=6),
        dict(digits=DIGITS),
        check_str,
    ),
}

#: Public callables deliberately not probed, with the reason.
EXEMPT = {
    "helpers.trace.CallCounter.__call__": "a transparent wrapper: passes its arguments on",
    "helpers.trace.CallCounter.reset": "takes no arguments",
}


# --- enumeration -------------------------------------------------------------------------------


def public_callables() -> dict[str, Any]:
    """Qualified name -> object, for every callable that ``helpers`` exports."""
    modules = [helpers] + [
        getattr(helpers, n) for n in helpers.__all__ if inspect.ismodule(getattr(helpers, n))
    ]
    modules.append(helpers.style)
    found: dict[str, Any] = {}
    seen: set[int] = set()
    for module in modules:
        for name in module.__all__:
            obj = getattr(module, name)
            if inspect.ismodule(obj) or not callable(obj) or id(obj) in seen:
                continue
            seen.add(id(obj))
            qual = f"{obj.__module__}.{obj.__qualname__}"
            found[qual] = obj
            if inspect.isclass(obj):
                for attr, member in vars(obj).items():
                    if (not attr.startswith("_") or attr == "__call__") and inspect.isfunction(
                        member
                    ):
                        found[f"{qual}.{attr}"] = member
    return found


def test_every_public_callable_has_a_spec():
    names = set(public_callables())
    missing = names - set(SPECS) - set(EXEMPT)
    assert not missing, f"public callables without a property-test spec: {sorted(missing)}"
    stale = (set(SPECS) | set(EXEMPT)) - names
    assert not stale, f"specs for callables that are no longer public: {sorted(stale)}"


@pytest.mark.parametrize("qualname", sorted(SPECS))
def test_every_argument_has_a_kind(qualname):
    spec = SPECS[qualname]
    params = inspect.signature(spec.func).parameters
    expected = set()
    for name, p in params.items():
        if name == "self":
            continue
        expected.add("**kwargs" if p.kind is p.VAR_KEYWORD else name)
    assert set(spec.args) == expected, (
        f"{qualname}: arguments {sorted(expected)}, spec {sorted(spec.args)}"
    )
    assert set(spec.baseline()) <= {"self", *params}, qualname


# --- the contract ------------------------------------------------------------------------------


class _LogCatcher(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record):
        self.records.append(record)


def _alarm(signum, frame):
    raise TimeLimit(f"took longer than {TIME_LIMIT} s")


def names_argument(message: str, name: str) -> bool:
    return re.search(rf"(?<![A-Za-z0-9_]){re.escape(name)}(?![A-Za-z0-9_])", message) is not None


def _fingerprint(ax: Axes) -> tuple:
    """What a plot function changes on an Axes (cheap to compute)."""
    return (
        len(ax.lines),
        len(ax.patches),
        len(ax.collections),
        len(ax.texts),
        len(ax.containers),
        ax.get_legend() is None,
        ax.get_xlabel(),
        ax.get_ylabel(),
        ax.get_yscale(),
        id(ax.xaxis.get_major_locator()),
    )


class AxesPool:
    """The Axes the calls of one test draw on, and a deferred check that the figure draws.

    Drawing a figure takes tens of milliseconds, so accepted calls accumulate on one
    Axes and the figure is drawn once at the end (:meth:`check_draws`); only if that
    fails is each accepted call redrawn alone, to name the value that breaks it.
    """

    def __init__(self, qualname: str):
        self.qualname = qualname
        self.ax: Axes | None = None
        self.accepted: list[tuple[str, Any]] = []

    def get(self) -> Axes:
        if self.ax is None:
            self.ax = new_axes()
        return self.ax

    def check_draws(self) -> None:
        if self.ax is None or not self.accepted:
            return
        try:
            _draw(self.ax.figure)
        except Exception:  # find the single call that cannot be drawn
            for arg, value in self.accepted:
                alone = AxesPool(self.qualname)
                run_case(self.qualname, arg, value, alone)
                try:
                    _draw(alone.get().figure)
                except Exception as single:
                    raise AssertionError(
                        f"{self.qualname}({arg}={value!r:.80}) returned, but its figure "
                        f"does not draw: {type(single).__name__}: {single}"
                    ) from None
            # Only the combination of several calls on one Axes failed to draw (a legend
            # with every accepted label, say): no single call breaks the contract.


def _draw(fig: Figure) -> None:
    """Lay out and draw ``fig`` with warnings and Matplotlib log messages as errors."""
    catcher = _LogCatcher()
    mpl_log = logging.getLogger("matplotlib")
    mpl_log.addHandler(catcher)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            fig.draw_without_rendering()
    finally:
        mpl_log.removeHandler(catcher)
    assert not catcher.records, f"drawing logged: {catcher.records[0].getMessage()}"


@dataclass
class Outcome:
    """What one call did: its result, or the ValueError/TypeError (or user error) it raised."""

    result: Any
    error: BaseException | None
    kwargs: dict[str, Any]


def run_case(qualname: str, arg: str, value: Any, pool: AxesPool) -> Outcome:
    """Call ``qualname`` with ``arg`` set to ``value`` (others valid) and check the contract."""
    spec = SPECS[qualname]
    kwargs = spec.baseline()
    value = resolve(value)
    ax = None
    if spec.plots:
        ax = kwargs["ax"] = pool.get()
        before = _fingerprint(ax)
    if arg == "**kwargs":
        kwargs.update(value)
        name = kind_for_kwargs_probe(value)
    else:
        kwargs[arg] = value
        name = arg
    kind = spec.args[arg]
    catcher = _LogCatcher()
    mpl_log = logging.getLogger("matplotlib")
    mpl_log.addHandler(catcher)
    use_alarm = hasattr(signal, "setitimer")
    if use_alarm:
        previous = signal.signal(signal.SIGALRM, _alarm)
        signal.setitimer(signal.ITIMER_REAL, TIME_LIMIT)
    start = time.perf_counter()
    outcome: BaseException | None = None
    result = None
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                result = spec.func(**kwargs)
                if spec.plots and kwargs.get("ax") is None:  # pyplot's current Axes
                    _draw(result.figure)
            except (ValueError, TypeError, UserError) as exc:
                outcome = exc
    finally:
        if use_alarm:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
        mpl_log.removeHandler(catcher)
        if spec.plots and kwargs.get("ax") is None:
            matplotlib.pyplot.close("all")
    elapsed = time.perf_counter() - start
    where = f"{qualname}({arg}={value!r:.80})"
    assert elapsed < TIME_LIMIT, f"{where} took {elapsed:.1f} s"
    assert not catcher.records, f"{where} logged: {catcher.records[0].getMessage()}"
    for w in caught:
        allowed = spec.warns is not None and re.search(spec.warns, str(w.message))
        assert allowed, f"{where} warned: {w.category.__name__}: {w.message}"
    if outcome is not None and ax is not None and kwargs.get("ax") is ax:
        assert _fingerprint(ax) == before, f"{where} drew on the Axes before refusing: {outcome!r}"
    if isinstance(outcome, UserError):
        return Outcome(None, outcome, kwargs)  # the user's own exception, propagated unchanged
    if outcome is not None:
        assert names_argument(str(outcome), name), (
            f"{where} raised {type(outcome).__name__} not naming {name!r}: {outcome}"
        )
        return Outcome(None, outcome, kwargs)
    if arg != "**kwargs" and kind.must_reject is not None and kind.must_reject(value):
        pytest.fail(f"{where} was accepted, but {arg} must refuse it")
    spec.check(result, kwargs)
    if ax is not None and kwargs.get("ax") is ax:
        pool.accepted.append((arg, value))
    return Outcome(result, None, kwargs)


CASES = [(q, a) for q in sorted(SPECS) for a in SPECS[q].args]


@pytest.mark.parametrize(
    "qualname, arg", CASES, ids=[f"{q.rsplit('.', 1)[-1]}-{a}" for q, a in CASES]
)
def test_catalogue(qualname, arg):
    """Every value of the argument's hostile catalogue, one after the other."""
    pool = AxesPool(qualname)
    for label, value in SPECS[qualname].args[arg].catalogue().items():
        try:
            run_case(qualname, arg, value, pool)
        except AssertionError as exc:
            raise AssertionError(f"[{label}] {exc}") from None
    pool.check_draws()


@pytest.mark.parametrize("qualname", sorted(q for q in SPECS if SPECS[q].args))
def test_generated(qualname):
    """Hypothesis picks an argument and a generated value of any shape and magnitude for it."""
    spec = SPECS[qualname]
    args = sorted(a for a in spec.args if a != "**kwargs")
    pool = AxesPool(qualname)
    cases = st.one_of([st.tuples(st.just(a), spec.args[a].values()) for a in args])

    @settings(
        max_examples=(2 if spec.plots else 5) * len(args),
        derandomize=True,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=cases)
    def check(case):
        arg, value = case
        run_case(qualname, arg, value, pool)

    check()
    pool.check_draws()


# --- one property per root cause of issue 13 ---------------------------------------------------
# The tests above cover every argument; these state each class of input the issue found broken
# as its own property, with a strategy aimed at that class.

FEW = settings(
    max_examples=8,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)


def _args_of_kind(*kinds: Kind) -> list[tuple[str, str]]:
    return [(q, a) for q, a in CASES if any(SPECS[q].args[a] is k for k in kinds)]


def _run_all(qualname: str, arg: str, values, pool: AxesPool | None = None) -> list[Outcome]:
    """Run every value; a given ``pool`` is shared (its figure is checked by the caller)."""
    own = pool is None
    pool = AxesPool(qualname) if pool is None else pool
    outcomes = [run_case(qualname, arg, v, pool) for v in values]
    if own:
        pool.check_draws()
    return outcomes


NOT_BOOL = GENERATED.filter(lambda v: not _is_bool(v))


@pytest.mark.parametrize("qualname, arg", _args_of_kind(FLAG))
def test_rc1_flags_accept_only_bool(qualname, arg):
    """Root cause 1: "no", "False", NaN, objects, arrays never act as True."""

    @FEW
    @given(
        value=st.one_of(
            st.sampled_from(["no", "False", float("nan"), object(), np.array([True])]), NOT_BOOL
        )
    )
    def check(value):
        out = _run_all(qualname, arg, [value], pool)[0]
        assert isinstance(out.error, TypeError), f"{arg}={value!r} was not refused"

    pool = AxesPool(qualname)
    check()


@pytest.mark.parametrize("qualname", sorted(q for q in SPECS if SPECS[q].var_kwargs))
def test_rc2_label_in_kwargs_works_or_is_refused_by_name(qualname):
    """Root cause 2: label= in **kwargs never reaches Matplotlib twice."""
    (out,) = _run_all(qualname, "**kwargs", [{"label": "mine"}])
    if out.error is None:
        labels = [a.get_label() for a in out.result.get_children()]
        labels += [c.get_label() for c in out.result.containers]
        assert "mine" in labels, f"{qualname} accepted label= but did not use it"
    else:
        assert isinstance(out.error, TypeError) and "label" in str(out.error)


CALLABLE_ARGS = {  # (qualname, argument) -> how a user callable returning ``v`` is passed
    ("helpers.plotting.plot_cost_contours", "fun"): lambda v: lambda p: v,
    ("helpers.optimize_report.plot_landscape", "fun"): lambda v: lambda p, *a: v,
    ("helpers.trace.IterationRecorder", "fun"): lambda v: lambda p, *a: v,
    ("helpers.data.basis_signal", "basis"): lambda v: [lambda x: v],
    ("helpers.losses.rho", "loss"): lambda v: lambda z: v,
    ("helpers.losses.point_weights", "loss"): lambda v: lambda z: v,
    ("helpers.losses.plot_losses", "losses"): lambda v: [lambda z: v],
    ("helpers.losses.plot_weights", "losses"): lambda v: [lambda z: v],
}
RETURNS = st.one_of(
    st.sampled_from(
        [None, float("nan"), float("inf"), "abc", 1 + 2j, np.ones((2, 2)), [1e308] * 4]
    ),
    GENERATED,
)


@pytest.mark.parametrize("qualname, arg", sorted(CALLABLE_ARGS))
def test_rc3_what_user_callables_return_is_checked(qualname, arg):
    """Root cause 3: None, NaN, inf, str, complex, wrong shapes from a user callable."""
    wrap = CALLABLE_ARGS[(qualname, arg)]

    @FEW
    @given(value=RETURNS)
    def check(value):
        _run_all(qualname, arg, [wrap(value)], pool)

    pool = AxesPool(qualname)
    check()
    pool.check_draws()
    # plot_landscape and plot_cost_contours now agree: a non-finite value is refused.
    for bad in (None, float("nan"), float("inf")):
        (out,) = _run_all(qualname, arg, [wrap(bad)], pool)
        assert out.error is not None, f"{qualname} accepted a callable returning {bad!r}"


@FEW
@given(
    x=st.one_of(GENERATED, hnp.arrays(np.float64, st.integers(0, 4))),
    fun=st.one_of(GENERATED, hnp.arrays(np.float64, st.integers(0, 6))),
    cost=st.one_of(st.none(), GENERATED),
    nfev=st.one_of(st.none(), st.integers(-3, 10), GENERATED),
)
def test_rc4_recorder_refuses_bad_rows_at_the_call(x, fun, cost, nfev):
    """Root cause 4: a bad intermediate_result is refused when SciPy calls, never stored."""
    rec = _recorder()
    rows = len(rec)
    fields = {k: v for k, v in dict(x=x, fun=fun, cost=cost, nfev=nfev).items() if v is not None}
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        try:
            rec(OptimizeResult(**fields))
        except (TypeError, ValueError) as exc:
            assert "intermediate_result" in str(exc)
            assert len(rec) == rows
        else:
            assert len(rec) == rows + 1
        # Whatever happened, everything the recorder offers still works.
        assert rec.x.shape == (len(rec), 2) and rec.residuals.shape == (len(rec), 4)
        assert rec.cost.shape == rec.sum_of_squares.shape == (len(rec),)
        check_str(rec.table(), {})
        check_str(repr(rec), {})
        check_str(rec.to_html(), {})


SIZE_ARGS = [
    ("helpers.data.normal_sample", "n"),
    ("helpers.plotting.plot_cost_contours", "n"),
    ("helpers.plotting.plot_cost_contours", "levels"),
    ("helpers.plotting.plot_coefficients", "coef"),
    ("helpers.trace.format_number", "digits"),
    ("helpers.optimize_report.format_table", "digits"),
    ("helpers.trace.IterationRecorder.table", "digits"),
    ("helpers.trace.IterationRecorder.to_html", "digits"),
    ("helpers.summary.FitSummary.table", "digits"),
    ("helpers.summary.FitSummary.to_html", "digits"),
]


@pytest.mark.parametrize("qualname, arg", SIZE_ARGS)
def test_rc5_sizes_have_stated_limits(qualname, arg):
    """Root cause 5: huge counts fail at once with a message naming the argument."""
    huge = [10**9, 10**12, 2**63 - 1, 10**400]
    if arg == "coef":
        huge = [np.ones(1000)]
    for out in _run_all(qualname, arg, huge):
        assert isinstance(out.error, ValueError), f"{qualname}({arg}=huge) was accepted"
    if arg == "digits":
        doc = " ".join(SPECS[qualname].func.__doc__.split())
        assert "17" in doc or "format_number" in doc


@FEW
@given(value=st.one_of(st.integers(min_value=2**1024), st.integers(max_value=-(2**1024))))
def test_rc5_format_number_of_an_int_beyond_float64(value):
    with pytest.raises(ValueError, match="value must fit in a float64"):
        trace.format_number(value)


@FEW
@given(
    losses_=st.lists(st.sampled_from(losses.LOSSES), min_size=1, max_size=4),
    bad=st.sampled_from(["l1", 3, None, ["linear"], BAD_CALLABLES["returns None"]]),
    where=st.integers(0, 4),
    plot=st.sampled_from([losses.plot_losses, losses.plot_weights]),
)
def test_rc6_messages_name_the_argument_the_caller_passed(losses_, bad, where, plot):
    """Root cause 6: a bad entry of losses is reported as losses[i], not as loss."""
    where = min(where, len(losses_))
    given_losses = [*losses_[:where], bad, *losses_[where:]]
    with pytest.raises((TypeError, ValueError), match=re.escape(f"losses[{where}]")):
        plot(losses=given_losses, ax=new_axes())


@FEW
@given(
    size=st.floats(min_value=1e155, max_value=1.7e308), plot=st.sampled_from([losses.plot_losses])
)
def test_rc6_huge_residuals_are_reported_as_residuals(size, plot):
    with pytest.raises(ValueError, match="residuals") as info:
        plot(residuals=[0.0, size], ax=new_axes())
    assert "z " not in str(info.value)


@FEW
@given(fmt=st.text(alphabet="{}:.%0123456789fgdexr!<>^, ", max_size=8))
def test_rc7_fmt_must_have_a_field(fmt):
    """Root cause 7: a fmt without a replacement field would label every bar with itself."""
    (out,) = _run_all("helpers.plotting.plot_coefficients", "fmt", [fmt])
    if out.error is None:
        assert _has_field(fmt)
        texts = [t.get_text() for t in out.result.texts]
        assert texts == [fmt.format(v) for v in (1.0, -2.0)]


TEXT_ARGS = _args_of_kind(TEXT, OPT_TEXT)


@pytest.mark.parametrize("qualname, arg", TEXT_ARGS)
def test_rc8_text_arguments_accept_only_str(qualname, arg):
    """Root cause 8: lists (accepted by Matplotlib 3.8, refused by 3.11), numbers, bytes, ''."""
    values = [["a"], ("a",), 1.5, b"x", ""]
    for value, out in zip(values, _run_all(qualname, arg, values), strict=True):
        if not isinstance(value, str):
            assert isinstance(out.error, TypeError), f"{arg}={value!r} was not refused"


@settings(max_examples=25, derandomize=True, deadline=None, database=None)
@given(
    e0=st.integers(-300, 300),
    e1=st.integers(-300, 300),
    ef=st.integers(-150, 150),
)
def test_rc9_fit_summary_at_extreme_scales(e0, e1, ef):
    """Root cause 9: a full-rank column of any scale is judged by its direction."""
    base = _fit_result()
    ref = helpers.fit_summary(base)
    d = np.array([10.0**e0, 10.0**e1])
    scaled = types.SimpleNamespace(x=base.x, fun=base.fun * 10.0**ef, jac=base.jac * d)
    with np.errstate(over="ignore"):
        expected = ref.stderr * 10.0**ef / d
        fits = np.max(expected) ** 2 < 1e307  # the covariance is representable
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        try:
            s = helpers.fit_summary(scaled)
        except ValueError as exc:
            assert "covariance overflows float64" in str(exc), exc
            assert not fits, "refused a covariance that fits in float64"
            return
    assert np.allclose(s.stderr, expected, rtol=1e-10, atol=0)
    assert s.cond_scaled == pytest.approx(ref.cond_scaled, rel=1e-10)


EXTREME = st.one_of(
    st.floats(min_value=1e150, max_value=1.7976931348623157e308),
    st.floats(min_value=-1.7976931348623157e308, max_value=-1e150),
    st.floats(min_value=5e-324, max_value=1e-300),
)
REAL_ARGS = [
    (q, a) for q, a in _args_of_kind(REAL) if SPECS[q].plots or q.startswith("helpers.data")
]


@pytest.mark.parametrize("qualname, arg", REAL_ARGS)
def test_rc10_extreme_finite_floats(qualname, arg):
    """Root cause 10: 1e308 noise or slopes, huge or tiny scales: finite result or named error."""

    @settings(max_examples=4, derandomize=True, deadline=None, database=None)
    @given(value=EXTREME)
    def check(value):
        _run_all(qualname, arg, [value], pool)  # results finite, figures drawn (below)

    pool = AxesPool(qualname)
    check()
    pool.check_draws()


@pytest.mark.parametrize("arg", sorted(SPECS["helpers.summary.FitSummary"].args))
def test_rc11_fit_summary_constructor_checks_its_arguments(arg):
    """Root cause 11: FitSummary is public, so it validates (dof=0 no longer divides by zero)."""

    @FEW
    @given(value=SPECS["helpers.summary.FitSummary"].args[arg].values())
    def check(value):
        _run_all("helpers.summary.FitSummary", arg, [value], pool)

    pool = AxesPool("helpers.summary.FitSummary")
    check()
    kwargs = _summary_args()
    kwargs["dof"] = 0
    assert np.isnan(FitSummary(**kwargs).residual_std)
