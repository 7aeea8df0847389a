"""Neuron, Layer, MLP: parameters and their names, init, calling conventions, matrix views, state dicts."""

import math
import struct

import numpy as np
import pytest

from autograd_lite import Value
from autograd_lite import sum as ag_sum
from autograd_lite.graph import topological_order
from autograd_lite.nn import MLP, Layer, Module, Neuron

ACTIVATIONS = ["tanh", "relu", "sigmoid", "leaky_relu", None]
G = {
    "tanh": math.tanh,
    "relu": lambda z: max(z, 0.0),
    "sigmoid": lambda z: 1.0 / (1.0 + math.exp(-z)),
    "leaky_relu": lambda z: z if z > 0 else 0.01 * z,
    None: lambda z: z,
}


def test_parameter_names_follow_the_module_tree():
    names = [name for name, _ in MLP(2, [3, 1], seed=0).named_parameters()]
    assert names[:4] == [
        "layers.0.neurons.0.w.0",
        "layers.0.neurons.0.w.1",
        "layers.0.neurons.0.b",
        "layers.0.neurons.1.w.0",
    ]
    assert names[-1] == "layers.1.neurons.0.b"
    assert len(names) == len(set(names)) == (2 + 1) * 3 + (3 + 1) * 1
    assert [n for n, _ in Layer(2, 2, seed=0).named_parameters()][-1] == "neurons.1.b"
    assert [n for n, _ in Neuron(2, seed=0).named_parameters()] == ["w.0", "w.1", "b"]


@pytest.mark.parametrize("module", [Neuron(3, seed=1), Layer(3, 4, seed=1), MLP(3, [4, 5, 2], seed=1)])
def test_parameters_are_the_named_ones_in_order_and_labelled_by_name(module):
    named = list(module.named_parameters())
    params = module.parameters()
    assert len(params) == len(named)
    assert all(p is q for p, (_, q) in zip(params, named, strict=True))
    assert all(p.label == name for name, p in named)
    assert all(type(p) is Value and p.op == "" for p in params)


def test_interface_attributes():
    mlp = MLP(3, [4, 2], activation="relu", output_activation="sigmoid", seed=0)
    assert mlp.nin == 3
    assert mlp.nouts == [4, 2]
    first, last = mlp.layers
    assert (first.nin, first.nout, first.activation) == (3, 4, "relu")
    assert (last.nin, last.nout, last.activation) == (4, 2, "sigmoid")
    neuron = first.neurons[3]
    assert len(neuron.w) == 3
    assert isinstance(neuron.b, Value)
    assert neuron.activation == "relu"
    assert dict(mlp.named_parameters())["layers.0.neurons.3.w.1"] is neuron.w[1]


def test_seed_makes_initialisation_reproducible():
    a, b, c = (MLP(2, [8, 1], seed=s).state_dict() for s in (7, 7, 8))
    assert a == b
    assert a != c
    assert Neuron(5, seed=3).state_dict() == Neuron(5, seed=3).state_dict()


@pytest.mark.parametrize(
    ("activation", "bound"),
    [
        ("relu", math.sqrt(6 / 400)),
        ("leaky_relu", math.sqrt(6 / 400)),
        ("tanh", math.sqrt(6 / 700)),
        ("sigmoid", math.sqrt(6 / 700)),
        (None, math.sqrt(6 / 700)),
    ],
)
def test_init_is_he_for_relu_and_xavier_otherwise(activation, bound):
    layer = Layer(400, 300, activation, seed=0)
    w = layer.weight_matrix()
    assert np.abs(w).max() <= bound
    assert np.abs(w).max() > 0.99 * bound
    assert np.var(w) == pytest.approx(bound**2 / 3, rel=0.02)  # the variance of U(−r, r)
    assert not layer.bias_vector().any()


@pytest.mark.parametrize("activation", ACTIVATIONS)
def test_neuron_computes_g_of_w_dot_x_plus_b(activation):
    neuron = Neuron(3, activation, seed=2)
    neuron.b.data = -0.3
    for x in ([0.5, -1.0, 2.0], [-3.0, 1.0, -2.0]):
        z = sum(w.data * xi for w, xi in zip(neuron.w, x)) + neuron.b.data
        assert neuron(x).data == pytest.approx(G[activation](z), abs=1e-15)


