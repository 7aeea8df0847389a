"""Lesson 4 — the four equations of backpropagation, checked against a scalar engine.

Seed 000 §2.2 and the theorem of seed 002 write backpropagation for an L-layer network
zˡ = Wˡaˡ⁻¹ + bˡ, aˡ = S(zˡ), a⁰ = x, with δˡ = ∂C/∂zˡ, as four matrix equations:

    (1)  δᴸ   = ∂C/∂zᴸ                      (depends on the loss and the output layer)
    (2)  δˡ⁻¹ = Dˡ⁻¹ (Wˡ)ᵀ δˡ = S′(zˡ⁻¹) ∘ (Wˡ)ᵀ δˡ   with Dˡ⁻¹ = diag(S′(zˡ⁻¹))
    (3)  ∂C/∂bˡ = δˡ
    (4)  ∂C/∂Wˡ = δˡ (aˡ⁻¹)ᵀ

The engine knows none of this: an `MLP` from `autograd_lite.nn` is made of scalar Values,
one `dot` node per neuron, and backward only multiplies local derivatives. The lesson runs
the NumPy recursion on the same weights (read with `Layer.weight_matrix()`) and compares it
with the engine's gradients (`Layer.weight_grad_matrix()`), layer by layer. Seed 002 gives
equation (1) for its two standard output layers:

- multi-logit classification, softmax output and cross-entropy C = −ln g_{y+1}:
  δᴸ = g − e_y (the predicted probabilities minus the one-hot target);
- multi-output regression, S_L applied elementwise and C = ‖y − g‖²:  δᴸ = S′_L(zᴸ) ∘ 2(g − y).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np

import autograd_lite as ag
from autograd_lite.examples._shared import data, heading, max_abs_diff, output_path, table
from autograd_lite.nn import MLP, cross_entropy

SIZES = [3, 4, 4, 3]  # a⁰ ∈ R³, two hidden sigmoid layers of 4, an output layer of 3 (L = 3)
X = np.array([0.5, -1.2, 0.8])


def sigmoid(z: np.ndarray) -> np.ndarray:
    """S(z) = 1/(1 + e^−z), elementwise."""
    return 1.0 / (1.0 + np.exp(-z))


def matrix_backprop(
    weights: list[np.ndarray], biases: list[np.ndarray], x: np.ndarray, delta_last: Callable, output_sigmoid: bool
) -> dict[str, object]:
    """Seed 002's Algorithm 1 in NumPy: the forward pass, then δᴸ, δᴸ⁻¹, …, δ¹ and the gradients."""
    a, zs, acts = x, [], [x]
    for index, (W, b) in enumerate(zip(weights, biases)):
        z = W @ a + b
        last = index == len(weights) - 1
        a = sigmoid(z) if (not last or output_sigmoid) else z
        zs.append(z)
        acts.append(a)
    deltas = [delta_last(zs[-1], acts[-1])]
    for layer in range(len(weights) - 1, 0, -1):  # (2): δˡ⁻¹ = S′(zˡ⁻¹) ∘ (Wˡ)ᵀ δˡ
        s = sigmoid(zs[layer - 1])
        deltas.insert(0, s * (1.0 - s) * (weights[layer].T @ deltas[0]))
    return {
        "dW": [np.outer(d, a_prev) for d, a_prev in zip(deltas, acts)],  # (4): δˡ (aˡ⁻¹)ᵀ
        "db": deltas,  # (3)
        "g": acts[-1],
    }


def classification(cls: int = 2, seed: int = 0) -> dict[str, object]:
    """Softmax + cross-entropy: the engine's gradients and the recursion's, layer by layer."""
    model = MLP(SIZES[0], SIZES[1:], activation="sigmoid", output_activation=None, seed=seed)
    logits = model(list(X))
    loss = cross_entropy(logits, cls)
    loss.backward()
    onehot = np.eye(SIZES[-1])[cls]

    def delta_last(z: np.ndarray, _: np.ndarray) -> np.ndarray:
        g = np.exp(z - z.max()) / np.exp(z - z.max()).sum()
        return g - onehot  # δᴸ = g − e_y

    return _compare(model, logits, delta_last, output_sigmoid=False) | {"loss": loss.data}


