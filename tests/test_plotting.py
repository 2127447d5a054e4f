from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.container import BarContainer

from helpers import plotting

X = np.array([0.0, 1.0, 2.0, 3.0])
Y = np.array([1.0, 3.2, 4.9, 7.1])


class TestPlotFit:
    def test_draws_data_then_models_with_legend_and_labels(self, ax):
        fine = np.linspace(0, 3, 50)
        out = plotting.plot_fit(
            X, Y, {"line": 2 * fine + 1, "flat": np.full(50, 4.0)}, x_model=fine, ax=ax
        )
        assert out is ax
        assert len(ax.lines) == 3
        assert np.array_equal(ax.lines[0].get_xdata(), X)
        assert np.array_equal(ax.lines[0].get_ydata(), Y)
        assert ax.lines[0].get_linestyle() == "None"
        assert np.allclose(ax.lines[1].get_ydata(), 2 * fine + 1)
        assert [t.get_text() for t in ax.get_legend().get_texts()] == ["data", "line", "flat"]
        assert ax.get_xlabel() == "$x$" and ax.get_ylabel() == "$y$"

    def test_kwargs_reach_the_data_markers(self, ax):
        plotting.plot_fit(
            X,
            Y,
            ax=ax,
            color="red",
            marker="s",
            data_label="measured",
            xlabel="t (s)",
            ylabel="v (m/s)",
        )
        line = ax.lines[0]
        assert line.get_marker() == "s" and line.get_color() == "red"
        assert line.get_label() == "measured"
        assert ax.get_xlabel() == "t (s)" and ax.get_ylabel() == "v (m/s)"

    def test_default_axes_is_the_current_one(self):
        fig, ax = plt.subplots()
        assert plotting.plot_fit(X, Y) is ax

    @pytest.mark.parametrize(
        "args, kwargs, exc, words",
        [
            ((X, Y[:3]), {}, ValueError, "y must have the same length as x (4), got 3"),
            (
                (X, Y, {"m": [1.0, 2.0]}),
                {},
                ValueError,
                "models['m'] must have the length of x (4)",
            ),
            ((X, Y, {"m": [1.0]}), dict(x_model=[0.0, 1.0]), ValueError, "length of x_model (2)"),
            ((X, Y, [1.0, 2.0]), {}, TypeError, "models must be a mapping"),
            ((X, [1.0, np.nan, 2.0, 3.0]), {}, ValueError, "y must contain only finite"),
            ((X, Y), dict(ax="left"), TypeError, "ax must be a matplotlib Axes"),
        ],
    )
    def test_bad_input(self, args, kwargs, exc, words):
        with pytest.raises(exc) as info:
            plotting.plot_fit(*args, **kwargs)
        assert words in str(info.value)


class TestPlotResiduals:
    def test_zero_line_and_points(self, ax):
        r = Y - (2 * X + 1)
        out = plotting.plot_residuals(X, r, ax=ax)
        assert out is ax
        zero, points = ax.lines
        assert np.array_equal(zero.get_ydata(), [0, 0])
        assert np.allclose(points.get_ydata(), r)
        assert ax.get_ylabel() == "residual" and ax.get_xlabel() == "$x$"
        assert ax.get_legend() is None

    def test_label_adds_a_legend_and_kwargs_pass_through(self, ax):
        plotting.plot_residuals(X, Y, ax=ax, label="fit A", marker="x")
        assert [t.get_text() for t in ax.get_legend().get_texts()] == ["fit A"]
        assert ax.lines[-1].get_marker() == "x"

    @pytest.mark.parametrize(
        "args, exc, words",
        [
            ((X, Y[:2]), ValueError, "residuals must have the same length as x (4), got 2"),
            ((X[:, None], Y), ValueError, "x must be 1-D"),
            ((X, None), TypeError, "residuals must be array-like"),
        ],
    )
    def test_bad_input(self, args, exc, words):
        with pytest.raises(exc) as info:
            plotting.plot_residuals(*args)
        assert words in str(info.value)


