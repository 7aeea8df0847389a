"""Lesson 5 — seed 001's 2 → 500 → 2 tanh/softmax network, and the three errors in its derivation.

Seed 001 writes the network with row vectors, x ∈ R², W₁ ∈ R^{2×500}, W₂ ∈ R^{500×2}:

    z₁ = xW₁ + b₁ (1),  a₁ = tanh(z₁) (2),  z₂ = a₁W₂ + b₂ (3),  ŷ = softmax(z₂) (4).

With the cross-entropy C = −Σₖ yₖ ln ŷₖ (y one-hot), the correct gradients are

    δ₂ = ∂C/∂z₂ = ŷ − y,         ∂C/∂W₂ = a₁ᵀ δ₂,   ∂C/∂b₂ = δ₂,
    δ₁ = (δ₂ W₂ᵀ) ∘ (1 − a₁²),   ∂C/∂W₁ = xᵀ δ₁,    ∂C/∂b₁ = δ₁,

and the engine, which has never seen them, reproduces all 2,502 numbers. The seed's
derivation has three errors; each is shown here by the engine, not by prose:

- Eq. (6) writes dσ/dz = ln σ(z) · ln(1 − σ(z)). The derivative of the sigmoid is
  σ(z)(1 − σ(z)) — the number the engine stores on every sigmoid node. Its eq. (7) is right
  only because it silently uses the true derivative: with (6), the chain rule gives another number.
- Eq. (10) writes ∂z₂/∂tanh(z₁) = z₂. Since z₂ = a₁W₂ + b₂ is linear in a₁, the derivative is
  the weight matrix: ∂z₂ₖ/∂a₁ⱼ = W₂[j, k] (and eq. 16 does use W₂ᵀ, not z₂).
- Loss (5), y ln σ + (1 − y) ln(1 − σ), is a log-likelihood: it must be *maximised*. Its
  gradient y − ŷ (eq. 7) has the opposite sign of the gradient ŷ − y of the loss to minimise
  (the cross-entropy, −(5)). A descent step with the seed's (14)–(17) raises the loss.

(Eq. 16 as printed, xᵀ(1 − tanh²Z₁)(y − ŷ)W₂ᵀ, is a product whose shapes do not chain; read it
as xᵀ[((y − ŷ)W₂ᵀ) ∘ (1 − tanh² z₁)], with the sign fixed as above.)
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from autograd_lite import Value, dot, log_softmax
from autograd_lite.examples._shared import grads, heading, leaves, max_abs_diff, num, table

HIDDEN = 500


@dataclass
class Net:
    """The seed's parameters (row-vector convention) and one training example."""

    W1: np.ndarray  # 2 × 500
    b1: np.ndarray  # 500
    W2: np.ndarray  # 500 × 2
    b2: np.ndarray  # 2
    x: np.ndarray  # 2
    y: np.ndarray  # 2, one-hot


def make_net(seed: int = 1) -> Net:
    """A seeded network of the seed's shapes and the example x = (0.8, −0.3) of class 1."""
    rng = np.random.default_rng(seed)
    return Net(
        W1=rng.normal(0.0, 1.0, (2, HIDDEN)),
        b1=rng.normal(0.0, 0.1, HIDDEN),
        W2=rng.normal(0.0, 1.0 / math.sqrt(HIDDEN), (HIDDEN, 2)),
        b2=np.array([0.1, -0.1]),
        x=np.array([0.8, -0.3]),
        y=np.array([0.0, 1.0]),
    )


def forward_numpy(net: Net, W1: np.ndarray | None = None, W2: np.ndarray | None = None) -> dict[str, np.ndarray]:
    """Equations (1)–(4) in NumPy, and the cross-entropy C = −Σ y ln ŷ."""
    W1 = net.W1 if W1 is None else W1
    W2 = net.W2 if W2 is None else W2
    z1 = net.x @ W1 + net.b1
    a1 = np.tanh(z1)
    z2 = a1 @ W2 + net.b2
    y_hat = np.exp(z2 - z2.max()) / np.exp(z2 - z2.max()).sum()
    return {"z1": z1, "a1": a1, "z2": z2, "y_hat": y_hat, "C": float(-(net.y * np.log(y_hat)).sum())}


