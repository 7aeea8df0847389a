"""Seed 004's 3-3-1 network with bias units: g(1−g), Δ accumulation and D = Δ/m + λθ vs the engine."""

import math

import numpy as np
import pytest

from autograd_lite.examples import bias_units as lesson


@pytest.fixture(scope="module")
def problem():
    return lesson.problem()


@pytest.mark.parametrize("z", [-2.0, 0.0, 0.7, 3.0])
def test_sigmoid_derivative_is_g_times_one_minus_g(z):
    engine, formula = lesson.sigmoid_derivative(z)
    g = 1 / (1 + math.exp(-z))
    assert engine == pytest.approx(g * (1 - g), rel=1e-12)
    assert formula == pytest.approx(g * (1 - g), rel=1e-12)


def test_shapes_are_the_seeds(problem):
    theta1, theta2, inputs, labels = problem
    assert theta1.shape == (3, 4)
    assert theta2.shape == (1, 4)
    assert inputs.shape == (4, 3)
    assert set(labels) <= {0.0, 1.0}


def test_seed_algorithm_equals_the_engine_with_l2_penalty(problem):
    d1, d2 = lesson.seed_algorithm(*problem)
    e1, e2 = lesson.engine_gradient(*problem)
    np.testing.assert_allclose(d1, e1, rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(d2, e2, rtol=1e-12, atol=1e-15)


def test_no_lambda_on_the_bias_column(problem):
    theta1, theta2, _, _ = problem
    d1, d2 = lesson.seed_algorithm(*problem, lam=0.1)
    d1_plain, d2_plain = lesson.seed_algorithm(*problem, lam=0.0)
    np.testing.assert_array_equal(d1[:, 0], d1_plain[:, 0])
    np.testing.assert_allclose(d1[:, 1:], d1_plain[:, 1:] + 0.1 * theta1[:, 1:], rtol=1e-12)
    np.testing.assert_allclose(d2[:, 1:], d2_plain[:, 1:] + 0.1 * theta2[:, 1:], rtol=1e-12)
    e2 = lesson.engine_gradient(*problem, lam=0.1)[1]
    assert e2[0, 0] == pytest.approx(d2_plain[0, 0], rel=1e-12)
    assert e2[0, 0] != pytest.approx(d2[0, 0] + 0.1 * theta2[0, 0])


def test_delta3_is_the_cross_entropy_error_not_the_squared_error(problem):
    theta1, theta2, inputs, labels = problem
    o = lesson.output_errors(theta1, theta2, inputs[0], float(labels[0]))
    assert o["cross_entropy"] == pytest.approx(o["seed_delta3"], rel=1e-12)
    a3 = o["a3"]
    assert o["half_squared"] == pytest.approx((a3 - labels[0]) * a3 * (1 - a3), rel=1e-12)
    assert abs(o["half_squared"] - o["seed_delta3"]) > 0.1


def test_elementwise_delta2_needs_the_g_prime_factor(problem):
    theta1, theta2, inputs, labels = problem
    o = lesson.output_errors(theta1, theta2, inputs[0], float(labels[0]))
    assert o["engine_delta2_1"] == pytest.approx(o["seed_delta2_1"] * o["g_prime_z2_1"], rel=1e-12)
    assert abs(o["engine_delta2_1"] - o["seed_delta2_1"]) > 0.05


def test_main_prints_d_and_the_engine(capsys):
    lesson.main()
    out = capsys.readouterr().out
    assert "D(2) = [-0.083051, -0.042599, -0.150223, 0.197474]" in out
    assert "∂J/∂Θ(2) by the engine = [-0.083051, -0.042599, -0.150223, 0.197474]" in out
