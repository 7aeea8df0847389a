"""Where a `Stepper` is in the backward pass, node by node: what the highlighted diagram colours."""

from __future__ import annotations

from collections import Counter

from autograd_lite.stepper import Stepper
from autograd_lite.value import Value

# A node's state while stepping (the roles of viz.graph.STYLE):
ACTIVE = "active"  # its gradient was just pushed to its inputs (the last step)
FINAL = "final"  # every path from the root has reached it: its grad is ∂root/∂node
PARTIAL = "partial"  # some paths have reached it, not all: its grad is still a partial sum
WAITING = "waiting"  # no path has reached it yet
LEGEND = (  # what each state looks like and means, as the walkthrough's legend says it
    (ACTIVE, "pushing its gradient to its inputs in this step, along the thick edges (dark fill)"),
    (FINAL, "grad final: every path from the output has reached it (solid border)"),
    (PARTIAL, "grad so far a partial sum: more paths still to come (dashed border)"),
    (WAITING, "not reached yet (dotted border, faded)"),
)


def progress(stepper: Stepper, order: list[Value]) -> dict[Value, str]:
    """The state of each node of `order` (the stepper's graph, topologically sorted) after the steps done so far.

    A node's grad is final once every node that uses it has pushed its gradient; a node used twice
    (a * a) counts twice. The root's grad, 1, is final from the start.
    """
    uses: Counter[Value] = Counter(x for v in order for x in v.inputs)
    reached: Counter[Value] = Counter(x for step in stepper.history for x in step.inputs)
    states = {}
    for v in order:
        if reached[v] == uses[v]:
            states[v] = FINAL
        else:
            states[v] = PARTIAL if reached[v] else WAITING
    if stepper.history:
        states[stepper.history[-1].node] = ACTIVE
    return states
