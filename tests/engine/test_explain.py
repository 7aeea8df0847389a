"""explain: ∂root/∂wrt as the sum over paths of products of local derivatives, equal to backward()'s number."""

import math

import pytest
from random_graphs import random_graph

from autograd_lite import Value, explain
from autograd_lite.explain import MAX_LISTED_PATHS


def test_one_path_reads_like_the_lecture_notes():
    a, b, c = Value(-12, label="a"), Value(14, label="b"), Value(-10, label="c")
    d = a + b
    d.label = "d"
    e = d * c
    e.label = "e"
    assert str(explain(e, a)) == "∂e/∂a = ∂e/∂d · ∂d/∂a = -10 · 1 = -10"
    assert str(explain(e, c)) == "∂e/∂c = 2, the local derivative of e = d * c"
    assert explain(e, a).value == -10.0
    assert explain(e, a).n_paths == 1
    [path] = explain(e, a).paths
    assert path.nodes == (e, d, a)
    assert path.local_grads == (-10.0, 1.0)
    assert path.product == -10.0


def test_a_node_used_twice_shows_every_path_and_their_sum():
    x = Value(3.0, label="x")
    y = x * x + x
    y.label = "y"
    ex = explain(y, x)
    assert str(ex) == "∂y/∂x = ∂y/∂n1 · ∂n1/∂x  +  ∂y/∂n1 · ∂n1/∂x  +  ∂y/∂x\n      = 1 · 3  +  1 · 3  +  1\n      = 7"
    assert [p.product for p in ex.paths] == [3.0, 3.0, 1.0]
    assert float(ex) == 7.0


def test_the_polar_example_of_seed_000_section_1_3_sums_two_paths_to_zero():
    r, theta = Value(2.0, label="r"), Value(0.7, label="θ")
    x = r * theta.cos()
    x.label = "x"
    y = r * theta.sin()
    y.label = "y"
    f = x**2 + y**2
    f.label = "f"
    ex = explain(f, theta)
    assert ex.n_paths == 2
    lines = str(ex).splitlines()
    assert lines[0] == "∂f/∂θ = ∂f/∂n6 · ∂n6/∂x · ∂x/∂n2 · ∂n2/∂θ  +  ∂f/∂n7 · ∂n7/∂y · ∂y/∂n4 · ∂n4/∂θ"
    # (2x)·(r·(−sin θ)) + (2y)·(r·cos θ) = 0, up to rounding
    assert ex.paths[0].product == pytest.approx(-ex.paths[1].product, rel=1e-12)
    assert abs(ex.value) < 1e-12


@pytest.mark.parametrize("seed", range(40))
def test_the_value_is_exactly_what_backward_gives_and_the_paths_sum_to_it(seed):
    root, leaves = random_graph(seed)
    root.backward()
    for leaf in leaves:
        ex = explain(root, leaf, max_paths=10_000)
        assert ex.value == leaf.grad  # the same float operations in the same order as backward()
        if ex.n_paths > MAX_LISTED_PATHS:  # the hard ceiling, whatever max_paths says (3 of these 40 graphs)
            assert ex.grouped
            assert ex.paths == []
            continue
        if ex.n_paths:
            assert math.fsum(p.product for p in ex.paths) == pytest.approx(leaf.grad, rel=1e-9, abs=1e-12)
        assert len(ex.paths) == ex.n_paths


@pytest.mark.parametrize("seed", range(10))
def test_grouping_by_node_gives_the_same_value(seed):
    root, leaves = random_graph(seed, n_ops=40)
    root.backward()
    for leaf in leaves:
        ex = explain(root, leaf, max_paths=1)
        assert ex.value == leaf.grad
        if ex.n_paths > 1:
            assert ex.grouped
            assert ex.paths == []
            assert "δ form" in str(ex)


@pytest.mark.timeout(60)  # a hang guard: listing 2^200 paths would never end
def test_exponentially_many_paths_are_grouped_by_node_and_never_hang():
    x = Value(1.5, label="x")
    y = x
    for _ in range(200):  # y + y doubles the paths: 2^200 of them
        y = y * 1.0 + y
    y.label = "y"
    ex = explain(y, x)
    text = str(ex)
    assert ex.grouped
    assert ex.value == 2.0**200
    lines = text.splitlines()
    assert lines[0] == "∂y/∂x: more than 10^18 paths lead from y to x, more than max_paths=20 to list one by one."
    assert "δ form of seed 000 §2.2" in lines[1]
    assert lines[3] == "  δ_y = 1"
    assert "more nodes)" in text
    assert lines[-1].startswith("∂y/∂x = δ_n2 · ∂n2/∂x + δ_n1 · ∂n1/∂x = ")
    assert len(lines) < 40


def test_a_long_chain_is_one_path_shown_with_its_middle_elided():
    x = Value(0.5, label="x")
    y = x
    for _ in range(100_000):
        y = y * 1.0
    ex = explain(y, x)
    assert ex.n_paths == 1
    assert len(ex.paths[0].local_grads) == 100_000
    assert "… (99992 more)" in str(ex)
    assert len(str(ex)) < 400


def test_no_path_and_the_root_itself():
    a, b = Value(1.0, label="a"), Value(2.0, label="b")
    c = a * 3
    c.label = "c"
    assert str(explain(c, b)) == "∂c/∂b = 0: c does not depend on b (no path leads from c to b)"
    assert explain(c, b).value == 0.0
    assert explain(c, b).n_paths == 0
    assert str(explain(c, c)) == "∂c/∂c = 1 (a node with respect to itself)"
    assert explain(c, c).value == 1.0


def test_bad_arguments_are_named():
    x = Value(1.0)
    with pytest.raises(TypeError, match="wrt must be a Value, got float"):
        explain(x, 1.0)
    with pytest.raises(ValueError, match="max_paths must be a positive int, got 0"):
        explain(x, x, max_paths=0)
