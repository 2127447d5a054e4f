"""Tests of helpers.losses: formulas, derivatives, SciPy's own behaviour, plots, bad input."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.optimize import least_squares

from helpers.losses import LOSSES, plot_losses, plot_weights, point_weights, rho

EPS = np.finfo(float).eps
Z = np.array([0.0, 0.01, 0.3, 0.99, 1.0, 1.01, 2.5, 10.0, 400.0])

# Independent, textbook forms of rho (f_scale = 1).
FORMULAS = {
    "linear": lambda z: z,
    "soft_l1": lambda z: 2 * (np.sqrt(1 + z) - 1),
    "huber": lambda z: np.where(z <= 1, z, 2 * np.sqrt(z) - 1),
    "cauchy": lambda z: np.log(1 + z),
    "arctan": lambda z: np.arctan(z),
}


# --- the values ----------------------------------------------------------------------


@pytest.mark.parametrize("loss", LOSSES)
def test_rho_matches_textbook_formula(loss):
    out = rho(Z, loss)
    assert out.shape == (3, Z.size)
    np.testing.assert_allclose(out[0], FORMULAS[loss](Z), rtol=1e-14, atol=0)


@pytest.mark.parametrize("loss", LOSSES)
@pytest.mark.parametrize("f_scale", [0.1, 1.0, 3.0])
def test_f_scale_rule(loss, f_scale):
    c2 = f_scale**2
    out = rho(Z, loss, f_scale)
    base = rho(Z / c2, loss)
    np.testing.assert_allclose(out[0], c2 * base[0], rtol=1e-14)
    np.testing.assert_allclose(out[1], base[1], rtol=1e-14)
    np.testing.assert_allclose(out[2], base[2] / c2, rtol=1e-14)


@pytest.mark.parametrize("loss", LOSSES)
@pytest.mark.parametrize("f_scale", [0.5, 1.0, 2.0])
def test_derivatives_match_central_differences(loss, f_scale):
    # Away from z = 0 and huber's kink at z = C**2.
    z = np.array([0.05, 0.3, 0.7, 1.6, 3.0, 9.0]) * f_scale**2
    h = 1e-6 * f_scale**2
    up, down, mid = rho(z + h, loss, f_scale), rho(z - h, loss, f_scale), rho(z, loss, f_scale)
    np.testing.assert_allclose(mid[1], (up[0] - down[0]) / (2 * h), rtol=1e-7, atol=1e-9)
    np.testing.assert_allclose(mid[2], (up[1] - down[1]) / (2 * h), rtol=1e-5, atol=1e-7)


def test_huber_has_the_factor_two():
    # rho(4) = 2 * sqrt(4) - 1 = 3, continuous with slope 1 at z = 1.
    out = rho([1.0, 4.0], "huber")
    assert out[0].tolist() == [1.0, 3.0]
    assert out[1].tolist() == [1.0, 0.5]


@pytest.mark.parametrize("loss", LOSSES)
def test_small_residuals_behave_like_linear(loss):
    out = rho([1e-6], loss)
    np.testing.assert_allclose(out[:2, 0], [1e-6, 1.0], rtol=1e-5)


def test_callable_loss_gets_the_same_scaling():
    def soft(z):
        t = 1 + z
        return np.vstack([2 * (t**0.5 - 1), t**-0.5, -0.5 * t**-1.5])

    np.testing.assert_allclose(rho(Z, soft, 0.3), rho(Z, "soft_l1", 0.3), rtol=1e-14)


def test_empty_input():
    assert rho([], "cauchy").shape == (3, 0)


def test_point_weights_are_rho_prime():
    f = np.array([-2.0, -0.05, 0.0, 0.1, 3.0])
    np.testing.assert_allclose(point_weights(f, "cauchy", 0.1), 1 / (1 + (f / 0.1) ** 2))
    np.testing.assert_allclose(point_weights(f, "linear"), np.ones(5))
    np.testing.assert_allclose(point_weights(f, "huber", 0.1), [0.05, 1, 1, 1, 0.1 / 3])


# --- SciPy's own behaviour ---------------------------------------------------------------

T = np.linspace(0, 10, 15)
Y = 0.5 + 2 * np.exp(-T) + np.random.default_rng(0).normal(0, 0.3, T.size)
X0 = np.array([0.4, 1.8, -0.8])


def _fun(x):
    return x[0] + x[1] * np.exp(x[2] * T) - Y


def _jac(x):
    e = np.exp(x[2] * T)
    return np.column_stack([np.ones_like(T), e, x[1] * T * e])


@pytest.mark.parametrize("loss", LOSSES)
@pytest.mark.parametrize("f_scale", [0.1, 1.0])
def test_scipy_cost_grad_and_jac_at_a_fixed_point(loss, f_scale):
    # max_nfev=1 stops at x0, so SciPy reports its cost, gradient and scaled Jacobian there.
    res = least_squares(_fun, X0, jac=_jac, loss=loss, f_scale=f_scale, max_nfev=1)
    assert np.array_equal(res.x, X0)
    f, J = _fun(X0), _jac(X0)
    r = rho(f**2, loss, f_scale)
    np.testing.assert_allclose(res.cost, 0.5 * r[0].sum(), rtol=1e-13)
    np.testing.assert_allclose(res.grad, J.T @ (r[1] * f), rtol=1e-12, atol=1e-14)
    scale = np.sqrt(np.maximum(r[1] + 2 * r[2] * f**2, EPS))
    np.testing.assert_allclose(res.jac, J * scale[:, None], rtol=1e-12, atol=1e-14)


@pytest.mark.parametrize("loss", LOSSES)
def test_scipy_cost_at_the_solution(loss):
    res = least_squares(_fun, X0, jac=_jac, loss=loss, f_scale=0.2)
    np.testing.assert_allclose(res.cost, 0.5 * rho(res.fun**2, loss, 0.2)[0].sum(), rtol=1e-13)
    # SciPy's gradient is that of a weighted fit with weights rho'(f**2): J^T (w f).
    w = point_weights(res.fun, loss, 0.2)
    np.testing.assert_allclose(_jac(res.x).T @ (w * res.fun), res.grad, rtol=1e-10, atol=1e-15)
    assert res.optimality < 1e-3


# --- plots ----------------------------------------------------------------------------


def test_plot_losses_draws_rho(ax):
    f = np.linspace(-3, 3, 7)
    out = plot_losses(f, ["linear", "huber"], f_scale=0.5, ax=ax, linewidth=3)
    assert out is ax
    assert [line.get_label() for line in ax.lines] == ["linear", "huber"]
    np.testing.assert_allclose(ax.lines[1].get_ydata(), rho(f**2, "huber", 0.5)[0])
    assert ax.lines[0].get_linewidth() == 3
    assert ax.get_xlabel() and ax.get_ylabel() and ax.get_legend() is not None


def test_plot_weights_draws_rho_prime(ax):
    out = plot_weights(losses="cauchy", f_scale=2.0, ax=ax)
    assert out is ax and len(ax.lines) == 1
    x, y = ax.lines[0].get_xdata(), ax.lines[0].get_ydata()
    assert x.size == 401 and np.isclose(x.min(), -10) and np.isclose(x.max(), 10)
    np.testing.assert_allclose(y, 1 / (1 + (x / 2.0) ** 2))
    assert ax.get_ylim() == (0, 1.05)


def test_plot_default_ax_and_callable_label():
    import matplotlib.pyplot as plt

    def my_loss(z):
        return np.vstack([z, np.ones_like(z), np.zeros_like(z)])

    ax = plot_weights(losses=[my_loss])
    assert ax is plt.gca() and ax.lines[0].get_label() == "my_loss"


# --- bad input ------------------------------------------------------------------------


@pytest.mark.parametrize("func", [rho, point_weights])
def test_bad_loss(func):
    with pytest.raises(ValueError, match="loss must be one of"):
        func([1.0], "l1")
    with pytest.raises(TypeError, match="loss"):
        func([1.0], 3)


@pytest.mark.parametrize("func", [rho, point_weights])
@pytest.mark.parametrize("bad", [0.0, -1.0, np.inf, np.nan])
def test_bad_f_scale_value(func, bad):
    with pytest.raises(ValueError, match="f_scale"):
        func([1.0], "cauchy", bad)


@pytest.mark.parametrize("func", [rho, point_weights])
def test_bad_f_scale_type(func):
    with pytest.raises(TypeError, match="f_scale"):
        func([1.0], "cauchy", "1")


def test_rho_bad_z():
    with pytest.raises(ValueError, match="z"):
        rho([-1.0], "soft_l1")
    with pytest.raises(ValueError, match="z"):
        rho([np.nan], "soft_l1")
    with pytest.raises(ValueError, match="z"):
        rho([[1.0]], "soft_l1")
    with pytest.raises(TypeError, match="z"):
        rho("abc", "soft_l1")


def test_rho_bad_callable_shape():
    with pytest.raises(ValueError, match=r"shape \(3, 2\)"):
        rho([1.0, 2.0], lambda z: z)


def test_point_weights_bad_residuals():
    with pytest.raises(ValueError, match="residuals"):
        point_weights([np.inf], "huber")


@pytest.mark.parametrize("func", [plot_losses, plot_weights])
def test_plot_bad_input(func, ax):
    with pytest.raises(ValueError, match="residuals"):
        func([1.0], ax=ax)
    with pytest.raises(ValueError, match="f_scale"):
        func(f_scale=0, ax=ax)
    with pytest.raises(ValueError, match=r"losses\[0\] must be one of"):
        func(losses=["nope"], ax=ax)
    with pytest.raises(TypeError, match="losses"):
        func(losses=[], ax=ax)
    with pytest.raises(TypeError, match="ax"):
        func(ax="axes")


def _named(fn, name):
    fn.__name__ = name
    return fn


@pytest.mark.parametrize("func", [rho, point_weights])
@pytest.mark.parametrize(
    "loss, words",
    [
        (
            _named(lambda z: np.vstack([z, 1 / z, 0 * z]), "inverse"),
            r"loss 'inverse' returned NaN or inf in rho'",
        ),
        (
            _named(lambda z: np.vstack([np.log(z), 1 / z, -1 / z**2]), "logz"),
            r"loss 'logz' returned NaN or inf",
        ),
        (
            _named(lambda z: np.vstack([z, z]), "short"),
            r"loss 'short' must return an array of shape \(3, 2\)",
        ),
        (_named(lambda z: None, "nothing"), r"loss 'nothing' returned None"),
    ],
)
def test_bad_callable_loss_values_name_the_loss(func, loss, words):
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # the user's own 1/0
        with pytest.raises(ValueError, match=words):
            func([0.0, 1.0], loss)


def test_callable_loss_with_complex_values_is_a_type_error():
    with pytest.raises(TypeError, match="callable loss 'cplx'.*real"):
        rho([1.0], _named(lambda z: np.vstack([z, z, z]) + 0j, "cplx"))


@pytest.mark.parametrize(
    "loss, expected",
    [
        ("linear", [1.0, 1.0, 1.0]),
        ("soft_l1", [1e-200, 1e-300, 1e-160]),  # (1 + z)**-0.5 -> 1 / |f|
        ("huber", [1e-200, 1e-300, 1e-160]),  # 1 / sqrt(z) = 1 / |f|
        ("cauchy", [0.0, 0.0, 0.0]),  # 1 / (1 + f**2) underflows
        ("arctan", [0.0, 0.0, 0.0]),
    ],
)
def test_point_weights_of_huge_residuals_are_the_limits(loss, expected):
    # f**2 overflows float64; this used to warn (an error under pytest) and then fail.
    w = point_weights([1e200, -1e300, 1e160, 0.5], loss)
    np.testing.assert_allclose(w[:3], expected, rtol=1e-14, atol=0)
    assert w[3] == point_weights([0.5], loss)[0]  # ordinary entries are untouched


def test_point_weights_when_only_the_scaling_overflows():
    # f**2 = 1e300 is finite but f**2 / C**2 is not; and with C > 1 the reverse.
    np.testing.assert_allclose(point_weights([1e150], "soft_l1", 1e-10), [1e-160], rtol=1e-14)
    np.testing.assert_allclose(point_weights([1e160], "cauchy", 1e10), [1e-300], rtol=1e-14)
    np.testing.assert_allclose(point_weights([1e160], "huber", 1e10), [1e-150], rtol=1e-14)


def test_point_weights_of_huge_residuals_with_a_callable_loss():
    def welsch(z):
        e = np.exp(-z)
        return np.vstack([1 - e, e, -e])

    with pytest.raises(ValueError, match="too large.*loss 'welsch'"):
        point_weights([1e200], welsch)


@pytest.mark.parametrize("loss", LOSSES)
def test_rho_of_huge_z_has_no_overflow_warning(loss):
    out = rho([1e200, 1e308], loss)
    assert np.all(np.isfinite(out))
    np.testing.assert_allclose(out[1], [1.0, 1.0] if loss == "linear" else [0, 0], atol=1e-99)


def test_rho_rejects_an_overflowing_scaled_z():
    with pytest.raises(ValueError, match=r"z / f_scale\*\*2 overflows"):
        rho([1e300], "cauchy", f_scale=1e-10)


@pytest.mark.parametrize("func", [rho, point_weights])
@pytest.mark.parametrize("bad", [1e-170, 1e160])
def test_f_scale_whose_square_is_not_a_normal_float(func, bad):
    with pytest.raises(ValueError, match="f_scale must be between"):
        func([1.0], "cauchy", bad)
