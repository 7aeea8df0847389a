"""detect_anomaly: the first nan/inf made from finite numbers, forward or backward, raises and says where."""

import math
import struct
import threading

import pytest
from random_graphs import random_graph

import autograd_lite as ag
from autograd_lite import Stepper, Value, detect_anomaly, no_grad
from autograd_lite import grad_mode as modes
from autograd_lite.grad_mode import grad_mode
from autograd_lite.graph import topological_order


def test_a_forward_op_making_nan_names_the_op_its_inputs_and_labels():
    x = Value(-1.0, label="x")
    with detect_anomaly(), pytest.raises(FloatingPointError) as info:
        x.log()
    assert str(info.value) == "forward op 'log' produced nan from finite inputs: log(x) with x = -1"


def test_division_by_zero_and_overflow_are_caught_with_both_operands():
    a, b = Value(1.0, label="a"), Value(0.0, label="b")
    with detect_anomaly():
        with pytest.raises(
            FloatingPointError, match=r"forward op '/' produced inf from finite inputs: a / b with a = 1, b = 0$"
        ):
            a / b
        with pytest.raises(FloatingPointError, match=r"forward op '\*' produced inf .*: x1 \* 10 with x1 = 1e308"):
            (a * 1e308) * 10
        big = Value(1000.0, label="big")
        with pytest.raises(FloatingPointError, match=r"forward op 'exp' produced inf .*: exp\(big\) with big = 1000$"):
            big.exp()


def test_an_unlabeled_input_is_described_by_the_op_that_made_it():
    a, b = Value(2.0, label="a"), Value(-2.0, label="b")
    with detect_anomaly(), pytest.raises(FloatingPointError) as info:
        (a * b).sqrt()
    assert str(info.value) == (
        "forward op 'sqrt' produced nan from finite inputs: sqrt(x1) with x1 = -4 (unlabeled, made by a * b);"
        " give Values a label (Value(1.0, label='w')) to see their names here"
    )


def test_values_that_are_already_inf_or_nan_pass_silently():
    with detect_anomaly():
        big = Value(math.inf, label="big")  # the user's own number, not something an op made
        y = big * 2 + 1
        z = Value(math.nan) - 1
    assert y.data == math.inf
    assert math.isnan(z.data)


def test_outside_the_block_ops_follow_ieee_and_nothing_raises():
    a = Value(1.0)
    with detect_anomaly():
        pass
    assert (a / 0).data == math.inf
    assert math.isnan((a * -1).log().data)


def test_a_backward_step_making_inf_names_the_step_the_op_and_the_chain_rule():
    x = Value(0.0, label="x")
    s = x.sqrt()  # forward: sqrt(0) = 0 is fine; its local derivative 1/(2·0) is inf
    y = s * 3
    y.label = "y"
    with detect_anomaly(), pytest.raises(FloatingPointError) as info:
        y.backward()
    assert str(info.value) == (
        "backward step 2 of 2 made ∂y/∂x = inf: at n1 = sqrt(x) (op 'sqrt' of x = 0),"
        " ∂y/∂x += ∂y/∂n1 · ∂(sqrt(x))/∂x = 3 · (1 / (2 · sqrt(x))) = 3 · inf = inf"
    )  # the Stepper's own line: the total ∂y/∂· beside the op's local derivative, never one symbol for both
    assert s.grad == 3.0
    assert x.grad == 0.0


def test_inf_times_zero_in_backward_is_caught_as_nan():
    x = Value(0.0, label="x")
    y = x.sqrt() * 0.0
    y.label = "y"
    with detect_anomaly(), pytest.raises(FloatingPointError, match=r"made ∂y/∂x = nan: .* = 0 · inf = nan"):
        y.backward()


def test_a_stepper_checks_its_steps_and_stays_consistent():
    x = Value(0.0, label="x")
    y = x.sqrt() * 3
    y.label = "y"
    st = Stepper(y)
    with detect_anomaly():
        st.step()
        with pytest.raises(FloatingPointError, match="backward step 2 of 2 made ∂y/∂x = inf"):
            st.step()
    assert len(st.history) == 1
    assert x.grad == 0.0
    st.step()  # outside the block: IEEE-754
    assert x.grad == math.inf


@pytest.mark.parametrize("seed", range(15))
def test_the_checked_backward_gives_exactly_the_grads_of_the_fast_one(seed):
    checked, _ = random_graph(seed)
    fast, _ = random_graph(seed)
    with detect_anomaly():
        checked.backward()
    fast.backward()
    assert [struct.pack("<d", v.grad) for v in topological_order(checked)] == [
        struct.pack("<d", v.grad) for v in topological_order(fast)
    ]


def test_modes_nest_and_restore_and_the_fast_flag_follows_them():
    def state():
        assert modes.everywhere_fast == grad_mode.fast  # one thread: the process-wide flag is this thread's
        return grad_mode.enabled, grad_mode.anomaly, grad_mode.fast

    assert state() == (True, False, True)
    with detect_anomaly():
        assert state() == (True, True, False)
        with no_grad():
            assert state() == (False, True, False)
            assert Value(1.0).exp().inputs == ()  # not recorded ...
            with pytest.raises(FloatingPointError):
                Value(0.0).log()  # ... but still checked
        assert state() == (True, True, False)
    with no_grad(), detect_anomaly():
        assert state() == (False, True, False)
    with pytest.raises(FloatingPointError), detect_anomaly():
        Value(-1.0).sqrt()
    assert state() == (True, False, True)


def test_anomaly_mode_is_per_thread():
    seen = []

    def other():
        seen.append(math.isnan(Value(-1.0).log().data))

    with detect_anomaly():
        worker = threading.Thread(target=other)
        worker.start()
        worker.join()
    assert seen == [True]


def test_many_inputs_are_elided_in_the_message():
    xs = [Value(1e308, label=f"w{i}") for i in range(10)]
    with detect_anomaly(), pytest.raises(FloatingPointError) as info:
        ag.sum(xs)
    assert "w0 = 1e308" in str(info.value)
    assert "(5 more)" in str(info.value)
