from __future__ import annotations

import numpy as np
import pytest

from helpers import data

X = np.r_[-10:10:0.5]
BASIS = [lambda x: x**3, np.sin]


class TestBasisSignal:
    def test_noise_free_signal_is_the_linear_combination(self):
        y = data.basis_signal(X, BASIS, [2, 2])
        assert np.allclose(y, 2 * X**3 + 2 * np.sin(X))

    def test_scale_to_max_makes_the_clean_peak_one(self):
        y = data.basis_signal(X, BASIS, [2, 2], scale_to_max=True)
        assert np.isclose(np.max(np.abs(y)), 1.0)
        assert np.allclose(y, (2 * X**3 + 2 * np.sin(X)) / np.max(np.abs(2 * X**3 + 2 * np.sin(X))))

    def test_noise_has_the_requested_spread(self):
        x = np.linspace(0, 1, 20000)
        y = data.basis_signal(x, [np.ones_like], [0.0], noise=0.3, rng=1)
        assert abs(np.std(y) - 0.3) < 0.01 and abs(np.mean(y)) < 0.01

    def test_same_seed_same_data_and_generator_accepted(self):
        a = data.basis_signal(X, BASIS, [2, 2], noise=0.1, rng=5)
        b = data.basis_signal(X, BASIS, [2, 2], noise=0.1, rng=np.random.default_rng(5))
        c = data.basis_signal(X, BASIS, [2, 2], noise=0.1, rng=6)
        assert np.array_equal(a, b) and not np.array_equal(a, c)

    def test_global_random_state_untouched(self):
        # The legacy global state is what must stay untouched, so it is used on purpose.
        np.random.seed(0)  # noqa: NPY002
        expected = np.random.random()  # noqa: NPY002
        np.random.seed(0)  # noqa: NPY002
        data.basis_signal(X, BASIS, [2, 2], noise=0.1, rng=3)
        assert np.random.random() == expected  # noqa: NPY002

    def test_scalar_basis_function_is_broadcast(self):
        y = data.basis_signal([1.0, 2.0], [lambda x: 1.0], [3.0])
        assert np.array_equal(y, [3.0, 3.0])

    @pytest.mark.parametrize(
        "kwargs, exc, words",
        [
            (dict(coef=[1.0]), ValueError, "coef must have one entry per basis function (2)"),
            (dict(noise=-0.1), ValueError, "noise must be >= 0"),
            (dict(x=[[1.0, 2.0]]), ValueError, "x must be 1-D"),
            (dict(x=[1.0, np.nan]), ValueError, "x must contain only finite"),
            (dict(basis=[np.sin, "cos"]), TypeError, "basis[1] must be callable"),
            (dict(basis=np.sin), TypeError, "basis must be a sequence"),
            (dict(rng="seed"), TypeError, "rng must be an int seed"),
            (dict(rng=-1), ValueError, "rng must be a non-negative"),
            (dict(scale_to_max="yes"), TypeError, "scale_to_max must be a bool"),
            (dict(coef=[0.0, 0.0], scale_to_max=True), ValueError, "zero everywhere"),
            (dict(basis=[np.log, np.sin]), ValueError, "basis[0] returned non-finite"),
            (dict(x=["a", "b"]), TypeError, "x must be array-like of real numbers"),
        ],
    )
    def test_bad_input(self, kwargs, exc, words):
        args = dict(x=X, basis=BASIS, coef=[2, 2])
        args.update(kwargs)
        x, basis, coef = args.pop("x"), args.pop("basis"), args.pop("coef")
        with pytest.raises(exc) as info:
            data.basis_signal(x, basis, coef, **args)
        assert words in str(info.value)


