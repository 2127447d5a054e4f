from __future__ import annotations

import re

import numpy as np
import pytest
from scipy.optimize import least_squares, minimize

from helpers import CallCounter, IterationRecorder
from helpers.losses import rho
from helpers.trace import format_number

T = np.array([0.0, 1.0, 2.0, 3.0])
Y = np.array([1.0, 3.0, 5.0, 7.0])


def line_residuals(p, t=T, y=Y):
    return p[0] * t + p[1] - y


def rosen(p):
    return (1 - p[0]) ** 2 + 100 * (p[1] - p[0] ** 2) ** 2


class TestIterationRecorder:
    def test_records_the_start_and_every_least_squares_iteration(self):
        rec = IterationRecorder(line_residuals, [0.0, 0.0], names=["m", "b"])
        res = least_squares(line_residuals, [0.0, 0.0], callback=rec)
        assert rec.kind == "least_squares"
        assert np.array_equal(rec.x[0], [0.0, 0.0])
        assert rec.cost[0] == pytest.approx(0.5 * np.sum(Y**2))
        assert np.allclose(rec.residuals[0], -Y)
        assert np.allclose(rec.x[-1], res.x)
        assert rec.cost[-1] == pytest.approx(res.cost, abs=1e-12)
        assert len(rec) >= 2
        assert all(r["nfev"] is not None for r in rec.records[1:])
        assert np.all(np.diff(rec.cost) <= 1e-12)  # trf never increases the cost

    def test_records_minimize_iterations(self):
        rec = IterationRecorder(rosen, [-1.0, 1.0])
        res = minimize(rosen, [-1.0, 1.0], method="BFGS", callback=rec)
        assert rec.kind == "minimize"
        assert len(rec) == res.nit + 1
        assert rec.cost[0] == pytest.approx(rosen([-1.0, 1.0]))
        assert np.allclose(rec.x[-1], res.x)
        with pytest.raises(AttributeError, match="least_squares"):
            _ = rec.residuals

    def test_args_are_passed_to_the_start(self):
        y2 = 2 * Y
        rec = IterationRecorder(line_residuals, [0.0, 0.0], args=(T, y2))
        least_squares(line_residuals, [0.0, 0.0], args=(T, y2), callback=rec)
        assert np.allclose(rec.residuals[0], -y2)
        assert np.allclose(rec.x[-1], [4.0, 2.0])

    def test_text_and_html_tables_are_rounded(self):
        rec = IterationRecorder(line_residuals, [0.0, 0.0], names=["m", "b"])
        least_squares(line_residuals, [0.0, 0.0], callback=rec)
        text = rec.table()
        lines = text.splitlines()
        assert lines[0].split()[:3] == ["iteration", "m", "b"]
        assert "residuals" in lines[0] and "sum of squares" in lines[0]
        assert len(lines) == len(rec) + 1
        assert lines[1].split()[:3] == ["0", "0", "0"]
        assert "[-1, -3, -5, -7]" in lines[1] and lines[1].split()[-2:] == ["42", "84"]
        last = lines[-1]
        assert "e-" not in last  # round-off of an exact fit prints as 0
        html = rec._repr_html_()
        assert html.startswith("<table>") and html.count("<tr>") == len(rec) + 1
        assert "<th>m</th>" in html

    def test_long_residual_vectors_are_left_out_of_the_table(self):
        t = np.linspace(0, 1, 20)
        fun = lambda p: p[0] * t - 2 * t  # noqa: E731
        rec = IterationRecorder(fun, [0.0])
        least_squares(fun, [0.0], callback=rec)
        assert "residuals" not in rec.table()
        assert "residuals" in rec.table(max_residuals=20)

    def test_scipy_sees_the_intermediate_result_parameter(self):
        seen = []
        rec = IterationRecorder(line_residuals, [0.0, 0.0])
        least_squares(
            line_residuals,
            [0.0, 0.0],
            callback=lambda intermediate_result: seen.append(1) or rec(intermediate_result),
        )
        assert len(rec) == len(seen) + 1

    @pytest.mark.parametrize(
        "args, kwargs, exc, words",
        [
            ((line_residuals, [[0.0, 0.0]]), {}, ValueError, "x0 must be 1-D"),
            (("f", [0.0]), {}, TypeError, "fun must be callable"),
            (
                (line_residuals, [0.0, 0.0]),
                dict(names=["m"]),
                ValueError,
                "names must have one entry per parameter (len(x0) = 2)",
            ),
            ((line_residuals, [0.0, 0.0]), dict(names="mb"), TypeError, "names must be a sequence"),
            ((line_residuals, [0.0, 0.0]), dict(args=[T, Y]), TypeError, "args must be a tuple"),
            ((lambda p: np.ones((2, 2)), [0.0]), {}, ValueError, "must return a scalar"),
        ],
    )
    def test_bad_input(self, args, kwargs, exc, words):
        with pytest.raises(exc) as info:
            IterationRecorder(*args, **kwargs)
        assert words in str(info.value)

    def test_linear_table_is_unchanged(self):
        # The lessons' stored tables: sum of squares is printed from the residuals, as 2*cost was.
        rec = IterationRecorder(line_residuals, [0.0, 0.0], names=["m", "b"])
        least_squares(line_residuals, [0.0, 0.0], callback=rec)
        lines = rec.table().splitlines()
        assert lines[0].split() == [
            "iteration",
            "m",
            "b",
            "residuals",
            "cost",
            "sum",
            "of",
            "squares",
            "nfev",
        ]
        assert lines[2].split() == [
            "1",
            "0.904269",
            "0.426964",
            "[-0.573036,",
            "-1.66877,",
            "-2.7645,",
            "-3.86023]",
            "12.8285",
            "25.657",
            "2",
        ]
        assert np.array_equal(rec.sum_of_squares, 2 * rec.cost)

    @pytest.mark.parametrize("method", ["trf", "dogbox"])
    def test_robust_loss_start_cost_and_sum_of_squares(self, method):
        c = 0.1
        y = Y + np.array([0.0, 0.05, -0.04, 3.0])  # one outlier
        rec = IterationRecorder(line_residuals, [0.0, 0.0], args=(T, y), loss="cauchy", f_scale=c)
        res = least_squares(
            line_residuals,
            [0.0, 0.0],
            args=(T, y),
            loss="cauchy",
            f_scale=c,
            method=method,
            callback=rec,
        )
        f0 = -y
        assert rec.cost[0] == pytest.approx(0.5 * np.sum(c**2 * np.log1p(f0**2 / c**2)), rel=1e-13)
        assert rec.cost[0] != pytest.approx(0.5 * np.sum(f0**2))  # not the linear-loss cost
        assert rec.cost[-1] == pytest.approx(res.cost, rel=1e-12)
        # the "sum of squares" column is of the residuals f(x), not 2 * cost
        assert rec.sum_of_squares[0] == pytest.approx(np.sum(f0**2))
        row0 = rec.table().splitlines()[1].split()
        assert row0[-2:] == [format_number(rec.cost[0]), format_number(np.sum(f0**2))]
        if method == "trf":  # trf passes f(x): every row has its residuals
            assert np.allclose(rec.sum_of_squares, [np.sum(r**2) for r in rec.residuals])
            assert np.allclose(rec.residuals[-1], res.fun)
            assert "n/a" not in rec.table()
        else:  # dogbox passes rescaled residuals: unavailable after the start
            assert all(r["fun"] is None for r in rec.records[1:])
            assert np.all(np.isnan(rec.sum_of_squares[1:])) and np.all(np.isnan(rec.residuals[1:]))
            lines = rec.table().splitlines()
            assert lines[-1].startswith("n/a: SciPy passed the callback residuals rescaled")
            assert all(line.split()[-2] == "n/a" for line in lines[2:-1])  # sum of squares
            assert "<p>n/a: SciPy passed" in rec.to_html()

    def test_callable_loss_and_f_scale_for_the_start(self):
        def welsch(z):
            e = np.exp(-z)
            return np.vstack([1 - e, e, -e])

        rec = IterationRecorder(line_residuals, [0.0, 0.0], loss=welsch, f_scale=2.0)
        assert rec.cost[0] == pytest.approx(0.5 * np.sum(4.0 * (1 - np.exp(-(Y**2) / 4.0))))
        res = least_squares(line_residuals, [0.0, 0.0], loss=welsch, f_scale=2.0, callback=rec)
        assert rec.cost[-1] == pytest.approx(res.cost)

    def test_loss_and_f_scale_are_checked(self):
        with pytest.raises(ValueError, match="loss must be one of"):
            IterationRecorder(line_residuals, [0.0, 0.0], loss="l1")
        with pytest.raises(TypeError, match="loss must be a str"):
            IterationRecorder(line_residuals, [0.0, 0.0], loss=2)
        with pytest.raises(ValueError, match="f_scale must be > 0"):
            IterationRecorder(line_residuals, [0.0, 0.0], loss="huber", f_scale=0.0)
        with pytest.raises(TypeError, match="f_scale must be a real number"):
            IterationRecorder(line_residuals, [0.0, 0.0], f_scale="1")
        with pytest.raises(ValueError, match="loss applies only to least_squares"):
            IterationRecorder(rosen, [0.0, 0.0], loss="cauchy")

    @pytest.mark.parametrize(
        "fun, exc, words",
        [
            (lambda p: None, TypeError, "fun(x0) returned None"),
            (lambda p: p + 1j, TypeError, "fun(x0) must be real"),
            (lambda p: complex(1, 2), TypeError, "fun(x0) must be real"),
            (lambda p: "abc", TypeError, "fun(x0) must be array-like of real numbers"),
            (lambda p: np.array([1.0, np.nan]), ValueError, "fun(x0) must be finite"),
            (lambda p: np.inf, ValueError, "fun(x0) must be finite"),
            (lambda p: np.array([1e160, 1.0]), ValueError, "fun(x0) has residuals too large"),
        ],
    )
    def test_bad_values_at_x0(self, fun, exc, words):
        with pytest.raises(exc) as info:
            IterationRecorder(fun, [0.0, 0.0])
        assert words in str(info.value)

    def test_a_bare_x_is_rejected_with_the_reason(self):
        rec = IterationRecorder(line_residuals, [0.0, 0.0])
        with pytest.raises(TypeError, match="named intermediate_result"):
            rec(np.array([1.0, 2.0]))

    def test_table_arguments_are_checked(self):
        rec = IterationRecorder(line_residuals, [0.0, 0.0])
        with pytest.raises(ValueError, match="digits must be >= 1"):
            rec.table(digits=0)
        with pytest.raises(ValueError, match="tiny must be >= 0"):
            rec.to_html(tiny=-1.0)


