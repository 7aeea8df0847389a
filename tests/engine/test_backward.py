"""backward(): iterative, every path counted, repeatable, no reference cycles; no_grad (thread-local)."""

import gc
import math
import random
import struct
import sys
import threading

import pytest
from random_graphs import random_graph
from stale import warns_if_leaves_hold_grads

import autograd_lite as ag
from autograd_lite import StaleGradientWarning, Value, no_grad
from autograd_lite import grad_mode as modes
from autograd_lite.backprop import push
from autograd_lite.graph import reverse_topological_order, start_backward, topological_order


def test_the_worked_example_of_the_seed():
    a, b, c = Value(-12), Value(14), Value(-10)
    d = a + b
    e = d * c
    e.backward()
    assert (d.data, e.data) == (2.0, -20.0)
    assert (a.grad, b.grad, c.grad, d.grad, e.grad) == (-10.0, -10.0, 2.0, -10.0, 1.0)


def test_a_million_node_chain_with_the_default_recursion_limit():
    assert sys.getrecursionlimit() <= 10_000  # no raised limit: the walk and backward are iterative
    x = Value(1.0)
    y = x
    for _ in range(1_000_000):
        y = y * 1.0000001
    y.backward()
    assert len(topological_order(y)) == 1_000_001
    assert math.isclose(x.grad, 1.0000001**1_000_000, rel_tol=1e-9)
    assert math.isclose(y.data, x.grad, rel_tol=1e-9)
    del y  # freeing the chain does not recurse a million deep either (CPython's trashcan)
    assert x.grad > 0.0


def test_a_node_used_twice_gets_both_contributions():
    x = Value(3.0)
    y = x * x + x  # dy/dx = 2x + 1
    y.backward()
    assert x.grad == 7.0
    a = Value(2.0)
    b = a * a  # inputs (a, a): both entries push a gradient
    b.backward()
    assert b.inputs == (a, a)
    assert a.grad == 4.0


def test_a_diamond_sums_the_paths():
    x = Value(0.5)
    u = x.tanh()
    v = x.exp()
    w = u * v + u  # ∂w/∂x = (v + 1)·u′ + u·v′
    w.backward()
    t, e = math.tanh(0.5), math.exp(0.5)
    assert math.isclose(x.grad, (e + 1) * (1 - t * t) + t * e, rel_tol=1e-15)
    assert math.isclose(u.grad, e + 1, rel_tol=1e-15)


def test_backward_twice_adds_one_more_gradient_to_leaves_only():
    """Leaves accumulate (as in PyTorch), intermediate grads are recomputed, not doubled.

    micrograd gets this wrong: its second `backward()` resets only the root's grad and pushes again into
    intermediate grads that still hold the first pass. For e = (a + b)·c it leaves d = a + b with 2× its
    gradient and a with 3× (-30 instead of -20). Here intermediates are zeroed before every pass.
    """
    a, b, c = Value(-12.0), Value(14.0), Value(-10.0)
    d = a + b
    e = d * c
    f = e.tanh() * 3.0 + e
    f.backward()
    first = [v.grad for v in (a, b, c, d, e, f)]
    with pytest.warns(StaleGradientWarning, match=r"backward\(\) runs again on "):
        f.backward()
    assert [a.grad, b.grad, c.grad] == [2 * g for g in first[:3]]
    assert [d.grad, e.grad, f.grad] == first[3:]


def test_gradients_of_different_roots_accumulate_into_shared_leaves():
    x = Value(2.0)
    (x * 3.0).backward()
    (x * x).backward()
    assert x.grad == 3.0 + 4.0


def test_backward_of_a_leaf_adds_one():
    x = Value(5.0)
    x.backward()
    with pytest.warns(StaleGradientWarning, match=r"backward\(\) runs again on "):
        x.backward()
    assert x.grad == 2.0


def test_leaves_that_the_root_does_not_depend_on_are_untouched():
    x, y = Value(1.0), Value(2.0)
    x.grad = 0.25
    (y * 2.0).backward()
    assert x.grad == 0.25


def test_topological_order_puts_inputs_before_outputs():
    x, y = Value(1.0), Value(2.0)
    z = x * y
    w = ag.sum([z, x, z.tanh()]) + y
    order = topological_order(w)
    position = {v: i for i, v in enumerate(order)}
    assert order[-1] is w
    assert len(order) == len(set(order)) == 6
    assert {x, y, z} <= set(order)
    for v in order:
        for u in v.inputs:
            assert position[u] < position[v]
    assert reverse_topological_order(w) == order[::-1]


def test_topological_order_is_the_same_for_the_same_graph():
    def build():
        x, y = Value(1.0), Value(2.0)
        u = x * y
        return ag.sum([u.exp(), y - u, x.relu()]) * u

    ops = [[(v.op, v.data) for v in topological_order(build())] for _ in range(2)]
    assert ops[0] == ops[1]


# --- no reference cycles: dropping a graph frees it by reference counting alone ---


def count_values() -> int:
    return sum(1 for o in gc.get_objects() if type(o) is Value)


