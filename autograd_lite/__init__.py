"""autograd-lite: a scalar reverse-mode autodiff engine for seeing backpropagation work."""

from autograd_lite.anomaly import detect_anomaly
from autograd_lite.explain import explain
from autograd_lite.foreign import from_micrograd
from autograd_lite.functional import grad, value_and_grad
from autograd_lite.grad_mode import no_grad
from autograd_lite.gradcheck import gradcheck
from autograd_lite.graph import topological_order
from autograd_lite.guardrails import StaleGradientWarning, zero_grad
from autograd_lite.labels import name_nodes
from autograd_lite.ops import dot, log_softmax, logsumexp, node, softmax
from autograd_lite.ops import sum as sum  # public as autograd_lite.sum, kept out of __all__
from autograd_lite.stepper import Step, Stepper
from autograd_lite.value import Value

# `from autograd_lite import *` brings no name that shadows a Python builtin: `sum` is `autograd_lite.sum`.
__all__ = [
    "StaleGradientWarning",
    "Step",
    "Stepper",
    "Value",
    "detect_anomaly",
    "dot",
    "explain",
    "from_micrograd",
    "grad",
    "gradcheck",
    "log_softmax",
    "logsumexp",
    "name_nodes",
    "no_grad",
    "node",
    "softmax",
    "topological_order",
    "value_and_grad",
    "zero_grad",
]