def test_a_neuron_is_one_dot_node_plus_the_bias_then_its_activation():
    neuron = Neuron(3, "tanh", seed=0)
    xs = [Value(1.0), Value(2.0), Value(3.0)]
    a = neuron(xs)
    assert a.op == "tanh"
    (z,) = a.inputs
    assert z.op == "+"
    assert z.inputs[1] is neuron.b
    (d, _) = z.inputs
    assert d.op == "dot"
    assert d.inputs == (*neuron.w, *xs)
    assert len(topological_order(a)) == 3 + 3 + 1 + 3  # w, x, b, then dot, +, tanh
    linear = Neuron(2, None, seed=0)
    plain = linear([1.0, 2.0])  # numbers are constants: only the weights are inputs of the dot
    assert plain.op == "+"
    assert plain.inputs[0].inputs == tuple(linear.w)
    assert plain.inputs[0].local_grads == (1.0, 2.0)


def test_mlp_graph_has_three_nodes_per_neuron():
    mlp = MLP(2, [16, 16, 1], activation="relu", seed=0)
    out = mlp([0.5, -0.5])
    nodes = topological_order(out)
    ops = [v.op for v in nodes]
    assert ops.count("dot") == 33
    assert ops.count("+") == 33
    assert ops.count("relu") == 32
    assert len(nodes) == len(mlp.parameters()) + 33 + 33 + 32


@pytest.mark.parametrize("activation", ACTIVATIONS)
def test_a_layer_makes_the_nodes_of_its_neurons_one_neuron_after_another(activation):
    """Layer.forward reads x once for all its neurons (ops.dots); its graph is, node for node and bit for bit,
    the one of calling each neuron in turn, in the same creation order (so the same backward order)."""
    mlp = MLP(3, [4, 4, 2], activation=activation, seed=1)
    params = {id(p): name for name, p in mlp.named_parameters()}

    def graph(outputs):
        order = topological_order(ag_sum(outputs))
        index = {id(v): k for k, v in enumerate(order)}
        return [
            (
                v.op,
                params.get(id(v)),
                [index[id(x)] for x in v.inputs],
                [struct.pack("<d", d) for d in (v.data, *v.local_grads)],
            )
            for v in order
        ]

    for x in ([0.5, -1.0, 2.0], [Value(0.5), Value(-1.0), Value(2.0)]):
        by_layers = mlp(x)
        xs = x
        for layer in mlp.layers:
            xs = [neuron(xs) for neuron in layer.neurons]
        assert graph(by_layers) == graph(xs)


def test_inputs_may_be_lists_tuples_arrays_or_values():
    mlp = MLP(3, [4, 2], seed=0)
    x = [0.1, -0.2, 0.3]
    expected = [v.data for v in mlp(x)]
    for same in (tuple(x), np.array(x), list(np.array(x)), [Value(v) for v in x]):
        assert [v.data for v in mlp(same)] == expected
    assert mlp(np.array([1, 2, 3])) is not None  # integer arrays too


def test_outputs_a_value_for_one_output_else_a_list():
    assert isinstance(MLP(2, [3, 1], seed=0)([1.0, 2.0]), Value)
    out = MLP(2, [3, 2], seed=0)([1.0, 2.0])
    assert isinstance(out, list)
    assert len(out) == 2
    assert isinstance(Layer(2, 1, seed=0)([1.0, 2.0]), Value)
    assert len(Layer(2, 5, seed=0)([1.0, 2.0])) == 5
    assert len(Layer(2, 5, seed=0).forward([1.0, 2.0])) == 5


@pytest.mark.parametrize("module", [Neuron(2, seed=0), Layer(2, 3, seed=0), MLP(2, [3, 1], seed=0)])
def test_wrong_input_size_names_expected_and_given(module):
    with pytest.raises(ValueError, match="expects 2 inputs, got 3"):
        module([1.0, 2.0, 3.0])
    with pytest.raises(ValueError, match=r"shape \(5, 2\).*each row"):
        module(np.zeros((5, 2)))
    with pytest.raises(TypeError, match="got str"):
        module("ab")
    with pytest.raises(TypeError, match="got float"):
        module(1.0)


def test_bad_constructor_arguments_are_named():
    with pytest.raises(ValueError, match=r"activation must be .* got 'softplus'"):
        MLP(2, [3], activation="softplus")
    with pytest.raises(ValueError, match="activation must be"):
        Layer(2, 3, activation=["relu"])
    with pytest.raises(ValueError, match="nin must be a positive integer, got 0"):
        Neuron(0)
    with pytest.raises(ValueError, match=r"nouts entry must be a positive integer, got 2\.5"):
        MLP(2, [2.5])
    with pytest.raises(TypeError, match="nouts must be a non-empty list"):
        MLP(2, [])
    with pytest.raises(TypeError, match="nouts must be a non-empty list"):
        MLP(2, "16")


def test_zero_grad_clears_every_parameter():
    mlp = MLP(2, [4, 1], seed=0)
    mlp([1.0, -1.0]).backward()
    assert any(p.grad for p in mlp.parameters())
    mlp.zero_grad()
    assert all(p.grad == 0.0 for p in mlp.parameters())