class TestPlotCoefficients:
    LABELS = ["$x$", "$x^2$", "$x^3$", r"$\sin x$"]

    def test_one_bar_per_coefficient_with_latex_ticks_and_values(self, ax):
        coef = np.array([0.5, -1.25, 2.0, 0.0])
        out = plotting.plot_coefficients(coef, self.LABELS, ax=ax, color="C2")
        assert out is ax
        bars = ax.containers[0]
        assert isinstance(bars, BarContainer)
        assert np.allclose([b.get_height() for b in bars], coef)
        assert [t.get_text() for t in ax.get_xticklabels()] == self.LABELS
        annotations = [t.get_text() for t in ax.texts]
        assert annotations == ["0.5", "-1.25", "2", "0"]
        assert ax.get_ylabel() == "coefficient"
        ax.figure.canvas.draw()  # the mathtext labels render

    def test_format_and_no_annotation(self, ax):
        plotting.plot_coefficients([1 / 3, 2 / 3], ["a", "b"], ax=ax, fmt="{:.2f}")
        assert [t.get_text() for t in ax.texts] == ["0.33", "0.67"]
        fig, ax2 = plt.subplots()
        plotting.plot_coefficients([1.0, 2.0], ["a", "b"], ax=ax2, annotate=False)
        assert len(ax2.texts) == 0

    @pytest.mark.parametrize(
        "args, kwargs, exc, words",
        [
            (
                ([1.0, 2.0], ["a"]),
                {},
                ValueError,
                "labels must have one entry per coefficient (len(coef) = 2), got 1",
            ),
            (([1.0, 2.0], "ab"), {}, TypeError, "labels must be a sequence of str"),
            (([1.0, 2.0], ["a", 2]), {}, TypeError, "labels[1] must be a str"),
            (([1.0, np.inf], ["a", "b"]), {}, ValueError, "coef must contain only finite"),
            (
                ([1.0, 2.0], ["a", "b"]),
                dict(fmt="{:.2q}"),
                ValueError,
                "fmt = '{:.2q}' cannot format one real number",
            ),
            (([1.0, 2.0], ["a", "b"]), dict(fmt=3), TypeError, "fmt must be a format string"),
        ],
    )
    def test_bad_input(self, args, kwargs, exc, words):
        with pytest.raises(exc) as info:
            plotting.plot_coefficients(*args, **kwargs)
        assert words in str(info.value)


class TestPlotCostContours:
    @staticmethod
    def bowl(p):
        return (p[0] - 1) ** 2 + 4 * (p[1] + 0.5) ** 2 + 0.1

    def test_contours_of_the_function(self, ax):
        out = plotting.plot_cost_contours(
            self.bowl, (-1, 3), (-2, 1), n=41, levels=7, ax=ax, xlabel="$a$", ylabel="$b$"
        )
        assert out is ax
        cs = ax.collections[-1]
        assert len(cs.levels) >= 5
        assert cs.zmin == pytest.approx(0.1) and cs.zmax == pytest.approx(13.1)  # the grid's values
        assert ax.get_xlabel() == "$a$" and ax.get_ylabel() == "$b$"
        assert ax.get_xlim() == (-1.0, 3.0)

    def test_log_levels_are_geometric_and_explicit_levels_are_kept(self, ax):
        plotting.plot_cost_contours(self.bowl, (-1, 3), (-2, 1), n=21, levels=5, log=True, ax=ax)
        lv = ax.collections[-1].levels
        assert len(lv) == 5 and np.allclose(np.diff(np.log(lv)), np.log(lv[1] / lv[0]))
        fig, ax2 = plt.subplots()
        plotting.plot_cost_contours(self.bowl, (-1, 3), (-2, 1), n=21, levels=[1, 2, 4], ax=ax2)
        assert np.allclose(ax2.collections[-1].levels, [1, 2, 4])

    @pytest.mark.parametrize(
        "args, kwargs, exc, words",
        [
            (
                (bowl.__func__, (1, -1), (0, 1)),
                {},
                ValueError,
                "xlim must be two increasing numbers",
            ),
            (
                (bowl.__func__, (0, 1), (0, 1, 2)),
                {},
                ValueError,
                "ylim must be two increasing numbers",
            ),
            ((bowl.__func__, (0, 1), (0, 1)), dict(n=1), ValueError, "n must be >= 2"),
            ((lambda p: p, (0, 1), (0, 1)), {}, ValueError, "fun must return a scalar"),
            ((lambda p: np.log(p[0]), (0.5, 1), (0, 1)), dict(log=True, levels=3, n=5), None, None),
            (
                (lambda p: p[0] - 1, (0, 1), (0, 1)),
                dict(log=True),
                ValueError,
                "log=True needs fun > 0",
            ),
            (
                (lambda p: 1 / 0.0 if False else np.inf, (0, 1), (0, 1)),
                dict(n=3),
                ValueError,
                "fun returned inf at p = [0.0, 0.0]",
            ),
            (
                (bowl.__func__, (0, 1), (0, 1)),
                dict(levels=[2, 1]),
                ValueError,
                "levels must be increasing",
            ),
            ((3, (0, 1), (0, 1)), {}, TypeError, "fun must be callable"),
            ((bowl.__func__, (0, 1), (0, 1)), dict(log="yes"), TypeError, "log must be a bool"),
        ],
    )
    def test_bad_input(self, args, kwargs, exc, words):
        if exc is None:  # log of values < 1 is negative: must be rejected for log levels
            with pytest.raises(ValueError, match="log=True needs fun > 0"):
                plotting.plot_cost_contours(*args, **kwargs)
            return
        with pytest.raises(exc) as info:
            plotting.plot_cost_contours(*args, **kwargs)
        assert words in str(info.value)


