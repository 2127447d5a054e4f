from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest
import scipy.sparse
from scipy.linalg import solve_triangular
from scipy.optimize import curve_fit, least_squares

import helpers
from helpers.summary import FitSummary, fit_summary

# NIST StRD MGH09 (Kowalik and Osborne), public domain.
MGH_X = np.array([4, 2, 1, 0.5, 0.25, 0.167, 0.125, 0.1, 0.0833, 0.0714, 0.0625])
MGH_Y = np.array(
    [0.1957, 0.1947, 0.1735, 0.16, 0.0844, 0.0627, 0.0456, 0.0342, 0.0323, 0.0235, 0.0246]
)
MGH_B = np.array([1.9280693458e-01, 1.9128232873e-01, 1.2305650693e-01, 1.3606233068e-01])
MGH_SD = np.array([1.1435312227e-02, 1.9633220911e-01, 8.0842031232e-02, 9.0025542308e-02])
MGH_RSS = 3.0750560385e-04


def mgh_residuals(b):
    x = MGH_X
    return b[0] * (x**2 + x * b[1]) / (x**2 + x * b[2] + b[3]) - MGH_Y


def mgh_jac(b):
    x = MGH_X
    num, den = x**2 + x * b[1], x**2 + x * b[2] + b[3]
    return np.column_stack(
        [num / den, b[0] * x / den, -b[0] * num * x / den**2, -b[0] * num / den**2]
    )


def result(x, fun, jac):
    return SimpleNamespace(x=x, fun=fun, jac=jac)


def qr_covariance(a, y):
    """Textbook linear least squares through QR: beta = R⁻¹Qᵀy, cov = s²R⁻¹R⁻ᵀ."""
    q, r = np.linalg.qr(a)
    beta = solve_triangular(r, q.T @ y)
    resid = y - a @ beta
    s2 = resid @ resid / (a.shape[0] - a.shape[1])
    rinv = solve_triangular(r, np.eye(a.shape[1]))
    return beta, s2 * rinv @ rinv.T, resid


