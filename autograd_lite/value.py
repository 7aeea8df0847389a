"""`Value`: a real number that remembers how it was computed."""

from __future__ import annotations

from collections.abc import Callable
from itertools import count
from typing import Union

from autograd_lite import backprop
from autograd_lite import grad_mode as modes
from autograd_lite.anomaly import forward_error, newly_non_finite
from autograd_lite.grad_mode import grad_mode
from autograd_lite.numeric import as_real
from autograd_lite.record import LEAF, Op
from autograd_lite.text import number

Operand = Union["Value", int, float]
_next_id = count().__next__
_new = object.__new__


class Value:
    """A scalar node of the computational graph.

    `data` is the forward value, `grad` is ∂root/∂self after `root.backward()`, `op` names
    the operation that made it (`""` for a leaf), `inputs` are the Values it was computed
    from (in order, duplicates kept) and `local_grads` the number ∂self/∂input for each.
    A plain number in an expression is a constant: it is folded into the op, not an input;
    the node keeps it (`x ** 2` keeps the 2) beside its op's record, for printing.
    """

    # No __dict__ and no closures: a node is small and the graph has no reference cycles.
    # `_id` is the creation number: inputs are always older, so it sorts the graph. `_record` is the op's
    # record (ops.py), `_constant` the plain number folded into it, or None.
    __slots__ = ("_constant", "_id", "_record", "data", "grad", "inputs", "label", "local_grads")
    __array_ufunc__ = None  # NumPy scalars on the left defer to Value's reflected operators

    def __init__(self, data: int | float, label: str = "") -> None:
        if not isinstance(label, str):
            raise TypeError(f"Value() label must be a str, got {type(label).__name__}: {label!r}")
        self.data = as_real(data)
        self.grad = 0.0
        self.label = label
        self._record = LEAF
        self._constant: float | None = None
        self.inputs: tuple[Value, ...] = ()
        self.local_grads: tuple[float, ...] = ()
        self._id = _next_id()

    def __init_subclass__(cls) -> None:
        raise TypeError("Value cannot be subclassed: its operators dispatch on the exact type for speed")

    @property
    def op(self) -> str:
        """The name of the operation that made this node: "+", "*", "tanh", ...; "" for a leaf."""
        return self._record.name

    def backward(self) -> None:
        """Fill `.grad` of every node this one depends on with ∂self/∂node (leaves accumulate)."""
        backprop.backward(self)

    # The lecture's and micrograd's names, read from what the node stores (no slot, no closure per node):
    @property
    def _prev(self) -> set[Value]:
        """The set of distinct inputs, as micrograd keeps them (`inputs` keeps their order and duplicates)."""
        return set(self.inputs)

    @property
    def _op(self) -> str:
        """micrograd's name for `op`."""
        return self._record.name

    def _backward(self) -> None:
        """The lecture's manual step `o._backward()`: input.grad += ∂self/∂input · self.grad for each input."""
        backprop.push(self)

    def __repr__(self) -> str:
        text = f"Value(data={number(self.data, 6)}, grad={number(self.grad, 6)}"
        if self.op:
            text += f", op={self.op!r}"
        if self.label:
            text += f", label={self.label!r}"
        return text + ")"

    def _repr_html_(self) -> str:
        """Jupyter: a one-row table of label, data, grad and op (the text repr stays for terminals)."""
        from autograd_lite.rich import value_html

        return value_html(self.label, self.data, self.grad, self.op)

    def __pos__(self) -> Value:
        return self

    # The operators and math methods are the functions of the derivative table in ops.py, bound there
    # directly (no extra call per operation; the package's __init__ imports ops). Their signatures:
    __add__: Callable[[Value, Operand], Value]
    __radd__: Callable[[Value, Operand], Value]
    __sub__: Callable[[Value, Operand], Value]
    __rsub__: Callable[[Value, Operand], Value]
    __mul__: Callable[[Value, Operand], Value]
    __rmul__: Callable[[Value, Operand], Value]
    __truediv__: Callable[[Value, Operand], Value]
    __rtruediv__: Callable[[Value, Operand], Value]
    __pow__: Callable[[Value, Operand], Value]
    __rpow__: Callable[[Value, Operand], Value]
    __neg__: Callable[[Value], Value]
    __abs__: Callable[[Value], Value]
    exp: Callable[[Value], Value]
    log: Callable[[Value], Value]
    tanh: Callable[[Value], Value]
    sigmoid: Callable[[Value], Value]
    relu: Callable[[Value], Value]
    leaky_relu: Callable[..., Value]
    sqrt: Callable[[Value], Value]
    sin: Callable[[Value], Value]
    cos: Callable[[Value], Value]
    abs: Callable[[Value], Value]


def result(
    record: Op, data: float, inputs: tuple[Value, ...], local_grads: tuple[float, ...], constant: float | None = None
) -> Value:
    """A new node made by the op of `record` (a leaf when recording is off, inside `no_grad()`)."""
    out = _new(Value)
    out.data = data
    out.grad = 0.0
    out.label = ""
    if modes.everywhere_fast or grad_mode.fast:  # recording, no anomaly check: the one test every op pays
        out._record = record
        out._constant = constant
        out.inputs = inputs
        out.local_grads = local_grads
    else:
        _unusual_result(out, record, inputs, local_grads, constant)
    out._id = _next_id()
    return out


def _unusual_result(
    out: Value, record: Op, inputs: tuple[Value, ...], local_grads: tuple[float, ...], constant: float | None
) -> None:
    """Finish `out` inside `no_grad()` (a leaf) and/or `detect_anomaly()` (raise at a new nan/inf)."""
    out._record, out._constant, out.inputs, out.local_grads = record, constant, inputs, local_grads
    if grad_mode.anomaly and newly_non_finite(out.data, *(x.data for x in inputs)):
        raise forward_error(out)
    if not grad_mode.enabled:
        out._record, out._constant, out.inputs, out.local_grads = LEAF, None, (), ()


def constant(x: object, op: str) -> float:
    """A plain-number operand as a float; a TypeError naming anything that is not a real number."""
    try:
        return as_real(x, f"the {op!r} operation")
    except TypeError:
        raise TypeError(
            f"unsupported operand for {op!r}: {type(x).__name__} {x!r}; use a Value or a real number"
        ) from None


def data_of(x: Operand, op: str) -> float:
    """The number behind an operand: a Value's data, or a constant."""
    kind = type(x)
    if kind is Value:
        return x.data
    return x if kind is float else constant(x, op)

