"""explain: ∂root/∂wrt as the sum over paths of products of local derivatives, equal to backward()'s number."""

import math
import re

import pytest
from random_graphs import random_graph

from autograd_lite import Value, explain, topological_order
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
    assert str(ex) == (
        "∂y/∂x = ∂y/∂n1 · ∂n1/∂x  +  ∂y/∂n1 · ∂n1/∂x  +  ∂y/∂x\n"
        "      = 1 · 3  +  1 · 3  +  1\n"
        "      = 3 + 3 + 1\n"
        "      = 7\n"
        "where n1 = x * x"
    )
    assert [p.product for p in ex.paths] == [3.0, 3.0, 1.0]
    assert float(ex) == 7.0


def polar():
    r, theta = Value(2.0, label="r"), Value(0.7, label="θ")
    x = r * theta.cos()
    x.label = "x"
    y = r * theta.sin()
    y.label = "y"
    f = x**2 + y**2
    f.label = "f"
    return f, theta


def test_the_polar_example_of_seed_000_section_1_3_sums_two_paths_to_zero():
    f, theta = polar()
    ex = explain(f, theta, form="full")
    assert ex.n_paths == 2
    lines = str(ex).splitlines()
    assert lines[0] == "∂f/∂θ = ∂f/∂n6 · ∂n6/∂x · ∂x/∂n2 · ∂n2/∂θ  +  ∂f/∂n7 · ∂n7/∂y · ∂y/∂n4 · ∂n4/∂θ"
    assert lines[2] == "      = (-3.942) + 3.942"  # each path's product: the two terms that cancel
    assert lines[3] == "      = 0"
    assert lines[4] == "where n6 = x ** 2, n2 = cos(θ), n7 = y ** 2, n4 = sin(θ)"
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
    [total] = [line for line in lines if line.startswith("∂y/∂x = ")]
    assert total.startswith("∂y/∂x = δ_n2 · ∂n2/∂x + δ_n1 · ∂n1/∂x = ")
    assert lines[-1].endswith("… (more unlabelled nodes: give them labels to see them)")
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
    assert len(str(ex)) < 700  # the path's line (~220) and a "where" line of at most naming.MAX_DEFINED names


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


def test_the_textbook_form_is_the_default_when_intermediate_nodes_are_labelled():
    f, theta = polar()
    ex = explain(f, theta)
    assert ex.form == "textbook"
    # ∂f/∂x = 2x = 2·2cos 0.7, ∂x/∂θ = −r sin θ: the notes' two terms, −3.942 and +3.942, cancel
    assert str(ex) == (
        "∂f/∂θ = ∂f/∂x · ∂x/∂θ  +  ∂f/∂y · ∂y/∂θ\n"
        "      = 3.059 · (-1.288)  +  2.577 · 1.53\n"
        "      = (-3.942) + 3.942\n"
        "      = 0\n"
        '(textbook form: through the labelled nodes x, y; form="full" shows every node)'
    )
    [(f1, x1, dfdx), (x2, t1, dxdt)], [(f2, y1, dfdy), (y2, t2, dydt)] = ex.textbook_terms()
    x, y = f.inputs[0].inputs[0], f.inputs[1].inputs[0]
    assert (f1, x1, x2, t1, f2, y1, y2, t2) == (f, x, x, theta, f, y, y, theta)
    assert dfdx == pytest.approx(2 * x.data)
    assert dfdy == pytest.approx(2 * y.data)
    assert dxdt == pytest.approx(-2.0 * math.sin(0.7))
    assert dydt == pytest.approx(2.0 * math.cos(0.7))


def test_seed_004_textbook_form_through_a_labelled_hidden_node():
    # seed 004's neuron: o = tanh(n), n = x1·w1 + x2·w2 + b, with n labelled: ∂o/∂w1 = ∂o/∂n · ∂n/∂w1
    x1, x2 = Value(2.0, label="x1"), Value(0.0, label="x2")
    w1, w2 = Value(-3.0, label="w1"), Value(1.0, label="w2")
    b = Value(6.8813735870195432, label="b")
    n = x1 * w1 + x2 * w2 + b
    n.label = "n"
    o = n.tanh()
    o.label = "o"
    ex = explain(o, w1)
    assert ex.form == "textbook"
    assert str(ex).splitlines()[0] == "∂o/∂w1 = ∂o/∂n · ∂n/∂w1 = 0.5 · 2 = 1"
    o.backward()
    assert ex.value == w1.grad == pytest.approx(1.0)


def test_the_full_form_stays_available_and_gives_the_same_number():
    f, theta = polar()
    assert explain(f, theta, form="full").form == "full"
    assert explain(f, theta, form="full").value == explain(f, theta).value


TERM = re.compile(r"\(?(-?[0-9.e+-]+|inf|nan)\)?")


@pytest.mark.parametrize("seed", range(30))
@pytest.mark.parametrize("form", ["auto", "full"])
def test_random_graphs_printed_terms_sum_to_the_grad_and_every_name_is_defined(seed, form):
    root, leaves = random_graph(seed, n_ops=12)
    for v in topological_order(root)[4::3]:
        v.label = v.label or f"h{v._id}"  # label some intermediate nodes: the textbook form
    root.backward()
    for leaf in leaves:
        ex = explain(root, leaf, form=form)
        text = str(ex)
        assert_names_defined(text, root)
        if ex.form == "grouped" or not ex.n_paths or len(ex.paths) == 1:
            continue
        sums = [line for line in text.splitlines() if re.fullmatch(r" +=( \(?-?[\d.e+-]+\)?( \+|$))+", line)]
        per_path = re.findall(r"^  ∂.* = (\S+)$", text, re.MULTILINE)  # the long form: one path per line
        printed = [float(t.strip("()")) for t in sums[0].split("= ")[1].split(" + ")] if sums else per_path
        printed = printed or [text.splitlines()[0].rsplit("= ", 1)[1]]  # one term: the textbook form joined paths
        total = math.fsum(map(float, printed))
        assert total == pytest.approx(leaf.grad, rel=1e-3, abs=1e-3 * max(abs(float(t)) for t in printed)), text


def assert_names_defined(text, root):
    """Every automatic name n<k> (and out) in text is defined on its "where" line."""
    labels = {v.label for v in topological_order(root) if v.label}
    defined = set(re.findall(r"(?<![\w∂/])(n\d+'*|out) = ", text.split("\nwhere ", 1)[-1]))
    for name in re.findall(r"(?<![\w])(n\d+'*|out)(?![\w])", text):
        assert name in labels or name in defined, f"{name} undefined in:\n{text}"
