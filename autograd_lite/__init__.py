"""autograd-lite: a scalar reverse-mode autodiff engine for seeing backpropagation work."""

from autograd_lite.anomaly import detect_anomaly
from autograd_lite.explain import explain
from autograd_lite.foreign import from_micrograd
from autograd_lite.functional import grad, value_and_grad
from autograd_lite.grad_mode import no_grad
from autograd_lite.gradcheck import gradcheck
from autograd_lite.graph import topological_order
from autograd_lite.ops import dot, log_softmax, logsumexp, softmax, sum
from autograd_lite.stepper import Step, Stepper
from autograd_lite.value import Value

__all__ = [
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
    "no_grad",
    "softmax",
    "sum",
    "topological_order",
    "value_and_grad",
]