class TestAccuracy:
    def test_exact_linear_case_matches_qr_formula_and_lstsq(self):
        rng = np.random.default_rng(1)
        t = np.linspace(0, 2, 25)
        a = np.column_stack([np.ones_like(t), t, t**2])
        y = 1.0 - 2.0 * t + 0.5 * t**2 + 0.1 * rng.standard_normal(t.size)
        beta, cov, resid = qr_covariance(a, y)
        res = least_squares(lambda p: a @ p - y, np.zeros(3), jac=lambda p: a)
        s = fit_summary(res, names=["c0", "c1", "c2"])
        coef, *_ = np.linalg.lstsq(a, y, rcond=None)
        assert np.allclose(s.params, coef, rtol=1e-8, atol=1e-10)
        assert np.allclose(s.params, beta, rtol=1e-8, atol=1e-10)
        # exact inputs: the residuals and Jacobian of the exact solution
        exact = fit_summary(result(beta, -resid, a))
        assert np.allclose(exact.cov, cov, rtol=1e-12, atol=0)
        assert np.allclose(exact.stderr, np.sqrt(np.diag(cov)), rtol=1e-12, atol=0)
        assert exact.dof == 22
        assert exact.rss == pytest.approx(resid @ resid, rel=1e-12)
        assert exact.residual_std == pytest.approx(np.sqrt(resid @ resid / 22), rel=1e-12)
        assert np.allclose(s.stderr, exact.stderr, rtol=1e-6)

    def test_matches_curve_fit_pcov(self):
        rng = np.random.default_rng(7)
        t = np.linspace(0, 4, 30)
        y = 0.5 + 2.0 * np.exp(-1.3 * t) + 0.05 * rng.standard_normal(t.size)

        def model(t, a, b, c):
            return a + b * np.exp(c * t)

        def jac(p):
            e = np.exp(p[2] * t)
            return np.column_stack([np.ones_like(t), e, p[1] * t * e])

        # method='trf': pcov comes from the Jacobian at popt itself
        popt, pcov = curve_fit(
            model, t, y, p0=[1.0, 1.0, -1.0], jac=lambda t, *p: jac(p), method="trf"
        )
        s = fit_summary(result(popt, model(t, *popt) - y, jac(popt)))
        assert np.allclose(s.cov, pcov, rtol=1e-10, atol=0)
        # default (MINPACK lm) and a separate least_squares run agree to the fits' accuracy
        popt_lm, pcov_lm = curve_fit(model, t, y, p0=[1.0, 1.0, -1.0])
        res = least_squares(lambda p: model(t, *p) - y, [1.0, 1.0, -1.0], jac=jac)
        assert np.allclose(fit_summary(res).stderr, np.sqrt(np.diag(pcov_lm)), rtol=1e-5)

    def test_nist_mgh09_certified_standard_deviations(self):
        s = fit_summary(result(MGH_B, mgh_residuals(MGH_B), mgh_jac(MGH_B)))
        # certified to 11 digits; evaluated at the certified parameters we get 10
        assert np.allclose(s.stderr, MGH_SD, rtol=1e-9, atol=0)
        assert s.rss == pytest.approx(MGH_RSS, rel=1e-10)
        assert s.dof == 7

    @pytest.mark.parametrize("cond_scaled", [1e2, 1e6])
    def test_ill_conditioned_jacobian_with_known_answer(self, cond_scaled):
        # J = U diag(sv) Vᵀ D with exact orthogonal factors: cov = s² D⁻¹ V diag(1/sv²) Vᵀ D⁻¹.
        rng = np.random.default_rng(3)
        m, n = 40, 6
        u, _ = np.linalg.qr(rng.standard_normal((m, n)))
        v, _ = np.linalg.qr(rng.standard_normal((n, n)))
        sv = np.geomspace(1.0, 1.0 / cond_scaled, n)
        d = np.geomspace(1e-5, 1e6, n)  # columns of very different scales
        jac = (u * sv) @ v.T * d
        fun = rng.standard_normal(m)
        s2 = fun @ fun / (m - n)
        expected = s2 * (v / sv**2) @ v.T / np.outer(d, d)
        s = fit_summary(result(np.ones(n), fun, jac))
        assert np.linalg.cond(jac) > 1e8 * cond_scaled  # up to about 1e15
        rtol = 1e-12 * cond_scaled
        assert np.allclose(s.stderr, np.sqrt(np.diag(expected)), rtol=rtol, atol=0)
        assert np.allclose(s.cov, expected, rtol=rtol, atol=rtol * np.abs(expected).max())
        std = np.sqrt(np.diag(expected))
        assert np.allclose(s.corr, expected / np.outer(std, std), atol=rtol)

    def test_beats_inverting_the_normal_matrix(self):
        rng = np.random.default_rng(4)
        m, n = 30, 4
        u, _ = np.linalg.qr(rng.standard_normal((m, n)))
        v, _ = np.linalg.qr(rng.standard_normal((n, n)))
        sv = np.geomspace(1.0, 1e-7, n)
        d = np.array([1e-3, 1.0, 1e3, 1e6])
        jac = (u * sv) @ v.T * d
        fun = rng.standard_normal(m)
        s2 = fun @ fun / (m - n)
        expected = np.sqrt(np.diag(s2 * (v / sv**2) @ v.T / np.outer(d, d)))
        s = fit_summary(result(np.ones(n), fun, jac))
        assert np.max(np.abs(s.stderr / expected - 1)) < 1e-7
        try:
            naive = np.sqrt(np.abs(np.diag(s2 * np.linalg.inv(jac.T @ jac))))
            naive_error = np.max(np.abs(naive / expected - 1))
        except np.linalg.LinAlgError:
            naive_error = np.inf
        assert naive_error > 1e-4

    @pytest.mark.parametrize("cond_scaled, rtol", [(1e8, 1e-8), (1e10, 1e-6), (1e12, 1e-4)])
    def test_documented_accuracy_limits(self, cond_scaled, rtol):
        # The docstring's limits (~1e-9 at 1e8, ~5e-8 at 1e10, ~1e-5 at 1e12), with a margin of 10.
        worst = 0.0
        for seed in range(5):
            rng = np.random.default_rng(seed)
            m, n = 40, 6
            u, _ = np.linalg.qr(rng.standard_normal((m, n)))
            v, _ = np.linalg.qr(rng.standard_normal((n, n)))
            sv = np.geomspace(1.0, 1.0 / cond_scaled, n)
            d = np.geomspace(1e-5, 1e6, n)
            fun = rng.standard_normal(m)
            expected = np.sqrt(np.diag(fun @ fun / (m - n) * (v / sv**2) @ v.T / np.outer(d, d)))
            s = fit_summary(result(np.ones(n), fun, (u * sv) @ v.T * d))
            assert (
                cond_scaled / 5 < s.cond_scaled < 5 * cond_scaled
            )  # scaling the columns changes it
            worst = max(worst, np.max(np.abs(s.stderr / expected - 1)))
        assert worst < rtol

    def test_accuracy_limits_are_documented(self):
        doc = " ".join(fit_summary.__doc__.split())
        for words in [
            "10^{-9}",
            "10^8",
            "10^{10}",
            "10^{-5}",
            "10^{12}",
            "rcond",
            "not identifiable",
        ]:
            assert words in doc

    def test_correlation_is_symmetric_with_unit_diagonal(self):
        s = fit_summary(result(MGH_B, mgh_residuals(MGH_B), mgh_jac(MGH_B)))
        assert np.allclose(np.diag(s.corr), 1.0)
        assert np.allclose(s.corr, s.corr.T)
        assert np.all(np.abs(s.corr) <= 1.0)
        assert np.allclose(s.cov, s.cov.T)
        assert s.cond_scaled > 1

    def test_zero_residuals_give_zero_errors(self):
        a = np.column_stack([np.ones(4), np.arange(4.0)])
        s = fit_summary(result([1.0, 2.0], np.zeros(4), a))
        assert np.all(s.stderr == 0) and s.residual_std == 0
        assert np.allclose(np.diag(s.corr), 1.0)

    def test_sparse_jacobian_is_accepted(self):
        a = np.column_stack([np.ones(5), np.arange(5.0)])
        fun = np.array([0.1, -0.2, 0.05, 0.1, -0.05])
        dense = fit_summary(result([1.0, 1.0], fun, a))
        sparse = fit_summary(result([1.0, 1.0], fun, scipy.sparse.csr_matrix(a)))
        assert np.allclose(dense.cov, sparse.cov)


