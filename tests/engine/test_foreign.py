"""from_micrograd: graphs of micrograd 0.1.0's Value and of the lecture's own class, read into our Values."""

import math
import random

import lecture
import pytest
from micrograd import nn as micrograd_nn
from micrograd.engine import Value as MicrogradValue

from autograd_lite import Value, from_micrograd
from autograd_lite.foreign import read_graph
from autograd_lite.graph import topological_order


def micrograd_nodes(root):
    """Every node of a micrograd-style graph (iterative)."""
    seen, stack = {id(root): root}, [root]
    while stack:
        for x in stack.pop()._prev:
            if id(x) not in seen:
                seen[id(x)] = x
                stack.append(x)
    return list(seen.values())


def snapshot(root):
    """Everything a reader could change: each node's data, grad, inputs and op."""
    return [(id(v), v.data, v.grad, {id(x) for x in v._prev}, v._op) for v in micrograd_nodes(root)]


def sanity_graph(value_class):
    """micrograd's test_sanity_check expression; returns (x, y)."""
    x = value_class(-4.0)
    z = 2 * x + 2 + x
    q = z.relu() + z * x
    h = (z * z).relu()
    y = h + q + q * x
    return x, y


def more_ops_graph(value_class):
    """micrograd's test_more_ops expression (its in-place += rebinds names to new nodes); returns (a, b, g)."""
    a = value_class(-4.0)
    b = value_class(2.0)
    c = a + b
    d = a * b + b**3
    c += c + 1
    c += 1 + c + (-a)
    d += d * 2 + (b + a).relu()
    d += 3 * d + (b - a).relu()
    e = c - d
    f = e**2
    g = f / 2.0
    g += 10.0 / f
    return a, b, g


@pytest.mark.parametrize("build", [sanity_graph, more_ops_graph])
def test_micrograd_graphs_give_micrograds_gradients(build):
    """micrograd's own test_engine.py expressions (micrograd checks itself against torch there)."""
    *leaves, root = build(MicrogradValue)
    copy = read_graph(root, "test")
    copy.root.backward()
    root.backward()
    assert copy.root.data == root.data
    for leaf in leaves:
        assert copy.copy_of(leaf).grad == pytest.approx(leaf.grad, rel=1e-12)


def test_ops_are_read_as_ours():
    x = MicrogradValue(3.0)
    y = ((x * 2 + 1).relu() ** 2) / x
    ours = from_micrograd(y)
    assert ours.op == "*"
    ops = sorted(v.op for v in topological_order(ours) if v.op)
    assert ops == ["*", "*", "**", "**", "+", "relu"]  # a / b is a * b**-1 in micrograd
    ours.backward()
    x_copy = next(v for v in topological_order(ours) if v.data == 3.0 and not v.inputs)
    assert x_copy.grad == pytest.approx(2 * 7 * 2 / 3 - 49 / 9, rel=1e-12)  # d/dx (2x+1)²/x


def test_a_node_used_twice_counts_twice():
    """micrograd keeps `_prev` as a set: a * a and a + a list a once, and both uses still count."""
    a = MicrogradValue(3.0)
    square, double = a * a, a + a
    assert len(square._prev) == len(double._prev) == 1
    s, d = from_micrograd(square), from_micrograd(double)
    assert s.inputs == (s.inputs[0],) * 2
    assert s.local_grads == (3.0, 3.0)
    assert d.local_grads == (1.0, 1.0)
    s.backward()
    assert s.inputs[0].grad == 6.0


def test_data_labels_and_grads_are_copied_and_ints_become_floats():
    random.seed(1337)
    neuron = micrograd_nn.Neuron(2)  # its bias is Value(0), an int; grads start as the int 0
    out = neuron([MicrogradValue(1.0), MicrogradValue(-2.0)])
    out.backward()
    graph = read_graph(out, "test")
    for p in neuron.parameters():
        copy = graph.copy_of(p)
        assert copy.data == p.data
        assert type(copy.data) is float
        assert copy.grad == p.grad
        assert type(copy.grad) is float
    fresh = read_graph(out, "test", keep_grads=False)
    assert all(v.grad == 0.0 for v in topological_order(fresh.root))


def lecture_neuron(value_class, tanh_by_exp):
    """The lecture's neuron, cells 9 and 11 of its second half: o = tanh(n), or (e − 1)/(e + 1) with e = exp(2n)."""
    x1, x2 = value_class(2.0, label="x1"), value_class(0.0, label="x2")
    w1, w2 = value_class(-3.0, label="w1"), value_class(1.0, label="w2")
    b = value_class(6.8813735870195432, label="b")
    n = x1 * w1 + x2 * w2 + b
    if tanh_by_exp:
        e = (2 * n).exp()
        return [x1, x2, w1, w2, b], (e - 1) / (e + 1)
    return [x1, x2, w1, w2, b], n.tanh()