def test_a_dropped_graph_leaves_nothing_for_the_cyclic_collector():
    gc.collect()
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        before = count_values()
        xs = [Value(0.1 * i) for i in range(50)]
        hidden = [ag.dot(xs, [Value(0.01 * j) for j in range(50)]).tanh() for _ in range(20)]
        probs = ag.softmax(hidden)
        loss = -ag.log_softmax(hidden)[3] + ag.logsumexp(probs) + (xs[0] ** xs[1]) / (xs[2] + 1)
        loss.backward()
        assert count_values() > before + 100
        del xs, hidden, probs, loss
        assert count_values() == before  # freed at once: no cycle keeps any node alive
        assert gc.collect() == 0  # and the cyclic collector finds nothing to collect
    finally:
        if was_enabled:
            gc.enable()


# --- no_grad ---


def test_no_grad_records_nothing():
    x = Value(2.0)
    with no_grad():
        y = (x * 3.0).tanh() + x
        s = ag.softmax([x, y])[0]
    for v in (y, s):
        assert (v.op, v.inputs, v.local_grads) == ("", (), ())
    assert y.data == math.tanh(6.0) + 2.0
    z = y * x  # recording is back on after the block
    assert z.inputs == (y, x)


def test_no_grad_is_restored_after_an_exception_and_nests():
    x = Value(1.0)
    with pytest.raises(RuntimeError), no_grad():
        raise RuntimeError("inside")
    assert (x + 1).inputs == (x,)
    with no_grad():
        with no_grad():
            pass
        assert (x + 1).inputs == ()  # the inner block leaves the outer one in force
    assert (x + 1).inputs == (x,)


def test_no_grad_is_thread_local():
    x = Value(1.0)
    inside, recorded, done = threading.Event(), threading.Event(), threading.Event()
    checked = threading.Event()  # the main thread has looked: until then the first thread stays inside no_grad
    results = {}

    def in_no_grad():
        with no_grad():
            inside.set()
            recorded.wait(10)
            checked.wait(10)
            results["no_grad thread"] = (x * 2.0).inputs
        done.set()

    def recording():
        inside.wait(10)
        results["other thread"] = (x * 2.0).inputs
        recorded.set()

    threads = [threading.Thread(target=in_no_grad), threading.Thread(target=recording)]
    for t in threads:
        t.start()
    inside.wait(10)
    assert not modes.everywhere_fast  # so each op reads its own thread's switches
    results["main thread"] = (x * 2.0).inputs  # while the first thread is inside no_grad
    checked.set()
    for t in threads:
        t.join(10)
    assert done.is_set()
    assert results == {"no_grad thread": (), "other thread": (x,), "main thread": (x,)}
    assert modes.everywhere_fast


def test_a_new_thread_records_even_when_the_caller_is_in_no_grad():
    x = Value(1.0)
    results = []
    with no_grad():
        t = threading.Thread(target=lambda: results.append((x + 1).inputs))
        t.start()
        t.join(10)
        results.append((x + 1).inputs)
    assert results == [(x,), ()]


@pytest.mark.parametrize("seed", range(30))
def test_the_inlined_loop_of_backward_is_the_one_push_bit_for_bit(seed):
    """backward() writes push() inline for speed; on random graphs both give the same bits, twice over."""
    inlined, _ = random_graph(seed)
    pushed, _ = random_graph(seed)
    for _ in range(2):  # the second pass also checks the leaves' accumulation (and warns that it adds)
        with warns_if_leaves_hold_grads(inlined):
            inlined.backward()
        for v in start_backward(pushed):
            push(v)
    bits = [struct.pack("<d", v.grad) for v in topological_order(inlined)]
    assert bits == [struct.pack("<d", v.grad) for v in topological_order(pushed)]


def _old_backward(root: Value) -> None:
    """The walk before issue 16, kept here as the reference: a set of seen nodes, every node (leaves too)
    sorted by creation number, intermediate grads zeroed in a second pass, the push as a zip per node."""
    seen, found, stack = {root}, [root], [root]
    while stack:
        for x in stack.pop().inputs:
            if x not in seen:
                seen.add(x)
                found.append(x)
                stack.append(x)
    found.sort(key=lambda v: v._id, reverse=True)
    for v in found:
        if v.inputs:
            v.grad = 0.0
    root.grad = 1.0 if root.inputs else root.grad + 1.0
    for v in found:
        for x, d in zip(v.inputs, v.local_grads):
            x.grad += d * v.grad


def _random_dag(seed: int) -> Value:
    """A DAG of 2..300 ops of arity 1 to 5 over older nodes anywhere in the graph (shared, repeated inputs)."""
    rng = random.Random(seed)
    nodes = [Value(rng.uniform(-2, 2)) for _ in range(rng.randint(1, 6))]
    for _ in range(rng.randint(2, 300)):
        xs = [rng.choice(nodes) for _ in range(rng.choice([1, 1, 2, 2, 2, 3, 5]))]
        if len(xs) == 1:
            y = rng.choice([Value.tanh, Value.sin, lambda v: v * 1.5, lambda v: 0.5 - v])(xs[0])
        elif len(xs) == 2:
            y = rng.choice([lambda a, b: a * b, lambda a, b: a + b, lambda a, b: a - b])(*xs)
        else:
            y = ag.sum(xs) if rng.random() < 0.5 else ag.dot(xs[:2], xs[-2:])
        nodes.append(y.tanh() if abs(y.data) > 3 else y)
    return ag.sum(rng.sample(nodes, min(len(nodes), 3)))


