"""Unit tests of the helpers added for the revised Lesson 2.

``optimize_report.plot_runs`` and ``optimize_report.order_of_magnitude``, and
``plotting.label_iterations``.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pytest

from helpers.optimize_report import order_of_magnitude, plot_landscape, plot_runs
from helpers.plotting import label_iterations


def quadratic(p, centre=1.0):
    return (p[0] - centre) ** 2


# --- plot_runs --------------------------------------------------------------------------


def test_runs_mark_starts_and_ends_on_the_curve(ax):
    out = plot_runs(quadratic, [0.0, 3.0], [1.0, 2.0], ax=ax)
    assert out is ax
    starts, end0, end1 = ax.lines
    np.testing.assert_allclose(starts.get_xdata(), [0.0, 3.0])
    np.testing.assert_allclose(starts.get_ydata(), [1.0, 4.0])
    assert starts.get_markerfacecolor() == "none"
    np.testing.assert_allclose(end0.get_xdata(), [1.0])
    np.testing.assert_allclose(end0.get_ydata(), [0.0])
    np.testing.assert_allclose(end1.get_ydata(), [1.0])
    # runs differ by marker shape, not only by colour
    assert end0.get_marker() != end1.get_marker()
    assert end0.get_color() != end1.get_color()
    assert len(ax.texts) == 2  # one arrow per run
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels == ["start", "from 0 to 1", "from 3 to 2"]


def test_runs_arrows_point_from_start_to_end(ax):
    plot_runs(quadratic, [0.0], [1.0], ax=ax)
    arrow = ax.texts[0]
    np.testing.assert_allclose(arrow.xy, (1.0, 0.0))
    np.testing.assert_allclose(arrow.xyann, (0.0, 1.0))


def test_runs_pass_args_and_labels_and_draw_over_a_landscape(ax):
    grid = np.linspace(0.0, 4.0, 21)
    plot_landscape(quadratic, grid, args=(2.0,), ax=ax)
    plot_runs(quadratic, [0.5], [2.0], args=(2.0,), labels=["BFGS"], ax=ax)
    assert len(ax.lines) == 3
    np.testing.assert_allclose(ax.lines[1].get_ydata(), [2.25])
    np.testing.assert_allclose(ax.lines[2].get_ydata(), [0.0])
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels == ["objective", "start", "BFGS"]


def test_runs_use_current_axes():
    fig, ax = plt.subplots()
    assert plot_runs(quadratic, [0.0], [1.0]) is ax
    plt.close(fig)


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"fun": 3.0}, TypeError, "fun must be callable"),
        ({"starts": "abc"}, TypeError, "starts"),
        ({"starts": [[0.0, 1.0]]}, ValueError, "starts must be 1-D"),
        ({"ends": [1.0]}, ValueError, "ends must have as many values as starts"),
        ({"starts": [0.0, 1e308]}, ValueError, "starts must lie within"),
        ({"fun": lambda p: "abc"}, TypeError, "the value fun returned"),
        ({"fun": lambda p: None}, TypeError, "fun returned None"),
        ({"labels": [r"$\frac$", "b"]}, ValueError, r"labels\[0\]"),
        ({"ends": [1.0, np.nan]}, ValueError, "ends must contain only finite"),
        ({"args": [1.0]}, TypeError, "args must be a tuple"),
        ({"labels": "ab"}, TypeError, "labels must be a sequence"),
        ({"labels": ["a"]}, ValueError, "labels must have one entry per run"),
        ({"labels": ["a", 2]}, TypeError, r"labels\[1\] must be a str"),
        ({"fun": lambda p: np.array([1.0, 2.0])}, ValueError, "fun must return a scalar"),
        ({"ax": "axes"}, TypeError, "ax must be a matplotlib Axes"),
    ],
)
def test_runs_reject_bad_input(kwargs, error, match):
    call = {"fun": quadratic, "starts": [0.0, 3.0], "ends": [1.0, 1.0]}
    call.update(kwargs)
    fun, starts, ends = call.pop("fun"), call.pop("starts"), call.pop("ends")
    with pytest.raises(error, match=match):
        plot_runs(fun, starts, ends, **call)


# --- order_of_magnitude -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (1.1e-8, "1e-08"),
        (1.7e-8, "1e-08"),
        (2.9e-8, "1e-08"),
        (3.3e-8, "1e-07"),
        (-0.4, "1e+00"),
        (0.09, "1e-01"),
        (np.float64(250.0), "1e+02"),
        (7, "1e+01"),
    ],
)
def test_order_of_magnitude_rounds_the_exponent(value, text):
    assert order_of_magnitude(value) == text


@pytest.mark.parametrize(
    ("value", "error"),
    [
        (0.0, ValueError),
        (np.inf, ValueError),
        (np.nan, ValueError),
        ("1e-8", TypeError),
        (None, TypeError),
        (True, TypeError),
        (1j, TypeError),
        (np.array([1.0, 2.0]), TypeError),
    ],
)
def test_order_of_magnitude_rejects_bad_input(value, error):
    with pytest.raises(error, match="value must be"):
        order_of_magnitude(value)


# --- label_iterations -------------------------------------------------------------------


def _square_axes(ax):
    ax.set(xlim=(0, 10), ylim=(0, 10))
    return ax


def test_label_iterations_skips_the_start_and_crowded_points(ax):
    _square_axes(ax)
    assert label_iterations([[0, 0], [2, 2], [2.01, 2.01], [5, 5], [9, 9]], ax=ax) is ax
    texts = list(ax.texts)
    assert [t.get_text() for t in texts] == ["1", "3", "4"]
    np.testing.assert_allclose(texts[0].xy, (2, 2))
    assert all(t.get_fontsize() >= 11 for t in texts)


def test_label_iterations_numbers_every_point_without_separation(ax):
    _square_axes(ax)
    xs = [[0, 0], [2, 2], [2.01, 2.01]]
    label_iterations(xs, ax=ax, first=0, min_separation=0.0, color="red", fontsize=14)
    texts = list(ax.texts)
    assert [t.get_text() for t in texts] == ["0", "1", "2"]
    assert texts[0].get_color() == "red" and texts[0].get_fontsize() == 14


def test_label_iterations_separation_is_measured_on_screen(ax):
    # 0.5 data units apart: far apart on a short axis, crowded on a long one.
    ax.set(xlim=(0, 2), ylim=(0, 2))
    assert len(label_iterations([[0.5, 1.0], [1.0, 1.0]], ax=ax, first=0).texts) == 2
    fig, wide = plt.subplots()
    wide.set(xlim=(0, 1000), ylim=(0, 1000))
    assert len(label_iterations([[0.5, 1.0], [1.0, 1.0]], ax=wide, first=0).texts) == 1
    plt.close(fig)


def test_label_iterations_use_current_axes():
    fig, ax = plt.subplots()
    _square_axes(ax)
    label_iterations([[1, 1], [5, 5]], first=0)
    assert len(ax.texts) == 2
    plt.close(fig)


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"xs": [1.0, 2.0]}, ValueError, "xs must be 2-D"),
        ({"xs": [[1.0, 2.0, 3.0]]}, ValueError, r"xs must have shape \(k, 2\)"),
        ({"xs": "ab"}, TypeError, "xs"),
        ({"first": 1.5}, TypeError, "first must be an int"),
        ({"first": -1}, ValueError, "first must be >= 0"),
        ({"min_separation": "far"}, TypeError, "min_separation must be a real number"),
        ({"min_separation": -1.0}, ValueError, "min_separation must be >= 0"),
        ({"min_separation": float("nan")}, ValueError, "min_separation must be finite"),
        ({"offset": (1e6, 0.0)}, ValueError, "offset must lie within"),
        ({"fontsize": 1e200}, ValueError, "fontsize must be from 6 to 1000"),
        ({"no_such_property": 1}, TypeError, "no_such_property is not a property"),
        ({"color": "notacolour"}, ValueError, "color = 'notacolour' is not accepted"),
        ({"zorder": "top"}, TypeError, "zorder must be a real number"),
        ({"xy": (0, 0)}, TypeError, "xy cannot be passed"),
        ({"offset": (1.0,)}, ValueError, "offset must be two numbers"),
        ({"fontsize": "big"}, TypeError, "fontsize must be a real number"),
        ({"fontsize": 0}, ValueError, "fontsize must be from 6 to 1000"),
        ({"ax": 3}, TypeError, "ax must be a matplotlib Axes"),
    ],
)
def test_label_iterations_rejects_bad_input(kwargs, error, match):
    call = {"xs": [[0.0, 0.0], [1.0, 1.0]]}
    call.update(kwargs)
    with pytest.raises(error, match=match):
        label_iterations(call.pop("xs"), **call)


@pytest.mark.parametrize(
    ("kwargs", "exc", "words"),
    [
        ({"xytext": (1, 1)}, TypeError, "xytext cannot be passed through"),
        ({"size": 30}, TypeError, "size cannot be passed through.*label_iterations"),
        ({"rotation": float("nan")}, ValueError, "rotation"),
        ({"not_a_property": 1}, TypeError, "not_a_property is not a property of a Matplotlib"),
        ({"color": "no-such-colour"}, ValueError, "color"),
    ],
)
def test_label_iterations_refuses_bad_keywords_by_name(ax, kwargs, exc, words):
    _square_axes(ax)
    with pytest.raises(exc, match=words):
        label_iterations([[0, 0], [2, 2], [5, 5]], ax=ax, **kwargs)
    assert not ax.texts  # nothing drawn before the refusal


def test_label_iterations_passes_valid_keywords_on(ax):
    _square_axes(ax)
    label_iterations([[0, 0], [2, 2], [5, 5]], ax=ax, color="C1", rotation=30)
    assert ax.texts and all(t.get_rotation() == 30 for t in ax.texts)