def test_matrix_views_are_nout_by_nin_and_match_the_values():
    layer = Layer(3, 2, "tanh", seed=0)
    W, b = layer.weight_matrix(), layer.bias_vector()  # noqa: N806
    assert W.shape == (2, 3)
    assert b.shape == (2,)
    assert W[1, 2] == layer.neurons[1].w[2].data
    x = np.array([0.3, -0.7, 1.1])
    assert np.allclose([v.data for v in layer(x)], np.tanh(W @ x + b), rtol=0, atol=1e-15)
    sum(layer(x)).backward()
    assert layer.weight_grad_matrix()[1, 2] == layer.neurons[1].w[2].grad
    assert layer.bias_grad_vector()[0] == layer.neurons[0].b.grad
    assert layer.weight_grad_matrix().shape == (2, 3)


def test_from_matrices_holds_exactly_those_numbers():
    W = np.array([[0.1, 0.2], [0.3, 0.4], [0.5, 0.6]])  # noqa: N806
    b = np.array([1.0, 2.0, 3.0])
    layer = Layer.from_matrices(W, b, "relu")
    assert (layer.nin, layer.nout, layer.activation) == (2, 3, "relu")
    assert np.array_equal(layer.weight_matrix(), W)
    assert np.array_equal(layer.bias_vector(), b)
    with pytest.raises(ValueError, match=r"got \(3, 2\) and \(2,\)"):
        Layer.from_matrices(W, b[:2])


def test_state_dict_round_trip():
    a, b = MLP(2, [3, 1], seed=0), MLP(2, [3, 1], seed=1)
    b.load_state_dict(a.state_dict())
    assert b.state_dict() == a.state_dict()
    assert all(type(v) is float for v in a.state_dict().values())
    b.load_state_dict({k: np.float32(1) if i == 0 else v for i, (k, v) in enumerate(a.state_dict().items())})
    assert b.layers[0].neurons[0].w[0].data == 1.0


def test_load_state_dict_checks_everything_before_changing_anything():
    mlp = MLP(2, [3, 1], seed=0)
    before = mlp.state_dict()
    other = MLP(2, [4, 1], seed=0).state_dict()
    with pytest.raises(ValueError, match=r"missing.*unexpected.*another shape"):
        mlp.load_state_dict(other)
    missing = dict(before)
    del missing["layers.1.neurons.0.b"]
    with pytest.raises(ValueError, match=r"1 \(layers.1.neurons.0.b\) missing"):
        mlp.load_state_dict(missing)
    bad = dict.fromkeys(before, 0.0) | {"layers.1.neurons.0.b": "x"}
    with pytest.raises(TypeError, match=r"layers\.1\.neurons\.0\.b"):
        mlp.load_state_dict(bad)
    with pytest.raises(TypeError, match="dict of name"):
        mlp.load_state_dict([1.0, 2.0])
    assert mlp.state_dict() == before


def test_reprs_and_architecture_rebuild_the_module():
    for module in (Neuron(3, "relu"), Layer(3, 2, None), MLP(2, [4, 1], "tanh", "sigmoid")):
        rebuilt = type(module)(**module.architecture())
        assert repr(rebuilt) == repr(module)
        assert [n for n, _ in rebuilt.named_parameters()] == [n for n, _ in module.named_parameters()]
    assert repr(MLP(2, [4, 1])) == "MLP(2, [4, 1], activation='tanh', output_activation=None)"
    assert set(Module.registry) >= {"Neuron", "Layer", "MLP"}


def test_shape_and_activation_are_read_from_the_layers_and_cannot_drift():
    mlp = MLP(2, [3, 1], activation="relu", seed=0)
    with pytest.raises(AttributeError):
        mlp.activation = "tanh"
    with pytest.raises(AttributeError):
        mlp.layers[0].nin = 5
    mlp.layers.append(Layer(1, 4, "sigmoid", seed=0))
    assert mlp.nouts == [3, 1, 4]
    assert mlp.output_activation == "sigmoid"


def test_a_users_class_of_the_same_name_does_not_replace_ours_for_loading():
    theirs = type("Layer", (Module,), {})  # a student's own `class Layer(Module)`
    assert theirs is not Layer
    assert Module.registry["Layer"] is Layer


def test_nn_exports_the_design_contract():
    import autograd_lite.nn as nn

    contract = {"Module", "Neuron", "Layer", "MLP", "mse_loss", "binary_cross_entropy", "cross_entropy", "hinge_loss"}
    contract |= {"l2_penalty", "SGD", "Adam", "make_moons", "make_circles", "make_xor", "make_spirals"}
    assert set(nn.__all__) >= contract
    assert all(hasattr(nn, name) for name in nn.__all__)
