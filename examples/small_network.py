"""Lesson 3 — backpropagation in a small network, by hand and by the engine (seed 000 §2.3).

The network of seed 000 §2.3: one input x (x₀ = 1 is the bias unit), two hidden neurons
and one output neuron ŷ, all with the activation g (here the sigmoid, g′ = g(1 − g)), and
the squared error e = (y − ŷ)². Layers are numbered 1 (input), 2 (hidden), 3 (output):

    z²ⱼ = w²ⱼ₁ x + b²ⱼ,  a²ⱼ = g(z²ⱼ)   (j = 1, 2)
    z³  = w³₁₁ a²₁ + w³₁₂ a²₂ + b³₁,  ŷ = g(z³)

Equations (1)–(4) of the seed give, with δ³ = 2(ŷ − y)g′(z³):

    ∂e/∂b³₁  = δ³                    ∂e/∂w³₁₁ = a²₁ δ³          ∂e/∂w³₁₂ = a²₂ δ³
    ∂e/∂b²₁  = δ³ w³₁₁ g′(z²₁)        ∂e/∂w²₁₁ = δ³ w³₁₁ g′(z²₁) x
    ∂e/∂b²₂  = δ³ w³₁₂ g′(z²₂)        ∂e/∂w²₂₁ = δ³ w³₁₂ g′(z²₂) x

The engine never sees these formulas: it multiplies the local derivatives it stored in the
forward pass. The two columns agree to the last bit or two of a float64. Over a data set the
error is the mean e = (1/n) Σ (yᵢ − ŷᵢ)², and its gradient is the mean of the per-point
gradients, which the engine also shows.
"""

from __future__ import annotations

import math
from pathlib import Path

from autograd_lite import Value
from autograd_lite.examples._shared import heading, num, output_path, table

# The weights and biases (any numbers work; these are the network's "random" initialisation).
PARAMS = {"w2_11": 0.15, "w2_21": -0.4, "b2_1": 0.1, "b2_2": 0.2, "w3_11": 0.7, "w3_12": -0.3, "b3_1": 0.05}
X, Y = 0.5, 1.0  # one training point: input x and target y


def sigmoid(z: float) -> float:
    """g(z) = 1/(1 + e^−z)."""
    return 1.0 / (1.0 + math.exp(-z))


def forward(params: dict[str, Value], x: float | Value) -> Value:
    """The network's output ŷ = g(w³₁₁ g(w²₁₁x + b²₁) + w³₁₂ g(w²₂₁x + b²₂) + b³₁)."""
    a2_1 = (params["w2_11"] * x + params["b2_1"]).sigmoid()
    a2_2 = (params["w2_21"] * x + params["b2_2"]).sigmoid()
    return (params["w3_11"] * a2_1 + params["w3_12"] * a2_2 + params["b3_1"]).sigmoid()


def error(params: dict[str, Value], x: float | Value = X, y: float = Y) -> Value:
    """The squared error e = (y − ŷ)² of one point."""
    return (y - forward(params, x)) ** 2


def engine_gradients(x: float = X, y: float = Y) -> tuple[float, dict[str, float]]:
    """e = (y − ŷ)² and ∂e/∂p for every parameter p, by backward()."""
    params = {name: Value(v, name) for name, v in PARAMS.items()}
    e = error(params, x, y)
    e.backward()
    return e.data, {name: p.grad for name, p in params.items()}


def closed_forms(x: float = X, y: float = Y) -> dict[str, float]:
    """The seed's formulas of §2.3, evaluated with plain floats."""
    p = PARAMS
    z2_1, z2_2 = p["w2_11"] * x + p["b2_1"], p["w2_21"] * x + p["b2_2"]
    a2_1, a2_2 = sigmoid(z2_1), sigmoid(z2_2)
    y_hat = sigmoid(p["w3_11"] * a2_1 + p["w3_12"] * a2_2 + p["b3_1"])
    g3 = y_hat * (1 - y_hat)  # g′(z³) = g(z³)(1 − g(z³))
    g2_1, g2_2 = a2_1 * (1 - a2_1), a2_2 * (1 - a2_2)
    delta3 = 2 * (y_hat - y) * g3
    return {
        "w2_11": delta3 * p["w3_11"] * g2_1 * x,
        "w2_21": delta3 * p["w3_12"] * g2_2 * x,
        "b2_1": delta3 * p["w3_11"] * g2_1,
        "b2_2": delta3 * p["w3_12"] * g2_2,
        "w3_11": a2_1 * delta3,
        "w3_12": a2_2 * delta3,
        "b3_1": delta3,
    }


def mean_error_gradient(points: list[tuple[float, float]]) -> tuple[dict[str, float], dict[str, float]]:
    """∂/∂p of e = (1/n) Σ (yᵢ − ŷᵢ)² by the engine, and the mean of the per-point closed forms."""
    params = {name: Value(v, name) for name, v in PARAMS.items()}
    e = sum((error(params, x, y) for x, y in points), Value(0.0)) / len(points)
    e.backward()
    per_point = [closed_forms(x, y) for x, y in points]
    mean = {name: sum(g[name] for g in per_point) / len(points) for name in PARAMS}
    return {name: p.grad for name, p in params.items()}, mean


def main(out_dir: Path | None = None) -> None:
    """Print the lesson; with out_dir, save the network's graph there."""
    heading(f"Seed 000 §2.3: one input, two hidden sigmoid neurons, one output; x = {X:g}, y = {Y:g}")
    e, engine = engine_gradients()
    formulas = closed_forms()
    print(f"  e = (y - ŷ)² = {num(e)}")
    rows = [[name, formulas[name], engine[name], abs(formulas[name] - engine[name])] for name in PARAMS]
    table(["∂e/∂", "seed's closed form", "engine (backward)", "|difference|"], rows)

    heading("Over a data set: the gradient of the mean error is the mean of the gradients")
    points = [(0.5, 1.0), (-1.0, 0.0), (2.0, 1.0)]
    by_engine, by_formula = mean_error_gradient(points)
    worst = max(abs(by_engine[k] - by_formula[k]) for k in PARAMS)
    print(f"  3 points: ∂e/∂w2_11 = {num(by_engine['w2_11'])} (engine) vs {num(by_formula['w2_11'])} (mean of")
    print(f"  the closed forms); largest difference over all 7 parameters: {worst:.1e}")

    svg = output_path(out_dir, "small_network.svg")
    if svg is not None:
        from autograd_lite.viz import draw_graph

        params = {name: Value(v, name) for name, v in PARAMS.items()}
        e = error(params, Value(X, "x"))
        e.label = "e"
        e.backward()
        draw_graph(e).save(svg)
        print(f"\n  diagram: {svg}")


if __name__ == "__main__":
    main()
