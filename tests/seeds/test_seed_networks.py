"""Seeds 000 §2.3, 003 and 004: small networks whose gradients the seeds write in closed form."""

import re
from itertools import pairwise

import numpy as np
import pytest

from autograd_lite.examples import four_equations, small_network, two_layer_sigmoid

# --- seed 000 §2.3 -----------------------------------------------------------------------------------


def test_small_network_closed_forms_equal_the_engine_to_machine_precision():
    _, engine = small_network.engine_gradients()
    formulas = small_network.closed_forms()
    assert set(engine) == set(formulas) == {"w2_11", "w2_21", "b2_1", "b2_2", "w3_11", "w3_12", "b3_1"}
    for name in engine:
        assert engine[name] == pytest.approx(formulas[name], rel=1e-14, abs=1e-17), name
        assert engine[name] != 0.0


def test_small_network_closed_forms_hold_at_other_points():
    for x, y in [(-2.0, 0.0), (3.0, 1.0), (0.0, 0.3)]:
        _, engine = small_network.engine_gradients(x, y)
        formulas = small_network.closed_forms(x, y)
        for name in engine:
            assert engine[name] == pytest.approx(formulas[name], rel=1e-13, abs=1e-17)


def test_small_network_mean_error_gradient_is_mean_of_gradients():
    by_engine, by_formula = small_network.mean_error_gradient([(0.5, 1.0), (-1.0, 0.0), (2.0, 1.0)])
    for name in by_engine:
        assert by_engine[name] == pytest.approx(by_formula[name], rel=1e-13, abs=1e-17)


def test_small_network_main_prints_the_table(capsys):
    small_network.main()
    out = capsys.readouterr().out
    assert "e = (y - ŷ)² = 0.185175" in out
    assert re.search(r"^\s+b3_1\s+-0\.210981\s+-0\.210981\s", out, re.MULTILINE)
    assert re.search(r"^\s+w2_11\s+-0\.0183202\s+-0\.0183202\s", out, re.MULTILINE)


# --- seed 003 ----------------------------------------------------------------------------------------


def test_seed_003_equations_a_and_b_equal_the_engine():
    r = two_layer_sigmoid.equations_a_b()
    assert r["engine_w2"] == pytest.approx(r["A"], rel=1e-14)
    assert r["engine_w1"] == pytest.approx(r["B"], rel=1e-14)
    assert r["A"] == pytest.approx(0.0936927, abs=1e-7)
    assert r["B"] == pytest.approx(0.0333611, abs=1e-7)


def test_seed_003_sigma_prime_belongs_at_z_not_at_a():
    r = two_layer_sigmoid.equations_a_b()
    assert r["sigma_prime_at_z2"] == pytest.approx(r["a2(1-a2)"], rel=1e-14)
    assert abs(r["sigma_prime_at_a2"] - r["sigma_prime_at_z2"]) > 0.01


def test_seed_003_gradient_descent_lowers_the_cost_every_step():
    history = two_layer_sigmoid.gradient_descent()
    assert len(history) == 51
    assert all(later < earlier for earlier, later in pairwise(history))
    assert history[0] == pytest.approx(0.230844, abs=1e-6)
    assert history[-1] < history[0] / 1000


def test_seed_003_main_prints_a_and_b(capsys):
    two_layer_sigmoid.main()
    out = capsys.readouterr().out
    assert re.search(r"\(A\) ∂C/∂w2\s+0\.0936927\s+0\.0936927", out)
    assert re.search(r"\(B\) ∂C/∂w1\s+0\.0333611\s+0\.0333611", out)
    assert "step 0: C = 0.2308   step 1: C = 0.1809" in out


# --- seed 000 §2.2, seed 002's theorem ---------------------------------------------------------------


@pytest.mark.parametrize("case", ["classification", "regression"])
def test_matrix_recursion_equals_the_engine_layer_by_layer(case):
    result = getattr(four_equations, case)()
    assert len(result["engine_dW"]) == 3
    for ew, eb, rw, rb in zip(result["engine_dW"], result["engine_db"], result["recursion_dW"], result["recursion_db"]):
        assert ew.shape == rw.shape
        np.testing.assert_allclose(ew, rw, rtol=1e-12, atol=1e-15)
        np.testing.assert_allclose(eb, rb, rtol=1e-12, atol=1e-15)
        assert np.any(ew != 0)
    np.testing.assert_allclose(result["engine_output"], result["recursion_output"], rtol=1e-14)


def test_multi_logit_output_delta_is_probabilities_minus_onehot():
    result = four_equations.classification(cls=2)
    z = result["recursion_output"]
    g = np.exp(z - z.max()) / np.exp(z - z.max()).sum()
    np.testing.assert_allclose(result["engine_db"][-1], g - np.eye(3)[2], rtol=1e-12, atol=1e-15)
    assert result["loss"] == pytest.approx(-np.log(g[2]), rel=1e-12)


def test_regression_output_delta_is_s_prime_times_twice_the_error():
    target = (0.2, 0.9, 0.5)
    result = four_equations.regression(target)
    g = result["recursion_output"]
    np.testing.assert_allclose(result["engine_db"][-1], g * (1 - g) * 2 * (g - np.array(target)), rtol=1e-12)


def test_four_equations_main_prints_both_deltas(capsys):
    four_equations.main()
    out = capsys.readouterr().out
    deltas = re.findall(r"^  (?:δᴸ|g − e_y|S'\(zᴸ\)).*?(\[.*\])$", out, re.MULTILINE)
    assert len(deltas) == 4
    assert deltas[0] == deltas[1]  # engine vs g − e_y
    assert deltas[2] == deltas[3]  # engine vs S'(z) ∘ 2(g − y)
