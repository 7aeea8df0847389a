"""Neuron, Layer and MLP: a neuron is a = g(w·x + b), with w·x ONE `dot` node of the graph.

Initialisation (biases start at 0), weights drawn uniformly from U(−r, r):
- tanh, sigmoid and linear (None): Xavier/Glorot, r = √(6 / (nin + nout)), which keeps the variance of
  activations and gradients about equal from layer to layer for activations that are linear near 0;
- relu and leaky_relu: He/Kaiming, r = √(6 / nin), which makes up for ReLU zeroing half of its inputs.
A lone Neuron counts as a layer with nout = 1. `seed=` (an int or a NumPy Generator) makes it reproducible.
`init="micrograd"` is micrograd's instead: r = 1 whatever the sizes, drawn with Python's `random`, each
neuron's weights in turn, so that after `random.seed(1337)` a model starts from micrograd's exact weights.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from autograd_lite import Value, dot
from autograd_lite.nn.module import Module
from autograd_lite.ops import dots

if TYPE_CHECKING:
    import torch

Activation = str | None
Seed = int | np.random.Generator | random.Random | None
Init = str | None
Inputs = Sequence[Value | float] | np.ndarray

# One name per activation: the Value method that applies it (None: linear, no node at all).
ACTIVATIONS: dict[Activation, Callable[[Value], Value] | None] = {
    "tanh": Value.tanh,
    "relu": Value.relu,
    "sigmoid": Value.sigmoid,
    "leaky_relu": Value.leaky_relu,  # slope 0.01, as torch.nn.LeakyReLU()
    None: None,
}
HE_INIT = frozenset({"relu", "leaky_relu"})


def activation_function(name: Activation) -> Callable[[Value], Value] | None:
    """The Value method for an activation name; a ValueError listing the choices for anything else."""
    if (name is None or isinstance(name, str)) and name in ACTIVATIONS:
        return ACTIVATIONS[name]
    raise ValueError(f"activation must be 'tanh', 'relu', 'sigmoid', 'leaky_relu' or None, got {name!r}")


def init_weights(
    nin: int, nout: int, activation: Activation, seed: Seed = None, init: Init = None
) -> list[list[float]]:
    """nout rows of nin weights: U(±√(6/nin)) for relu/leaky_relu (He), else U(±√(6/(nin+nout))) (Xavier).

    init="micrograd": micrograd's U(−1, 1) from Python's `random`, row after row (seed=None: the global
    `random`, as micrograd draws; an int: a `random.Random(seed)` of its own).
    """
    if _checked_init(init) == "micrograd":
        source = _python_random(seed)
        return [[source.uniform(-1, 1) for _ in range(nin)] for _ in range(nout)]
    fan = nin if activation in HE_INIT else nin + nout
    r = math.sqrt(6.0 / fan)
    return np.random.default_rng(seed).uniform(-r, r, size=(nout, nin)).tolist()


def _checked_init(init: Init) -> Init:
    if init is None or init == "micrograd":
        return init
    raise ValueError(f"init must be None (Xavier/He by activation) or 'micrograd', got {init!r}")


def _python_random(seed: Seed) -> Any:
    """Where init="micrograd" draws from: Python's global `random` for seed=None, else a Random of the seed."""
    if seed is None or seed is random:
        return random  # the module: random.uniform draws from the state that random.seed() sets
    if isinstance(seed, random.Random):
        return seed
    if isinstance(seed, int | np.integer) and not isinstance(seed, bool):
        return random.Random(int(seed))
    raise TypeError(f"init='micrograd' draws with Python's random: seed must be an int or None, got {seed!r}")


def micrograd_activation(activation: Activation, nonlin: bool | None) -> Activation:
    """micrograd's `nonlin=True` is ReLU and `nonlin=False` linear; without it, `activation` as given."""
    if nonlin is None:
        return activation
    if not isinstance(nonlin, bool):
        raise TypeError(f"nonlin must be True (ReLU) or False (linear), as in micrograd, got {nonlin!r}")
    if activation != "tanh":
        raise ValueError(f"give activation= or micrograd's nonlin=, not both (got activation={activation!r})")
    return "relu" if nonlin else None