class TestCallCounter:
    def test_counts_all_calls_including_finite_differences(self):
        counted = CallCounter(line_residuals)
        res = least_squares(counted, [0.0, 0.0])
        # trf's nfev leaves out the finite-difference calls (two per Jacobian here)
        assert counted.ncalls == res.nfev + 2 * res.njev

    def test_records_arguments_and_values_as_copies(self):
        counted = CallCounter(lambda x: 2 * x, record=True)
        x = np.array([1.0, 2.0])
        counted(x)
        x[0] = 99.0
        assert np.array_equal(counted.xs[0], [1.0, 2.0])
        assert np.array_equal(counted.values[0], [2.0, 4.0])
        counted.reset()
        assert counted.ncalls == 0 and counted.xs == [] and counted.values == []

    def test_forwards_args_and_kwargs(self):
        counted = CallCounter(lambda x, a, b=0: x + a + b)
        assert counted(1, 2, b=3) == 6 and counted.ncalls == 1

    def test_bad_input(self):
        with pytest.raises(TypeError, match="fun must be callable"):
            CallCounter(3)
        with pytest.raises(TypeError, match="record must be a bool"):
            CallCounter(abs, record="yes")


class TestFormatNumber:
    @pytest.mark.parametrize(
        "value, kwargs, text",
        [
            (3.14159265, {}, "3.14159"),
            (-0.0, {}, "0"),
            (4e-31, {}, "0"),
            (-4e-13, {}, "0"),
            (1.5e-9, {}, "1.5e-09"),
            (123456789.0, {}, "1.23457e+08"),
            (2.0 / 3.0, dict(digits=3), "0.667"),
            (1e-13, dict(tiny=0.0), "1e-13"),
            (float("nan"), {}, "nan"),
        ],
    )
    def test_formats(self, value, kwargs, text):
        assert format_number(value, **kwargs) == text

    @pytest.mark.parametrize(
        "value, text",
        [
            (np.float32(0.5), "0.5"),
            (np.int64(7), "7"),
            (np.array(2.5), "2.5"),
            (3, "3"),
            (float("-inf"), "-inf"),
        ],
    )
    def test_accepts_numpy_and_python_reals(self, value, text):
        assert format_number(value) == text

    @pytest.mark.parametrize(
        "value",
        [
            "1.5",
            None,
            1 + 2j,
            np.complex128(1.0),
            True,
            np.bool_(False),
            np.array([1.0, 2.0]),
            np.array(1 + 1j),
        ],
    )
    def test_rejects_non_real_values(self, value):
        with pytest.raises(TypeError, match="value must be a real number"):
            format_number(value)

    def test_bad_input(self):
        with pytest.raises(ValueError, match="digits must be >= 1"):
            format_number(1.0, digits=0)
        with pytest.raises(TypeError, match="digits must be an int"):
            format_number(1.0, digits=2.5)


