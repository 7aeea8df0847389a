"""Lesson 7 — seed 004's 3-3-1 sigmoid network with bias units, and its training algorithm.

Seed 004 (Figure 5) has three inputs plus the bias unit x₀ = 1, three hidden sigmoid units
plus the bias unit a₀⁽²⁾ = 1, and one sigmoid output. Its parameters carry the biases in
column 0: Θ⁽¹⁾ is 3×4 and Θ⁽²⁾ is 1×4,

    z⁽²⁾ = Θ⁽¹⁾ [1; x],   a⁽²⁾ = g(z⁽²⁾),   z⁽³⁾ = Θ⁽²⁾ [1; a⁽²⁾],   ŷ = a⁽³⁾ = g(z⁽³⁾),

with g the sigmoid, whose derivative it writes as g′(z) = g(z)(1 − g(z)). Its algorithm, over
m training examples:

    Δ⁽ˡ⁾ = 0;  for each example:  δ⁽³⁾ = a⁽³⁾ − y,  δ⁽²⁾ = (Θ⁽²⁾)ᵀδ⁽³⁾ ∘ a⁽²⁾(1 − a⁽²⁾)  (bias row dropped),
                                  Δ⁽ˡ⁾ += δ⁽ˡ⁺¹⁾ (a⁽ˡ⁾)ᵀ
    D⁽ˡ⁾ᵢⱼ = Δ⁽ˡ⁾ᵢⱼ/m + λθ⁽ˡ⁾ᵢⱼ  for j ≠ 0,     D⁽ˡ⁾ᵢ₀ = Δ⁽ˡ⁾ᵢ₀/m  (no λ on the bias column).

D is the gradient of the mean cross-entropy plus (λ/2)·Σ θ² over the non-bias weights:

    J(Θ) = (1/m) Σᵢ −[yᵢ ln ŷᵢ + (1 − yᵢ) ln(1 − ŷᵢ)] + (λ/2) Σ_{j≠0} θ²ᵢⱼ,

which the engine differentiates with `binary_cross_entropy` (from the logits z⁽³⁾) and
`l2_penalty` (λ·Σp², given λ/2) on the weights only. Two slips in the seed,
shown below by the engine: it says "imagine cost J = ½(ŷ − y)²", but δ⁽³⁾ = a⁽³⁾ − y is the
output error of the cross-entropy; for ½(ŷ − y)² it is (a⁽³⁾ − y)·g′(z⁽³⁾). And its element-wise
δ₁⁽²⁾ = θ₁₁⁽²⁾·δ₁⁽³⁾ forgets the factor g′(z₁⁽²⁾) that its vectorised form has.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from autograd_lite import Value, dot
from autograd_lite.examples._shared import grads, heading, leaves, max_abs_diff, num, table
from autograd_lite.nn import binary_cross_entropy, l2_penalty

LAMBDA = 0.1


def problem(seed: int = 4, m: int = 4) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Θ⁽¹⁾ (3×4), Θ⁽²⁾ (1×4), m inputs X (m×3) and labels y ∈ {0, 1}, all seeded."""
    rng = np.random.default_rng(seed)
    return rng.normal(0, 1, (3, 4)), rng.normal(0, 1, (1, 4)), rng.normal(0, 1, (m, 3)), np.array([1, 0, 1, 1.0])[:m]


def g(z: np.ndarray) -> np.ndarray:
    """The sigmoid g(z) = 1/(1 + e^−z)."""
    return 1.0 / (1.0 + np.exp(-z))


def seed_algorithm(
    theta1: np.ndarray, theta2: np.ndarray, X: np.ndarray, y: np.ndarray, lam: float = LAMBDA
) -> tuple[np.ndarray, np.ndarray]:
    """Seed 004's backpropagation algorithm in NumPy: (D⁽¹⁾, D⁽²⁾)."""
    delta_acc1, delta_acc2 = np.zeros_like(theta1), np.zeros_like(theta2)
    for x, target in zip(X, y):
        a1 = np.concatenate([[1.0], x])  # x₀ = 1
        a2 = np.concatenate([[1.0], g(theta1 @ a1)])  # a₀⁽²⁾ = 1
        a3 = g(theta2 @ a2)
        d3 = a3 - target
        d2 = (theta2.T @ d3)[1:] * a2[1:] * (1.0 - a2[1:])  # no δ for the bias unit
        delta_acc2 += np.outer(d3, a2)
        delta_acc1 += np.outer(d2, a1)
    m = len(X)
    D1, D2 = delta_acc1 / m + lam * theta1, delta_acc2 / m + lam * theta2
    D1[:, 0], D2[:, 0] = delta_acc1[:, 0] / m, delta_acc2[:, 0] / m  # j = 0: no regularisation
    return D1, D2


