"""Seed 002's saturation and seed 000 §2.4: vanishing and exploding gradients."""

import math

import pytest
from autograd_lite.examples import saturation


@pytest.mark.parametrize("z", saturation.ZS)
def test_local_derivatives_of_sigmoid_and_relu(z):
    sigmoid_prime, relu_prime = saturation.local_derivatives(z)
    s = 1 / (1 + math.exp(-z))
    assert sigmoid_prime == pytest.approx(s * (1 - s), rel=1e-12)
    assert relu_prime == (1.0 if z > 0 else 0.0)


def test_sigmoid_derivative_decays_exponentially():
    assert saturation.local_derivatives(0.0)[0] == 0.25
    assert saturation.local_derivatives(20.0)[0] < 3e-9
    assert saturation.local_derivatives(20.0)[0] == pytest.approx(math.exp(-20), rel=1e-6)


@pytest.mark.parametrize("depth", saturation.DEPTHS)
def test_gradient_through_a_sigmoid_chain_is_below_a_quarter_to_the_depth(depth):
    assert 0 < saturation.chain_gradient(depth, "sigmoid") < 0.25**depth
    assert saturation.chain_gradient(depth, "relu") == 1.0


def test_sigmoid_chain_gradient_vanishes():
    assert saturation.chain_gradient(20, "sigmoid") < 1e-12


def test_linear_chain_with_weight_above_one_explodes_exactly():
    for depth in saturation.DEPTHS:
        assert saturation.chain_gradient(depth, None, weight=1.5) == pytest.approx(1.5**depth, rel=1e-12)


def test_saturation_main_prints_the_tables(capsys):
    saturation.main()
    out = capsys.readouterr().out
    assert "2.06115e-09" in out  # σ'(20)
    assert "3325.26" in out  # 1.5^20
