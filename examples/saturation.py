"""Lesson 9 — saturation: why deep sigmoid networks learn slowly (seed 002, "Saturation").

Seed 002: "the derivative of the logistic function decays exponentially fast to zero as we
move away from the origin … the derivative of the ReLU function is always unity for positive z."
The engine's local derivatives show it: σ′(z) = σ(1 − σ) is at most 1/4 (at z = 0) and about
e^−|z| far out, while relu′(z) is exactly 1 for every z > 0 (and 0 for z ≤ 0).

Backpropagation multiplies one local derivative per layer. Through a chain of n sigmoids the
gradient is a product of n numbers ≤ 1/4, so it shrinks at least like 4⁻ⁿ: the first layers
of a deep sigmoid network barely learn (vanishing gradients). Through ReLUs on their active
side it stays 1. The same product explains the opposite problem: weights larger than 1 make
it grow like wⁿ (exploding gradients). Seed 000 §2.4.1 blames exploding gradients on the
inaccuracy of finite differences, but they come from this product: the exact gradients that
backpropagation computes explode too, as the last table shows.
"""

from __future__ import annotations

from pathlib import Path

from autograd_lite import Value
from autograd_lite.examples._shared import heading, table

ZS = [0.0, 2.0, 5.0, 10.0, 20.0, -5.0]
DEPTHS = [1, 2, 5, 10, 20]


def local_derivatives(z: float) -> tuple[float, float]:
    """(dσ/dz, drelu/dz) at z, by the engine."""
    out = []
    for activation in ("sigmoid", "relu"):
        zv = Value(z, "z")
        getattr(zv, activation)().backward()
        out.append(zv.grad)
    return out[0], out[1]


def chain_gradient(depth: int, activation: str, weight: float = 1.0, x: float = 0.5) -> float:
    """∂a/∂x for a = f(w·f(w·…f(w·x))) with `depth` layers of activation f ("sigmoid", "relu", None)."""
    xv = Value(x, "x")
    a = xv
    for _ in range(depth):
        a = a * weight
        if activation is not None:
            a = getattr(a, activation)()
    a.backward()
    return xv.grad


def main(out_dir: Path | None = None) -> None:
    """Print the lesson (no diagram)."""
    heading("Seed 002: the local derivative of the sigmoid vanishes for large |z|; ReLU's does not")
    table(["z", "σ'(z) (engine)", "relu'(z) (engine)"], [[z, *local_derivatives(z)] for z in ZS])

    heading("∂a/∂x through a chain of n layers a ← f(w·a), w = 1, x = 0.5")
    rows = [[n, chain_gradient(n, "sigmoid"), 0.25**n, chain_gradient(n, "relu")] for n in DEPTHS]
    table(["n", "sigmoid chain", "bound 0.25^n", "relu chain"], rows)

    heading("The same product explodes: linear layers with w = 1.5 (exact backprop, no finite differences)")
    table(["n", "∂a/∂x", "1.5^n"], [[n, chain_gradient(n, None, weight=1.5), 1.5**n] for n in DEPTHS])


if __name__ == "__main__":
    main()