def engine_gradients(net: Net, log_likelihood: bool = False) -> dict[str, np.ndarray]:
    """The network built from Values, C.backward(); C and ∂C/∂W₁, b₁, W₂, b₂ as arrays.

    With log_likelihood=True the function differentiated is ln ŷ_y = −C, the seed's Loss (5) for softmax.
    """
    W1, b1, W2, b2 = leaves(net.W1, "W1"), leaves(net.b1, "b1"), leaves(net.W2, "W2"), leaves(net.b2, "b2")
    x = [float(v) for v in net.x]  # the input is data, not a parameter: a constant in the graph
    a1 = [(dot([W1[0][j], W1[1][j]], x) + b1[j]).tanh() for j in range(HIDDEN)]
    z2 = [dot([W2[j][k] for j in range(HIDDEN)], a1) + b2[k] for k in range(2)]
    cls = int(np.argmax(net.y))
    log_p = log_softmax(z2)[cls]  # ln ŷ_y: the log-likelihood of the true class
    C = log_p if log_likelihood else -log_p  # the cross-entropy of softmax(z₂) with a one-hot y is −ln ŷ_y
    C.backward()
    return {"C": np.array(C.data), "W1": grads(W1), "b1": grads(b1), "W2": grads(W2), "b2": grads(b2)}


def correct_formulas(net: Net) -> dict[str, np.ndarray]:
    """δ₂ = ŷ − y, δ₁ = (δ₂W₂ᵀ) ∘ (1 − a₁²) and the four gradients, in NumPy."""
    f = forward_numpy(net)
    delta2 = f["y_hat"] - net.y
    delta1 = (delta2 @ net.W2.T) * (1.0 - f["a1"] ** 2)
    return {"W1": np.outer(net.x, delta1), "b1": delta1, "W2": np.outer(f["a1"], delta2), "b2": delta2}


def sigmoid_derivative(z: float) -> tuple[float, float]:
    """(the seed's eq. 6 ln σ·ln(1−σ), the engine's dσ/dz) at z."""
    zv = Value(z, "z")
    s = zv.sigmoid()
    s.backward()
    return math.log(s.data) * math.log(1.0 - s.data), zv.grad


def eq7_with_eq6(z: float, y: float) -> tuple[float, float]:
    """∂Loss(5)/∂z by the chain rule using eq. 6's dσ/dz, and the engine's ∂Loss(5)/∂z (= y − σ)."""
    zv = Value(z, "z")
    s = zv.sigmoid()
    loss5 = y * s.log() + (1.0 - y) * (1.0 - s).log()
    loss5.backward()
    seed_dsigma, _ = sigmoid_derivative(z)
    return (y / s.data - (1.0 - y) / (1.0 - s.data)) * seed_dsigma, zv.grad


def dz2_da1(net: Net, k: int, hidden: list[int]) -> list[tuple[float, float, float]]:
    """For hidden units j: (the seed's eq. 10 value z₂ₖ, the engine's ∂z₂ₖ/∂a₁ⱼ, W₂[j, k])."""
    a1 = [Value(float(a), f"a1[{j}]") for j, a in enumerate(forward_numpy(net)["a1"])]
    W2 = leaves(net.W2[:, k], f"W2[:,{k}]")
    z2k = dot(W2, a1) + float(net.b2[k])
    z2k.backward()
    return [(z2k.data, a1[j].grad, float(net.W2[j, k])) for j in hidden]


def dW1_with_eq10(net: Net) -> np.ndarray:
    """∂C/∂W₁ by the chain rule with eq. (10)'s ∂z₂ₖ/∂a₁ⱼ = z₂ₖ in place of W₂[j, k]."""
    f = forward_numpy(net)
    delta1 = (f["y_hat"] - net.y) @ f["z2"] * (1.0 - f["a1"] ** 2)  # Σₖ δ₂ₖ z₂ₖ instead of Σₖ δ₂ₖ W₂[j, k]
    return np.outer(net.x, delta1)


