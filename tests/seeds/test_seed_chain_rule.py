"""Seed 000 §2.1 and §1.3, seed 004 Figure 6: the chain rule with the seeds' numbers."""

import math
import re

import pytest

from autograd_lite import Stepper, explain
from autograd_lite.examples import chain_rule, polar


@pytest.mark.parametrize(("x", "y", "z"), [(1.0, 2.0, 3.0), (-4.0, 0.5, -7.0), (0.0, 0.0, 2.5)])
def test_df_dx_is_z(x, y, z):
    f, dfdx = chain_rule.f_and_df_dx(x, y, z)
    assert f == (x + y) * z
    assert dfdx == z


def test_figure_6_forward_and_backward_are_the_seeds_numbers():
    nodes = chain_rule.figure_6()
    assert nodes["d"].data == 2.0
    assert nodes["e"].data == -20.0
    assert nodes["a"].grad == -10.0
    assert nodes["b"].grad == -10.0
    assert nodes["c"].grad == 2.0
    assert nodes["d"].grad == -10.0


def test_figure_6_stepper_transcript_is_the_seeds_chain_rule():
    steps = Stepper(chain_rule.circuit()["e"]).run()
    lines = [line for step in steps for line in str(step).splitlines()]
    assert "∂e/∂a += ∂e/∂d · ∂(a + b)/∂a = -10 · 1 = -10" in lines
    assert "∂e/∂b += ∂e/∂d · ∂(a + b)/∂b = -10 · 1 = -10" in lines
    assert any(line.startswith("∂e/∂c += ∂e/∂e · ∂(d * c)/∂c") and line.endswith("= 2") for line in lines)


def test_nudges_show_a_and_b_matter_more_than_c():
    moved = chain_rule.nudges(0.01)
    assert moved["a"] == pytest.approx(-0.1)
    assert moved["b"] == pytest.approx(-0.1)
    assert moved["c"] == pytest.approx(0.02)


def test_chain_rule_main_prints_the_transcript(capsys):
    chain_rule.main()
    out = capsys.readouterr().out
    assert "d = a + b = 2   e = d·c = -20" in out
    assert "∂e/∂a += ∂e/∂d · ∂(a + b)/∂a = -10 · 1 = -10" in out
    assert "∂e/∂a = -10,  ∂e/∂b = -10,  ∂e/∂c = 2" in out


def test_chain_rule_main_saves_the_diagram_and_walkthrough(tmp_path, capsys):
    chain_rule.main(tmp_path)
    svg = (tmp_path / "chain_rule.svg").read_text(encoding="utf-8")
    assert svg.lstrip().startswith(("<?xml", "<svg"))
    assert "<html" in (tmp_path / "chain_rule.html").read_text(encoding="utf-8").lower()
    assert "<svg" in (tmp_path / "chain_rule_step1.svg").read_text(encoding="utf-8")
    assert str(tmp_path / "chain_rule.svg") in capsys.readouterr().out


def test_polar_gradients_are_zero_and_2r():
    nodes = polar.polar(2.0, math.pi / 6)
    assert nodes["θ"].grad == 0.0  # exactly, at this point
    assert nodes["r"].grad == 4.0


@pytest.mark.parametrize(("r", "theta"), [(3.0, 1.0), (0.5, 2.0), (1.7, -0.4)])
def test_polar_gradients_elsewhere(r, theta):
    nodes = polar.polar(r, theta)
    assert nodes["θ"].grad == pytest.approx(0.0, abs=1e-14 * r * r)
    assert nodes["r"].grad == pytest.approx(2 * r, rel=1e-14)


def test_polar_two_paths_cancel_in_explain():
    nodes = polar.polar()
    why = explain(nodes["f"], nodes["θ"])
    assert len(why.paths) == 2
    products = sorted(path.product for path in why.paths)
    via_x, via_y = polar.path_terms()
    assert products == pytest.approx(sorted([via_x, via_y]), rel=1e-14)
    assert via_x == pytest.approx(-2 * math.sqrt(3), rel=1e-14)
    assert why.value == nodes["θ"].grad == 0.0


def test_polar_main_prints_the_cancelling_paths(capsys):
    polar.main()
    out = capsys.readouterr().out
    assert "engine: ∂f/∂θ = 0   ∂f/∂r = 4 (= 2r)" in out
    assert re.search(r"path through x contributes -3\.4641, the path through y 3\.4641", out)
    assert "∂f/∂θ = ∂f/∂x²" in out
