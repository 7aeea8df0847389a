"""Seed 002's saturation, seed 000 §2.4: vanishing and exploding gradients, finite differences vs backprop."""

import math

import pytest

from autograd_lite.examples import finite_differences, saturation


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
    assert "2.06115e-9" in out  # σ'(20)
    assert "3325.26" in out  # 1.5^20


# --- seed 000 §2.4: finite differences ---------------------------------------------------------------


def test_gradcheck_agrees_on_the_small_network_and_counts_two_passes_per_input():
    report = finite_differences.check_small_network()
    assert report
    assert len(report.rows) == 7
    assert report.forward_passes == 14
    assert max(row.abs_err for row in report.rows) < 1e-9


def test_finite_differences_cost_two_forward_passes_per_parameter():
    c = finite_differences.cost(4)
    assert c["n"] == 2 * 4 + 4 + 4 * 4 + 4 + 4 + 1  # 37 weights and biases
    assert c["difference_passes"] == 2 * c["n"]
    assert c["backprop_passes"] == 1
    assert c["max_abs_difference"] < 1e-8


def test_difference_quotient_error_has_truncation_and_rounding_sides():
    rows = {round(-math.log10(eps)): (one, central) for eps, one, central in finite_differences.accuracy()}
    assert rows[1][0] > 1e-3
    assert rows[1][1] > 1e-6
    assert rows[1][1] < rows[1][0]  # the central quotient is a better formula
    assert min(central for _, central in rows.values()) < 1e-10
    assert min(one for one, _ in rows.values()) < 1e-8
    assert rows[13][0] > 1e-6
    assert rows[13][1] > 1e-6
    assert rows[5][1] < rows[13][1]