T_EXP = np.linspace(0, 3, 10)
Y_EXP = 2 * np.exp(-T_EXP) + 0.1 + 0.01 * np.sin(7 * T_EXP)


def exp_residuals(p):
    return p[0] * np.exp(-p[1] * T_EXP) + p[2] - Y_EXP


def welsch(z):
    e = np.exp(-z)
    return np.vstack([1 - e, e, -e])


class TestWhatSciPyPasses:
    """The recorder's residual columns are f(x) or marked unavailable, its cost is the cost at x."""

    @pytest.mark.parametrize("method", ["trf", "dogbox"])
    @pytest.mark.parametrize("loss", ["linear", "soft_l1", "huber", "cauchy", "arctan", welsch])
    @pytest.mark.parametrize("max_nfev", [None, 2, 5, 6, 8])
    def test_rows_are_true_or_unavailable(self, method, loss, max_nfev):
        x0, c = [0.62865111, -0.66052432, 3.20211325], 0.05
        rec = IterationRecorder(exp_residuals, x0, loss=loss, f_scale=c)
        least_squares(
            exp_residuals, x0, method=method, loss=loss, f_scale=c, max_nfev=max_nfev, callback=rec
        )
        for r in rec.records:
            f = exp_residuals(r["x"])
            true_cost = 0.5 * np.sum(rho(f**2, loss, c)[0])
            assert r["cost"] == pytest.approx(true_cost, rel=1e-9)
            if r["fun"] is not None:
                assert np.allclose(r["fun"], f, rtol=1e-12, atol=0)
        if method == "trf" or loss == "linear":
            assert all(r["fun"] is not None for r in rec.records)

    def test_dogbox_passes_rescaled_residuals_as_documented(self):
        # rho' f / sqrt(max(rho' + 2 rho'' f², eps)), rho at f² with f_scale
        seen = []

        def spy(intermediate_result):
            seen.append((intermediate_result.x.copy(), intermediate_result.fun.copy()))

        x0, c = [1.0, 1.0, 0.0], 0.05
        least_squares(exp_residuals, x0, method="dogbox", loss="cauchy", f_scale=c, callback=spy)
        assert len(seen) > 3
        for x, passed in seen:
            f = exp_residuals(x)
            _, d1, d2 = rho(f**2, "cauchy", c)
            expected = d1 * f / np.sqrt(np.maximum(d1 + 2 * d2 * f**2, np.finfo(float).eps))
            assert np.allclose(passed, expected, rtol=1e-10, atol=0)
            assert not np.allclose(passed, f)
        assert "max(\\rho_C' + 2\\rho_C'' f_i^2" in " ".join(IterationRecorder.__doc__.split())

    def test_huber_residuals_beyond_f_scale_are_passed_as_documented(self):
        seen = []
        c = 0.1
        y = Y + np.array([0.0, 0.05, -0.04, 3.0])
        least_squares(
            line_residuals,
            [0.0, 0.0],
            args=(T, y),
            loss="huber",
            f_scale=c,
            method="dogbox",
            callback=lambda intermediate_result: seen.append(
                (intermediate_result.x.copy(), intermediate_result.fun.copy())
            ),
        )
        beyond = 0
        for x, passed in seen:
            f = line_residuals(x, T, y)
            far = np.abs(f) > c
            beyond += np.sum(far)
            assert np.allclose(passed[far], np.sign(f[far]) * c / np.sqrt(np.finfo(float).eps))
        assert beyond > 0
        assert "pm C/\\sqrt{\\varepsilon}" in IterationRecorder.__doc__

    def test_the_reported_dogbox_bug_no_longer_prints(self):
        # With huber beyond f_scale dogbox passes ±1/sqrt(eps) ≈ ±6.7e7 per residual.
        c = 0.1
        y = Y + np.array([0.0, 0.05, -0.04, 3.0])
        rec = IterationRecorder(line_residuals, [0.0, 0.0], args=(T, y), loss="huber", f_scale=c)
        least_squares(
            line_residuals,
            [0.0, 0.0],
            args=(T, y),
            loss="huber",
            f_scale=c,
            method="dogbox",
            callback=rec,
        )
        assert "e+1" not in rec.table() and "e+0" not in rec.table()

    def test_rescaling_that_changes_nothing_keeps_the_residuals(self):
        # huber's quadratic zone: rho' = 1, rho'' = 0, so dogbox passes f(x) itself
        rec = IterationRecorder(line_residuals, [0.0, 0.0], loss="huber", f_scale=100.0)
        res = least_squares(
            line_residuals, [0.0, 0.0], loss="huber", f_scale=100.0, method="dogbox", callback=rec
        )
        assert all(r["fun"] is not None for r in rec.records)
        assert np.allclose(rec.residuals[-1], res.fun)

    def test_dogbox_rejected_last_step_cost(self):
        # max_nfev stops dogbox in a rejected step: SciPy reports the trial point's cost.
        x0 = [0.62865111, -0.66052432, 3.20211325]
        reported = []
        rec = IterationRecorder(exp_residuals, x0)

        def both(intermediate_result):
            reported.append(float(intermediate_result.cost))
            rec(intermediate_result)

        res = least_squares(exp_residuals, x0, method="dogbox", max_nfev=2, callback=both)
        assert reported[-1] > 10 * res.cost  # SciPy's callback cost is not the cost at x
        assert rec.cost[-1] == pytest.approx(res.cost, rel=1e-12)

    def test_nfev_wording_is_true(self):
        # least_squares: nfev leaves out finite-difference calls for every method (SciPy >= 1.16)
        for method in ["trf", "dogbox", "lm"]:
            counted = CallCounter(exp_residuals)
            res = least_squares(counted, [1.0, 1.0, 0.0], method=method)
            assert counted.ncalls >= res.nfev + 3 * (res.nfev - 1), (
                method
            )  # 3 calls per FD Jacobian
        counted = CallCounter(lambda p: np.sum(exp_residuals(p) ** 2))
        res = minimize(counted, [1.0, 1.0, 0.0], method="BFGS")
        assert counted.ncalls == res.nfev  # minimize counts them
        for doc in (IterationRecorder.__doc__, CallCounter.__doc__):
            assert "since SciPy 1.16" in " ".join(doc.split())
            assert "some methods" not in doc