class Neuron(Module):
    """a = g(w·x + b): `w` is a list of nin Values, `b` a Value, g the activation.

    micrograd's spelling works too: `Neuron(nin, nonlin=True)` is ReLU, `nonlin=False` linear.
    """

    def __init__(
        self,
        nin: int,
        activation: Activation = "tanh",
        *,
        seed: Seed = None,
        init: Init = None,
        nonlin: bool | None = None,
    ) -> None:
        nin = _positive_int(nin, "Neuron() nin")
        activation = micrograd_activation(activation, nonlin)
        self._act = activation_function(activation)
        self._activation = activation
        self.w = [Value(v) for v in init_weights(nin, 1, activation, seed, init)[0]]
        self.b = Value(0.0)
        self._label_parameters()

    @property
    def nin(self) -> int:
        return len(self.w)

    @property
    def activation(self) -> Activation:
        return self._activation

    def __call__(self, x: Inputs) -> Value:
        """g(w·x + b) for one input vector x of nin numbers or Values."""
        z = dot(self.w, as_inputs(x, len(self.w), self)) + self.b
        return z if self._act is None else self._act(z)

    def named_parameters(self) -> Iterator[tuple[str, Value]]:
        for i, w in enumerate(self.w):
            yield f"w.{i}", w
        yield "b", self.b

    def parameters(self) -> list[Value]:
        return [*self.w, self.b]

    def architecture(self) -> dict[str, Any]:
        return {"nin": self.nin, "activation": self._activation}

    @classmethod
    def _count_parameters(cls, architecture: Mapping[str, Any]) -> int | None:
        nin = architecture.get("nin")
        return nin + 1 if _is_size(nin) else None

    def __repr__(self) -> str:
        return f"Neuron({self.nin}, activation={self._activation!r})"