class TestPlotPath:
    XS = np.array([[0.0, 0.0], [0.5, 0.2], [0.9, 0.8], [1.0, 1.0]])

    def test_path_start_end_and_numbers(self, ax):
        out = plotting.plot_path(self.XS, ax=ax, color="C3")
        assert out is ax
        path, start, end = ax.lines[-3:]
        assert np.array_equal(path.get_xdata(), self.XS[:, 0])
        assert np.array_equal(path.get_ydata(), self.XS[:, 1])
        assert start.get_marker() == "s" and np.array_equal(start.get_xdata(), [0.0])
        assert end.get_marker() == "*" and np.array_equal(end.get_ydata(), [1.0])
        assert [t.get_text() for t in ax.texts] == ["0", "1", "2", "3"]
        assert [t.get_text() for t in ax.get_legend().get_texts()] == ["iterates", "start", "end"]

    def test_two_paths_share_one_start_and_end_legend_entry(self, ax):
        plotting.plot_path(self.XS, ax=ax, label="A")
        plotting.plot_path(self.XS[::-1], ax=ax, label="B", color="C4")
        assert [t.get_text() for t in ax.get_legend().get_texts()] == ["A", "start", "end", "B"]
        assert ax.lines[-1].get_color() == "C4"

    def test_numbers_can_be_left_out(self, ax):
        plotting.plot_path(self.XS, ax=ax, number=False, label="BFGS")
        assert len(ax.texts) == 0
        assert ax.get_legend().get_texts()[0].get_text() == "BFGS"

    @pytest.mark.parametrize(
        "xs, exc, words",
        [
            (np.zeros((3, 3)), ValueError, "xs must have shape (k, 2)"),
            (np.zeros(4), ValueError, "xs must be 2-D"),
            ([[0.0, np.nan]], ValueError, "xs must contain only finite"),
        ],
    )
    def test_bad_input(self, xs, exc, words):
        with pytest.raises(exc) as info:
            plotting.plot_path(xs)
        assert words in str(info.value)


class TestForwardedKwargs:
    """**kwargs either reach Matplotlib or are refused naming the key, before drawing."""

    def test_call_keywords_of_bar_and_plot_pass_through(self, ax):
        plotting.plot_coefficients([1.0, 2.0], ["a", "b"], ax=ax, bottom=0.5, yerr=[0.1, 0.2])
        assert ax.patches[0].get_y() == 0.5
        plotting.plot_fit(X, Y, ax=ax, scalex=False, color="C3")

    @pytest.mark.parametrize(
        "kwargs, exc, words",
        [
            (dict(no_such_property=1), TypeError, "no_such_property is not a property"),
            (dict(linewidth="thick"), ValueError, "linewidth"),
            (dict(zorder="top"), TypeError, "zorder"),
            (dict(label="x"), TypeError, "label cannot be passed"),
        ],
    )
    def test_bad_kwargs_are_refused_by_name(self, ax, kwargs, exc, words):
        with pytest.raises(exc, match=words):
            plotting.plot_fit(X, Y, ax=ax, **kwargs)
        assert not ax.lines  # nothing drawn before the refusal


