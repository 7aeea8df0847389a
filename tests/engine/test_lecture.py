"""The lecture's cells run on autograd-lite's Value unchanged: its _prev, _op and _backward(), its draw_dot and
topological sort; and Stepper/explain on the lecture's own class and on micrograd 0.1.0's graphs."""

import random

import lecture
import pytest
from micrograd import nn as micrograd_nn
from micrograd.engine import Value as MicrogradValue

from autograd_lite import Stepper, Value, explain
from autograd_lite.graph import topological_order

NEURON = ("x1", "x2", "w1", "w2", "b", "x1w1", "x2w2", "x1w1x2w2", "n", "o")


def numbers(namespace, names):
    return {name: (namespace[name].data, namespace[name].grad) for name in names}


def close(ours, theirs, ulps=8e-16):
    """Each (data, grad) within a few ulp: the lecture computes tanh as (e^2x − 1)/(e^2x + 1), we call math.tanh."""
    assert ours.keys() == theirs.keys()
    for name in ours:
        for a, b in zip(ours[name], theirs[name], strict=True):
            assert a == pytest.approx(b, rel=4 * ulps, abs=ulps), name


def both(cells, order):
    """Run the same cells with the lecture's class and with ours: (ours, theirs)."""
    return lecture.run_cells(cells, order, Value), lecture.run_cells(cells, order, lecture.Value)


def test_the_first_cells_give_the_lectures_numbers_exactly():
    ours, theirs = both(lecture.FIRST_HALF, [7, 9])
    assert ours["L"].data == theirs["L"].data == -8.0
    ours["L"].backward()
    theirs["L"].backward()
    names = ("a", "b", "c", "d", "e", "f", "L")
    assert numbers(ours, names) == numbers(theirs, names)
    lecture.run_cells(lecture.FIRST_HALF, [10], None, ours)  # a.data += 0.01 * a.grad, ..., L rebuilt
    lecture.run_cells(lecture.FIRST_HALF, [10], None, theirs)
    assert ours["L"].data == theirs["L"].data
    assert type(ours["L"]) is Value


def test_the_numerical_derivative_cell(capsys):
    lecture.run_cells(lecture.FIRST_HALF, [11], Value)  # defines lol() and calls it
    assert capsys.readouterr().out == "-3.9999999999995595\n"  # the notebook's printed output


def test_manual_backward_cells():
    """Cells 17–22: o.grad = 1.0; o._backward(); n._backward(); b._backward(); ... as the lecture does by hand."""
    ours, theirs = both(lecture.FIRST_HALF, [13, 14, 17, 18, 19, 20, 21, 22])
    close(numbers(ours, NEURON), numbers(theirs, NEURON))
    assert ours["n"].grad == pytest.approx(0.5)
    assert (ours["x1"].grad, ours["w1"].grad, ours["x2"].grad, ours["w2"].grad) == pytest.approx((-1.5, 1.0, 0.5, 0.0))
    automatic = lecture.run_cells(lecture.FIRST_HALF, [13, 15], Value)  # cell 15: o.backward()
    assert numbers(automatic, NEURON) == numbers(ours, NEURON)  # by hand, exactly what backward() does


def test_backward_on_a_leaf_pushes_nothing():
    ours = lecture.run_cells(lecture.FIRST_HALF, [13, 17, 18, 19, 20], Value)  # cell 20: b._backward(), b a leaf
    assert ours["b"].grad == pytest.approx(0.5)
    assert ours["x1"].grad == 0.0


def test_the_lectures_topological_sort_on_our_values():
    ours, theirs = both(lecture.FIRST_HALF, [13, 16])
    topo = ours["topo"]
    assert len(topo) == len(theirs["topo"]) == 10
    assert sorted(v.data for v in topo) == pytest.approx(sorted(v.data for v in theirs["topo"]), rel=1e-15)
    position = {v: i for i, v in enumerate(topo)}
    assert all(position[x] < position[v] for v in topo for x in v._prev)  # inputs first: a topological order
    assert topo[-1] is ours["o"]


def test_a_node_used_twice_cells():
    """Cells 31 and 32: b = a + a has a.grad 2 (the bug the lecture fixes with +=), f = (a·b)·(a + b)."""
    ours, theirs = both(lecture.FIRST_HALF, [31])
    assert ours["a"].grad == theirs["a"].grad == 2.0
    assert ours["b"]._prev == {ours["a"]}  # a set, as micrograd's; inputs keeps both: (a, a)
    assert ours["b"].inputs == (ours["a"], ours["a"])
    ours, theirs = both(lecture.FIRST_HALF, [32])
    assert numbers(ours, "abdef") == numbers(theirs, "abdef")