def regression(y: tuple[float, ...] = (0.2, 0.9, 0.5), seed: int = 1) -> dict[str, object]:
    """Sigmoid outputs + squared error ‖y − g‖²: the engine's gradients and the recursion's."""
    model = MLP(SIZES[0], SIZES[1:], activation="sigmoid", output_activation="sigmoid", seed=seed)
    outputs = model(list(X))
    loss = ag.sum((t - g) ** 2 for t, g in zip(y, outputs))
    loss.backward()
    target = np.array(y)

    def delta_last(_: np.ndarray, g: np.ndarray) -> np.ndarray:
        return g * (1.0 - g) * 2.0 * (g - target)  # δᴸ = S′(zᴸ) ∘ 2(g − y), S′ = S(1 − S)

    return _compare(model, outputs, delta_last, output_sigmoid=True) | {"loss": loss.data, "model": model}


def _compare(model: MLP, outputs: list[ag.Value], delta_last: Callable, output_sigmoid: bool) -> dict[str, object]:
    weights = [layer.weight_matrix() for layer in model.layers]
    biases = [layer.bias_vector() for layer in model.layers]
    recursion = matrix_backprop(weights, biases, X, delta_last, output_sigmoid)
    return {
        "engine_dW": [layer.weight_grad_matrix() for layer in model.layers],
        "engine_db": [layer.bias_grad_vector() for layer in model.layers],
        "recursion_dW": recursion["dW"],
        "recursion_db": recursion["db"],
        "engine_output": data(outputs),
        "recursion_output": recursion["g"],
    }


def _print_layers(result: dict[str, object]) -> None:
    gap = max_abs_diff(result["engine_output"], result["recursion_output"])
    print(f"  forward pass: the engine's outputs and the matrix aᴸ differ by at most {gap:.1e}")
    rows = []
    for layer, (ew, eb, rw, rb) in enumerate(
        zip(result["engine_dW"], result["engine_db"], result["recursion_dW"], result["recursion_db"]), start=1
    ):
        gaps = f"{max_abs_diff(ew, rw):.1e}", f"{max_abs_diff(eb, rb):.1e}"
        rows.append([f"layer {layer}", f"{ew.shape[0]}×{ew.shape[1]}", *gaps])
    table(["", "W", "max |∂C/∂W: engine − δ aᵀ|", "max |∂C/∂b: engine − δ|"], rows)


def main(out_dir: Path | None = None) -> None:
    """Print the lesson; with out_dir, save a diagram of the regression network there."""
    heading("Seed 002, multi-logit: MLP 3→4→4→3 (sigmoid), softmax + cross-entropy, class y = 2")
    c = classification()
    print(f"  δᴸ = ∂C/∂bᴸ from the engine: {np.round(c['engine_db'][-1], 6).tolist()}")
    print(f"  g − e_y from the formula:     {np.round(c['recursion_db'][-1], 6).tolist()}")
    _print_layers(c)

    heading("Seed 002, regression: MLP 3→4→4→3, sigmoid outputs, C = ‖y − g‖², y = (0.2, 0.9, 0.5)")
    r = regression()
    print(f"  δᴸ = ∂C/∂bᴸ from the engine:  {np.round(r['engine_db'][-1], 6).tolist()}")
    print(f"  S'(zᴸ) ∘ 2(g − y), formula:   {np.round(r['recursion_db'][-1], 6).tolist()}")
    _print_layers(r)

    svg = output_path(out_dir, "four_equations.svg")
    if svg is not None:
        from autograd_lite.viz import draw_mlp

        draw_mlp(r["model"]).save(svg)
        print(f"\n  diagram of the regression network with its gradients: {svg}")


if __name__ == "__main__":
    main()