class Layer(Module):
    """nout neurons reading the same input: a = g(W x + b), W is nout × nin (`nonlin=` as for Neuron)."""

    def __init__(
        self,
        nin: int,
        nout: int,
        activation: Activation = "tanh",
        *,
        seed: Seed = None,
        init: Init = None,
        nonlin: bool | None = None,
    ) -> None:
        nin, nout = _positive_int(nin, "Layer() nin"), _positive_int(nout, "Layer() nout")
        activation = micrograd_activation(activation, nonlin)
        self._act = activation_function(activation)
        self._activation = activation
        weights = init_weights(nin, nout, activation, seed, init)
        self.neurons = [Neuron(nin, activation, seed=0) for _ in range(nout)]
        for neuron, row in zip(self.neurons, weights):
            for w, v in zip(neuron.w, row):
                w.data = v
        self._label_parameters()

    @classmethod
    def from_matrices(cls, weight: np.ndarray, bias: np.ndarray, activation: Activation = "tanh") -> Layer:
        """A Layer holding W (nout × nin) and b (nout) exactly."""
        weight, bias = np.asarray(weight, dtype=float), np.asarray(bias, dtype=float)
        if weight.ndim != 2 or weight.shape[0] == 0 or weight.shape[1] == 0 or bias.shape != weight.shape[:1]:
            raise ValueError(
                f"from_matrices() needs W of shape (nout, nin) and b of shape (nout,), "
                f"got {weight.shape} and {bias.shape}"
            )
        layer = cls(weight.shape[1], weight.shape[0], activation, seed=0)
        for neuron, row, b in zip(layer.neurons, weight.tolist(), bias.tolist()):
            for w, v in zip(neuron.w, row):
                w.data = v
            neuron.b.data = b
        return layer

    @property
    def nin(self) -> int:
        return len(self.neurons[0].w)

    @property
    def nout(self) -> int:
        return len(self.neurons)

    @property
    def activation(self) -> Activation:
        return self._activation

    def __call__(self, x: Inputs) -> Value | list[Value]:
        """g(W x + b): a list of nout Values (a single Value when nout == 1)."""
        out = self.forward(as_inputs(x, self.nin, self))
        return out[0] if len(out) == 1 else out

    def forward(self, xs: Sequence[Value | float]) -> list[Value]:
        """The outputs as a list, for inputs already checked: the hot loop of training."""
        # dot(w, x) + b, measured on micrograd's demo step against the one-node alternatives:
        # dot([*w, b], [*x, 1.0]) is 25% slower (the constant 1.0 sends every dot down the engine's
        # filtering path); a shared Value(1.0) input is 7% faster but puts a foreign leaf with an
        # ever-growing grad into every graph and diagram. `dots` makes each neuron's dot as `dot` would,
        # reading x once for the layer (the forward of micrograd's demo step 12.3 → 7.3 ms, 2026-12-06).
        act, neurons = self._act, self.neurons
        zs = dots([n.w for n in neurons], xs)
        if act is None:
            return [z + n.b for z, n in zip(zs, neurons)]
        return [act(z + n.b) for z, n in zip(zs, neurons)]

    def named_parameters(self) -> Iterator[tuple[str, Value]]:
        for j, neuron in enumerate(self.neurons):
            for name, p in neuron.named_parameters():
                yield f"neurons.{j}.{name}", p

    def parameters(self) -> list[Value]:
        return [p for n in self.neurons for p in n.parameters()]

    def architecture(self) -> dict[str, Any]:
        return {"nin": self.nin, "nout": self.nout, "activation": self.activation}

    @classmethod
    def _count_parameters(cls, architecture: Mapping[str, Any]) -> int | None:
        nin, nout = architecture.get("nin"), architecture.get("nout")
        return nout * (nin + 1) if _is_size(nin) and _is_size(nout) else None

    def weight_matrix(self) -> np.ndarray:
        """W, nout × nin: row j is neuron j's weights (W[j, i] = w^l_ji of the lecture notes)."""
        return np.array([[w.data for w in n.w] for n in self.neurons], dtype=float).reshape(self.nout, self.nin)

    def bias_vector(self) -> np.ndarray:
        """b, length nout."""
        return np.array([n.b.data for n in self.neurons], dtype=float)

    def weight_grad_matrix(self) -> np.ndarray:
        """∂C/∂W, nout × nin (after backward; equals δ aᵀ of the previous layer's output a)."""
        return np.array([[w.grad for w in n.w] for n in self.neurons], dtype=float).reshape(self.nout, self.nin)

    def bias_grad_vector(self) -> np.ndarray:
        """∂C/∂b = δ, length nout."""
        return np.array([n.b.grad for n in self.neurons], dtype=float)

    def __repr__(self) -> str:
        return f"Layer({self.nin}, {self.nout}, activation={self.activation!r})"


