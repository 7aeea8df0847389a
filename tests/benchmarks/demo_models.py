"""The model of micrograd's demo, MLP(2, [16, 16, 1]), in each library, with ReLU or tanh hidden layers.

ReLU is micrograd's own MLP as it is. micrograd 0.1.0's Value has no tanh and its Neuron only ReLU, so its
tanh variant is the lecture's: `tanh` as one node with its closure, t = (e^2x − 1)/(e^2x + 1), ∂ = 1 − t²,
and a Neuron whose activation is that tanh. autograd-lite's is MLP(2, [16, 16, 1], activation=...,
init="micrograd"): micrograd's weights from Python's `random`, so with the same seed both models start equal.
The output layer is linear in both.
"""

from __future__ import annotations

import argparse
import math
import sys
from typing import Any

from ab import MICROGRAD, OURS, alternate, fresh

ACTIVATIONS = ("relu", "tanh")


def micrograd_model(activation: str) -> Any:
    """micrograd's MLP(2, [16, 16, 1]); for "tanh" its hidden neurons use the lecture's tanh."""
    from micrograd.engine import Value
    from micrograd.nn import MLP, Neuron

    def tanh(self: Value) -> Value:
        """The lecture's Value.tanh (micrograd_lecture_second_half_roughly.ipynb, cell 7)."""
        x = self.data
        t = (math.exp(2 * x) - 1) / (math.exp(2 * x) + 1)
        out = Value(t, (self,), "tanh")

        def _backward() -> None:
            self.grad += (1 - t**2) * out.grad

        out._backward = _backward
        return out

    class TanhNeuron(Neuron):
        """micrograd's Neuron with tanh in place of relu."""

        def __call__(self, x: list) -> Value:
            act = sum((wi * xi for wi, xi in zip(self.w, x)), self.b)
            return tanh(act) if self.nonlin else act

    model = MLP(2, [16, 16, 1])
    if activation == "tanh":
        for layer in model.layers:
            for neuron in layer.neurons:
                neuron.__class__ = TanhNeuron  # the weights micrograd drew, kept
    elif activation != "relu":
        raise ValueError(f"activation must be one of {ACTIVATIONS}, got {activation!r}")
    return model


def our_model(activation: str) -> Any:
    """autograd-lite's MLP(2, [16, 16, 1]) with micrograd's initialisation and `activation` on the hidden layers."""
    from autograd_lite.nn import MLP

    return MLP(2, [16, 16, 1], activation=activation, init="micrograd")


def model(library: str, activation: str) -> Any:
    """The demo's model in `library` ("autograd-lite" or "micrograd")."""
    return micrograd_model(activation) if library == MICROGRAD else our_model(activation)


def demo_arguments(description: str, rounds: int, steps: int) -> argparse.Namespace:
    """The command line of a script that runs the demo in both libraries: --rounds, --steps, --activation."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--rounds", type=int, default=rounds, help=f"rounds of one process per library ({rounds})")
    parser.add_argument("--steps", type=int, default=steps, help=f"steps per process ({steps}; step 0 untimed)")
    parser.add_argument("--activation", default=",".join(ACTIVATIONS), help="hidden layers': relu, tanh or both")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args()
    args.activations = args.activation.split(",")
    if args.steps < 2 or args.rounds < 1 or not set(args.activations) <= set(ACTIVATIONS):
        parser.error("--steps must be at least 2, --rounds at least 1, --activation relu, tanh or relu,tanh")
    return args


def demo_rounds(script: str, activation: str, args: argparse.Namespace) -> tuple[dict[str, list[dict]], float]:
    """Each library's workers of `script` (alternating fresh processes) and the largest difference of their losses."""
    cmd = [sys.executable, script, "--activation", activation, "--steps", str(args.steps), "--worker"]
    runs = alternate(args.rounds, (MICROGRAD, OURS), lambda library: fresh([*cmd, library]))
    for run in (r for found in runs.values() for r in found):
        if "error" in run:
            raise SystemExit(f"a worker failed: {run['error']}")
    worst = max(
        abs(a - b) for mg, ours in zip(runs[MICROGRAD], runs[OURS]) for a, b in zip(mg["losses"], ours["losses"])
    )
    return runs, worst