class TestReport:
    def test_table_text_and_html(self):
        s = fit_summary(
            result(MGH_B, mgh_residuals(MGH_B), mgh_jac(MGH_B)), names=["b1", "b2", "b3", "b4"]
        )
        lines = s.table().splitlines()
        assert lines[0].split() == ["name", "value", "std.", "error", "rel.", "error"]
        assert lines[1].split() == ["b1", "0.192807", "0.0114353", "0.0593"]
        assert lines[-1] == "rss = 0.000307506, dof = 7, residual std = 0.00662792"
        assert str(s) == s.table()
        assert "b4" in repr(s) and repr(s).startswith("<FitSummary: 4 parameters>")
        page = s._repr_html_()
        assert page.startswith("<table>") and "<td>b2</td>" in page and "dof = 7" in page
        assert (
            fit_summary(result([0.0, 1.0], [0.1, -0.1, 0.1], np.eye(3, 2) + 1)).rel_error[0]
            == np.inf
        )

    def test_exported_from_the_package(self):
        assert helpers.fit_summary is fit_summary and helpers.FitSummary is FitSummary

    def test_bad_digits(self):
        s = fit_summary(result(MGH_B, mgh_residuals(MGH_B), mgh_jac(MGH_B)))
        with pytest.raises(ValueError, match="digits"):
            s.table(0)
        with pytest.raises(TypeError, match="digits"):
            s.to_html(2.5)


