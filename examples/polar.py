"""Lesson 2 — the multivariable chain rule: two paths that cancel (seed 000 §1.3).

When θ reaches f along several paths, the chain rule adds one product of local derivatives
per path:  ∂f/∂θ = ∂f/∂x · ∂x/∂θ + ∂f/∂y · ∂y/∂θ.

Seed 000 takes f = x² + y² with x = r cos θ and y = r sin θ:

    ∂f/∂θ = (2x)(−r sin θ) + (2y)(r cos θ)
          = (2r cos θ)(−r sin θ) + (2r sin θ)(r cos θ) = 0,

and likewise ∂f/∂r = 2x cos θ + 2y sin θ = 2r. Of course: f = r², whatever θ is. The engine
does not know that identity. It records cos θ, sin θ, the products and the squares, and
backward adds the two paths from θ; `explain(f, θ)` writes both paths out with their numbers,
so you can watch them cancel. The point used is r = 2, θ = π/6 (30°), where x = √3, y = 1.
"""

from __future__ import annotations

import math
from pathlib import Path

from autograd_lite import Value, explain
from autograd_lite.examples._shared import heading, num, output_path


def polar(r: float = 2.0, theta: float = math.pi / 6) -> dict[str, Value]:
    """f = x² + y² with x = r cos θ, y = r sin θ, after f.backward(); the Values by name."""
    rv, tv = Value(r, "r"), Value(theta, "θ")
    cos, sin = tv.cos(), tv.sin()
    cos.label, sin.label = "cos θ", "sin θ"
    x, y = rv * cos, rv * sin
    x.label, y.label = "x", "y"
    x2, y2 = x**2, y**2
    x2.label, y2.label = "x²", "y²"
    f = x2 + y2
    f.label = "f"
    f.backward()
    return {"r": rv, "θ": tv, "x": x, "y": y, "f": f}


def path_terms(r: float = 2.0, theta: float = math.pi / 6) -> tuple[float, float]:
    """Seed 000's two terms of ∂f/∂θ: (2x)(−r sin θ) through x and (2y)(r cos θ) through y."""
    x, y = r * math.cos(theta), r * math.sin(theta)
    return (2 * x) * (-r * math.sin(theta)), (2 * y) * (r * math.cos(theta))


def main(out_dir: Path | None = None) -> None:
    """Print the lesson; with out_dir, save the graph's diagram there."""
    nodes = polar()
    r, theta, f = nodes["r"], nodes["θ"], nodes["f"]
    heading("Seed 000 §1.3: f = x² + y², x = r cos θ, y = r sin θ at r = 2, θ = π/6")
    print(f"  x = {num(nodes['x'].data)}  y = {num(nodes['y'].data)}  f = {num(f.data)} (= r²)")
    via_x, via_y = path_terms()
    print(f"  the seed's two terms: (2x)(-r sin θ) = {num(via_x)},  (2y)(r cos θ) = {num(via_y)}")
    print(f"  engine: ∂f/∂θ = {num(theta.grad)}   ∂f/∂r = {num(r.grad)} (= 2r)")

    heading("explain(f, θ): every path from θ to f, multiplied out and added")
    why = explain(f, theta)
    for line in str(why).splitlines():
        print(f"  {line}")
    via_x = sum(path.product for path in why.paths if nodes["x"] in path.nodes)
    via_y = sum(path.product for path in why.paths if nodes["y"] in path.nodes)
    print(f"  The path through x contributes {num(via_x)}, the path through y {num(via_y)}: they cancel.")
    heading("explain(f, r)")
    for line in str(explain(f, r)).splitlines():
        print(f"  {line}")

    svg = output_path(out_dir, "polar.svg")
    if svg is not None:
        from autograd_lite.viz import draw_graph

        draw_graph(f).save(svg)
        print(f"\n  diagram: {svg}")


if __name__ == "__main__":
    main()
