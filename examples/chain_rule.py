"""Lesson 1 — the chain rule, one node at a time (seed 000 §2.1; seed 004 §2, Figure 6).

Seed 000 asks for ∂f/∂x of f = (x + y)·z. The effect of x on f goes only through
t = x + y, so ∂f/∂x = ∂f/∂t · ∂t/∂x = z · 1 = z. Backpropagation is nothing more than this
step, applied from the output back to every input.

Seed 004 gives the same circuit with numbers: e = (a + b)·c at a = −12, b = 14, c = −10.
Forward: d = a + b = 2, e = d·c = −20. Backward, one node at a time:

    ∂e/∂c = d = 2,   ∂e/∂d = c = −10,
    ∂e/∂a = ∂e/∂d · ∂d/∂a = −10 · 1 = −10,   ∂e/∂b = −10 · 1 = −10.

The engine stores each local derivative (∂d/∂a = 1, ∂e/∂d = c, ...) as a number when the
node is made; `Stepper` pushes the gradient through one node per step and prints the chain
rule it applied. The seed then says "to drive e upwards we need to drive c up and don't
touch a or b". The gradients say the opposite: e is five times more sensitive to a and to b
than to c, and nudging a or b *down* raises e most. The lesson checks that with nudges.
"""

from __future__ import annotations

from pathlib import Path

from autograd_lite import Stepper, Value
from autograd_lite.examples._shared import heading, output_path, table


def f_and_df_dx(x: float, y: float, z: float) -> tuple[float, float]:
    """Seed 000 §2.1: f = (x + y)·z and the engine's ∂f/∂x (which is z)."""
    xv, yv, zv = Value(x, "x"), Value(y, "y"), Value(z, "z")
    f = (xv + yv) * zv
    f.backward()
    return f.data, xv.grad


def circuit(a: float = -12.0, b: float = 14.0, c: float = -10.0) -> dict[str, Value]:
    """Seed 004 Figure 6, forward only: d = a + b, e = d·c; the Values by name."""
    av, bv, cv = Value(a, "a"), Value(b, "b"), Value(c, "c")
    d = av + bv
    d.label = "d"
    e = d * cv
    e.label = "e"
    return {"a": av, "b": bv, "c": cv, "d": d, "e": e}


def figure_6(a: float = -12.0, b: float = 14.0, c: float = -10.0) -> dict[str, Value]:
    """Seed 004 Figure 6 after e.backward(): every node's .grad is ∂e/∂node."""
    nodes = circuit(a, b, c)
    nodes["e"].backward()
    return nodes


def nudges(h: float = 0.01) -> dict[str, float]:
    """How much e changes when one input of Figure 6 is raised by h (≈ h · ∂e/∂input)."""
    base = figure_6()["e"].data
    moved = {"a": figure_6(a=-12.0 + h), "b": figure_6(b=14.0 + h), "c": figure_6(c=-10.0 + h)}
    return {name: nodes["e"].data - base for name, nodes in moved.items()}


def main(out_dir: Path | None = None) -> None:
    """Print the lesson; with out_dir, save the circuit's diagram and an HTML walkthrough there."""
    heading("Seed 000 §2.1: f = (x + y)·z, so ∂f/∂x = z")
    for x, y, z in [(1.0, 2.0, 3.0), (-4.0, 0.5, -7.0)]:
        f, dfdx = f_and_df_dx(x, y, z)
        print(f"  x={x:g} y={y:g} z={z:g}:  f = {f:g}   ∂f/∂x = {dfdx:g}  (= z)")

    heading("Seed 004 Figure 6: e = (a + b)·c at a = -12, b = 14, c = -10")
    nodes = figure_6()
    print(f"  forward:  d = a + b = {nodes['d'].data:g}   e = d·c = {nodes['e'].data:g}")
    print("  backward, one node per step (autograd_lite.Stepper):")
    for step in Stepper(circuit()["e"]).run():  # a fresh graph: the stepper fills in its gradients
        for line in repr(step).splitlines():  # "step 1 of 2: e = d * c", then one chain-rule line per input
            print(f"    {line}")
    print("  gradients: " + ",  ".join(f"∂e/∂{k} = {nodes[k].grad:g}" for k in "abcd"))

    heading("Which way should a, b and c move to raise e?")
    print("  The seed: 'drive c up in local vicinity and don't touch a or b'. The engine, nudging each by +0.01:")
    moved = nudges()
    table(["input", "∂e/∂input", "e changes by"], [[k, nodes[k].grad, moved[k]] for k in "abc"])
    print("  e is 5x more sensitive to a and b than to c: lowering a or b raises e fastest.")

    svg = output_path(out_dir, "chain_rule.svg")
    if svg is not None:
        from autograd_lite.viz import draw_graph, save_walkthrough

        draw_graph(nodes["e"]).save(svg)
        stepper = Stepper(circuit()["e"])
        stepper.step()  # the diagram of the pass after its first step: e's gradient pushed to d and c
        first_step = svg.with_name("chain_rule_step1.svg")
        draw_graph(stepper.root, highlight=stepper).save(first_step)
        save_walkthrough(circuit()["e"], svg.with_suffix(".html"))
        print(f"\n  diagrams: {svg}, {first_step} (after step 1); walkthrough: {svg.with_suffix('.html')}")


if __name__ == "__main__":
    main()
