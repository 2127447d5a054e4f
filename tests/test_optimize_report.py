"""Unit tests of helpers.optimize_report (landscape plot and text table)."""

from __future__ import annotations

import numpy as np
import pytest

from helpers.optimize_report import format_table, plot_landscape


def quadratic(p, centre=1.0):
    return (p[0] - centre) ** 2


# --- plot_landscape ---------------------------------------------------------------------


def test_landscape_draws_the_function_on_the_grid(ax):
    grid = np.linspace(-1.0, 3.0, 41)
    out = plot_landscape(quadratic, grid, ax=ax)
    assert out is ax
    line = ax.lines[0]
    np.testing.assert_allclose(line.get_xdata(), grid)
    np.testing.assert_allclose(line.get_ydata(), (grid - 1.0) ** 2)
    assert ax.get_xlabel() == "parameter" and ax.get_ylabel() == "objective"
    assert ax.get_legend() is not None


def test_landscape_passes_args_and_marks_points_on_the_curve(ax):
    grid = np.linspace(0.0, 4.0, 21)
    plot_landscape(
        quadratic,
        grid,
        args=(2.0,),
        marks={"a": [2.0], "b": [0.5, 3.0]},
        ax=ax,
        xlabel="w",
        ylabel="S",
    )
    assert len(ax.lines) == 3
    np.testing.assert_allclose(ax.lines[0].get_ydata(), (grid - 2.0) ** 2)
    np.testing.assert_allclose(ax.lines[1].get_xdata(), [2.0])
    np.testing.assert_allclose(ax.lines[1].get_ydata(), [0.0])
    np.testing.assert_allclose(ax.lines[2].get_ydata(), [2.25, 1.0])
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels == ["objective", "a", "b"]
    assert ax.get_xlabel() == "w" and ax.get_ylabel() == "S"


def test_landscape_forwards_kwargs(ax):
    plot_landscape(quadratic, [0.0, 1.0, 2.0], ax=ax, color="red", label="S(w)")
    assert ax.lines[0].get_color() == "red"
    assert ax.lines[0].get_label() == "S(w)"


def test_landscape_uses_current_axes():
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots()
    assert plot_landscape(quadratic, [0.0, 1.0]) is ax
    plt.close(fig)


@pytest.mark.parametrize(
    "kwargs, error, match",
    [
        ({"fun": 3}, TypeError, "fun"),
        ({"grid": [1.0]}, ValueError, "grid"),
        ({"grid": [[0.0, 1.0]]}, ValueError, "grid"),
        ({"grid": [0.0, 2.0, 1.0]}, ValueError, "grid"),
        ({"grid": [0.0, np.nan]}, ValueError, "grid"),
        ({"grid": "abc"}, TypeError, "grid"),
        ({"args": [1.0]}, TypeError, "args"),
        ({"marks": [1.0]}, TypeError, "marks"),
        ({"marks": {"m": [np.inf]}}, ValueError, "marks"),
        ({"fun": lambda p: np.array([p[0], p[0]])}, ValueError, "scalar"),
        ({"ax": "not an axes"}, TypeError, "ax"),
    ],
)
def test_landscape_rejects_bad_input(kwargs, error, match):
    call = {"fun": quadratic, "grid": [0.0, 1.0, 2.0]}
    call.update(kwargs)
    fun, grid = call.pop("fun"), call.pop("grid")
    with pytest.raises(error, match=match):
        plot_landscape(fun, grid, **call)


# --- format_table -----------------------------------------------------------------------


def test_table_formats_each_kind_of_cell():
    text = format_table(
        ["name", "ok", "n", "x", "empty"],
        [
            ["BFGS", True, 36, 3.14159265, None],
            ["TNC", np.bool_(False), np.int64(404), -2e-13, None],
        ],
    )
    lines = text.splitlines()
    assert lines[0].split() == ["name", "ok", "n", "x", "empty"]
    assert set(lines[1].replace(" ", "")) == {"-"}
    assert lines[2].split() == ["BFGS", "yes", "36", "3.14"]
    assert lines[3].split() == ["TNC", "no", "404", "0"]  # below tiny prints as 0


def test_table_alignment_and_digits():
    text = format_table(["method", "value"], [["a", 1.23456], ["longer", 100.0]], digits=5)
    lines = text.splitlines()
    assert lines[0] == "method   value"
    assert lines[2] == "a       1.2346"
    assert lines[3] == "longer     100"
    assert len({len(line) for line in lines}) == 1  # right-aligned to equal width


def test_table_tiny_threshold_and_no_rows():
    assert format_table(["v"], [[1e-9]], tiny=1e-8).splitlines()[2].strip() == "0"
    assert format_table(["v"], [[1e-9]], tiny=0).splitlines()[2].strip() == "1e-09"
    assert format_table(["a", "b"], []) == "a  b\n-  -"


@pytest.mark.parametrize(
    "header, rows, kwargs, error, match",
    [
        ("ab", [], {}, TypeError, "header"),
        ([], [], {}, ValueError, "header"),
        ([1], [], {}, TypeError, "header"),
        (["a"], "x", {}, TypeError, "rows"),
        (["a"], [5], {}, TypeError, r"rows\[0\]"),
        (["a", "b"], [[1]], {}, ValueError, r"rows\[0\]"),
        (["a"], [[[1, 2]]], {}, TypeError, r"rows\[0\]"),
        (["a"], [[1]], {"digits": 0}, ValueError, "digits"),
        (["a"], [[1]], {"digits": 2.5}, TypeError, "digits"),
        (["a"], [[1]], {"tiny": -1.0}, ValueError, "tiny"),
    ],
)
def test_table_rejects_bad_input(header, rows, kwargs, error, match):
    with pytest.raises(error, match=match):
        format_table(header, rows, **kwargs)
