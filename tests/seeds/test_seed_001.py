"""Seed 001's 2→500→2 tanh/softmax network: the correct gradients, and each of the seed's errors shown as wrong."""

import math
import re

import numpy as np
import pytest

from autograd_lite.examples import tanh_softmax as lesson


@pytest.fixture(scope="module")
def net():
    return lesson.make_net()


def test_the_network_has_the_seeds_shapes(net):
    assert net.W1.shape == (2, 500)
    assert net.b1.shape == (500,)
    assert net.W2.shape == (500, 2)
    assert net.b2.shape == (2,)


def test_engine_gradients_equal_the_correct_matrix_formulas(net):
    engine = lesson.engine_gradients(net)
    right = lesson.correct_formulas(net)
    for name in ("W1", "b1", "W2", "b2"):
        assert engine[name].shape == right[name].shape
        np.testing.assert_allclose(engine[name], right[name], rtol=1e-12, atol=1e-15)
    assert float(engine["C"]) == pytest.approx(lesson.forward_numpy(net)["C"], rel=1e-12)


def test_output_delta_is_y_hat_minus_y(net):
    f = lesson.forward_numpy(net)
    np.testing.assert_allclose(lesson.engine_gradients(net)["b2"], f["y_hat"] - net.y, rtol=1e-12)


@pytest.mark.parametrize("z", [0.0, -0.309, 0.372, 3.0])
def test_eq6_is_wrong_and_the_engine_gives_sigma_times_one_minus_sigma(z):
    seed_value, engine_value = lesson.sigmoid_derivative(z)
    s = 1 / (1 + math.exp(-z))
    assert engine_value == pytest.approx(s * (1 - s), rel=1e-12)
    assert seed_value == pytest.approx(math.log(s) * math.log(1 - s), rel=1e-12)
    assert abs(seed_value - engine_value) > 0.1  # the seed's formula is far off


def test_eq6_at_zero_is_ln_half_squared_not_a_quarter():
    seed_value, engine_value = lesson.sigmoid_derivative(0.0)
    assert seed_value == pytest.approx(math.log(0.5) ** 2)  # 0.4805
    assert engine_value == 0.25


def test_eq7_holds_only_with_the_true_derivative(net):
    z = float(lesson.forward_numpy(net)["z2"][1])
    with_eq6, engine = lesson.eq7_with_eq6(z, 1.0)
    assert engine == pytest.approx(1.0 - 1 / (1 + math.exp(-z)), rel=1e-12)  # y − σ(z)
    assert abs(with_eq6 - engine) > 0.1


def test_eq10_is_wrong_the_derivative_is_w2(net):
    z2 = lesson.forward_numpy(net)["z2"]
    for j, (seed_value, engine_value, w) in zip([0, 1, 2, 499], lesson.dz2_da1(net, 1, [0, 1, 2, 499])):
        assert seed_value == pytest.approx(z2[1])
        assert engine_value == w == net.W2[j, 1]
        assert engine_value != pytest.approx(seed_value)


def test_eq10_carried_into_dw1_gives_a_wrong_gradient(net):
    wrong = lesson.dW1_with_eq10(net)
    assert np.max(np.abs(wrong - lesson.engine_gradients(net)["W1"])) > 1e-2


def test_a_descent_step_with_the_seeds_sign_raises_the_loss(net):
    steps = lesson.descent_steps(net)
    assert steps["seed"] > steps["before"] > steps["correct"]
    assert steps["before"] == pytest.approx(0.40944, abs=1e-5)


def test_main_prints_the_wrong_and_the_right_values(capsys):
    lesson.main()
    out = capsys.readouterr().out
    assert "ln σ·ln(1−σ)" in out
    assert re.search(r"^\s+0\s+0\.480453\s+0\.25\s+0\.25$", out, re.MULTILINE)  # eq. 6 at z = 0: seed, engine
    assert "∂z2/∂tanh(z1) is W2, not z2" in out
    assert "(the loss went up)" in out
    assert "(the loss went down)" in out


def test_seed_formulas_are_the_gradient_of_the_log_likelihood(net):
    seed = lesson.seed_formulas(net)
    ascent = lesson.engine_gradients(net, log_likelihood=True)
    descent = lesson.engine_gradients(net)
    for name in ("W1", "b1", "W2", "b2"):
        np.testing.assert_allclose(seed[name], ascent[name], rtol=1e-12, atol=1e-15)
        np.testing.assert_allclose(seed[name], -descent[name], rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(seed["b2"], net.y - lesson.forward_numpy(net)["y_hat"], rtol=1e-12)