def test_cost_contours_accept_a_log_norm(ax):
    # A valid contour keyword must not be refused because the throwaway trial warns.
    from matplotlib.colors import LogNorm

    def bowl(p):
        return 1.0 + p[0] ** 2 + p[1] ** 2

    plotting.plot_cost_contours(bowl, (-1, 1), (-1, 1), n=11, levels=5, ax=ax, norm=LogNorm())
    assert ax.collections and isinstance(ax.collections[-1].norm, LogNorm)


def test_cost_contours_colour_each_level_with_the_callers_norm(ax):
    # The keyword check must not autoscale the caller's norm to its own trial data: the norm has
    # to span the real levels, so that each level gets its own colour.
    from matplotlib.colors import LogNorm

    def bowl(p):
        return 1.0 + 100.0 * (p[0] ** 2 + p[1] ** 2)

    norm = LogNorm()
    plotting.plot_cost_contours(bowl, (-1, 1), (-1, 1), n=21, levels=8, log=True, ax=ax, norm=norm)
    contours = ax.collections[-1]
    assert norm.vmin == pytest.approx(contours.levels[0])
    assert norm.vmax == pytest.approx(contours.levels[-1])
    colours = np.unique(np.round(contours.get_edgecolor(), 6), axis=0)
    assert len(colours) == len(contours.levels)


def test_cost_contours_log_levels_get_a_log_colour_scale_by_default(ax):
    from matplotlib.colors import LogNorm

    def bowl(p):
        return 1.0 + 100.0 * (p[0] ** 2 + p[1] ** 2)

    plotting.plot_cost_contours(bowl, (-1, 1), (-1, 1), n=21, levels=8, log=True, ax=ax)
    contours = ax.collections[-1]
    assert isinstance(contours.norm, LogNorm)
    # evenly spaced colours: the middle level sits near the middle of the colour map
    middle = contours.norm(contours.levels[len(contours.levels) // 2])
    assert 0.4 < middle < 0.65


def test_cost_contours_refuse_a_bad_value_at_its_grid_point(ax):
    # The fast path for plain finite floats must not let NaN, inf or other types through.
    for bad, exc in [
        (np.nan, ValueError),
        (np.inf, ValueError),
        ("1", TypeError),
        (None, TypeError),
    ]:

        def fun(p, bad=bad):
            return bad if p[0] > 0.5 else float(p @ p)

        with pytest.raises(exc, match=r"fun returned .*at p = \[|fun returned None at p = \["):
            plotting.plot_cost_contours(fun, (0, 1), (0, 1), n=5, ax=ax)


@pytest.mark.parametrize(
    ("raw", "fast"),
    [
        (1.5, True),
        (np.float64(-2.0), True),
        (float("nan"), False),
        (np.float64(np.inf), False),
        (-np.inf, False),
        (np.float32(1.0), False),  # other types take the full check, which converts them
        (1, False),
        (True, False),
        ("1.0", False),
        (None, False),
        (np.array(1.0), False),
    ],
)
def test_fast_path_takes_only_finite_float64(raw, fast):
    from helpers._validate import is_finite_float

    assert is_finite_float(raw) is fast


def test_cost_contours_accept_other_real_scalars_through_the_full_check(ax):
    # values the fast path passes on (float32, int, 0-d array) are still drawn, as numbers
    for kind in (np.float32, int, np.array):
        drawn = plotting.plot_cost_contours(
            lambda p, kind=kind: kind(round(float(p @ p) * 10)), (0, 1), (0, 1), n=5, ax=ax
        )
        levels = drawn.collections[-1].levels
        assert levels.min() >= 0 and levels.max() <= 20  # the grid's values run from 0 to 20