@pytest.mark.parametrize("seed", range(200))
def test_the_new_walk_gives_the_old_orders_grads_bit_for_bit(seed):
    """The lean walk (per-pass mark, op nodes only, arity-unrolled push) against the old walk, kept above."""
    new, old = _random_dag(seed), _random_dag(seed)
    for _ in range(2):  # the second pass also checks the leaves' accumulation (and warns that it adds)
        with warns_if_leaves_hold_grads(new):
            new.backward()
        _old_backward(old)
    bits = [struct.pack("<d", v.grad) for v in topological_order(new)]
    assert bits == [struct.pack("<d", v.grad) for v in topological_order(old)]
    assert len(bits) > 1


def _taped_dag(seed: int) -> tuple[list[Value], list[Value]]:
    """(tape, leaves): a random DAG of 2..400 ops, every op node appended to the tape as it is made.

    Ops of arity 1 to 5 over earlier nodes, drawn mostly from a few hubs so that many nodes have three
    or more consumers (where the order of their contributions shows in the bits), repeated inputs too.
    """
    rng = random.Random(seed)
    leaves = [Value(rng.uniform(-2, 2)) for _ in range(rng.randint(1, 5))]
    tape: list[Value] = []

    def pick() -> Value:
        nodes = leaves + tape
        return rng.choice(nodes[: rng.randint(1, 3)] if rng.random() < 0.4 else nodes)

    def record(y: Value) -> Value:
        assert all(any(x is v for v in leaves + tape) for x in y.inputs)  # one node per op: the tape is complete
        tape.append(y)
        return y

    for _ in range(rng.randint(2, 400)):
        xs = [pick() for _ in range(rng.choice([1, 1, 2, 2, 2, 3, 5]))]
        if len(xs) == 1:
            y = rng.choice([Value.tanh, Value.sin, Value.relu, lambda v: v * 1.5, lambda v: 0.5 - v])(xs[0])
        elif len(xs) == 2:
            y = rng.choice([lambda a, b: a * b, lambda a, b: a + b, lambda a, b: a - b, lambda a, _: a * a])(*xs)
        else:
            y = ag.sum(xs) if rng.random() < 0.5 else ag.dot(xs[:2], xs[-2:])
        record(y)
        if abs(y.data) > 3:
            record(y.tanh())  # keep numbers small: no overflow, no inf
    return tape, leaves


def _textbook_backward(root: Value, tape: list[Value]) -> None:
    """Reverse mode as the textbooks write it: find what `root` depends on (a depth-first search with a set of
    seen nodes), zero those nodes' grads, ∂root/∂root = 1, then sweep the tape backwards, `push` at each found node.
    """
    seen, stack = {root}, [root]
    while stack:
        for x in stack.pop().inputs:
            if x not in seen:
                seen.add(x)
                stack.append(x)
    for v in tape:
        if v in seen:
            v.grad = 0.0
    root.grad = 1.0
    for v in reversed(tape):
        if v in seen:
            push(v)


@pytest.mark.parametrize("seed", range(300))
def test_backward_gives_the_textbook_reverse_sweeps_grads_bit_for_bit(seed):
    """backward()'s walk against the plain reference: the reverse of the tape (the order the nodes were made in)
    and the one push. Floating-point sums depend on their order, so a topological order other than the tape's
    (a depth-first post-order, say) may give other last bits where a node has three or more consumers; the tape's
    reverse is the order backward promises. Two passes on two roots: the second recomputes intermediate grads the
    first set, accumulates into the leaves, and walks a graph part of which an earlier pass marked.
    """
    ours, ours_leaves = _taped_dag(seed)
    reference, reference_leaves = _taped_dag(seed)
    for pick in (lambda nodes: nodes[-1], lambda nodes: nodes[(len(nodes) - 1) // 2]):
        pick(ours).backward()
        _textbook_backward(pick(reference), reference)
        bits = [struct.pack("<d", v.grad) for v in ours_leaves + ours]
        assert bits == [struct.pack("<d", v.grad) for v in reference_leaves + reference]


def test_the_walk_of_a_leaf_root_and_of_a_graph_seen_by_an_earlier_pass():
    x = Value(2.0)
    x.backward()
    with pytest.warns(StaleGradientWarning, match=r"backward\(\) runs again on "):
        x.backward()
    assert x.grad == 2.0  # a leaf root adds 1 each time
    y = x * x
    z = y + y  # y reached twice: found once, pushed once
    z.backward()
    w = z * 3.0  # a new root over nodes whose grads the last pass set
    w.backward()
    assert (y.grad, z.grad, w.grad) == (6.0, 3.0, 1.0)
    assert x.grad == 2.0 + 8.0 + 24.0