@pytest.mark.parametrize("tanh_by_exp", [False, True])
def test_the_lecture_class_tanh_and_exp(tanh_by_exp):
    leaves, o = lecture_neuron(lecture.Value, tanh_by_exp)
    graph = read_graph(o, "test")
    graph.root.backward()
    o.backward()
    for leaf in leaves:
        assert graph.copy_of(leaf).label == leaf.label
        assert graph.copy_of(leaf).grad == pytest.approx(leaf.grad, rel=1e-12, abs=1e-15)
    assert graph.copy_of(leaves[0]).grad == pytest.approx(-1.5, rel=1e-6)


def test_reading_never_changes_the_foreign_graph():
    *_, g = more_ops_graph(MicrogradValue)
    g.backward()
    before = snapshot(g)
    graph = read_graph(g, "test", keep_grads=False)
    graph.root.backward()
    assert snapshot(g) == before


def test_a_deep_chain_reads_without_recursion():
    x = MicrogradValue(1.0)
    y = x
    for _ in range(20_000):  # 80,000 nodes, 20,000 deep: far past Python's recursion limit
        y = y * 1.0001 + 0.0001
    graph = read_graph(y, "test")
    graph.root.backward()
    assert graph.copy_of(x).grad == pytest.approx(1.0001**20_000, rel=1e-9)


def test_our_own_values_inside_a_foreign_graph_are_used_as_they_are():
    ours = Value(2.0, label="ours")
    assert from_micrograd(ours) is ours

    class Node:
        def __init__(self, data, prev=(), op=""):
            self.data, self.grad, self._prev, self._op = data, 0.0, prev, op

    root = Node(6.0, (ours, Node(3.0)), "*")
    copy = from_micrograd(root)
    assert copy.inputs[0] is ours
    copy.backward()
    assert ours.grad == 3.0


def test_an_ordered_prev_keeps_its_order():
    class Node:
        def __init__(self, data, prev=(), op="", label=""):
            self.data, self.grad, self._prev, self._op, self.label = data, 0.0, prev, op, label

    a, b = Node(2.0, label="b_first"), Node(5.0, label="a_second")
    out = from_micrograd(Node(10.0, (a, b), "*"))
    assert [x.label for x in out.inputs] == ["b_first", "a_second"]
    assert out.local_grads == (5.0, 2.0)


def test_a_rule_supplies_an_op_it_does_not_know():
    x = MicrogradValue(0.5)
    y = MicrogradValue(math.sin(x.data), (x,), "sin")
    with pytest.raises(ValueError, match=r"unknown op 'sin'.*rules=\{'sin': lambda out, x"):
        from_micrograd(y)
    ours = from_micrograd(y, rules={"sin": lambda out, x: [math.cos(x)]})
    assert ours.op == "sin"
    assert ours.local_grads == (math.cos(0.5),)
    with pytest.raises(ValueError, match=r"gave 2 derivatives .* which has 1 inputs"):
        from_micrograd(y, rules={"sin": lambda out, x: [1.0, 2.0]})
    with pytest.raises(TypeError, match=r"rule for op 'sin' .* failed on 1 inputs"):
        from_micrograd(y, rules={"sin": lambda out: [1.0]})
    with pytest.raises(TypeError, match="rules must map op names to functions"):
        from_micrograd(y, rules={"sin": 3})


@pytest.mark.timeout(10)
def test_a_cycle_is_one_clear_error():
    a = MicrogradValue(1.0)
    b = a * 2
    c = b + 1
    a._prev, a._op = {c}, "+"  # c → b → a → c
    with pytest.raises(ValueError, match="the graph has a cycle"):
        from_micrograd(c)
    selfish = MicrogradValue(1.0)
    selfish._prev, selfish._op = {selfish}, "exp"
    with pytest.raises(ValueError, match="the graph has a cycle"):
        from_micrograd(selfish)


def test_what_is_not_a_node_is_one_clear_error():
    with pytest.raises(TypeError, match=r"takes a Value or a micrograd-style node .* got int: 3"):
        from_micrograd(3)
    bad = MicrogradValue(1.0)
    bad._prev = {MicrogradValue(2.0)}
    bad._prev = (1.5,)
    bad._op = "exp"
    with pytest.raises(TypeError, match=r"got float: 1.5 among the inputs \(_prev\) of the Value node \(op 'exp'"):
        from_micrograd(bad)
    bad._prev = iter([MicrogradValue(1.0)])
    with pytest.raises(TypeError, match="has _prev of type list_iterator; expected a set or a tuple"):
        from_micrograd(bad)
    bad._prev, bad.data = {MicrogradValue(2.0)}, "x"
    with pytest.raises(TypeError, match="the data of a node takes a real number, got str"):
        from_micrograd(bad)
    bad.data, bad._op = 1.0, ""
    with pytest.raises(ValueError, match=r"has inputs \(_prev\) but no op"):
        from_micrograd(bad)
