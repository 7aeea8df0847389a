"""`grad` and `value_and_grad`: derivatives of ordinary Python functions of floats."""

from __future__ import annotations

import numbers
from collections.abc import Callable
from typing import Any

import numpy as np

from autograd_lite.numeric import as_real
from autograd_lite.value import Value

ArgNums = int | tuple[int, ...]


def value_and_grad(f: Callable[..., Any], argnums: ArgNums = 0) -> Callable[..., tuple[float, Any]]:
    """A function returning (f(*args), ∂f/∂args[argnums]); a tuple of grads when argnums is a tuple.

    Every number argument reaches `f` as a `Value` (the ones not differentiated too, as constants whose
    gradient nobody asks for), so `f` may call Value methods on any of them:
    `grad(lambda x, y: x.tanh() * y, argnums=1)` works. Other arguments (a string, a list, a Value)
    pass through unchanged.

    >>> value_and_grad(lambda x, y: x * y, argnums=(0, 1))(3.0, 4.0)
    (12.0, (4.0, 3.0))
    """
    positions = _positions(argnums)
    name = getattr(f, "__name__", "f")

    def wrapped(*args: Any) -> tuple[float, Any]:
        for i in positions:
            if not -len(args) <= i < len(args):
                raise IndexError(f"argnums={argnums} but {name}() was called with {len(args)} arguments")
        inputs = {i % len(args): Value(as_real(args[i], f"{name}() argument {i}")) for i in positions}
        out = f(*(inputs[i] if i in inputs else _as_value(a) for i, a in enumerate(args)))
        if not isinstance(out, Value):
            value = as_real(out, f"the function {name}()'s result")  # a constant: every gradient is 0
            return value, _shape(argnums, [0.0 for _ in positions])
        out.backward()
        return out.data, _shape(argnums, [inputs[i % len(args)].grad for i in positions])

    return wrapped


def grad(f: Callable[..., Any], argnums: ArgNums = 0) -> Callable[..., Any]:
    """A function returning ∂f/∂args[argnums] (a tuple of them when argnums is a tuple).

    >>> grad(lambda x: x ** 3)(2.0)
    12.0
    """
    vg = value_and_grad(f, argnums)

    def wrapped(*args: Any) -> Any:
        return vg(*args)[1]

    return wrapped


def _as_value(arg: Any) -> Any:
    """A number as a Value (bools, which are ints too, and everything else unchanged)."""
    if isinstance(arg, numbers.Real) and not isinstance(arg, bool | np.bool_):
        return Value(arg)
    return arg


def _positions(argnums: object) -> tuple[int, ...]:
    """argnums as a tuple of argument positions; a TypeError naming anything but an int or a tuple of ints."""
    items = (argnums,) if isinstance(argnums, int) else argnums
    if isinstance(items, tuple | list) and all(isinstance(i, int) and not isinstance(i, bool) for i in items):
        return tuple(items)
    raise TypeError(f"argnums must be an int or a tuple of ints, got {type(argnums).__name__}: {argnums!r}")


def _shape(argnums: ArgNums, grads: list[float]) -> Any:
    return grads[0] if isinstance(argnums, int) else tuple(grads)