class TestBadInput:
    good = dict(
        x=np.array([1.0, 2.0]),
        fun=np.array([0.1, -0.1, 0.2]),
        jac=np.array([[1.0, 0.0], [1.0, 1.0], [1.0, 2.0]]),
    )

    def make(self, **changes):
        return SimpleNamespace(**{**self.good, **changes})

    def test_missing_attributes(self):
        with pytest.raises(TypeError, match="'jac'"):
            fit_summary(SimpleNamespace(x=[1.0], fun=[1.0, 2.0]))
        with pytest.raises(TypeError, match="'x'"):
            fit_summary(object())

    @pytest.mark.parametrize("field", ["x", "fun", "jac"])
    def test_non_finite(self, field):
        bad = np.array(self.good[field], dtype=float)
        bad.flat[0] = np.nan
        with pytest.raises(ValueError, match=f"result.{field}.*finite"):
            fit_summary(self.make(**{field: bad}))

    def test_wrong_shapes(self):
        with pytest.raises(ValueError, match=r"result.jac must have shape .*\(3, 2\)"):
            fit_summary(self.make(jac=np.ones((3, 3))))
        with pytest.raises(ValueError, match="result.x must be 1-D"):
            fit_summary(self.make(x=np.ones((2, 1))))
        with pytest.raises(ValueError, match="result.jac must be 2-D"):
            fit_summary(self.make(jac=np.ones(6)))
        with pytest.raises(TypeError, match="result.fun"):
            fit_summary(self.make(fun=["a", "b", "c"]))

    def test_no_degrees_of_freedom(self):
        with pytest.raises(ValueError, match="degrees of freedom"):
            fit_summary(self.make(fun=np.array([0.1, 0.2]), jac=np.eye(2)))

    def test_rank_deficient(self):
        jac = np.array([[1.0, 2.0], [1.0, 2.0], [1.0, 2.0]])
        with pytest.raises(ValueError, match="rank deficient"):
            fit_summary(self.make(jac=jac))
        with pytest.raises(ValueError, match=r"column\(s\) \[1\] are zero.*\['b'\]"):
            fit_summary(
                self.make(jac=np.array([[1.0, 0.0], [2.0, 0.0], [3.0, 0.0]])), names=["a", "b"]
            )
        # nearly parallel columns of very different scales: rank deficient after scaling
        near = np.array([[1.0, 1e8], [2.0, 2e8 * (1 + 1e-17)], [3.0, 3e8]])
        with pytest.raises(ValueError, match="rank deficient"):
            fit_summary(self.make(jac=near))

    def test_rcond(self):
        jac = np.array([[1.0, 1.0], [1.0, 1.0 + 1e-6], [1.0, 1.0]])
        assert fit_summary(self.make(jac=jac)).cond_scaled > 1e6
        with pytest.raises(ValueError, match="rank deficient"):
            fit_summary(self.make(jac=jac), rcond=1e-3)
        with pytest.raises(ValueError, match="rcond"):
            fit_summary(self.make(), rcond=-1.0)

    def test_linear_least_squares_result_with_cost_is_accepted(self):
        a = np.column_stack([np.ones(6), np.arange(6.0)])
        y = np.array([0.1, 1.2, 1.9, 3.2, 3.9, 5.1])
        for method in ["trf", "dogbox", "lm"]:
            res = least_squares(lambda p: a @ p - y, [0.0, 0.0], method=method)
            assert fit_summary(res).rss == pytest.approx(2 * res.cost, rel=1e-12)
        assert fit_summary(self.make(cost=0.5 * 0.06)).rss == pytest.approx(0.06)

    @pytest.mark.parametrize("loss", ["soft_l1", "huber", "cauchy", "arctan"])
    def test_robust_loss_result_is_rejected(self, loss):
        a = np.column_stack([np.ones(8), np.arange(8.0)])
        y = a @ [1.0, 0.5] + np.array([0.05, -0.1, 0.08, 3.0, -0.02, 0.1, -0.07, 0.03])
        res = least_squares(lambda p: a @ p - y, [0.0, 0.0], loss=loss, f_scale=0.1)
        with pytest.raises(ValueError, match=r"result.cost .*loss='linear'.*bootstrap"):
            fit_summary(res)

    def test_cost_must_be_a_real_number(self):
        with pytest.raises(TypeError, match="result.cost must be a real number"):
            fit_summary(self.make(cost="0.03"))

    def test_parameter_at_a_bound_warns(self):
        a = np.column_stack([np.ones(6), np.arange(6.0)])
        y = np.array([0.1, 1.2, 1.9, 3.2, 3.9, 5.1])
        res = least_squares(lambda p: a @ p - y, [2.0, 2.0], bounds=([-np.inf, 1.5], np.inf))
        assert res.active_mask.tolist() == [0, -1]
        with pytest.warns(UserWarning, match=r"\['slope'\] are at a bound.*unreliable") as record:
            s = fit_summary(res, names=["intercept", "slope"])
        assert record[0].filename == __file__  # stacklevel=2 points at the caller
        assert np.all(np.isfinite(s.stderr))
        free = least_squares(lambda p: a @ p - y, [2.0, 2.0], bounds=([-np.inf, -np.inf], np.inf))
        fit_summary(free)  # all-zero active_mask: no warning (an error under pytest's config)

    def test_active_mask_shape_is_checked(self):
        with pytest.raises(
            ValueError, match=r"result.active_mask must have shape \(len\(x\),\) = \(2,\)"
        ):
            fit_summary(self.make(active_mask=np.zeros(3)))

    def test_overflowing_residual_sum_of_squares(self):
        with pytest.raises(ValueError, match="residual sum of squares of result.fun overflows"):
            fit_summary(self.make(fun=np.array([1e160, 1.0, -1e160])))

    def test_bad_names(self):
        with pytest.raises(ValueError, match="names"):
            fit_summary(self.make(), names=["a"])
        with pytest.raises(TypeError, match="names"):
            fit_summary(self.make(), names="ab")


