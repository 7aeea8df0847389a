"""Lesson 6 — seed 003's two-layer sigmoid network: equations (A) and (B), then gradient descent.

Seed 003 follows one path through a network, a⁰ → a¹ → a² with one sigmoid neuron per layer:

    z¹ = w¹a⁰ + b¹,  a¹ = σ(z¹),  z² = w²a¹ + b²,  a² = σ(z²),  C = ½‖y − a²‖².

The chain rule ∂C/∂wˡ = ∂zˡ/∂wˡ · ∂aˡ/∂zˡ · ∂C/∂aˡ gives its two equations

    (A)  ∂C/∂w² = a¹ · σ′(z²) · (a² − y)
    (B)  ∂C/∂w¹ = a⁰ · σ′(z¹) · (a² − y) · σ′(z²) · w²

and the engine gets the same numbers without being told them. One slip in the seed: its
line (a) writes ∂aˡ/∂zˡ = σ′(aˡ) ("the derivative of Sigmoid with respect to Weight"). The
derivative is taken with respect to zˡ and evaluated there: σ′(zˡ) = σ(zˡ)(1 − σ(zˡ)) = aˡ(1 − aˡ).
Evaluating σ′ at aˡ instead gives a different number, shown below.

Then the seed's update rule W ← W − η · ∂C/∂W, repeated, drives the cost down.
"""

from __future__ import annotations

import math
from pathlib import Path

from autograd_lite import Value
from autograd_lite.examples._shared import heading, num, output_path, table

START = {"w1": 0.8, "b1": 0.2, "w2": 1.2, "b2": 0.3}
X, Y = 1.5, 0.1  # the training example: a⁰ = x and the target y


def sigmoid_prime(z: float) -> float:
    """σ′(z) = σ(z)(1 − σ(z))."""
    s = 1.0 / (1.0 + math.exp(-z))
    return s * (1.0 - s)


def cost(params: dict[str, Value], x: float = X, y: float = Y) -> dict[str, Value]:
    """The forward pass; its nodes by name (a1, a2, C, ...)."""
    z1 = params["w1"] * x + params["b1"]
    a1 = z1.sigmoid()
    z2 = params["w2"] * a1 + params["b2"]
    a2 = z2.sigmoid()
    C = 0.5 * (y - a2) ** 2
    for node, name in ((z1, "z1"), (a1, "a1"), (z2, "z2"), (a2, "a2"), (C, "C")):
        node.label = name
    return {"z1": z1, "a1": a1, "z2": z2, "a2": a2, "C": C}


def equations_a_b(p: dict[str, float] = START, x: float = X, y: float = Y) -> dict[str, float]:
    """The seed's (A) and (B) with plain floats, and the engine's ∂C/∂w², ∂C/∂w¹."""
    params = {k: Value(v, k) for k, v in p.items()}
    nodes = cost(params, x, y)
    nodes["C"].backward()
    a1, a2, z1, z2 = (nodes[k].data for k in ("a1", "a2", "z1", "z2"))
    return {
        "A": a1 * sigmoid_prime(z2) * (a2 - y),
        "B": x * sigmoid_prime(z1) * (a2 - y) * sigmoid_prime(z2) * p["w2"],
        "engine_w2": params["w2"].grad,
        "engine_w1": params["w1"].grad,
        "sigma_prime_at_a2": sigmoid_prime(a2),
        "sigma_prime_at_z2": sigmoid_prime(z2),
        "a2(1-a2)": a2 * (1.0 - a2),
    }


def gradient_descent(lr: float = 2.0, steps: int = 50) -> list[float]:
    """C after 0, 1, …, steps updates W ← W − lr·∂C/∂W (all four parameters)."""
    p = dict(START)
    history = []
    for _ in range(steps + 1):
        params = {k: Value(v, k) for k, v in p.items()}
        C = cost(params)["C"]
        C.backward()
        history.append(C.data)
        p = {k: v.data - lr * v.grad for k, v in params.items()}
    return history


def main(out_dir: Path | None = None) -> None:
    """Print the lesson; with out_dir, save the graph's diagram there."""
    r = equations_a_b()
    heading(f"Seed 003: a0 = x = {X:g} → a1 = σ(z1) → a2 = σ(z2), C = ½(y − a2)² with y = {Y:g}")
    print("  " + ", ".join(f"{k} = {v:g}" for k, v in START.items()))
    table(
        ["", "seed's equation", "engine (backward)"],
        [["(A) ∂C/∂w2", r["A"], r["engine_w2"]], ["(B) ∂C/∂w1", r["B"], r["engine_w1"]]],
    )
    print(f"  line (a) says ∂a2/∂z2 = σ'(a2) = {num(r['sigma_prime_at_a2'])}: wrong point. The engine's local")
    print(f"  derivative is σ'(z2) = a2(1 − a2) = {num(r['a2(1-a2)'])}, which (A) and (B) above use.")

    heading("Gradient descent, W ← W − η·∂C/∂W with η = 2")
    history = gradient_descent()
    print("  " + "   ".join(f"step {i}: C = {history[i]:.4g}" for i in (0, 1, 5, 20, 50)))

    svg = output_path(out_dir, "two_layer_sigmoid.svg")
    if svg is not None:
        from autograd_lite.viz import draw_graph

        C = cost({k: Value(v, k) for k, v in START.items()})["C"]
        C.backward()
        draw_graph(C).save(svg)
        print(f"\n  diagram: {svg}")


if __name__ == "__main__":
    main()
