"""Tests of helpers.conditioning.plot_solver_errors (Lesson 1's conditioning figures)."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pytest

from helpers import conditioning

KAPPA = np.array([1e2, 1e4, 1e6, 1e8])
EPS = np.finfo(float).eps


def test_one_line_per_method_with_its_own_marker_and_line_style(ax):
    errors = {"normal eq.": [1e-12, 1e-8, np.nan, 1e-1], "QR": [1e-14, 1e-12, 1e-10, 1e-8]}
    out = conditioning.plot_solver_errors(KAPPA, errors, ax=ax)
    assert out is ax
    assert len(ax.lines) == 2
    assert np.array_equal(ax.lines[1].get_xdata(), KAPPA)
    assert np.allclose(ax.lines[1].get_ydata(), errors["QR"])
    y0 = np.asarray(ax.lines[0].get_ydata())
    assert np.isnan(y0[2]) and np.allclose(y0[[0, 1, 3]], [1e-12, 1e-8, 1e-1])
    styles = {(line.get_marker(), str(line.get_linestyle())) for line in ax.lines}
    assert len(styles) == 2, "two methods must differ in marker and line style, not only colour"
    assert ax.lines[0].get_marker() != ax.lines[1].get_marker()
    assert ax.lines[0].get_linestyle() != ax.lines[1].get_linestyle()
    assert ax.get_xscale() == "log" and ax.get_yscale() == "log"
    assert "column-scaled" in ax.get_xlabel()
    assert ax.get_ylabel() == "relative error"
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["normal eq.", "QR"]


def test_ten_methods_get_ten_different_styles(ax):
    errors = {f"m{i}": np.full(4, 10.0**-i) for i in range(10)}
    conditioning.plot_solver_errors(KAPPA, errors, ax=ax)
    pairs = [(line.get_marker(), str(line.get_linestyle())) for line in ax.lines]
    assert len(set(pairs)) == 10
    assert len({str(line.get_color()) for line in ax.lines}) == 10


def test_reference_lines_are_eps_kappa_and_eps_kappa_squared_in_x_order(ax):
    x = np.array([3.0, 1.0, 2.0, 4.0])
    kappa = np.array([30.0, 10.0, 20.0, 40.0])
    conditioning.plot_solver_errors(
        x, {"QR": np.full(4, 1e-12)}, cond=kappa, ax=ax, xscale="linear", xlabel="degree"
    )
    assert len(ax.lines) == 3
    ref1, ref2 = ax.lines[1], ax.lines[2]
    assert np.array_equal(ref1.get_xdata(), [1.0, 2.0, 3.0, 4.0])
    assert np.allclose(ref1.get_ydata(), EPS * np.array([10.0, 20.0, 30.0, 40.0]), rtol=1e-14)
    assert np.allclose(ref2.get_ydata(), EPS * np.array([10.0, 20.0, 30.0, 40.0]) ** 2, rtol=1e-14)
    assert ref1.get_marker() in ("None", None, "") and ref2.get_marker() in ("None", None, "")
    assert ax.get_xscale() == "linear" and ax.get_xlabel() == "degree"
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels == ["QR", r"$\varepsilon\,\kappa_s$", r"$\varepsilon\,\kappa_s^2$"]


def test_reference_lines_can_name_another_condition_number(ax):
    conditioning.plot_solver_errors(
        KAPPA, {"QR": np.full(4, 1e-12)}, cond=KAPPA, ax=ax, cond_symbol=r"\kappa(A)"
    )
    labels = [line.get_label() for line in ax.lines[1:]]
    assert labels == [r"$\varepsilon\,\kappa(A)$", r"$\varepsilon\,\kappa(A)^2$"]


def test_first_style_skips_the_styles_of_an_earlier_figure(ax):
    errors = {f"m{i}": np.full(4, 10.0**-i) for i in range(4)}
    conditioning.plot_solver_errors(KAPPA, errors, ax=ax, first_style=6)
    drawn = [(line.get_marker(), line.get_color()) for line in ax.lines]
    expected = [(marker, color) for marker, _, color in conditioning.SOLVER_STYLES[6:10]]
    assert drawn == expected
    earlier = {marker for marker, _, _ in conditioning.SOLVER_STYLES[:6]}
    assert not earlier & {marker for marker, _ in drawn}, "no marker of the first six reused"


def test_first_style_cycles_past_the_end(ax):
    n = len(conditioning.SOLVER_STYLES)
    conditioning.plot_solver_errors(
        KAPPA, {"a": np.ones(4), "b": np.ones(4)}, ax=ax, first_style=n - 1
    )
    assert ax.lines[0].get_marker() == conditioning.SOLVER_STYLES[-1][0]
    assert ax.lines[1].get_marker() == conditioning.SOLVER_STYLES[0][0]


def test_every_style_differs_in_marker_line_style_and_colour():
    styles = conditioning.SOLVER_STYLES
    for k in range(3):
        values = [str(style[k]) for style in styles]
        assert len(set(values)) == len(styles)


def test_exact_zeros_are_drawn_below_eps(ax):
    conditioning.plot_solver_errors(KAPPA, {"m": [0.0, 1e-16, 1e-15, 1e-14]}, eps=1e-16, ax=ax)
    assert np.allclose(ax.lines[0].get_ydata(), [1e-17, 1e-16, 1e-15, 1e-14])


def test_legend_outside_covers_no_data():
    fig, ax = plt.subplots(figsize=(8, 4.5), layout="constrained")
    errors = {name: np.logspace(-14, -2, 4) for name in ("a", "b", "c", "d", "e")}
    conditioning.plot_solver_errors(KAPPA, errors, cond=KAPPA, ax=ax)
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    legend_box = ax.get_legend().get_window_extent(renderer)
    axes_box = ax.get_window_extent(renderer)
    assert legend_box.x0 >= axes_box.x1, "the legend sits to the right of the Axes"
    assert legend_box.x1 <= fig.bbox.x1 + 1, "and inside the figure"
    plt.close(fig)


def test_legend_inside_on_request(ax):
    conditioning.plot_solver_errors(KAPPA, {"m": np.ones(4)}, ax=ax, legend_outside=False)
    assert ax.get_legend() is not None
    assert ax.get_legend().get_bbox_to_anchor().bounds == ax.bbox.bounds


def test_kwargs_override_the_styles_and_current_axes_is_default():
    fig, ax = plt.subplots()
    out = conditioning.plot_solver_errors(KAPPA, {"m": np.ones(4)}, marker="x", linewidth=3)
    assert out is ax
    assert ax.lines[0].get_marker() == "x" and ax.lines[0].get_linewidth() == 3
    plt.close(fig)


@pytest.mark.parametrize(
    "args, kwargs, exc, words",
    [
        ((KAPPA, [1e-3] * 4), {}, TypeError, "errors must be a mapping"),
        ((KAPPA, {}), {}, ValueError, "errors must contain at least one method"),
        ((KAPPA, {"m": [1e-3] * 3}), {}, ValueError, "errors['m'] must have one entry per x (4)"),
        ((KAPPA, {"m": [1e-3, -1, 1, 1]}), {}, ValueError, "errors['m'] must be >= 0 or NaN"),
        ((KAPPA, {"m": [1e-3, np.inf, 1, 1]}), {}, ValueError, "errors['m'] must be >= 0 or NaN"),
        ((KAPPA, {"m": ["a", "b", "c", "d"]}), {}, TypeError, "errors['m'] must be array-like"),
        (([1, 0, 2, 3], {"m": [1.0] * 4}), {}, ValueError, "x must be > 0 on a log x axis"),
        (([1, np.nan, 2, 3], {"m": [1.0] * 4}), {}, ValueError, "x must contain only finite"),
        ((np.ones((2, 2)), {"m": [1.0] * 4}), {}, ValueError, "x must be 1-D"),
        (
            (KAPPA, {"m": [1.0] * 4}),
            dict(cond=[1, 2, 3]),
            ValueError,
            "cond must have one entry per x (4)",
        ),
        ((KAPPA, {"m": [1.0] * 4}), dict(cond=[1, 0, 3, 4]), ValueError, "cond must be > 0"),
        ((KAPPA, {"m": [1.0] * 4}), dict(eps=0.0), ValueError, "eps must be > 0"),
        ((KAPPA, {"m": [1.0] * 4}), dict(eps="tiny"), TypeError, "eps must be a real number"),
        (
            (KAPPA, {"m": [1.0] * 4}),
            dict(xscale="symlog"),
            ValueError,
            "xscale must be 'log' or 'linear'",
        ),
        (
            (KAPPA, {"m": [1.0] * 4}),
            dict(legend_outside="yes"),
            TypeError,
            "legend_outside must be a bool",
        ),
        ((KAPPA, {"m": [1.0] * 4}), dict(ax="axes"), TypeError, "ax must be a matplotlib Axes"),
        ((KAPPA, {"m": [1.0] * 4}), dict(cond_symbol=1), TypeError, "cond_symbol must be a string"),
        ((KAPPA, {"m": [1.0] * 4}), dict(first_style=1.5), TypeError, "first_style must be an int"),
        ((KAPPA, {"m": [1.0] * 4}), dict(first_style=-1), ValueError, "first_style must be >= 0"),
    ],
)
def test_bad_input_names_the_argument(args, kwargs, exc, words):
    with pytest.raises(exc) as info:
        conditioning.plot_solver_errors(*args, **kwargs)
    assert words in str(info.value)


def test_exported_from_the_module():
    assert "plot_solver_errors" in conditioning.__all__
    assert "SOLVER_STYLES" in conditioning.__all__