class TestAbsoluteSigma:
    """``absolute_sigma`` means what it means in ``curve_fit``."""

    t = np.linspace(0, 4, 12)
    sigma = np.linspace(0.05, 0.3, 12)

    @staticmethod
    def model(t, a, b, c):
        return a + b * np.exp(c * t)

    def jac(self, p):
        e = np.exp(p[2] * self.t)
        return np.column_stack([np.ones_like(self.t), e, p[1] * self.t * e])

    def data(self):
        rng = np.random.default_rng(11)
        return self.model(self.t, 0.5, 2.0, -1.3) + self.sigma * rng.standard_normal(self.t.size)

    @pytest.mark.parametrize("absolute", [False, True])
    def test_matches_curve_fit(self, absolute):
        y = self.data()
        popt, pcov = curve_fit(
            self.model,
            self.t,
            y,
            p0=[1.0, 1.0, -1.0],
            sigma=self.sigma,
            absolute_sigma=absolute,
            jac=lambda t, *p: self.jac(p),
            method="trf",
        )
        weighted = result(
            popt, (self.model(self.t, *popt) - y) / self.sigma, self.jac(popt) / self.sigma[:, None]
        )
        s = fit_summary(weighted, absolute_sigma=absolute)
        assert np.allclose(s.cov, pcov, rtol=1e-9, atol=0)
        assert np.allclose(s.stderr, np.sqrt(np.diag(pcov)), rtol=1e-9, atol=0)
        assert s.absolute_sigma is absolute

    def test_relation_between_the_two(self):
        y = self.data()
        popt, _ = curve_fit(self.model, self.t, y, p0=[1.0, 1.0, -1.0], sigma=self.sigma)
        weighted = result(
            popt, (self.model(self.t, *popt) - y) / self.sigma, self.jac(popt) / self.sigma[:, None]
        )
        scaled = fit_summary(weighted)
        absolute = fit_summary(weighted, absolute_sigma=True)
        # curve_fit's documented rule: pcov(False) = pcov(True) * chisq / (M - N)
        assert np.allclose(scaled.cov, absolute.cov * scaled.rss / scaled.dof, rtol=1e-12)
        assert absolute.residual_std == pytest.approx(scaled.residual_std)
        assert absolute.table().splitlines()[-1].startswith("absolute_sigma: cov = (JᵀJ)⁻¹")
        assert "absolute_sigma" not in scaled.table()
        assert absolute.to_html().count("<p>") == 2

    def test_exactly_determined_fit_is_allowed_only_with_absolute_sigma(self):
        jac = np.array([[2.0, 0.0], [0.0, 4.0]])
        s = fit_summary(result([1.0, 1.0], [0.0, 0.0], jac), absolute_sigma=True)
        assert np.allclose(s.stderr, [0.5, 0.25]) and s.dof == 0 and np.isnan(s.residual_std)
        with pytest.raises(ValueError, match="degrees of freedom.*absolute_sigma=True"):
            fit_summary(result([1.0, 1.0], [0.0, 0.0], jac))
        with pytest.raises(ValueError, match="degrees of freedom"):
            fit_summary(result([1.0, 1.0, 1.0], [0.0, 0.0], np.ones((2, 3))), absolute_sigma=True)

    @pytest.mark.parametrize("bad", ["yes", "False", 1, 0.0, None, np.array([True]), object()])
    def test_must_be_a_bool(self, bad):
        with pytest.raises(TypeError, match="absolute_sigma must be a bool"):
            fit_summary(result([1.0], [0.1, 0.2], [[1.0], [1.0]]), absolute_sigma=bad)

    def test_numpy_bool_is_a_bool(self):
        s = fit_summary(result([1.0], [0.1, 0.2], [[1.0], [1.0]]), absolute_sigma=np.True_)
        assert s.absolute_sigma is True


