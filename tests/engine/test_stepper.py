"""Stepper: the backward pass one node at a time, exactly backward(), exactly undoable, as the chain rule in text."""

import struct

import pytest
from random_graphs import blocks, random_graph, undefined_names
from seed_graph import seed_example
from stale import warns_if_leaves_hold_grads

from autograd_lite import StaleGradientWarning, Step, Stepper, Value
from autograd_lite.graph import topological_order


def bits(x: float) -> bytes:
    """The float's exact bits: tells -0.0 from 0.0 and compares nan with itself."""
    return struct.pack("<d", x)


def grads(root):
    return [bits(v.grad) for v in topological_order(root)]


def test_each_step_is_the_chain_rule_with_numbers():
    a, b, c, d, e = seed_example()
    st = Stepper(e)
    first = st.step()
    # the total ∂e/∂· on the left, the op's local derivative ∂(d * c)/∂d = c written as its formula: never circular
    assert str(first) == (
        "∂e/∂d += ∂e/∂e · ∂(d * c)/∂d = 1 · c = 1 · (-10) = -10\n∂e/∂c += ∂e/∂e · ∂(d * c)/∂c = 1 · d = 1 · 2 = 2"
    )
    second = st.step()
    assert str(second) == "∂e/∂a += ∂e/∂d · ∂(a + b)/∂a = -10 · 1 = -10\n∂e/∂b += ∂e/∂d · ∂(a + b)/∂b = -10 · 1 = -10"
    assert (a.grad, b.grad, c.grad, d.grad, e.grad) == (-10.0, -10.0, 2.0, -10.0, 1.0)


def test_a_step_carries_what_a_diagram_needs():
    a, b, _c, d, e = seed_example()
    st = Stepper(e)
    st.step()
    step = st.step()
    assert isinstance(step, Step)
    assert step.index == 1
    assert step.node is d
    assert step.upstream == -10.0
    assert step.inputs == (a, b)
    assert step.local_grads == (1.0, 1.0)
    assert step.contributions == (-10.0, -10.0)
    assert step.grads_after == (-10.0, -10.0)
    assert step.grads_before == (0.0, 0.0)


def test_repr_reads_well_in_a_repl():
    *_, e = seed_example()
    st = Stepper(e)
    assert repr(st) == "<Stepper ∂e: 0 of 2 steps done; next: e = d * c, ∂e/∂e = 1>"
    assert repr(st.step()) == (
        "step 1 of 2: e = d * c\n"
        "  ∂e/∂d += ∂e/∂e · ∂(d * c)/∂d = 1 · c = 1 · (-10) = -10\n"
        "  ∂e/∂c += ∂e/∂e · ∂(d * c)/∂c = 1 · d = 1 · 2 = 2"
    )
    assert repr(st) == "<Stepper ∂e: 1 of 2 steps done; next: d = a + b, ∂e/∂d = -10>"
    st.step()
    assert str(st).splitlines()[0] == "step 1 of 2: e = d * c"
    assert str(st).splitlines()[-1] == "∂e: 2 of 2 steps done"
    assert repr(st.history).count("step ") == 2  # a list of steps shows as chain-rule blocks too


def test_a_repeated_input_shows_the_running_sum():
    x = Value(3.0, label="x")
    y = x * x + x
    y.label = "y"
    lines = str(Stepper(y).run()[-1]).splitlines()
    assert lines == [
        "∂y/∂x += ∂y/∂n1 · ∂(x * x)/∂x = 1 · x = 1 · 3 = 3; now ∂y/∂x = 4",
        "∂y/∂x += ∂y/∂n1 · ∂(x * x)/∂x = 1 · x = 1 · 3 = 3; now ∂y/∂x = 7",
    ]
    assert x.grad == 7.0


def test_state_attributes_follow_the_steps():
    a, b, c, d, e = seed_example()
    st = Stepper(e)
    assert st.root is e
    assert st.order == [e, d]  # root first, only the nodes with inputs
    assert st.names == {a: "a", b: "b", c: "c", d: "d", e: "e"}
    assert (st.current, st.done, len(st.history), len(st)) == (e, False, 0, 2)
    st.step()
    assert (st.current, st.done, len(st.history)) == (d, False, 1)
    st.step()
    assert (st.current, st.done, len(st.history)) == (None, True, 2)
    with pytest.raises(RuntimeError, match="finished"):
        st.step()


def test_creating_a_stepper_starts_the_backward_pass():
    a, _b, _c, d, e = seed_example()
    d.grad = e.grad = 5.0  # stale intermediate grads are cleared, as backward() clears them
    a.grad = 1.0  # a leaf keeps what it has: gradients accumulate into leaves
    with pytest.warns(StaleGradientWarning, match="Stepper starts on e while its leaves a still hold gradients"):
        Stepper(e)
    assert (e.grad, d.grad, a.grad) == (1.0, 0.0, 1.0)