class TestExpDecay:
    T = np.linspace(0, 10, 15)

    def test_noise_free_is_the_model(self):
        y = data.exp_decay(self.T, 0.5, 2.0, -1.0, noise=0.0)
        assert np.allclose(y, 0.5 + 2.0 * np.exp(-self.T))

    def test_exact_number_of_distinct_outliers(self):
        for seed in range(50):
            y, idx = data.exp_decay(self.T, n_outliers=3, rng=seed, return_outliers=True)
            assert len(idx) == 3 and len(set(idx.tolist())) == 3
            assert np.all(np.diff(idx) > 0) and idx.min() >= 0 and idx.max() < self.T.size

    def test_outliers_are_the_scaled_errors(self):
        y0 = data.exp_decay(self.T, n_outliers=0, rng=7)
        y, idx = data.exp_decay(
            self.T, n_outliers=4, outlier_scale=10.0, rng=7, return_outliers=True
        )
        clean = 0.5 + 2.0 * np.exp(-self.T)
        err0, err = y0 - clean, y - clean
        assert np.allclose(err[idx], 10.0 * err0[idx])
        others = np.setdiff1d(np.arange(self.T.size), idx)
        assert np.allclose(err[others], err0[others])

    def test_all_points_may_be_outliers(self):
        _, idx = data.exp_decay(self.T, n_outliers=15, rng=0, return_outliers=True)
        assert np.array_equal(idx, np.arange(15))

    @pytest.mark.parametrize(
        "kwargs, exc, words",
        [
            (
                dict(n_outliers=16),
                ValueError,
                "n_outliers must be at most the number of points (15)",
            ),
            (dict(n_outliers=-1), ValueError, "n_outliers must be >= 0"),
            (dict(n_outliers=2.0), TypeError, "n_outliers must be an int"),
            (dict(noise=-1.0), ValueError, "noise must be >= 0"),
            (dict(outlier_scale=0.0), ValueError, "outlier_scale must be > 0"),
            (dict(c=np.inf), ValueError, "c must be finite"),
            (dict(a="1"), TypeError, "a must be a real number"),
            (dict(c=100.0), ValueError, "exp(c * t) overflows"),
        ],
    )
    def test_bad_input(self, kwargs, exc, words):
        with pytest.raises(exc) as info:
            data.exp_decay(self.T, **kwargs)
        assert words in str(info.value)


class TestNormalSample:
    def test_moments_and_seed(self):
        s = data.normal_sample(20000, mean=3.0, std=2.0, rng=0)
        assert s.shape == (20000,)
        assert abs(s.mean() - 3.0) < 0.05 and abs(s.std() - 2.0) < 0.05
        assert np.array_equal(s, data.normal_sample(20000, mean=3.0, std=2.0, rng=0))

    @pytest.mark.parametrize(
        "kwargs, exc, words",
        [
            (dict(n=0), ValueError, "n must be >= 1"),
            (dict(n=2.5), TypeError, "n must be an int"),
            (dict(n=5, std=-1.0), ValueError, "std must be > 0"),
            (dict(n=5, mean=np.nan), ValueError, "mean must be finite"),
        ],
    )
    def test_bad_input(self, kwargs, exc, words):
        with pytest.raises(exc) as info:
            data.normal_sample(**kwargs)
        assert words in str(info.value)


class TestNoisyLine:
    def test_exact_without_noise(self):
        assert np.array_equal(data.noisy_line([0, 1, 2, 3], 2, 1), [1.0, 3.0, 5.0, 7.0])

    def test_noise_is_seeded(self):
        a = data.noisy_line(np.arange(10.0), 1, 0, noise=0.5, rng=2)
        assert np.array_equal(a, data.noisy_line(np.arange(10.0), 1, 0, noise=0.5, rng=2))
        assert not np.array_equal(a, np.arange(10.0))

    @pytest.mark.parametrize(
        "args, kwargs, exc, words",
        [
            (([0, 1], 1, 0), dict(noise=-1), ValueError, "noise must be >= 0"),
            (([0, np.inf], 1, 0), {}, ValueError, "x must contain only finite"),
            (([], 1, 0), {}, ValueError, "x must have at least 1"),
            (([0, 1], None, 0), {}, TypeError, "slope must be a real number"),
            (([0, 1], 1, 0j), {}, TypeError, "intercept must be a real number"),
            (([0, 1j], 1, 0), {}, TypeError, "x must be real"),
        ],
    )
    def test_bad_input(self, args, kwargs, exc, words):
        with pytest.raises(exc) as info:
            data.noisy_line(*args, **kwargs)
        assert words in str(info.value)
