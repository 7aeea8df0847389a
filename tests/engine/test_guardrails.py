"""Guardrails: zero_grad(root), and StaleGradientWarning when stale gradients are about to be doubled."""

import warnings

import pytest
from seed_graph import seed_example

import autograd_lite as ag
from autograd_lite import StaleGradientWarning, Stepper, Value, zero_grad
from autograd_lite.graph import topological_order
from autograd_lite.guardrails import RECENT_ROOTS


def caught(action):
    with warnings.catch_warnings(record=True) as found:
        warnings.simplefilter("always")
        action()
    return [w for w in found if issubclass(w.category, StaleGradientWarning)]


def test_zero_grad_sets_every_grad_of_the_graph_to_zero():
    _a, _b, _c, _d, e = seed_example()
    e.backward()
    zero_grad(e)
    assert [v.grad for v in topological_order(e)] == [0.0] * 5
    assert "zero_grad" in ag.__all__
    assert "StaleGradientWarning" in ag.__all__
    assert issubclass(StaleGradientWarning, UserWarning)


def test_backward_twice_on_the_same_root_warns_once_naming_the_leaves_and_the_fix():
    *_, e = seed_example()
    assert caught(e.backward) == []  # the first pass: silent
    [w] = caught(e.backward)  # the second: one warning
    text = str(w.message)
    assert "backward() runs again on e" in text
    assert "a, b, c" in text
    assert "zero_grad(e)" in text
    assert w.filename == __file__  # it points at the caller's line


def test_after_zero_grad_backward_again_is_silent_and_exact():
    a, b, c, _d, e = seed_example()
    e.backward()
    zero_grad(e)
    assert caught(e.backward) == []
    assert (a.grad, b.grad, c.grad) == (-10.0, -10.0, 2.0)


def test_a_fresh_graph_and_accumulation_over_examples_stay_silent():
    w = Value(0.5, label="w")
    losses = [(w * float(x) - 1.0) ** 2 for x in range(5)]
    assert caught(lambda: [loss.backward() for loss in losses]) == []  # accumulation: correct, silent
    assert w.grad == pytest.approx(sum(2 * (0.5 * x - 1.0) * x for x in range(5)))


def test_a_stepper_on_leaves_holding_gradients_warns_and_zero_grad_silences_it():
    *_, e = seed_example()
    e.backward()
    [w] = caught(lambda: Stepper(e))
    assert "Stepper starts on e" in str(w.message)
    zero_grad(e)
    assert caught(lambda: Stepper(e).run()) == []
    [w] = caught(e.backward)  # the Stepper's pass counts: backward on top of it would double again
    assert "backward() runs again on e" in str(w.message)


def test_the_warning_can_be_silenced_and_memory_is_bounded():
    *_, e = seed_example()
    e.backward()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        warnings.simplefilter("ignore", StaleGradientWarning)
        e.backward()  # no error: silenced by category
    for _ in range(RECENT_ROOTS + 10):
        (Value(1.0) * 2.0).backward()
    from autograd_lite.guardrails import _backwarded

    assert len(_backwarded) <= RECENT_ROOTS


def test_back_says_what_it_undid():
    *_, e = seed_example()
    st = Stepper(e)
    st.run()
    undone = st.back()
    assert repr(undone) == "undid step 2 of 2: d = a + b; back to ∂e/∂a = 0, ∂e/∂b = 0"
    assert repr(st.step()).startswith("step 2 of 2: d = a + b\n")
