"""The StaleGradientWarning of a pass that adds to gradients on purpose: expected, and caught, by the test."""

import contextlib
import warnings
from collections.abc import Iterator

import pytest

from autograd_lite import StaleGradientWarning, Value, topological_order


@contextlib.contextmanager
def warns_if_leaves_hold_grads(root: Value) -> Iterator[None]:
    """Around backward() run again on `root`, or a Stepper started on it: a StaleGradientWarning is expected
    exactly when some leaf of root's graph holds a gradient as the pass starts, and no warning otherwise."""
    if any(not v.inputs and v.grad != 0.0 for v in topological_order(root)):
        with pytest.warns(StaleGradientWarning, match="still hold gradients from an earlier pass"):
            yield
    else:
        with warnings.catch_warnings():
            warnings.simplefilter("error", StaleGradientWarning)
            yield
