"""Optimizers: SGD (momentum, weight decay) and Adam, step for step as torch.optim computes them."""

from __future__ import annotations

import math
from collections.abc import Iterable

from autograd_lite import Value
from autograd_lite.numeric import as_real


class Optimizer:
    """Updates `params` in place from their `.grad`; `lr` may be changed between steps (a schedule)."""

    def __init__(self, params: Iterable[Value], lr: float) -> None:
        self.params = list(params)
        if not self.params:
            raise ValueError(f"{type(self).__name__}() got an empty parameter list; pass model.parameters()")
        for p in self.params:
            if type(p) is not Value:
                raise TypeError(f"{type(self).__name__}() takes Values to optimise, got {type(p).__name__}: {p!r}")
        self.lr = _non_negative(lr, "lr")

    def zero_grad(self) -> None:
        """Set every parameter's grad to 0 before the next backward()."""
        for p in self.params:
            p.grad = 0.0

    def step(self) -> None:
        raise NotImplementedError


class SGD(Optimizer):
    """g = ∇ + λp; with momentum μ: v = μv + g (v = g on the first step), g = v; then p −= lr·g."""

    def __init__(self, params: Iterable[Value], lr: float, momentum: float = 0.0, weight_decay: float = 0.0) -> None:
        super().__init__(params, lr)
        self.momentum = _non_negative(momentum, "momentum")
        self.weight_decay = _non_negative(weight_decay, "weight_decay")
        self.velocity: list[float] | None = None

    def step(self) -> None:
        """One update of every parameter."""
        lr, mu, wd = self.lr, self.momentum, self.weight_decay
        if mu == 0.0 and wd == 0.0:  # plain gradient descent: the hot path of the benchmark
            for p in self.params:
                p.data -= lr * p.grad
            return
        grads = [p.grad + wd * p.data if wd else p.grad for p in self.params]
        if mu:
            v = self.velocity
            self.velocity = grads if v is None else [mu * vi + g for vi, g in zip(v, grads)]
            grads = self.velocity
        for p, g in zip(self.params, grads):
            p.data -= lr * g


class Adam(Optimizer):
    """m = β₁m + (1−β₁)g, v = β₂v + (1−β₂)g², p −= lr·(m/(1−β₁ᵗ)) / (√(v/(1−β₂ᵗ)) + ε)."""

    def __init__(
        self,
        params: Iterable[Value],
        lr: float = 1e-3,
        betas: tuple[float, float] = (0.9, 0.999),
        eps: float = 1e-8,
        weight_decay: float = 0.0,
    ) -> None:
        super().__init__(params, lr)
        b1, b2 = betas
        self.betas = (_fraction(b1, "betas[0]"), _fraction(b2, "betas[1]"))
        self.eps = _non_negative(eps, "eps")
        self.weight_decay = _non_negative(weight_decay, "weight_decay")
        self.t = 0
        self.m = [0.0] * len(self.params)
        self.v = [0.0] * len(self.params)

    def step(self) -> None:
        """One update of every parameter (t counts the steps for the bias corrections)."""
        b1, b2 = self.betas
        self.t += 1
        step_size = self.lr / (1.0 - b1**self.t)
        root_correction = math.sqrt(1.0 - b2**self.t)
        eps, wd, m, v = self.eps, self.weight_decay, self.m, self.v
        for i, p in enumerate(self.params):
            g = p.grad + wd * p.data if wd else p.grad
            m[i] = b1 * m[i] + (1.0 - b1) * g
            v[i] = b2 * v[i] + (1.0 - b2) * g * g
            p.data -= step_size * m[i] / (math.sqrt(v[i]) / root_correction + eps)


def _non_negative(x: object, name: str) -> float:
    value = as_real(x, f"optimizer {name}")
    if not value >= 0.0:
        raise ValueError(f"optimizer {name} must be ≥ 0, got {x!r}")
    return value


def _fraction(x: object, name: str) -> float:
    value = as_real(x, f"Adam {name}")
    if not 0.0 <= value < 1.0:
        raise ValueError(f"Adam {name} must be in [0, 1), got {x!r}")
    return value