class TestCallRefusesBadResults:
    """A bad intermediate_result is refused at the call, by name, and nothing is stored."""

    @pytest.mark.parametrize(
        "fields, exc, words",
        [
            (dict(fun=np.zeros(4)), TypeError, "no 'x'"),
            (dict(x=np.zeros(2)), TypeError, "no 'fun'"),
            (
                dict(x=np.zeros(3), fun=np.zeros(4)),
                ValueError,
                "intermediate_result.x must have 2 entries",
            ),
            (
                dict(x=np.zeros(2), fun=np.zeros(5)),
                ValueError,
                "intermediate_result.fun must have 4 entries",
            ),
            (dict(x="ab", fun=np.zeros(4)), TypeError, "intermediate_result.x"),
            (dict(x=np.zeros(2), fun="abcd"), TypeError, "intermediate_result.fun"),
            (dict(x=np.zeros(2), fun=[None] * 4), TypeError, "intermediate_result.fun"),
            (dict(x=np.zeros(2), fun=np.zeros(4) + 1j), TypeError, "intermediate_result.fun"),
            (dict(x=[np.nan, 0.0], fun=np.zeros(4)), ValueError, "intermediate_result.x"),
            (dict(x=np.zeros(2), fun=np.zeros(4), cost="1"), TypeError, "intermediate_result.cost"),
            (dict(x=np.zeros(2), fun=np.zeros(4), nfev=-1), ValueError, "intermediate_result.nfev"),
            (dict(x=np.zeros(2), fun=np.zeros(4), nfev=2.5), TypeError, "intermediate_result.nfev"),
        ],
    )
    def test_least_squares_rows(self, fields, exc, words):
        from scipy.optimize import OptimizeResult

        rec = IterationRecorder(line_residuals, [0.0, 0.0])
        with pytest.raises(exc, match=re.escape(words)):
            rec(OptimizeResult(**fields))
        assert len(rec) == 1
        rec.table()

    def test_minimize_rows(self):
        from scipy.optimize import OptimizeResult

        rec = IterationRecorder(rosen, [0.0, 0.0])
        with pytest.raises(
            ValueError, match="intermediate_result.fun must be the scalar objective"
        ):
            rec(OptimizeResult(x=np.zeros(2), fun=np.zeros(2)))
        with pytest.raises(TypeError, match="intermediate_result.fun"):
            rec(OptimizeResult(x=np.zeros(2), fun="1.0"))
        rec(OptimizeResult(x=np.ones(2), fun=np.array([0.0])))
        assert rec.cost.tolist() == [1.0, 0.0]