@pytest.mark.parametrize("seed", range(30))
def test_running_every_step_gives_exactly_the_grads_of_backward(seed):
    stepped, _ = random_graph(seed)
    reference, _ = random_graph(seed)
    Stepper(stepped).run()
    reference.backward()
    assert grads(stepped) == grads(reference)
    with warns_if_leaves_hold_grads(reference):  # leaves accumulate, intermediates do not: a second pass
        reference.backward()
    with warns_if_leaves_hold_grads(stepped):  # and the same, stepped
        Stepper(stepped).run()
    assert grads(stepped) == grads(reference)


@pytest.mark.parametrize("seed", range(30))
def test_back_restores_every_grad_exactly(seed):
    root, leaves = random_graph(seed)
    for i, leaf in enumerate(leaves):
        leaf.grad = 0.25 * i - 0.0  # leaves that already hold gradient, as after an earlier backward()
    with warns_if_leaves_hold_grads(root):
        st = Stepper(root)
    snapshots = [grads(root)]
    while not st.done:
        st.step()
        snapshots.append(grads(root))
    while st.history:
        undone = st.back()
        snapshots.pop()
        assert undone.index == len(st.history)
        assert grads(root) == snapshots[-1]
    with pytest.raises(RuntimeError, match="nothing to undo"):
        st.back()


def test_back_then_step_again_and_reset():
    a, b, c, d, e = seed_example()
    st = Stepper(e)
    st.run()
    st.back()
    assert (a.grad, b.grad, d.grad, c.grad) == (0.0, 0.0, -10.0, 2.0)
    st.step()
    assert (a.grad, b.grad) == (-10.0, -10.0)
    st.reset()
    assert (a.grad, b.grad, c.grad, d.grad, e.grad) == (0.0, 0.0, 0.0, 0.0, 1.0)
    assert st.history == []
    assert st.current is e
    assert [s.index for s in st.run()] == [0, 1]


def test_a_leaf_root_has_no_steps():
    x = Value(2.0, label="x")
    st = Stepper(x)
    assert st.done
    assert st.order == []
    assert st.run() == []
    assert x.grad == 1.0  # as x.backward() would: one more gradient into the leaf


def test_iterating_does_the_remaining_steps():
    *_, e = seed_example()
    st = Stepper(e)
    st.step()
    assert [s.index for s in st] == [1]
    assert st.done


@pytest.mark.timeout(120)  # a hang guard: it takes about a second
def test_a_million_node_chain_steps_without_recursion():
    x = Value(1.0, label="x")
    y = x
    for _ in range(200_000):
        y = 0.0001 + 1.0001 * y
    reference = x.grad
    st = Stepper(y)
    st.run()
    stepped = x.grad - reference
    st.reset()
    assert x.grad == reference
    y.backward()
    assert stepped == x.grad - reference


def test_stepper_takes_a_value():
    with pytest.raises(TypeError, match="Stepper\\(\\) takes the Value"):
        Stepper(3.0)


@pytest.mark.parametrize("seed", range(40))
def test_every_name_a_step_or_a_stepper_prints_is_a_label_or_defined_in_that_same_text(seed):
    """Each step's block, each undone step, the Stepper's repr and str at every point: no n<k> left undefined.

    Wide graphs (40 ops, up to 4 inputs an op) need more than MAX_DEFINED definitions: past it a node is
    defined by its op and value."""
    root, _ = random_graph(seed, n_ops=15 if seed % 2 else 40)
    for v in topological_order(root)[5::4]:
        v.label = ""  # random graphs label only leaves; unlabel some of those too
    labels = {v.label for v in topological_order(root) if v.label}
    st = Stepper(root)
    texts = [repr(st), str(st)]
    for step in st:
        texts += [repr(step), repr(st), str(st)]
    assert texts[-1].count("step ") == len(st.order)
    for text in [*texts, *(repr(st.back()) for _ in range(3)), repr(st)]:
        for block in blocks(text):
            assert not undefined_names(block, labels), f"{undefined_names(block, labels)} undefined in:\n{block}"
    assert "∂out/∂" in texts[2]  # the unlabelled root reads as out


def test_a_step_defines_the_names_its_where_line_uses_not_only_its_inputs():
    a, b, c = Value(2.0, label="a"), Value(-3.0, label="b"), Value(10.0, label="c")
    e = (a * b + c) * a
    stepper = Stepper(e)
    assert repr(stepper).splitlines() == [
        "<Stepper ∂out: 0 of 3 steps done; next: out = n4 * a, ∂out/∂out = 1",
        "  where n4 = n3 + c, n3 = a * b>",
    ]
    assert repr(stepper.step()).splitlines()[-1] == "  where n4 = n3 + c, n3 = a * b"


def test_no_step_line_reads_as_circular():
    *_, e = seed_example()
    for line in str(Stepper(e).step()).splitlines():
        total, local = line.split(" = ")[0].split(" += ")
        assert total not in local  # ∂e/∂d on the left, ∂(d * c)/∂d (the op's local derivative) on the right