class TestSparseJacobian:
    """A sparse Jacobian is never made dense as a whole."""

    @staticmethod
    def problem(m, seed=5):
        rng = np.random.default_rng(seed)
        t = np.linspace(0, 1, m)
        dense = np.column_stack([np.ones(m), t, np.where(t > 0.5, t - 0.5, 0.0)])
        return dense, 0.1 * rng.standard_normal(m)

    def test_blockwise_qr_matches_the_dense_svd(self, monkeypatch):
        import helpers.summary as summary

        dense, fun = self.problem(3000)
        expected = fit_summary(result(np.ones(3), fun, dense))
        monkeypatch.setattr(summary, "_BLOCK_ENTRIES", 600)  # 200-row blocks: 15 of them
        for kind in (scipy.sparse.csr_matrix, scipy.sparse.csc_array, scipy.sparse.coo_array):
            got = fit_summary(result(np.ones(3), fun, kind(dense)))
            assert np.allclose(got.cov, expected.cov, rtol=1e-12, atol=0)
            assert np.allclose(got.corr, expected.corr, rtol=0, atol=1e-12)
            assert got.cond_scaled == pytest.approx(expected.cond_scaled, rel=1e-10)

    def test_large_problem_is_never_densified(self, monkeypatch):
        import helpers.summary as summary

        m = 300_000
        monkeypatch.setattr(summary, "_BLOCK_ENTRIES", 100_000)
        dense_calls = []
        original = scipy.sparse.csr_array.toarray

        def spy(self, *args, **kwargs):
            dense_calls.append(self.shape)
            return original(self, *args, **kwargs)

        monkeypatch.setattr(scipy.sparse.csr_array, "toarray", spy)
        t = np.linspace(0, 1, m)
        jac = scipy.sparse.csr_array(np.column_stack([np.ones(m), t]))
        fun = np.sin(37.0 * t) * 0.01
        s = fit_summary(result([0.0, 1.0], fun, jac))
        assert len(dense_calls) == 6 and max(r * c for r, c in dense_calls) <= 100_000
        # The straight-line fit's textbook standard errors.
        s2 = fun @ fun / (m - 2)
        sxx = np.sum((t - t.mean()) ** 2)
        assert s.stderr[1] == pytest.approx(np.sqrt(s2 / sxx), rel=1e-9)

    def test_too_many_parameters_is_refused_before_any_work(self):
        n = 100_000
        jac = scipy.sparse.eye_array(n + 1, n, format="csr")
        with pytest.raises(ValueError, match=r"result.x has 100000 parameters.*at most 2000"):
            fit_summary(result(np.zeros(n), np.zeros(n + 1), jac))

    def test_bad_sparse_input(self):
        jac = scipy.sparse.csr_array(np.array([[1.0, 0.0], [np.nan, 1.0], [1.0, 2.0]]))
        with pytest.raises(ValueError, match="result.jac must contain only finite"):
            fit_summary(result([1.0, 1.0], [0.1, 0.2, 0.3], jac))
        with pytest.raises(ValueError, match=r"result.jac must have shape .*\(3, 2\)"):
            fit_summary(result([1.0, 1.0], [0.1, 0.2, 0.3], scipy.sparse.eye_array(3)))
        zero_col = scipy.sparse.csr_array(np.array([[1.0, 0.0], [1.0, 0.0], [1.0, 0.0]]))
        with pytest.raises(ValueError, match=r"column\(s\) \[1\] are zero"):
            fit_summary(result([1.0, 1.0], [0.1, 0.2, 0.3], zero_col))
        cplx = scipy.sparse.csr_array(np.array([[1.0 + 1j, 0.0], [1.0, 1.0], [1.0, 2.0]]))
        with pytest.raises(TypeError, match="result.jac must be real"):
            fit_summary(result([1.0, 1.0], [0.1, 0.2, 0.3], cplx))

    def test_linear_operator_is_refused_by_name(self):
        from scipy.sparse.linalg import aslinearoperator

        op = aslinearoperator(np.ones((3, 2)))
        with pytest.raises(TypeError, match="result.jac is a LinearOperator"):
            fit_summary(result([1.0, 1.0], [0.1, 0.2, 0.3], op))

    def test_least_squares_with_sparse_jacobian(self):
        m = 2000
        t = np.linspace(0, 1, m)
        y = 1.0 + 2.0 * t + 0.01 * np.cos(50 * t)
        a = scipy.sparse.csr_array(np.column_stack([np.ones(m), t]))
        res = least_squares(lambda p: a @ p - y, [0.0, 0.0], jac=lambda p: a, tr_solver="lsmr")
        assert scipy.sparse.issparse(res.jac)
        dense = fit_summary(result(res.x, res.fun, res.jac.toarray()))
        assert np.allclose(fit_summary(res).stderr, dense.stderr, rtol=1e-12)