class MLP(Module):
    """Layers nin → nouts[0] → … → nouts[-1]: `activation` on hidden layers, `output_activation` on the last."""

    def __init__(
        self,
        nin: int,
        nouts: Sequence[int],
        activation: Activation = "tanh",
        output_activation: Activation = None,
        *,
        seed: Seed = None,
        init: Init = None,
    ) -> None:
        """`init="micrograd"` with `activation="relu"` is micrograd's MLP(nin, nouts), weights and all."""
        nin = _positive_int(nin, "MLP() nin")
        if isinstance(nouts, str | bytes) or not isinstance(nouts, Sequence) or not nouts:
            raise TypeError(f"MLP() nouts must be a non-empty list of layer sizes like [16, 16, 1], got {nouts!r}")
        sizes = [nin, *(_positive_int(k, "MLP() nouts entry") for k in nouts)]
        activation_function(activation)
        activation_function(output_activation)
        self._activation = activation
        rng = _python_random(seed) if _checked_init(init) == "micrograd" else np.random.default_rng(seed)
        last = len(sizes) - 2
        self.layers = [
            Layer(sizes[i], sizes[i + 1], output_activation if i == last else activation, seed=rng, init=init)
            for i in range(len(sizes) - 1)
        ]
        self._label_parameters()

    @property
    def nin(self) -> int:
        return self.layers[0].nin

    @property
    def nouts(self) -> list[int]:
        return [layer.nout for layer in self.layers]

    @property
    def activation(self) -> Activation:
        """The hidden layers' activation."""
        return self._activation

    @property
    def output_activation(self) -> Activation:
        return self.layers[-1].activation

    def __call__(self, x: Inputs) -> Value | list[Value]:
        """The network's output for one input vector: a Value when the last layer has one neuron, else a list."""
        xs = as_inputs(x, self.nin, self)
        for layer in self.layers:
            xs = layer.forward(xs)
        return xs[0] if len(xs) == 1 else xs

    def named_parameters(self) -> Iterator[tuple[str, Value]]:
        for i, layer in enumerate(self.layers):
            for name, p in layer.named_parameters():
                yield f"layers.{i}.{name}", p

    def parameters(self) -> list[Value]:
        return [p for layer in self.layers for p in layer.parameters()]

    def architecture(self) -> dict[str, Any]:
        return {
            "nin": self.nin,
            "nouts": list(self.nouts),
            "activation": self.activation,
            "output_activation": self.output_activation,
        }

    @classmethod
    def _count_parameters(cls, architecture: Mapping[str, Any]) -> int | None:
        nin, nouts = architecture.get("nin"), architecture.get("nouts")
        if not _is_size(nin) or not isinstance(nouts, list) or not all(map(_is_size, nouts)):
            return None
        sizes = [nin, *nouts]
        return sum(nout * (fan_in + 1) for fan_in, nout in zip(sizes, nouts))

    def to_torch(self) -> torch.nn.Sequential:
        """A torch.nn.Sequential of Linear (float64) and activation layers holding the same weights."""
        from autograd_lite.nn.torch_bridge import mlp_to_torch

        return mlp_to_torch(self)

    @classmethod
    def from_torch(cls, seq: torch.nn.Sequential) -> MLP:
        """An MLP with the weights of a Sequential of Linear layers, each followed by at most one activation."""
        from autograd_lite.nn.torch_bridge import mlp_from_torch

        return mlp_from_torch(seq, cls)

    def __repr__(self) -> str:
        return (
            f"MLP({self.nin}, {self.nouts}, activation={self.activation!r}, "
            f"output_activation={self.output_activation!r})"
        )


def as_inputs(x: Inputs, nin: int, module: Module) -> Sequence[Value | float]:
    """One input vector as a list or tuple of nin numbers or Values (a 1-D NumPy array becomes a list)."""
    if type(x) is not list and type(x) is not tuple:  # lists and tuples pass as they are: the common case
        if isinstance(x, np.ndarray):
            if x.ndim != 1:
                raise ValueError(
                    f"{module!r} takes one input vector (a 1-D array of {nin} numbers), got an array of shape "
                    f"{x.shape}; for a batch call it on each row: [model(x) for x in X]"
                )
            x = x.tolist()
        elif isinstance(x, Sequence) and not isinstance(x, str | bytes):
            x = list(x)
        else:
            raise TypeError(
                f"{module!r} takes a list of {nin} numbers or Values or a 1-D NumPy array, got {type(x).__name__}"
            )
    if len(x) != nin:
        raise ValueError(f"{module!r} expects {nin} inputs, got {len(x)}")
    return x


def _is_size(k: object) -> bool:
    """A layer size as a model file may give it: a positive int (the constructors check the rest)."""
    return type(k) is int and k >= 1


def _positive_int(k: object, what: str) -> int:
    if isinstance(k, bool) or not isinstance(k, int | np.integer) or k < 1:
        raise ValueError(f"{what} must be a positive integer, got {k!r}")
    return int(k)
