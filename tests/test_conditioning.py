from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pytest

from helpers import conditioning

DEG = np.array([1, 2, 3, 4])
COND = np.array([10.0, 1e3, 1e5, 1e7])
EPS = np.finfo(float).eps


class TestPlotErrorVsDegree:
    def test_one_line_per_method_with_log_scale_and_labels(self, ax):
        errors = {"QR": [1e-15, 1e-13, 1e-11, 1e-9], "normal": [1e-14, 1e-10, np.nan, 1e-2]}
        out = conditioning.plot_error_vs_degree(DEG, errors, ax=ax)
        assert out is ax
        assert len(ax.lines) == 2
        assert np.array_equal(ax.lines[0].get_xdata(), DEG)
        assert np.allclose(ax.lines[0].get_ydata(), errors["QR"])
        y1 = np.asarray(ax.lines[1].get_ydata())
        assert np.isnan(y1[2]) and np.allclose(y1[[0, 1, 3]], [1e-14, 1e-10, 1e-2])
        assert ax.get_yscale() == "log"
        assert ax.get_xlabel() == "polynomial degree"
        assert ax.get_ylabel() == "relative coefficient error"
        assert [t.get_text() for t in ax.get_legend().get_texts()] == ["QR", "normal"]

    def test_reference_lines_are_eps_kappa_and_eps_kappa_squared(self, ax):
        conditioning.plot_error_vs_degree(DEG, {"QR": np.full(4, 1e-12)}, cond=COND, ax=ax)
        assert len(ax.lines) == 3
        assert np.allclose(ax.lines[1].get_ydata(), EPS * COND, rtol=1e-14)
        assert np.allclose(ax.lines[2].get_ydata(), EPS * COND**2, rtol=1e-14)
        labels = [t.get_text() for t in ax.get_legend().get_texts()]
        assert labels == ["QR", r"$\varepsilon\,\kappa(A)$", r"$\varepsilon\,\kappa(A)^2$"]

    def test_exact_zeros_are_drawn_below_eps(self, ax):
        conditioning.plot_error_vs_degree(DEG, {"m": [0.0, 1e-16, 1e-15, 1e-14]}, eps=1e-16, ax=ax)
        assert np.allclose(ax.lines[0].get_ydata(), [1e-17, 1e-16, 1e-15, 1e-14])

    def test_kwargs_reach_the_method_lines_and_default_axes(self):
        fig, ax = plt.subplots()
        out = conditioning.plot_error_vs_degree(
            DEG, {"m": np.ones(4)}, marker="s", linewidth=3, xlabel="m", ylabel="err"
        )
        assert out is ax
        assert ax.lines[0].get_marker() == "s" and ax.lines[0].get_linewidth() == 3
        assert ax.get_xlabel() == "m" and ax.get_ylabel() == "err"

    @pytest.mark.parametrize(
        "args, kwargs, exc, words",
        [
            ((DEG, [1e-3] * 4), {}, TypeError, "errors must be a mapping"),
            ((DEG, {}), {}, ValueError, "errors must contain at least one method"),
            (
                (DEG, {"m": [1e-3] * 3}),
                {},
                ValueError,
                "errors['m'] must have one entry per degree (len(degrees) = 4)",
            ),
            ((DEG, {"m": [1e-3, -1, 1, 1]}), {}, ValueError, "errors['m'] must be >= 0 or NaN"),
            ((DEG, {"m": [1e-3, np.inf, 1, 1]}), {}, ValueError, "errors['m'] must be >= 0 or NaN"),
            ((DEG, {"m": ["a", "b", "c", "d"]}), {}, TypeError, "errors['m'] must be array-like"),
            (
                ([1, 3, 2, 4], {"m": [1.0] * 4}),
                {},
                ValueError,
                "degrees must be strictly increasing",
            ),
            (
                (DEG, {"m": [1.0] * 4}),
                dict(cond=[1, 2, 3]),
                ValueError,
                "cond must have one entry per degree (len(degrees) = 4)",
            ),
            ((DEG, {"m": [1.0] * 4}), dict(cond=[1, 0, 3, 4]), ValueError, "cond must be > 0"),
            ((DEG, {"m": [1.0] * 4}), dict(eps=0.0), ValueError, "eps must be > 0"),
            ((DEG, {"m": [1.0] * 4}), dict(eps="tiny"), TypeError, "eps must be a real number"),
            ((DEG, {"m": [1.0] * 4}), dict(ax="left"), TypeError, "ax must be a matplotlib Axes"),
        ],
    )
    def test_bad_input(self, args, kwargs, exc, words):
        with pytest.raises(exc) as info:
            conditioning.plot_error_vs_degree(*args, **kwargs)
        assert words in str(info.value)


class TestPlotConditionNumbers:
    def test_kappa_its_square_and_the_eps_line(self, ax):
        out = conditioning.plot_condition_numbers(DEG, COND, ax=ax)
        assert out is ax
        assert len(ax.lines) == 3
        assert np.array_equal(ax.lines[0].get_ydata(), COND)
        # kappa(A^T A) = kappa(A)^2: compare with an independent computation.
        A = np.vander(np.linspace(0, 1, 9), 4, increasing=True)
        k = np.linalg.cond(A)
        conditioning.plot_condition_numbers([3], [k], ax=ax)
        assert np.isclose(ax.lines[4].get_ydata()[0], np.linalg.cond(A.T @ A), rtol=1e-6)
        assert np.allclose(ax.lines[1].get_ydata(), COND**2)
        assert np.allclose(ax.lines[2].get_ydata(), 1 / EPS)
        assert ax.get_yscale() == "log"
        assert ax.get_xlabel() == "polynomial degree" and ax.get_ylabel() == "condition number"
        labels = [t.get_text() for t in ax.get_legend().get_texts()]
        assert labels[0] == r"$\kappa(A)$" and "all digits lost" in labels[-1]

    def test_kwargs_and_default_axes(self):
        fig, ax = plt.subplots()
        assert conditioning.plot_condition_numbers(DEG, COND, marker="^") is ax
        assert ax.lines[0].get_marker() == "^" and ax.lines[1].get_marker() == "^"

    @pytest.mark.parametrize(
        "args, kwargs, exc, words",
        [
            (
                (DEG, COND[:3]),
                {},
                ValueError,
                "cond must have one entry per degree (len(degrees) = 4)",
            ),
            ((DEG, -COND), {}, ValueError, "cond must be > 0"),
            ((DEG, [1, np.nan, 2, 3]), {}, ValueError, "cond must contain only finite"),
            (([[1, 2]], COND), {}, ValueError, "degrees must be 1-D"),
            ((DEG, COND), dict(eps=-1.0), ValueError, "eps must be > 0"),
            ((DEG, COND), dict(ax=3), TypeError, "ax must be a matplotlib Axes"),
        ],
    )
    def test_bad_input(self, args, kwargs, exc, words):
        with pytest.raises(exc) as info:
            conditioning.plot_condition_numbers(*args, **kwargs)
        assert words in str(info.value)
