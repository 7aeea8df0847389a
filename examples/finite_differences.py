"""Lesson 8 — finite differences vs backpropagation: cost and accuracy (seed 000 §2.4).

Seed 000 §2.4: finite differences perturb one weight at a time and make a forward pass for
each, while backpropagation needs one forward and one backward pass for all of them. With
central differences (f(θ + ε) − f(θ − ε)) / 2ε that is 2n forward passes for n parameters:
the cost grows with the size of the network, backprop's does not.

Finite differences are also approximate. The error of the quotient has two parts: the
truncation error of the formula (about ε·f″/2 for the one-sided quotient, ε²·f‴/6 for the
central one) falls as ε shrinks, while the rounding error of the subtraction, about
10⁻¹⁶·|f|/ε, grows. The best one can do is about 10⁻⁸ (one-sided) or 10⁻¹¹ (central), at a
well-chosen ε; backpropagation is exact up to the rounding of each multiplication.

That is why finite differences are used only to *check* backprop: `gradcheck(f, inputs)`
compares the two for every input and prints the table. (Seed 000 §2.4.1 goes further and
blames exploding gradients on the inaccuracy of finite differences; they come from the
product of many layers' derivatives instead, and exact backprop shows them too: see the
lesson `saturation`.)
"""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np

from autograd_lite import Value, gradcheck, no_grad
from autograd_lite.examples import small_network
from autograd_lite.examples._shared import heading, table
from autograd_lite.nn import MLP, mse_loss

X_BATCH = np.array([[0.5, -1.0], [1.5, 0.3], [-0.7, 0.8], [0.1, 0.1]])
Y_BATCH = np.array([0.3, -0.2, 0.8, 0.0])


def small_network_error(
    w2_11: Value, w2_21: Value, b2_1: Value, b2_2: Value, w3_11: Value, w3_12: Value, b3_1: Value
) -> Value:
    """Seed 000 §2.3's e = (y − ŷ)² as a function of its seven parameters (for gradcheck)."""
    params = {"w2_11": w2_11, "w2_21": w2_21, "b2_1": b2_1, "b2_2": b2_2, "w3_11": w3_11, "w3_12": w3_12, "b3_1": b3_1}
    return small_network.error(params)


def check_small_network():
    """gradcheck of seed 000 §2.3's network at its parameters: the report (truthy when all agree)."""
    return gradcheck(small_network_error, list(small_network.PARAMS.values()))


def cost(hidden: int, seed: int = 0) -> dict[str, float]:
    """For an MLP(2, [hidden, hidden, 1]) on 4 points: n, forward passes and seconds, by backprop and by differences."""
    model = MLP(2, [hidden, hidden, 1], activation="tanh", output_activation=None, seed=seed)
    params = model.parameters()
    passes = 0

    def loss() -> Value:
        nonlocal passes
        passes += 1
        return mse_loss([model(x) for x in X_BATCH], Y_BATCH)

    start = time.perf_counter()
    loss().backward()
    backprop_seconds = time.perf_counter() - start
    backprop_passes, passes = passes, 0

    start = time.perf_counter()
    numeric = []
    with no_grad():
        for p in params:
            p.data += 1e-6
            up = loss().data
            p.data -= 2e-6
            down = loss().data
            p.data += 1e-6
            numeric.append((up - down) / 2e-6)
    differences_seconds = time.perf_counter() - start
    worst = max(abs(n - p.grad) for n, p in zip(numeric, params))
    return {
        "n": len(params),
        "backprop_passes": backprop_passes,
        "difference_passes": passes,
        "backprop_seconds": backprop_seconds,
        "difference_seconds": differences_seconds,
        "max_abs_difference": worst,
    }


def accuracy(name: str = "w3_11", epsilons: tuple[float, ...] = tuple(10.0**-k for k in range(1, 14, 2))):
    """|quotient − backprop| for ∂e/∂name of seed 000 §2.3's error: (ε, one-sided error, central error) rows."""
    _, exact = small_network.engine_gradients()

    def e(shift: float) -> float:
        with no_grad():
            params = {k: Value(v + (shift if k == name else 0.0)) for k, v in small_network.PARAMS.items()}
            return small_network.error(params).data

    rows = []
    for eps in epsilons:
        one_sided = (e(eps) - e(0.0)) / eps
        central = (e(eps) - e(-eps)) / (2 * eps)
        rows.append((eps, abs(one_sided - exact[name]), abs(central - exact[name])))
    return rows


def main(out_dir: Path | None = None) -> None:
    """Print the lesson (no diagram)."""
    heading("gradcheck: seed 000 §2.3's network, backprop vs central differences")
    for line in str(check_small_network()).splitlines():
        print(f"  {line}")

    heading("Cost: forward passes for every gradient of an MLP(2, [h, h, 1]) on 4 points")
    rows = []
    for hidden in (4, 8, 16):
        c = cost(hidden)
        rows.append(
            [
                c["n"],
                f"1 + backward ({c['backprop_seconds'] * 1e3:.1f} ms)",
                f"{c['difference_passes']} ({c['difference_seconds'] * 1e3:.0f} ms)",
                f"{c['max_abs_difference']:.0e}",
            ]
        )
    table(["parameters n", "backprop", "central differences", "max |difference|"], rows)

    heading("Accuracy: ∂e/∂w3_11 by difference quotients, error against backprop")
    table(
        ["ε", "one-sided (f(θ+ε)−f(θ))/ε", "central (f(θ+ε)−f(θ−ε))/2ε"],
        [[f"1e{round(np.log10(eps))}", f"{a:.1e}", f"{b:.1e}"] for eps, a, b in accuracy()],
    )
    print("  Too large an ε: truncation error; too small: rounding error. Backprop has neither.")


if __name__ == "__main__":
    main()
