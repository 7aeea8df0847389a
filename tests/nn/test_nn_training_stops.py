"""fit() stops cleanly: Ctrl-C between two steps (never inside one) keeps what was learned; a loss that is not
finite or explodes stops with DivergenceError before its step is taken."""

import math
import os
import signal

import numpy as np
import pytest

from autograd_lite.nn import MLP, SGD, Adam, make_moons
from autograd_lite.nn import training as training_module
from autograd_lite.nn.training import EXPLODED, DivergenceError, TrainingInterrupted, fit


def moons_model():
    X, y = make_moons(40, noise=0.1, seed=0)  # noqa: N806
    model = MLP(2, [6, 1], activation="relu", seed=0)
    return model, X, y


def trained(steps):
    """The parameters after `steps` full-batch Adam steps, run without interruption."""
    model, X, y = moons_model()  # noqa: N806
    fit(model, X, y, Adam(model.parameters(), lr=0.05), epochs=steps, progress=False)
    return model.state_dict()


class SignalHalfway(list):
    """An optimizer's parameter list that sends this process a real SIGINT half-way through the update loop of
    step number `at`: without a pause of Ctrl-C, half the parameters would have moved and half not."""

    def __init__(self, params, optimizer, at):
        super().__init__(params)
        self.optimizer, self.at = optimizer, at

    def __iter__(self):
        for i, p in enumerate(super().__iter__()):
            if i == len(self) // 2 and self.optimizer.t == self.at:
                os.kill(os.getpid(), signal.SIGINT)
            yield p


def test_ctrl_c_inside_a_step_waits_for_the_step_to_finish(monkeypatch):
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
    model, X, y = moons_model()  # noqa: N806
    optimizer = Adam(model.parameters(), lr=0.05)
    optimizer.params = SignalHalfway(optimizer.params, optimizer, at=5)
    with pytest.raises(TrainingInterrupted, match="training interrupted after 4 of 100 epochs") as raised:
        fit(model, X, y, optimizer, epochs=100, progress=False)
    assert isinstance(raised.value, KeyboardInterrupt)  # a script stops as it always did
    assert model.state_dict() == trained(5)  # the whole fifth step, bit for bit: no half-updated model
    assert len(raised.value.history.loss) == len(raised.value.history.accuracy) == 4
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler  # put back


def test_ctrl_c_during_the_forward_pass_leaves_the_last_finished_step(monkeypatch):
    model, X, y = moons_model()  # noqa: N806
    calls = []
    real = training_module.loss_and_correct

    def interrupted_forward(*args):
        calls.append(1)
        if len(calls) == 4:
            raise KeyboardInterrupt
        return real(*args)

    monkeypatch.setattr(training_module, "loss_and_correct", interrupted_forward)
    with pytest.raises(TrainingInterrupted) as raised:
        fit(model, X, y, Adam(model.parameters(), lr=0.05), epochs=100, progress=False)
    assert model.state_dict() == trained(3)
    assert len(raised.value.history.loss) == 3


def test_a_loss_that_explodes_stops_before_its_step_with_one_clear_line():
    model, X, y = moons_model()  # noqa: N806
    with pytest.raises(DivergenceError) as raised:
        fit(model, X, y, Adam(model.parameters(), lr=500.0), epochs=50, progress=False)
    message = str(raised.value)
    assert message.startswith("the loss exploded to ")
    assert message.endswith("; try a smaller learning rate")
    assert "\n" not in message
    assert isinstance(raised.value, FloatingPointError)
    loss = float(raised.value.reason.split("exploded to ")[1].split()[0])
    assert loss > EXPLODED * 0.6


def test_a_non_finite_loss_stops_at_the_step_it_appears():
    model, X, y = moons_model()  # noqa: N806
    X = X.copy()  # noqa: N806
    X[3, 0] = math.nan
    before = model.state_dict()
    with pytest.raises(DivergenceError, match=r"^the loss became nan at epoch 1, step 1; try a smaller learning rate"):
        fit(model, X, y, SGD(model.parameters(), lr=0.1), epochs=5, progress=False)
    assert model.state_dict() == before  # the step a NaN loss would drive is not taken


def test_learning_rates_up_to_four_times_the_defaults_do_not_trip_the_explosion_check():
    """The measurement behind EXPLODED, kept as a test: the runs that peaked highest (140× their first loss)."""
    X, y = make_moons(100, noise=0.1, seed=0)  # noqa: N806
    for lr, batch_size in [(1.0, None), (2.0, 16), (0.2, None)]:
        model = MLP(2, [16, 16, 1], activation="relu", seed=0)
        optimizer = SGD(model.parameters(), lr=lr, momentum=0.9) if lr >= 1 else Adam(model.parameters(), lr=lr)
        history = fit(model, X, y, optimizer, epochs=60, batch_size=batch_size, progress=False)
        assert np.all(np.isfinite(history.loss))
