"""Toy data sets: shapes, labels, geometry, seeds, errors."""

import numpy as np
import pytest

from autograd_lite.nn import make_circles, make_moons, make_spirals, make_xor

MAKERS = [make_moons, make_circles, make_xor, make_spirals]


@pytest.mark.parametrize("make", MAKERS)
def test_shapes_types_and_seeds(make):
    X, y = make(101, noise=0.1, seed=4)  # noqa: N806
    assert X.shape == (101, 2)
    assert X.dtype == np.float64
    assert y.shape == (101,)
    assert y.dtype == np.int64
    assert set(y.tolist()) == {0, 1}
    X2, y2 = make(101, noise=0.1, seed=4)  # noqa: N806
    assert np.array_equal(X, X2)
    assert np.array_equal(y, y2)
    assert not np.array_equal(X, make(101, noise=0.1, seed=5)[0])


@pytest.mark.parametrize("make", [make_moons, make_circles, make_spirals])
def test_classes_are_balanced_and_shuffled(make):
    _, y = make(101, seed=0)
    assert np.bincount(y).tolist() == [51, 50]
    assert (np.diff(y) < 0).any()  # shuffled: not all of class 0 first


def test_moons_without_noise_lie_on_two_half_circles():
    X, y = make_moons(200, seed=0)  # noqa: N806
    top, bottom = X[y == 0], X[y == 1]
    assert np.allclose(np.hypot(top[:, 0], top[:, 1]), 1.0)
    assert (top[:, 1] >= -1e-12).all()
    assert np.allclose(np.hypot(bottom[:, 0] - 1.0, bottom[:, 1] - 0.5), 1.0)
    assert (bottom[:, 1] <= 0.5 + 1e-12).all()


def test_circles_radii_and_xor_signs():
    X, y = make_circles(100, seed=0, factor=0.3)  # noqa: N806
    radius = np.hypot(X[:, 0], X[:, 1])
    assert np.allclose(radius[y == 0], 1.0)
    assert np.allclose(radius[y == 1], 0.3)
    X, y = make_xor(200, seed=0)  # noqa: N806
    assert np.array_equal(y, (np.sign(X[:, 0]) != np.sign(X[:, 1])).astype(int))
    assert np.abs(X).max() <= 1.0


def test_spirals_with_more_classes():
    X, y = make_spirals(99, seed=0, n_classes=3)  # noqa: N806
    assert np.bincount(y).tolist() == [33, 33, 33]
    assert np.hypot(X[:, 0], X[:, 1]).max() == pytest.approx(1.0)


def test_noise_is_gaussian_with_the_given_std():
    clean, _ = make_circles(4000, seed=1)
    noisy, _ = make_circles(4000, noise=0.2, seed=1)
    assert np.std(noisy - clean) == pytest.approx(0.2, rel=0.05)


def test_bad_arguments_are_named():
    with pytest.raises(ValueError, match="n_samples must be an integer ≥ 2"):
        make_moons(1)
    with pytest.raises(ValueError, match=r"noise is a standard deviation ≥ 0, got -0\.1"):
        make_moons(10, noise=-0.1)
    with pytest.raises(ValueError, match="inner radius"):
        make_circles(10, factor=1.5)
    with pytest.raises(ValueError, match="n_classes must be an integer ≥ 2, got 1"):
        make_spirals(10, n_classes=1)
    with pytest.raises(ValueError, match="n_samples"):
        make_xor(10.5)


@pytest.mark.parametrize("make", MAKERS)
def test_the_same_call_returns_the_same_data_and_seed_none_is_fresh(make):
    """Found by outside tests: two calls without a seed gave different data."""
    X1, y1 = make(50, noise=0.2)  # noqa: N806
    X2, y2 = make(50, noise=0.2)  # noqa: N806
    assert np.array_equal(X1, X2)
    assert np.array_equal(y1, y2)
    assert np.array_equal(X1, make(50, noise=0.2, seed=0)[0])  # the default seed is 0
    assert not np.array_equal(make(50, noise=0.2, seed=None)[0], make(50, noise=0.2, seed=None)[0])