def seed_formulas(net: Net) -> dict[str, np.ndarray]:
    """The seed's (14)–(17), built on y − ŷ, with (16)–(17) read as xᵀ[((y − ŷ)W₂ᵀ) ∘ (1 − tanh² z₁)]."""
    f = forward_numpy(net)
    error = net.y - f["y_hat"]
    delta1 = (error @ net.W2.T) * (1.0 - f["a1"] ** 2)
    return {"W1": np.outer(net.x, delta1), "b1": delta1, "W2": np.outer(f["a1"], error), "b2": error}


def descent_steps(net: Net, lr: float = 0.01) -> dict[str, float]:
    """The cross-entropy before and after one step W ← W − lr·g, with the seed's g and the engine's g."""
    g = engine_gradients(net)  # ∂C/∂W of the loss to minimise (ŷ − y at the output)
    seed_g = seed_formulas(net)
    return {
        "before": forward_numpy(net)["C"],
        "seed": forward_numpy(net, net.W1 - lr * seed_g["W1"], net.W2 - lr * seed_g["W2"])["C"],
        "correct": forward_numpy(net, net.W1 - lr * g["W1"], net.W2 - lr * g["W2"])["C"],
    }


def main(out_dir: Path | None = None) -> None:
    """Print the lesson (it draws no diagram: 2,000 weights make an unreadable graph)."""
    net = make_net()
    f = forward_numpy(net)
    engine = engine_gradients(net)
    right = correct_formulas(net)
    heading("Seed 001: x ∈ R², W1 2×500, tanh, W2 500×2, softmax, cross-entropy")
    print(f"  x = {net.x.tolist()}, y = {net.y.tolist()}, ŷ = {np.round(f['y_hat'], 6).tolist()}, C = {num(f['C'])}")
    rows = [[k, str(right[k].shape), f"{max_abs_diff(right[k], engine[k]):.1e}"] for k in ("W1", "b1", "W2", "b2")]
    table(["∂C/∂", "shape", "max |engine − correct formula|"], rows)
    print(f"  e.g. ∂C/∂b2 = {np.round(engine['b2'], 6).tolist()} = ŷ − y")

    heading("Seed error 1, eq. (6): dσ/dz is σ(1−σ), not ln σ·ln(1−σ)")
    zs = [0.0, *(float(z) for z in f["z2"])]
    table(
        ["z", "seed: ln σ·ln(1−σ)", "engine: dσ/dz", "σ(1−σ)"],
        [[z, *sigmoid_derivative(z), 1 / (1 + math.exp(-z)) * (1 - 1 / (1 + math.exp(-z)))] for z in zs],
    )
    with_6, truth = eq7_with_eq6(float(f["z2"][1]), 1.0)
    print(f"  eq. (7) at z = z2[1], y = 1: with eq. (6) the chain rule gives {num(with_6)};")
    print(f"  the engine gives {num(truth)} = y − σ(z). Eq. (7) holds only with the true derivative.")

    heading("Seed error 2, eq. (10): ∂z2/∂tanh(z1) is W2, not z2")
    rows = [[f"∂z2[0]/∂a1[{j}]", seed, eng, w] for j, (seed, eng, w) in zip(range(3), dz2_da1(net, 0, [0, 1, 2]))]
    table(["derivative", "seed: z2[0]", "engine", "W2[j,0]"], rows)
    print(
        f"  Carried into ∂C/∂W1[0,0]: with eq. (10) {num(dW1_with_eq10(net)[0, 0])}, engine {num(engine['W1'][0, 0])}"
    )

    heading("Seed error 3, Loss (5) is a log-likelihood: y − ŷ is the ascent direction")
    print(f"  The engine agrees that ∂(5)/∂z = y − σ (above: {num(truth)}); but (5) is to be maximised.")
    gap = max(max_abs_diff(seed_formulas(net)[k], engine_gradients(net, log_likelihood=True)[k]) for k in right)
    print(f"  (14)–(17) equal the engine's gradient of the log-likelihood ln ŷ_y (to {gap:.0e}): an ascent direction.")
    steps = descent_steps(net)
    print(f"  Cross-entropy now {num(steps['before'])}; one step W ← W − 0.01·∂C/∂W on W1 and W2:")
    print(f"    with the seed's (14), (16), built on y − ŷ: {num(steps['seed'])}  (the loss went up)")
    print(f"    with the engine's gradient, built on ŷ − y: {num(steps['correct'])}  (the loss went down)")


if __name__ == "__main__":
    main()