def test_the_lectures_draw_dot_on_our_values():
    ours = lecture.run_cells(lecture.FIRST_HALF, [13, 15], Value)
    dot = lecture.draw_dot(ours["o"])
    source = dot.source
    assert source.count("shape=record") == 10
    assert "{ o | data 0.7071 | grad 1.0000 }" in source
    assert "{ n | data 0.8814 | grad 0.5000 }" in source
    assert f'"{id(ours["o"])}tanh" [label=tanh]' in source
    assert source.count(" -> ") == 9 + 5  # an edge into each of 5 op nodes, and each input into its op
    assert dot.pipe(format="svg").startswith(b"<?xml")


def test_the_second_half_cells_and_the_lectures_mlp():
    """Cells 9–11 (tanh written with exp), 14–17 (the lecture's own MLP, trained 20 steps), on both classes."""
    random.seed(1337)
    ours = lecture.run_cells(lecture.SECOND_HALF, [9, 10, 11, 14, 15, 16], Value)
    random.seed(1337)
    theirs = lecture.run_cells(lecture.SECOND_HALF, [9, 10, 11, 14, 15, 16], lecture.Value)
    close(numbers(ours, NEURON[:5]), numbers(theirs, NEURON[:5]))
    assert [p.data for p in ours["n"].parameters()] == [p.data for p in theirs["n"].parameters()]
    lecture.run_cells(lecture.SECOND_HALF, [17], None, ours)
    lecture.run_cells(lecture.SECOND_HALF, [17], None, theirs)
    assert ours["loss"].data == pytest.approx(theirs["loss"].data, rel=1e-12)
    assert [y.data for y in ours["ypred"]] == pytest.approx([y.data for y in theirs["ypred"]], rel=1e-12)
    assert ours["loss"].data < 0.1


def test_lecture_names_cost_no_memory_per_node():
    """_prev and _op are properties, _backward a method: no slot, no __dict__, no closure on any node."""
    assert Value.__slots__ == ("_constant", "_id", "_record", "data", "grad", "inputs", "label", "local_grads")
    v = Value(1.0) * Value(2.0)
    assert not hasattr(v, "__dict__")
    assert isinstance(Value.__dict__["_prev"], property)
    assert isinstance(Value.__dict__["_op"], property)
    assert v._op == v.op == "*"
    assert Value(1.0)._op == ""
    assert v._backward.__func__ is Value._backward


def test_stepper_and_explain_on_the_lectures_class():
    theirs = lecture.run_cells(lecture.FIRST_HALF, [13], lecture.Value)
    theirs["o"].backward()
    st = Stepper(theirs["o"])
    assert st.root is not theirs["o"]  # stepped on a copy: the lecture's objects stay as they are
    assert str(st.step()) == "∂o/∂n += ∂o/∂o · ∂(tanh(n))/∂n = 1 · (1 - tanh(n)²) = 1 · 0.5 = 0.5"
    st.run()
    copies = {v.label: v for v in topological_order(st.root)}
    for name in ("x1", "w1", "x2", "w2", "b"):
        assert copies[name].grad == pytest.approx(theirs[name].grad, rel=1e-15, abs=1e-16)
    assert theirs["x1"].grad == pytest.approx(-1.5)  # unchanged by stepping (not doubled)
    ex = explain(theirs["o"], theirs["w1"])
    assert ex.value == pytest.approx(1.0)
    assert str(ex).startswith("∂o/∂w1 = ∂o/∂n · ∂n/∂x1*w1 + x2*w2 · ∂x1*w1 + x2*w2/∂x1*w1 · ∂x1*w1/∂w1")


def test_stepper_and_explain_on_micrograd_graphs():
    random.seed(1337)
    neuron = micrograd_nn.Neuron(2)
    y = neuron([MicrogradValue(1.0), MicrogradValue(-2.0)])
    st = Stepper(y)
    st.run()
    y.backward()
    graph = {v.data: v for v in topological_order(st.root) if not v.inputs}
    for p in neuron.parameters():
        assert graph[p.data].grad == p.grad
    ex = explain(y, neuron.w[1])
    assert ex.value == neuron.w[1].grad == -2.0
    assert explain(y, MicrogradValue(5.0)).value == 0.0  # not in the graph: y does not depend on it
