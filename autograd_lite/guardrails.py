"""Guardrails against the classic mistake: gradients left from an earlier pass, silently added to.

`backward()` accumulates into the leaves on purpose (gradients over several examples add up). What
confuses learners is running it twice on the *same* root, or stepping a graph whose leaves still hold
the last pass's gradients: every number comes out doubled. `StaleGradientWarning` says so, once per such
call; `zero_grad(root)` resets the graph. A different root (the next example, the next optimizer step)
stays silent: that is accumulation, and correct.

"Same root" is remembered without touching the nodes: the creation numbers of the last RECENT_ROOTS roots
backward() ran on (a creation number is never reused, unlike `id()`), in a bounded dict.
"""

from __future__ import annotations

import warnings
from typing import TYPE_CHECKING

from autograd_lite.graph import reverse_topological_order
from autograd_lite.naming import node_names

if TYPE_CHECKING:
    from autograd_lite.value import Value

RECENT_ROOTS = 256  # how many roots backward() remembers having run on: the bound on this module's memory
SHOW_LEAVES = 6  # a warning names at most this many leaves


class StaleGradientWarning(UserWarning):
    """Gradients from an earlier backward pass are about to be added to (silence it with `warnings`)."""


_backwarded: dict[int, None] = {}  # creation numbers of recent roots, oldest first


def note_backward(root: Value) -> None:
    """Called as backward() starts: warn when it already ran on `root` and root's leaves still hold gradients."""
    if root._id in _backwarded:
        _warn_if_stale(root, "backward() runs again on", "it adds to them", stacklevel=5)
    else:
        _remember(root)


def check_stepper_start(root: Value) -> None:
    """Called as a Stepper starts (before root's grad is seeded): warn when its leaves hold gradients.
    A Stepper's pass counts as a pass: backward() on the same root afterwards warns too."""
    _warn_if_stale(root, "Stepper starts on", "its steps add to them", stacklevel=4)
    _remember(root)


def _remember(root: Value) -> None:
    _backwarded[root._id] = None
    if len(_backwarded) > RECENT_ROOTS:
        del _backwarded[next(iter(_backwarded))]


def zero_grad(root: Value) -> None:
    """Set the grad of every node in `root`'s graph to 0, so that the next backward pass starts from 0."""
    for v in reverse_topological_order(root):
        v.grad = 0.0
    _backwarded.pop(root._id, None)


def _warn_if_stale(root: Value, what: str, effect: str, stacklevel: int) -> None:
    held = [v for v in reverse_topological_order(root) if not v.inputs and v.grad != 0.0]
    if not held:
        return
    names = node_names(root)
    shown = ", ".join(names[v] for v in reversed(held[-SHOW_LEAVES:]))
    if len(held) > SHOW_LEAVES:
        shown += f" and {len(held) - SHOW_LEAVES} more"
    warnings.warn(
        f"{what} {names[root]} while its leaves {shown} still hold gradients from an earlier pass, and "
        f"{effect} (each gradient comes out doubled); call autograd_lite.zero_grad({names[root]}) first",
        StaleGradientWarning,
        stacklevel=stacklevel,
    )
