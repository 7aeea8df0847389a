"""micrograd's spelling in nn: Neuron(nin, nonlin=...), init="micrograd", and micrograd's demo reproduced exactly."""

import itertools
import random

import numpy as np
import pytest
from micrograd import nn as micrograd_nn
from micrograd.engine import Value as MicrogradValue
from micrograd_demo import demo, notebook_losses

from autograd_lite import Value
from autograd_lite.nn import MLP, Layer, Neuron


def our_demo_model():
    return MLP(2, [16, 16, 1], activation="relu", init="micrograd")


def test_nonlin_is_micrograds_relu_or_linear():
    assert Neuron(3, nonlin=True).activation == "relu"
    assert Neuron(3, nonlin=False).activation is None
    assert Layer(2, 4, nonlin=True).activation == "relu"
    assert Layer(2, 4, nonlin=False).activation is None
    neuron = Neuron(2, nonlin=True, seed=0)
    assert neuron([-5.0, -5.0]).data == 0.0 or neuron([5.0, 5.0]).data == 0.0  # a ReLU is 0 on one side
    with pytest.raises(ValueError, match=r"activation= or micrograd's nonlin=, not both \(got activation='relu'\)"):
        Neuron(2, "relu", nonlin=True)
    with pytest.raises(TypeError, match=r"nonlin must be True .* got 'yes'"):
        Neuron(2, nonlin="yes")


def test_micrograd_init_draws_micrograds_weights():
    random.seed(1337)
    theirs = micrograd_nn.MLP(2, [16, 16, 1])
    random.seed(1337)
    ours = our_demo_model()
    assert [p.data for p in ours.parameters()] == [p.data for p in theirs.parameters()]
    assert [p.data for p in ours.parameters()][2::3][:16] == [0.0] * 16  # each first-layer bias starts at 0
    random.seed(7)
    theirs_neuron = micrograd_nn.Neuron(5)
    random.seed(7)
    assert [p.data for p in Neuron(5, nonlin=True, init="micrograd").parameters()] == [
        p.data for p in theirs_neuron.parameters()
    ]


def test_micrograd_init_with_a_seed_uses_its_own_generator():
    random.seed(1)
    a = MLP(2, [3, 1], init="micrograd", seed=5)
    random.seed(2)
    b = MLP(2, [3, 1], init="micrograd", seed=5)
    assert a.state_dict() == b.state_dict()
    weights = [p.data for name, p in a.named_parameters() if ".w." in name]
    assert all(-1.0 <= w <= 1.0 for w in weights)
    expected = random.Random(5)
    assert weights == [expected.uniform(-1, 1) for _ in range(len(weights))]


def test_bad_init_and_seed_are_clear_errors():
    with pytest.raises(ValueError, match=r"init must be None \(Xavier/He by activation\) or 'micrograd', got 'he'"):
        MLP(2, [3, 1], init="he")
    with pytest.raises(TypeError, match="seed must be an int or None, got Generator"):
        MLP(2, [3, 1], init="micrograd", seed=np.random.default_rng(0))


def test_our_defaults_are_unchanged():
    """Without init=, weights are Xavier (tanh) or He (relu) from NumPy, as before."""
    for activation, bound in (("tanh", (6 / (2 + 3)) ** 0.5), ("relu", (6 / 2) ** 0.5)):
        layer = Layer(2, 3, activation, seed=0)
        expected = np.random.default_rng(0).uniform(-bound, bound, size=(3, 2))
        assert np.array_equal(layer.weight_matrix(), expected)


@pytest.mark.timeout(120)
def test_the_demo_notebook_reproduced_exactly():
    """demo.ipynb's cells, run on autograd-lite, print the notebook's 100 losses to 1e-12 and its accuracies."""
    ours = list(demo(Value, our_demo_model))
    printed = notebook_losses()
    assert len(ours) == len(printed) == 100
    for (loss, accuracy), (their_loss, their_accuracy) in zip(ours, printed, strict=True):
        assert abs(loss - their_loss) <= 1e-12
        assert accuracy == their_accuracy
    assert ours[-1][0] < 0.011


@pytest.mark.timeout(120)
def test_the_demo_against_micrograd_itself():
    """The first steps of the demo, on micrograd 0.1.0 in this process and on autograd-lite, agree to 1e-12."""
    steps = 3
    ours = list(demo(Value, our_demo_model, steps))
    theirs = list(itertools.islice(demo(MicrogradValue, lambda: micrograd_nn.MLP(2, [16, 16, 1]), steps), steps))
    assert theirs[0][0] == notebook_losses()[0][0]  # the data are the notebook's: its first loss, to the last bit
    for (loss, accuracy), (their_loss, their_accuracy) in zip(ours, theirs, strict=True):
        assert abs(loss - their_loss) <= 1e-12
        assert accuracy == their_accuracy