def forward(t1: list[list[Value]], t2: list[list[Value]], x: np.ndarray) -> dict[str, list[Value]]:
    """The forward pass with Values: z⁽²⁾, a⁽²⁾, z⁽³⁾, a⁽³⁾ (bias units are the constant 1)."""
    a1 = [1.0, *(float(v) for v in x)]  # plain numbers: constants of the graph
    z2 = [dot(row, a1) for row in t1]  # θ₀·1 + θ₁x₁ + θ₂x₂ + θ₃x₃, one node per unit
    a2 = [1.0, *(z.sigmoid() for z in z2)]
    z3 = [dot(row, a2) for row in t2]
    return {"z2": z2, "a2": a2[1:], "z3": z3, "a3": [z.sigmoid() for z in z3]}


def engine_gradient(
    theta1: np.ndarray, theta2: np.ndarray, X: np.ndarray, y: np.ndarray, lam: float = LAMBDA
) -> tuple[np.ndarray, np.ndarray]:
    """∂J/∂Θ⁽¹⁾, ∂J/∂Θ⁽²⁾ by backward() of the mean cross-entropy + l2_penalty on the non-bias weights."""
    t1, t2 = leaves(theta1, "Θ1"), leaves(theta2, "Θ2")
    data_loss = binary_cross_entropy([forward(t1, t2, x)["z3"][0] for x in X], y)  # the mean over the m examples
    weights = [row[j] for row in t1 + t2 for j in range(1, len(row))]  # column 0 holds the biases: not penalised
    J = data_loss + l2_penalty(weights, lam / 2)  # l2_penalty(p, μ) = μ·Σp², so μ = λ/2 gives the seed's λθ
    J.backward()
    return grads(t1), grads(t2)


def output_errors(theta1: np.ndarray, theta2: np.ndarray, x: np.ndarray, y: float) -> dict[str, float]:
    """For one example: ∂J/∂z⁽³⁾ for ½(ŷ − y)² and for the cross-entropy, and δ₁⁽²⁾ with and without g′."""
    squared = forward(leaves(theta1, "Θ1"), leaves(theta2, "Θ2"), x)
    (0.5 * (squared["a3"][0] - y) ** 2).backward()
    entropy = forward(leaves(theta1, "Θ1"), leaves(theta2, "Θ2"), x)
    binary_cross_entropy(entropy["z3"][0], y).backward()
    a3, a2_1 = entropy["a3"][0].data, entropy["a2"][0].data
    return {
        "half_squared": squared["z3"][0].grad,
        "cross_entropy": entropy["z3"][0].grad,
        "engine_delta2_1": entropy["z2"][0].grad,
        "g_prime_z2_1": a2_1 * (1.0 - a2_1),
        "a3": a3,
        "seed_delta3": a3 - y,
        "seed_delta2_1": float(theta2[0, 1]) * (a3 - y),  # θ₁₁⁽²⁾·δ₁⁽³⁾, as the seed writes it
    }


def sigmoid_derivative(z: float) -> tuple[float, float]:
    """(engine's dg/dz, g(z)(1 − g(z))) at z."""
    zv = Value(z, "z")
    zv.sigmoid().backward()
    s = float(g(np.array(z)))
    return zv.grad, s * (1.0 - s)


def main(out_dir: Path | None = None) -> None:
    """Print the lesson (no diagram)."""
    theta1, theta2, X, y = problem()
    heading("Seed 004: g'(z) = g(z)(1 − g(z))")
    table(["z", "engine dg/dz", "g(1−g)"], [[z, *sigmoid_derivative(z)] for z in (-2.0, 0.0, 0.7, 3.0)])

    heading(f"Seed 004's algorithm over m = {len(X)} examples, λ = {LAMBDA:g}, vs the engine with l2_penalty")
    D1, D2 = seed_algorithm(theta1, theta2, X, y)
    E1, E2 = engine_gradient(theta1, theta2, X, y)
    print(f"  D(2) = {np.round(D2[0], 6).tolist()}   (column 0 is the bias: no λθ; with it D(2)[0,0] would")
    print(f"  be {num(D2[0, 0] + LAMBDA * theta2[0, 0])}, not the gradient of J)")
    print(f"  ∂J/∂Θ(2) by the engine = {np.round(E2[0], 6).tolist()}")
    gaps = [["Θ(1)", "3×4", f"{max_abs_diff(D1, E1):.1e}"], ["Θ(2)", "1×4", f"{max_abs_diff(D2, E2):.1e}"]]
    table(["", "shape", "max |D − engine|"], gaps)

    heading("The seed's two slips, on example 1 (y = 1)")
    o = output_errors(theta1, theta2, X[0], float(y[0]))
    ce, half, g2 = num(o["cross_entropy"]), num(o["half_squared"]), num(o["g_prime_z2_1"])
    print(f"  δ(3) = a(3) − y = {num(o['seed_delta3'])}: the engine's ∂/∂z(3) of the cross-entropy is")
    print(f"  {ce}, but of the seed's 'J = ½(ŷ − y)²' it is {half} = (a − y)·g'(z).")
    print(f"  δ1(2) = θ11(2)·δ(3) = {num(o['seed_delta2_1'])} as written; the engine's ∂J/∂z1(2) is")
    print(f"  {num(o['engine_delta2_1'])} = θ11(2)·δ(3)·g'(z1(2)), with g'(z1(2)) = {g2}.")


if __name__ == "__main__":
    main()