class TestExtremeScales:
    """Column norms never square into overflow or underflow (issue 13, root cause 9)."""

    @staticmethod
    def reference():
        a = np.column_stack([np.ones(6), np.arange(6.0)])
        fun = np.array([0.1, -0.2, 0.05, 0.1, -0.05, 0.02])
        return a, fun, fit_summary(result([1.0, 1.0], fun, a))

    @pytest.mark.parametrize(
        "col_scale, fun_scale",
        [(1e-170, 1e-85), (1e170, 1e85), (1e-300, 1e-150), (1e300, 1e150), (1e-320, 1e-170)],
    )
    def test_tiny_and_huge_columns_are_full_rank(self, col_scale, fun_scale):
        a, fun, ref = self.reference()
        d = np.array([col_scale, 1.0])
        s = fit_summary(result([1.0, 1.0], fun * fun_scale, a * d))
        # Rescaling parameter j by d_j divides its standard error by d_j; residuals scale s.
        assert np.allclose(s.stderr, ref.stderr * fun_scale / d, rtol=1e-12, atol=0)
        assert np.allclose(s.corr, ref.corr, rtol=0, atol=1e-13)
        assert s.cond_scaled == pytest.approx(ref.cond_scaled, rel=1e-12)
        assert np.all(np.isfinite(s.cov))

    def test_all_columns_and_residuals_tiny(self):
        a, fun, ref = self.reference()
        s = fit_summary(result([1.0, 1.0], fun * 1e-170, a * 1e-170))
        assert np.allclose(s.stderr, ref.stderr, rtol=1e-12)
        assert np.allclose(s.cov, ref.cov, rtol=1e-12)
        assert s.residual_std == pytest.approx(ref.residual_std * 1e-170, rel=1e-12)

    def test_unrepresentable_covariance_is_refused_by_name(self):
        a, fun, _ = self.reference()
        with pytest.raises(ValueError, match=r"covariance overflows float64.*'slope'.*result.jac"):
            fit_summary(result([1.0, 1.0], fun, a * [1.0, 1e-170]), names=["offset", "slope"])

    def test_rank_is_judged_after_scaling(self):
        a, fun, _ = self.reference()
        parallel = np.column_stack([a[:, 1] * 1e-170, a[:, 1] * 1e170])
        with pytest.raises(ValueError, match="rank deficient"):
            fit_summary(result([1.0, 1.0], fun, parallel))
